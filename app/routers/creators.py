"""/v1/creators: bulk upsert in the import format (DESIGN 5.1), and one creator by identity.

Rows are validated one by one like `castlist ingest`: a bad row is reported (index, line,
field, reason) and the good rows still go in. 200 when every row was accepted, 207 when
some were rejected, 422 (problem+json) when none was accepted.
"""

from __future__ import annotations

import asyncio
import json
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from app.deps import Caller, RetrievalDep
from app.problems import FieldError, Problem, ProblemError
from app.profile import CreatorProfile, build_profile
from retrieval.features import CreatorFeatures
from retrieval.ingest import Ingester
from retrieval.rows import MAX_DEPTH, Reject, validate
from retrieval.schema import Creator, Platform, creator_key

router = APIRouter(prefix="/v1/creators", tags=["creators"])

NDJSON_TYPES = ("application/x-ndjson", "application/jsonl", "application/json-lines", "application/ndjson")


class RowError(BaseModel):
    index: int = Field(description="0-based position of the row in the request")
    line: int | None = Field(None, description="1-based line number (NDJSON bodies)")
    field: str | None
    reason: str
    handle: str | None = None


class UpsertResult(BaseModel):
    accepted: int
    rejected: int
    errors: list[RowError]


class UpsertProblem(Problem):
    """The 422 when no row was accepted: a problem carrying the per-row errors."""

    errors: list[RowError] | list[FieldError] | None = None  # type: ignore[assignment]
    accepted: int | None = None
    rejected: int | None = None


class CreatorOut(BaseModel):
    key: str
    creator: Creator
    features: CreatorFeatures
    profile: CreatorProfile = Field(description="What the page's profile panel shows: history, engagement per "
                                                "post, audience, vetting checks, price, a brief for similar creators")


class _TooDeep(ValueError):
    def __str__(self) -> str:
        return f"nested deeper than {MAX_DEPTH} levels"


def _rows_from_ndjson(body: bytes) -> list[tuple[int, Any]]:
    rows: list[tuple[int, Any]] = []
    for number, raw in enumerate(body.split(b"\n"), start=1):
        if not raw.strip():
            continue
        try:
            rows.append((number, json.loads(raw)))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            rows.append((number, exc))
        except RecursionError:
            rows.append((number, _TooDeep()))  # this line only: the other lines still count
    return rows


def _rows_from_json(body: bytes) -> list[tuple[int | None, Any]]:
    try:
        value = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ProblemError(400, f"The body is not valid JSON: {exc}", slug="invalid-json", title="Malformed JSON") from exc
    except RecursionError as exc:
        # The decoder recurses once per level; thousands of levels are an attack, not data.
        raise ProblemError(400, f"The body is nested too deeply (each row may nest up to {MAX_DEPTH} levels)",
                           slug="too-deep", title="Malformed JSON") from exc
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        raise ProblemError(422, "Send a JSON array of creators (or NDJSON with Content-Type application/x-ndjson)",
                           slug="validation-error", title="Invalid request")
    return [(None, v) for v in value]


def _check(rows: list[tuple[int | None, Any]]) -> tuple[list[tuple[int, Creator]], list[RowError]]:
    creators: list[tuple[int, Creator]] = []
    errors: list[RowError] = []
    for index, (line, raw) in enumerate(rows):
        if isinstance(raw, _TooDeep):
            errors.append(RowError(index=index, line=line, field=None, reason=str(raw)))
            continue
        if isinstance(raw, Exception):
            errors.append(RowError(index=index, line=line, field=None, reason=f"not valid JSON: {raw}"))
            continue
        if not isinstance(raw, dict):
            errors.append(RowError(index=index, line=line, field=None, reason="a row must be a JSON object"))
            continue
        result = validate(raw, file="request", line=line or index + 1)
        if isinstance(result, Reject):
            errors.append(RowError(index=index, line=line, field=result.field, reason=result.reason, handle=result.handle))
        else:
            creators.append((index, result))
    return creators, errors


_UPSERT_BODY = {
    "required": True,
    "description": "Creators in the import format: a JSON array, or NDJSON with Content-Type application/x-ndjson.",
    "content": {
        "application/json": {"schema": {"type": "array", "items": {"type": "object"}}},
        "application/x-ndjson": {"schema": {"type": "string"}},
    },
}


@router.post("", response_model=UpsertResult, openapi_extra={"requestBody": _UPSERT_BODY},
             responses={207: {"model": UpsertResult, "description": "Some rows rejected; the good ones were kept"},
                        **{c: {"model": Problem, "content": {"application/problem+json": {}}} for c in (400, 401, 413, 415, 429)},
                        422: {"model": UpsertProblem, "content": {"application/problem+json": {}},
                              "description": "No row was accepted; `errors` names each row's problem"}},
             summary="Bulk upsert creators (identity is platform + handle; re-sending replaces)")
async def upsert_creators(request: Request, retrieval: RetrievalDep, _caller: Caller) -> JSONResponse:
    content_type = request.headers.get("content-type", "application/json").split(";")[0].strip().lower()
    if content_type not in NDJSON_TYPES and content_type != "application/json":
        raise ProblemError(415, f"Unsupported Content-Type {content_type!r}; use application/json or application/x-ndjson",
                           slug="unsupported-media-type", title="Unsupported Media Type")
    body = await request.body()  # bounded by the body-limit middleware
    rows = _rows_from_ndjson(body) if content_type in NDJSON_TYPES else _rows_from_json(body)
    if not rows:
        raise ProblemError(422, "No creators in the body", slug="validation-error", title="Invalid request")
    creators, errors = await run_in_threadpool(_check, rows)
    accepted = 0
    if creators:
        ingester = Ingester(retrieval.store, retrieval.index, retrieval.embedder,
                            write_lock=request.app.state.write_lock)
        # Embedding and index writes are blocking: a worker thread keeps the loop serving.
        accepted, failures = await asyncio.to_thread(ingester.upsert_rows, creators)
        lines = {i: line for i, (line, _) in enumerate(rows)}
        errors += [RowError(index=f.origin, line=lines.get(f.origin), field=None, reason=f.reason, handle=f.handle)
                   for f in failures]
        errors.sort(key=lambda e: e.index)
        flush = getattr(retrieval.index, "flush", None)
        if flush is not None:
            await asyncio.to_thread(flush)
    result = UpsertResult(accepted=accepted, rejected=len(errors), errors=errors)
    if accepted == 0:
        raise ProblemError(422, f"All {len(errors)} rows were rejected", slug="validation-error",
                           title="Invalid request", extra=result.model_dump(mode="json"))
    return JSONResponse(result.model_dump(mode="json"), status_code=207 if errors else 200)


@router.get("/{platform}/{handle}", response_model=CreatorOut,
            responses={c: {"model": Problem, "content": {"application/problem+json": {}}} for c in (401, 404, 422, 429)},
            summary="One creator with computed features and its profile")
async def get_creator(platform: Platform, handle: Annotated[str, Path(min_length=1, max_length=101)],
                      retrieval: RetrievalDep, _caller: Caller) -> CreatorOut:
    key = creator_key(platform, handle)
    stored = await run_in_threadpool(retrieval.store.get, key)
    if stored is None:
        raise ProblemError(404, f"No creator {key!r}", slug="not-found", title="Not Found")
    profile = await run_in_threadpool(build_profile, stored.creator, stored.features)
    return CreatorOut(key=key, creator=stored.creator, features=stored.features, profile=profile)
