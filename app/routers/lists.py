"""/v1/lists: a marketer's saved lists (DESIGN 5.4): create, rename, delete; add or remove
creators; a note and a status per creator; export as CSV or JSON.

A creator is added by identity and must exist in the creator store (404 otherwise); the
list shows each creator's current numbers from the store, so saved lists never go stale.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Response
from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from starlette.concurrency import run_in_threadpool

from agents.explain import PROFILE_URL  # the cards' profile links: one table
from app.deps import Caller, ListsDep, RetrievalDep
from app.export import list_to_csv
from app.lists_store import (
    NAME_MAX,
    NOTE_MAX,
    STATUSES,
    ListItemRow,
    SavedListRow,
    Status,
)
from app.problems import Problem, ProblemError
from app.routers._common import ID_PATTERN
from retrieval.schema import Platform, creator_key
from retrieval.store import StoredCreator

router = APIRouter(prefix="/v1/lists", tags=["lists"])

ListName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=NAME_MAX)]
HandlePath = Annotated[str, Path(min_length=1, max_length=101)]
ListId = Annotated[str, Path(pattern=ID_PATTERN)]


class ListCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: ListName = Field(description="What the marketer calls the list, e.g. 'Vegan launch DE'")


class ListPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: ListName


class ItemPut(BaseModel):
    """Fields left out keep their value (a new item starts as 'shortlisted' with no note)."""

    model_config = ConfigDict(extra="forbid")
    note: Annotated[str, StringConstraints(max_length=NOTE_MAX)] | None = Field(
        None, description=f"Free text, up to {NOTE_MAX} characters; null clears it")
    status: Status | None = Field(None, description=f"One of {', '.join(STATUSES)}")


class PriceOut(BaseModel):
    low: float
    high: float
    currency: str
    method: str


class ListCreatorOut(BaseModel):
    platform: str
    handle: str
    note: str | None
    status: str
    added_at: datetime
    updated_at: datetime
    in_store: bool = Field(description="False when the creator has since been removed from the creator store")
    display_name: str | None = None
    url: str | None = None
    followers: int | None = None
    country: str | None = None
    tier: str | None = None
    engagement_rate: float | None = None
    engagement_method: str | None = None
    price_estimate: PriceOut | None = None


class ListSummaryOut(BaseModel):
    id: str
    name: str
    created_at: datetime
    updated_at: datetime
    count: int
    url: str


class ListOut(ListSummaryOut):
    creators: list[ListCreatorOut]


class ListPage(BaseModel):
    items: list[ListSummaryOut]


_PROBLEM = {"model": Problem, "content": {"application/problem+json": {}}}
# 400 malformed JSON and 413 over the body limit come from the app's middleware and handlers.
_ERRORS: dict[int | str, dict[str, Any]] = {code: _PROBLEM for code in (400, 401, 404, 413, 422, 429)}


def _profile_url(platform: str, handle: str) -> str | None:
    template = PROFILE_URL.get(platform)
    return template.format(h=handle) if template else None


def creator_out(item: ListItemRow, stored: StoredCreator | None) -> ListCreatorOut:
    base = {"platform": item.platform, "handle": item.handle, "note": item.note, "status": item.status,
            "added_at": item.added_at, "updated_at": item.updated_at, "url": _profile_url(item.platform, item.handle)}
    if stored is None:
        return ListCreatorOut(**base, in_store=False)
    c, f = stored.creator, stored.features
    price = PriceOut(**f.price.model_dump()) if f.price is not None else None
    return ListCreatorOut(**base, in_store=True, display_name=c.display_name, followers=c.followers,
                          country=c.country, tier=f.tier, engagement_rate=f.engagement.median,
                          engagement_method=f.engagement.method, price_estimate=price)


def _summary(row: SavedListRow) -> ListSummaryOut:
    return ListSummaryOut(id=row.id, name=row.name, created_at=row.created_at, updated_at=row.updated_at,
                          count=row.count, url=f"/v1/lists/{row.id}")


def _not_found(list_id: str) -> ProblemError:
    return ProblemError(404, f"No saved list {list_id!r}", slug="not-found", title="Not Found")


def _lookup(retrieval: Any, items: list[ListItemRow]) -> dict[str, StoredCreator]:
    return retrieval.store.get_many([creator_key(i.platform, i.handle) for i in items])


def _full(row: SavedListRow, stored: dict[str, StoredCreator]) -> ListOut:
    return ListOut(**_summary(row).model_dump(), creators=[
        creator_out(i, stored.get(creator_key(i.platform, i.handle))) for i in row.items])


@router.post("", status_code=201, response_model=ListSummaryOut, responses=_ERRORS, summary="Create a saved list")
async def create_list(body: ListCreate, lists: ListsDep, _caller: Caller) -> ListSummaryOut:
    return _summary(await run_in_threadpool(lists.create, body.name))


@router.get("", response_model=ListPage, responses=_ERRORS, summary="Saved lists, most recently changed first")
async def all_lists(lists: ListsDep, _caller: Caller) -> ListPage:
    return ListPage(items=[_summary(r) for r in await run_in_threadpool(lists.all)])


@router.get("/{list_id}", response_model=ListOut,
            responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}}}, 409: _PROBLEM, **_ERRORS},
            summary="One saved list with its creators (JSON; ?format=csv or ?format=json to download)")
async def get_list(list_id: ListId, lists: ListsDep, retrieval: RetrievalDep, _caller: Caller,
                   format: Annotated[Literal["json", "csv"] | None, Query()] = None) -> Response:
    row = await run_in_threadpool(lists.get, list_id)
    if row is None:
        raise _not_found(list_id)
    stored = await run_in_threadpool(_lookup, retrieval, row.items)
    if format == "csv":
        if not row.items:
            raise ProblemError(409, "The list has no creators, so there is nothing to export",
                               slug="empty-list", title="Nothing to export")
        text = await run_in_threadpool(list_to_csv, row, stored)
        return Response(text, media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="list-{list_id}.csv"'})
    headers = {"Content-Disposition": f'attachment; filename="list-{list_id}.json"'} if format == "json" else None
    return Response(_full(row, stored).model_dump_json(), media_type="application/json", headers=headers)


@router.patch("/{list_id}", response_model=ListSummaryOut, responses=_ERRORS, summary="Rename a saved list")
async def rename_list(list_id: ListId, body: ListPatch, lists: ListsDep, _caller: Caller) -> ListSummaryOut:
    if not await run_in_threadpool(lists.rename, list_id, body.name):
        raise _not_found(list_id)
    row = await run_in_threadpool(lists.get, list_id)
    if row is None:  # deleted between the two calls
        raise _not_found(list_id)
    return _summary(row)


@router.delete("/{list_id}", status_code=204, responses=_ERRORS, summary="Delete a saved list and its items")
async def delete_list(list_id: ListId, lists: ListsDep, _caller: Caller) -> Response:
    if not await run_in_threadpool(lists.delete, list_id):
        raise _not_found(list_id)
    return Response(status_code=204)


@router.put("/{list_id}/creators/{platform}/{handle}", response_model=ListCreatorOut,
            responses={200: {"description": "Updated"}, 201: {"description": "Added"}, **_ERRORS},
            summary="Add a creator to a list, or change its note or status")
async def put_creator(list_id: ListId, platform: Platform, handle: HandlePath, lists: ListsDep,
                      retrieval: RetrievalDep, _caller: Caller, response: Response,
                      body: ItemPut | None = None) -> ListCreatorOut:
    body = body or ItemPut()
    key = creator_key(platform, handle)
    stored = await run_in_threadpool(retrieval.store.get, key)
    if stored is None:
        raise ProblemError(404, f"No creator {key!r} in the creator store", slug="not-found", title="Not Found")
    # The stored spelling of the handle, so one creator is one item whatever case the URL used.
    result = await run_in_threadpool(lambda: lists.put_item(
        list_id, platform, stored.creator.handle, note=body.note, status=body.status, fields=body.model_fields_set))
    if result is None:
        raise _not_found(list_id)
    item, created = result
    response.status_code = 201 if created else 200
    return creator_out(item, stored)


@router.delete("/{list_id}/creators/{platform}/{handle}", status_code=204, responses=_ERRORS,
               summary="Remove a creator from a list")
async def remove_creator(list_id: ListId, platform: Platform, handle: HandlePath, lists: ListsDep,
                         retrieval: RetrievalDep, _caller: Caller) -> Response:
    stored = await run_in_threadpool(retrieval.store.get, creator_key(platform, handle))
    name = stored.creator.handle if stored is not None else handle
    removed = await run_in_threadpool(lists.remove_item, list_id, platform, name)
    if removed is None:
        raise _not_found(list_id)
    if not removed:
        raise ProblemError(404, f"{platform}:{handle} is not on list {list_id!r}", slug="not-found", title="Not Found")
    return Response(status_code=204)
