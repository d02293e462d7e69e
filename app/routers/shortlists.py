"""/v1/shortlists: make a shortlist from a brief (SSE or JSON), read one, export CSV, list."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Header, Path, Query, Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from agents.criteria import CampaignCriteria
from agents.shortlist import Shortlist
from app.db import BadCursor
from app.deps import Caller, DatabaseDep, RetrievalDep, RunsDep, SettingsDep
from app.export import to_csv
from app.problems import Problem, ProblemError, invalid
from app.routers._common import ID_PATTERN, check_brief, check_criteria, overrides_of
from app.routers._runs import respond
from app.sse import wants_event_stream

router = APIRouter(prefix="/v1/shortlists", tags=["shortlists"])


class ShortlistRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    brief: str = Field(description="The campaign brief in plain English")
    criteria: CampaignCriteria | None = Field(
        None, description="Overrides: only the fields given are applied, and they become hard constraints "
                          "unless `hard` is given too. Unknown fields are an error.")
    limit: int | None = Field(None, ge=1, le=200, description="How many creators to shortlist")

    def overrides(self) -> dict[str, Any] | None:
        return overrides_of(self.criteria)


class ShortlistSummaryOut(BaseModel):
    id: str
    created_at: datetime
    brief: str
    creators: int
    thread_id: str | None
    url: str


class ShortlistPage(BaseModel):
    items: list[ShortlistSummaryOut]
    next_cursor: str | None = Field(None, description="Pass as `cursor` for the next page; null on the last page")


_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": Problem, "content": {"application/problem+json": {}}} for code in (400, 401, 413, 422, 429, 500)
}
_SSE_DOC = {
    "description": "With `Accept: text/event-stream`: events criteria, progress, creator (rank order), warning, "
                   "then done (with the shortlist id) or error. Event ids are `<shortlist_id>:<seq>`.",
    "content": {"text/event-stream": {"schema": {"type": "string"}}},
}


@router.post("", status_code=201, response_model=Shortlist,
             responses={200: _SSE_DOC, **_ERRORS},
             summary="Shortlist creators for a brief (JSON, or SSE with Accept: text/event-stream)")
async def create_shortlist(body: ShortlistRequest, settings: SettingsDep, runs: RunsDep, _caller: Caller,
                           accept: Annotated[str | None, Header()] = None) -> Response:
    brief = check_brief(body.brief, settings)
    check_criteria(body.criteria)
    run = runs.start(brief, mode="sse" if wants_event_stream(accept) else "json",
                     overrides=body.overrides(), limit=body.limit)
    return await respond(run, stream=wants_event_stream(accept))


@router.get("", response_model=ShortlistPage, responses=_ERRORS, summary="Shortlists, newest first")
async def list_shortlists(db: DatabaseDep, _caller: Caller,
                          limit: Annotated[int, Query(ge=1, le=100)] = 20,
                          cursor: Annotated[str | None, Query(max_length=200)] = None) -> ShortlistPage:
    try:
        items, next_cursor = await run_in_threadpool(db.list_shortlists, limit, cursor)
    except BadCursor as exc:
        raise invalid("query.cursor", str(exc)) from exc
    return ShortlistPage(
        items=[ShortlistSummaryOut(id=i.id, created_at=i.created_at, brief=i.brief, creators=i.creators,
                                   thread_id=i.thread_id, url=f"/v1/shortlists/{i.id}") for i in items],
        next_cursor=next_cursor,
    )


@router.get("/{shortlist_id}", response_model=Shortlist,
            responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}}}, 404: _ERRORS[400],
                       409: _ERRORS[400], **_ERRORS},
            summary="One shortlist (JSON, or CSV with ?format=csv)")
async def get_shortlist(shortlist_id: Annotated[str, Path(pattern=ID_PATTERN)], db: DatabaseDep,
                        retrieval: RetrievalDep, _caller: Caller,
                        format: Annotated[Literal["json", "csv"], Query()] = "json") -> Response:
    shortlist = await run_in_threadpool(db.get_shortlist, shortlist_id)
    if shortlist is None:
        raise ProblemError(404, f"No shortlist {shortlist_id!r}", slug="not-found", title="Not Found")
    if format == "csv":
        if not shortlist.creators:
            # A file with a header and no creators is nothing to hand a client.
            raise ProblemError(409, "The shortlist has no creators, so there is nothing to export",
                               slug="empty-shortlist", title="Nothing to export")
        text = await run_in_threadpool(to_csv, shortlist, retrieval.store.get_many)
        return Response(text, media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="shortlist-{shortlist_id}.csv"'})
    return Response(shortlist.model_dump_json(), media_type="application/json")
