"""The FastAPI application: `create_app()` and the lifespan that opens every resource once.

Settings are read when the app is created (never at import). The lifespan opens the
service database, the retrieval stack (creator store, vector index, embedding model), the
agent context (with the LLM client when one is configured) and the chat checkpointer, and
keeps them on `app.state` for the dependencies in app/deps.py.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from agents.runner import AgentRunner
from app.brief_workers import BriefWorkerPool
from app.content_types import ContentTypeMiddleware
from app.db import Database
from app.heap import freeze_startup_heap
from app.lists_store import ListStore
from app.observability import Metrics, RequestContextMiddleware, configure_logging
from app.openapi import install_openapi
from app.problems import BodyLimitMiddleware, ProblemError, install_problem_handlers
from app.ratelimit import RateLimiter
from app.routers import briefs, chat, creators, currencies, health, lists, shortlists
from app.routers._runs import RunService
from app.settings import Settings, get_settings
from app.wiring import (
    build_agent_context,
    open_checkpointer,
    open_retrieval_from_settings,
    warm_up,
)
from retrieval.backfill import backfill_post_vectors
from retrieval.embedder import Embedder

if TYPE_CHECKING:
    from app.demo_build import DemoBuild
from retrieval.ingest import reconcile
from retrieval.runtime import Retrieval, prefill_caches

log = logging.getLogger("castlist.app")

WEB_DIR = Path(__file__).parent / "web"


def open_service_retrieval(settings: Settings, embedder: Embedder | None) -> Retrieval:
    # An already loaded model (tests, or a process that builds the demo index first) is reused.
    return open_retrieval_from_settings(settings, embedder)


async def _close_llm(context: object) -> None:
    # The LLM parser owns an HTTP client (a connection pool); close it with the app.
    client = getattr(getattr(context, "parser", None), "_client", None)
    close = getattr(client, "aclose", None)
    if close is not None:
        try:
            await close()
        except Exception:
            log.warning("closing the LLM client failed", exc_info=True)


async def _start_brief_workers(settings: Settings, retrieval: Retrieval) -> BriefWorkerPool | None:
    if settings.brief_workers == 0:
        return None
    if not hasattr(retrieval.index, "write_state"):
        log.warning("brief workers need the embedded index; with a Qdrant server run `castlist serve --workers N`")
        return None
    workers = BriefWorkerPool(settings, retrieval.index, settings.brief_workers)
    await workers.start()
    return workers


def _lifespan(embedder: Embedder | None, demo_build: DemoBuild | None = None, freeze_heap: bool = False):
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        settings: Settings = app.state.settings
        configure_logging()
        settings.data_dir.mkdir(parents=True, exist_ok=True)  # the default SQLite file lives there
        db = await asyncio.to_thread(Database.open, settings.resolved_database_url, settings.pool_options)
        retrieval: Retrieval | None = None
        context = None
        try:
            retrieval = await asyncio.to_thread(open_service_retrieval, settings, embedder)
            # A crash between the database commit and the index write is repaired here,
            # before the first request, so a creator is served from both stores or neither.
            report = await asyncio.to_thread(reconcile, retrieval.store, retrieval.index, retrieval.embedder)
            if report.repaired:
                log.warning("database and index disagreed; repaired", extra=report.model_dump())
            # Once, after an upgrade: creators stored before the store kept per-post vectors.
            await asyncio.to_thread(backfill_post_vectors, retrieval.store, retrieval.index,
                                    retrieval.embedder.posts.name)
            context = build_agent_context(settings, retrieval, wait_for_query_model=False)
            await asyncio.to_thread(warm_up, context)
            prefilled = await asyncio.to_thread(prefill_caches, retrieval)
            if prefilled:
                log.info("caches prefilled", extra={"creators": prefilled})
            if freeze_heap:
                log.info("start-up heap frozen", extra={"objects": freeze_startup_heap()})
            async with open_checkpointer(settings) as checkpointer:
                runner = AgentRunner(context, checkpointer)
                app.state.db = db
                app.state.lists = await asyncio.to_thread(ListStore, db.engine)
                app.state.retrieval = retrieval
                app.state.context = context
                app.state.runner = runner
                workers = await _start_brief_workers(settings, retrieval)
                app.state.brief_workers = workers
                app.state.runs = RunService(runner, db, app.state.metrics, workers)
                if demo_build is not None:
                    # First start: serve now, build the demo index behind (app/demo_build.py).
                    app.state.demo_build = demo_build
                    demo_build.start(retrieval, app.state.write_lock)
                log.info("castlist ready", extra={"data_dir": str(settings.data_dir), "llm": bool(settings.llm_base_url)})
                try:
                    yield
                finally:
                    if demo_build is not None:
                        await asyncio.to_thread(demo_build.stop)
                    await app.state.runs.drain()
                    if workers is not None:
                        await workers.close()
        finally:
            for name in ("demo_build", "brief_workers", "runs", "runner", "context", "retrieval", "lists", "db"):
                if hasattr(app.state, name):
                    delattr(app.state, name)
            if context is not None:
                await _close_llm(context)
                close_embedder = getattr(context.embedder, "close", None)  # the query batcher's thread
                if close_embedder is not None:
                    await asyncio.to_thread(close_embedder)
            if retrieval is not None:
                await asyncio.to_thread(retrieval.close)
            await asyncio.to_thread(db.close)

    return lifespan


def create_app(settings: Settings | None = None, *, embedder: Embedder | None = None,
               demo_build: DemoBuild | None = None, freeze_heap: bool = False) -> FastAPI:
    """The service. `embedder` injects an already loaded embedding model (else one is loaded);
    `demo_build`, when given, builds the demo index in the background once the service is up;
    `freeze_heap` (server processes only, see app/heap.py) once warmed up."""
    settings = settings or get_settings()
    app = FastAPI(
        title="castlist",
        version="0.1.0",
        summary="A plain-English influencer-campaign brief -> a streamed, explained, vetted creator shortlist",
        lifespan=_lifespan(embedder, demo_build, freeze_heap),
        docs_url="/docs",
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.metrics = Metrics()
    # Creator writes and the readiness count take this lock, so /readyz never sees the
    # moment inside a write when the index already has a batch the database has not committed.
    app.state.write_lock = threading.Lock()
    app.state.limiter = RateLimiter(settings.rate_limit_per_minute, 60, settings.rate_limit_storage, "castlist-calls")
    app.state.auth_limiter = RateLimiter(settings.auth_failures_per_minute, 60, settings.rate_limit_storage,
                                         "castlist-auth-failures")
    install_problem_handlers(app)
    # Added last = outermost: every request (even a 413) gets an id and is measured.
    app.add_middleware(ContentTypeMiddleware)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(RequestContextMiddleware, metrics=app.state.metrics)
    for module in (shortlists, chat, briefs, creators, lists, currencies, health):
        app.include_router(module.router)
    _mount_web(app)
    install_openapi(app, settings)
    return app


def create_server_app() -> FastAPI:
    """`castlist serve --workers N`: each uvicorn worker process builds the app here."""
    return create_app(freeze_heap=True)


def _mount_web(app: FastAPI) -> None:
    index = WEB_DIR / "index.html"

    @app.get("/", include_in_schema=False)
    async def page() -> FileResponse:
        if not index.is_file():
            raise ProblemError(404, "The web page is not installed", slug="not-found", title="Not Found")
        return FileResponse(index, media_type="text/html; charset=utf-8")

    static = WEB_DIR / "static"
    if static.is_dir():
        app.mount("/static", StaticFiles(directory=static), name="static")
