"""/v1/chat/{thread_id}: a conversation that refines one brief message by message.

The agent's checkpointer holds the thread's state (criteria, the briefs so far); the
service's thread index adds what a client lists and links: message count, timestamps and
the shortlists each message produced (every one is stored like any other shortlist).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Header, Path, Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from agents.criteria import CampaignCriteria
from app.deps import Caller, DatabaseDep, RunnerDep, RunsDep, SettingsDep
from app.problems import Problem, ProblemError
from app.routers._common import ID_PATTERN, check_brief, check_criteria, overrides_of
from app.routers._runs import respond

router = APIRouter(prefix="/v1/chat", tags=["chat"])

ThreadId = Annotated[str, Path(pattern=ID_PATTERN, description="Chosen by the client: letters, digits, _ and -, up to 64")]


class MessageRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    message: str = Field(description="A brief, or a follow-up that refines the thread's criteria")
    criteria: CampaignCriteria | None = Field(
        None, description="Optional overrides, as in POST /v1/shortlists (only the fields given apply)")
    limit: int | None = Field(None, ge=1, le=200)

    def overrides(self) -> dict[str, Any] | None:
        return overrides_of(self.criteria)


class ShortlistRef(BaseModel):
    id: str
    url: str
    creators: int
    top_handles: list[str] = Field(default_factory=list, description="The first few creators, in rank order")


class ThreadOut(BaseModel):
    thread_id: str
    messages: list[str]
    criteria: CampaignCriteria | None
    latest_shortlist: ShortlistRef | None
    shortlist_ids: list[str] = Field(default_factory=list, description="Every shortlist this thread produced, newest first")
    created_at: datetime | None = None
    updated_at: datetime | None = None


_ERRORS = {code: {"model": Problem, "content": {"application/problem+json": {}}} for code in (400, 401, 404, 413, 422, 429)}


@router.post("/{thread_id}/messages", status_code=200, responses={
    200: {"description": "SSE: criteria, progress, creator, warning, done or error (as POST /v1/shortlists)",
          "content": {"text/event-stream": {"schema": {"type": "string"}}}},
    201: {"description": "With `Accept: application/json` only: the shortlist as JSON"},
    **_ERRORS,
}, summary="Send a message to a thread (streams the refined shortlist)")
async def post_message(thread_id: ThreadId, body: MessageRequest, settings: SettingsDep, runs: RunsDep,
                       _caller: Caller, accept: Annotated[str | None, Header()] = None) -> Response:
    message = check_brief(body.message, settings, field="body.message")
    check_criteria(body.criteria)
    # SSE unless the client asked for JSON and not for a stream.
    stream = not (accept and "application/json" in accept and "text/event-stream" not in accept)
    run = runs.start(message, mode="chat", thread_id=thread_id, overrides=body.overrides(), limit=body.limit)
    return await respond(run, stream=stream)


@router.get("/{thread_id}", response_model=ThreadOut, responses=_ERRORS, summary="A thread's messages and criteria")
async def get_thread(thread_id: ThreadId, runner: RunnerDep, db: DatabaseDep, _caller: Caller) -> ThreadOut:
    view = await runner.thread(thread_id)
    row = await run_in_threadpool(db.get_thread, thread_id)
    if view is None and row is None:
        raise ProblemError(404, f"No thread {thread_id!r}", slug="not-found", title="Not Found")
    items, _ = await run_in_threadpool(db.list_shortlists, 100, None, thread_id)
    latest = None
    if view is not None and view.shortlist is not None:
        s = view.shortlist
        latest = ShortlistRef(id=s.id, url=f"/v1/shortlists/{s.id}", creators=len(s.creators),
                              top_handles=[c.handle for c in s.creators[:5]])
    elif items:
        latest = ShortlistRef(id=items[0].id, url=f"/v1/shortlists/{items[0].id}", creators=items[0].creators)
    return ThreadOut(
        thread_id=thread_id,
        messages=view.messages if view is not None else [],
        criteria=view.criteria if view is not None else None,
        latest_shortlist=latest,
        shortlist_ids=[i.id for i in items],
        created_at=row.created_at if row else None,
        updated_at=row.updated_at if row else None,
    )
