"""/v1/chat: conversations that refine one brief message by message.

The agent's checkpointer holds the thread's memory (messages, criteria, what each turn
changed, the last shortlist); the service's thread index adds what a client lists and
links: titles, timestamps and the shortlists each message produced (every one is stored
like any other shortlist, with its warnings and relaxation advice, so a reload shows
every turn as it was).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Header, Path, Query, Response
from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model
from starlette.concurrency import run_in_threadpool

from agents.criteria import CampaignCriteria
from agents.followup.patch import LIST_FIELDS, SCALAR_FIELDS
from agents.shortlist import Relaxation
from app.deps import Caller, DatabaseDep, RunnerDep, RunsDep, SettingsDep
from app.problems import Problem, ProblemError, invalid, plain
from app.routers._common import ID_PATTERN, check_brief, check_criteria
from app.routers._runs import respond

router = APIRouter(prefix="/v1/chat", tags=["chat"])

ThreadId = Annotated[str, Path(pattern=ID_PATTERN, description="Chosen by the client: letters, digits, _ and -, up to 64")]
_EDITABLE = (*LIST_FIELDS, *SCALAR_FIELDS, "hard")

# The fields a message may edit, each optional: given with a value it sets the field, given
# as null it clears it, left out it stays. Unknown fields are 422 at `body.criteria.<name>`.
CriteriaEdits = create_model(
    "CriteriaEdits",
    __config__=ConfigDict(extra="forbid"),
    __doc__="Explicit field edits on a chat message: a value sets the field, null (or [] for a list) clears it.",
    **{name: (CampaignCriteria.model_fields[name].annotation | None, Field(None, description=CampaignCriteria.model_fields[name].description))
       for name in _EDITABLE},
)


class MessageRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"message": "drop the budget and add TikTok"},
        {"message": "", "criteria": {"creator_countries": None}, "label": "Removed Based in DE"},
        {"message": "", "criteria": {"exclude_brands": ["Oatly"], "budget": {"amount": 30000, "currency": "EUR"}}},
    ]})

    message: str = Field(description="A brief, or a follow-up that refines the thread's criteria (read as a patch). "
                                     "May be empty when `criteria` carries the edit")
    criteria: CriteriaEdits | None = Field(  # type: ignore[valid-type]
        None, description="Explicit field edits, applied after the message: a value sets the field, `null` (or [] for "
                          "a list) clears it. Chip edits on the page use this.")
    label: str | None = Field(None, max_length=200, description="What the thread shows for an edit sent without a "
                                                                  "message (e.g. 'Removed Based in DE'); never parsed")
    limit: int | None = Field(None, ge=1, le=200)

    def overrides(self) -> dict[str, Any] | None:
        """Only the fields the caller gave, nulls included (they clear)."""
        if self.criteria is None or not self.criteria.model_fields_set:
            return None
        return self.criteria.model_dump(mode="json", include=self.criteria.model_fields_set)


class ShortlistRef(BaseModel):
    id: str
    url: str
    creators: int
    top_handles: list[str] = Field(default_factory=list, description="The first few creators, in rank order")


class TurnOut(BaseModel):
    message: str = Field(description="What the user sent (a chip edit appears as the edit in words)")
    reply: list[str] = Field(default_factory=list, description="What the turn changed in the criteria, in words")
    rejected: list[str] = Field(default_factory=list, description="Edits that could not be applied, and why")
    warnings: list[str] = Field(default_factory=list, description="The turn's own warnings")
    relaxations: list[Relaxation] = Field(default_factory=list)
    assumptions: list[str] = Field(default_factory=list)
    shortlist: ShortlistRef | None = None
    criteria: CampaignCriteria | None = None


class ThreadOut(BaseModel):
    thread_id: str
    title: str = ""
    messages: list[str]
    turns: list[TurnOut] = Field(default_factory=list, description="Every turn, oldest first, as it was shown")
    criteria: CampaignCriteria | None
    latest_shortlist: ShortlistRef | None
    shortlist_ids: list[str] = Field(default_factory=list, description="Every shortlist this thread produced, newest first")
    created_at: datetime | None = None
    updated_at: datetime | None = None


class ThreadListItem(BaseModel):
    thread_id: str
    title: str
    updated_at: datetime
    created_at: datetime
    messages: int
    last_count: int | None = Field(None, description="Creators in the thread's latest shortlist")
    url: str


class ThreadList(BaseModel):
    items: list[ThreadListItem]


_ERRORS = {code: {"model": Problem, "content": {"application/problem+json": {}}} for code in (400, 401, 404, 413, 422, 429)}


def check_edit_values(edits: dict[str, Any] | None) -> None:
    """Each edited value must pass the criteria's own checks (platform names, ISO codes,
    field names in `hard`); nulls clear. A 422 names the edited field (`body.criteria.<name>`).
    `hard` was once left out here, so `{"hard": ["colour"]}` was dropped without a word."""
    values = {k: v for k, v in (edits or {}).items() if v is not None}
    try:
        CampaignCriteria.model_validate(values)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise invalid(f"body.criteria.{where}" if where else "body.criteria", plain(first["msg"]), first["type"]) from None


@router.post("/{thread_id}/messages", status_code=200, responses={
    200: {"description": "SSE: criteria (with `changes`: what the message changed), progress, creator, warning, "
                         "done or error (as POST /v1/shortlists)",
          "content": {"text/event-stream": {"schema": {"type": "string"}}}},
    201: {"description": "With `Accept: application/json` only: the shortlist as JSON"},
    **_ERRORS,
}, summary="Send a message or a field edit to a thread (streams the refined shortlist)")
async def post_message(thread_id: ThreadId, body: MessageRequest, settings: SettingsDep, runs: RunsDep,
                       runner: RunnerDep, _caller: Caller, accept: Annotated[str | None, Header()] = None) -> Response:
    # An empty message is fine when `criteria` carries the edit (chip ×); otherwise the
    # message is checked like a brief (length, valid Unicode, has words).
    message = "" if not body.message.strip() and body.overrides() else \
        check_brief(body.message, settings, field="body.message")
    check_criteria(body.criteria)
    check_edit_values(body.overrides())
    if not message and await runner.thread(thread_id) is None:
        raise invalid("body.message", "a new thread starts with a brief", "string_too_short")
    # SSE unless the client asked for JSON and not for a stream.
    stream = not (accept and "application/json" in accept and "text/event-stream" not in accept)
    run = runs.start(message, mode="chat", thread_id=thread_id, overrides=body.overrides(), limit=body.limit,
                      label=None if message else body.label)
    return await respond(run, stream=stream)


@router.get("", response_model=ThreadList, responses=_ERRORS, summary="The threads, most recently used first")
async def list_threads(db: DatabaseDep, _caller: Caller,
                       limit: Annotated[int, Query(ge=1, le=200)] = 50) -> ThreadList:
    rows = await run_in_threadpool(db.list_threads, limit)
    return ThreadList(items=[ThreadListItem(thread_id=r.thread_id, title=r.title, updated_at=r.updated_at,
                                            created_at=r.created_at, messages=r.messages, last_count=r.last_count,
                                            url=f"/v1/chat/{r.thread_id}") for r in rows])


def _ref(shortlist: Any) -> ShortlistRef:
    return ShortlistRef(id=shortlist.id, url=f"/v1/shortlists/{shortlist.id}", creators=len(shortlist.creators),
                        top_handles=[c.handle for c in shortlist.creators[:5]])


@router.get("/{thread_id}", response_model=ThreadOut, responses=_ERRORS, summary="A thread with every turn")
async def get_thread(thread_id: ThreadId, runner: RunnerDep, db: DatabaseDep, _caller: Caller) -> ThreadOut:
    view = await runner.thread(thread_id)
    row = await run_in_threadpool(db.get_thread, thread_id)
    if view is None and row is None:
        raise ProblemError(404, f"No thread {thread_id!r}", slug="not-found", title="Not Found")
    items, _ = await run_in_threadpool(db.list_shortlists, 100, None, thread_id)
    latest = None
    if view is not None and view.shortlist is not None:
        latest = _ref(view.shortlist)
    elif items:
        latest = ShortlistRef(id=items[0].id, url=f"/v1/shortlists/{items[0].id}", creators=items[0].creators)
    turns: list[TurnOut] = []
    for turn in (view.turns if view is not None else []):
        stored = await run_in_threadpool(db.get_shortlist, turn.get("shortlist_id", "")) if turn.get("shortlist_id") else None
        turns.append(TurnOut(
            message=turn.get("message", ""), reply=turn.get("changes", []), rejected=turn.get("rejected", []),
            warnings=stored.warnings if stored else [], relaxations=stored.relaxations if stored else [],
            assumptions=stored.assumptions if stored else [], criteria=stored.criteria if stored else None,
            shortlist=_ref(stored) if stored else None))
    messages = view.messages if view is not None else []
    return ThreadOut(
        thread_id=thread_id,
        title=messages[0] if messages else "",
        messages=messages,
        turns=turns,
        criteria=view.criteria if view is not None else None,
        latest_shortlist=latest,
        shortlist_ids=[i.id for i in items],
        created_at=row.created_at if row else None,
        updated_at=row.updated_at if row else None,
    )
