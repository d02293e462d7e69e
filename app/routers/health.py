"""Liveness, readiness and metrics (no API key: probes and scrapers have none)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from app.brief_workers import PoolStatus
from app.demo_build import BuildProgress
from app.deps import MetricsDep
from app.problems import ProblemError

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: str


class Ready(BaseModel):
    status: str = Field(description="`ready`, or `building` while the first start's demo index grows "
                                    "(briefs are answered from the creators indexed so far)")
    creators: int
    indexed: int
    shortlists: int
    build: BuildProgress | None = Field(None, description="The demo index build, while it runs")
    brief_workers: PoolStatus | None = Field(None, description="Processes running one-off briefs beside this one "
                                             "(CASTLIST_BRIEF_WORKERS); `current` of them hold every write")


@router.get("/healthz", response_model=Health, summary="The process is up")
async def healthz() -> Health:
    # Answers from the event loop alone: if this is slow, the loop is blocked.
    return Health(status="ok")


@router.get("/readyz", response_model=Ready, responses={503: {"description": "Not ready (problem+json)"}},
            summary="Index, creator store and database are open")
async def readyz(request: Request) -> Ready:
    state = request.app.state
    retrieval = getattr(state, "retrieval", None)
    db = getattr(state, "db", None)
    if retrieval is None or db is None:
        raise ProblemError(503, "Starting up: the index or database is not open yet", slug="not-ready",
                           title="Service Unavailable")

    def counts() -> tuple[int, int, int]:
        with state.write_lock:
            return retrieval.store.count(), len(retrieval.index), db.count_shortlists()

    try:
        creators, indexed, shortlists = await run_in_threadpool(counts)
    except Exception as exc:  # noqa: BLE001 - any failure here means "not ready", with the reason
        raise ProblemError(503, f"Not ready: {type(exc).__name__}: {exc}", slug="not-ready",
                           title="Service Unavailable") from exc
    if creators != indexed:
        # Honest, not "ready": searches would miss stored creators or find unstored ones.
        # The start-up check repairs this (restart the service).
        raise ProblemError(503, f"The database holds {creators} creators but the index {indexed}; "
                                "restart to repair", slug="inconsistent", title="Service Unavailable",
                           extra={"creators": creators, "indexed": indexed})
    workers = getattr(state, "brief_workers", None)
    pool = workers.status() if workers is not None else None
    build = getattr(state, "demo_build", None)
    if build is not None and build.progress().phase == "failed":
        raise ProblemError(503, f"The demo index build failed: {build.progress().error}", slug="demo-build-failed",
                           title="Service Unavailable")
    if build is not None and not build.finished:
        return Ready(status="building", creators=creators, indexed=indexed, shortlists=shortlists,
                     build=build.progress(), brief_workers=pool)
    return Ready(status="ready", creators=creators, indexed=indexed, shortlists=shortlists, brief_workers=pool)


@router.get("/metrics", summary="Prometheus metrics", response_class=Response,
            responses={200: {"content": {"text/plain": {"schema": {"type": "string"}}}}})
async def metrics(m: MetricsDep) -> Response:
    body, content_type = m.render()
    return Response(body, media_type=content_type)
