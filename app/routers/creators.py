"""/v1/creators: bulk upsert in the import format (DESIGN 5.1), and one creator by identity.

Rows are validated one by one like `castlist ingest`: a bad row is reported (index, line,
field, reason) and the good rows still go in. 200 when every row was accepted, 207 when
some were rejected, 422 (problem+json) when none was accepted.

Accepted rows can still carry `warnings`: fields the import format does not know (kept out,
so a misspelt "contry" is not silently lost) and a creator sent twice in one request (the
later row replaces the earlier, as a re-import would). Without them a partner saw
`accepted: 1` for two rows and could not tell why.
"""

from __future__ import annotations

import asyncio
import json
import types
from typing import Annotated, Any, Union, get_args, get_origin

from fastapi import APIRouter, Path, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from app.deps import Caller, RetrievalDep
from app.problems import FieldError, Problem, ProblemError, plain
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


class RowWarning(BaseModel):
    index: int = Field(description="0-based position of the row in the request")
    line: int | None = Field(None, description="1-based line number (NDJSON bodies)")
    field: str | None = None
    message: str
    handle: str | None = None


class UpsertResult(BaseModel):
    accepted: int
    rejected: int
    errors: list[RowError]
    warnings: list[RowWarning] = Field(default_factory=list, description="Accepted rows with something the caller "
                                       "should know: unknown fields ignored, a creator replaced by a later row")


class UpsertProblem(Problem):
    """The 422 when no row was accepted: a problem carrying the per-row errors."""

    errors: list[RowError] | list[FieldError] | None = None  # type: ignore[assignment]
    accepted: int | None = None
    rejected: int | None = None
    warnings: list[RowWarning] | None = None


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
        hint = ""
        if isinstance(exc, json.JSONDecodeError) and exc.msg == "Extra data" and b"\n" in body.strip():
            # One object per line is NDJSON: the content type decides how the body is read.
            hint = "; one creator per line is NDJSON: send it with Content-Type application/x-ndjson"
        raise ProblemError(400, f"The body is not valid JSON: {exc}{hint}", slug="invalid-json",
                           title="Malformed JSON") from exc
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


MAX_UNKNOWN_REPORTED = 10


def _model_of(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model inside `X | None` or `list[X]`, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if get_origin(annotation) in (Union, types.UnionType, list):
        for arg in get_args(annotation):
            found = _model_of(arg)
            if found is not None:
                return found
    return None


def unknown_fields(raw: Any, model: type[BaseModel] = Creator, prefix: str = "") -> list[str]:
    """Dotted paths of keys the import format does not have (the schema ignores them)."""
    if not isinstance(raw, dict):
        return []
    found: list[str] = []
    for key, value in raw.items():
        info = model.model_fields.get(key)
        if info is None:
            found.append(f"{prefix}{key}")
            continue
        inner = _model_of(info.annotation)
        if inner is None:
            continue
        if isinstance(value, list):
            for i, item in enumerate(value):
                found += unknown_fields(item, inner, f"{prefix}{key}.{i}.")
        else:
            found += unknown_fields(value, inner, f"{prefix}{key}.")
    return found


def _row_warnings(creators: list[tuple[int, Creator]], rows: list[tuple[int | None, Any]]) -> list[RowWarning]:
    warnings: list[RowWarning] = []
    last_of: dict[str, int] = {}
    for index, creator in creators:
        last_of[creator.key] = index
    for index, creator in creators:
        line = rows[index][0]
        unknown = unknown_fields(rows[index][1])
        if unknown:
            shown = ", ".join(unknown[:MAX_UNKNOWN_REPORTED]) + (" …" if len(unknown) > MAX_UNKNOWN_REPORTED else "")
            warnings.append(RowWarning(index=index, line=line, field=unknown[0], handle=creator.handle,
                                       message=f"not in the import format, ignored: {shown}"))
        later = last_of[creator.key]
        if later != index:
            warnings.append(RowWarning(
                index=index, line=line, field="handle", handle=creator.handle,
                message=f"the same creator ({creator.key}) is sent again at index {later}; that later row replaced "
                        "this one"))
    return warnings


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
            errors.append(RowError(index=index, line=line, field=result.field, reason=plain(result.reason),
                                   handle=result.handle))
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
    warnings = _row_warnings(creators, rows)
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
    failed = {e.index for e in errors}
    result = UpsertResult(accepted=accepted, rejected=len(errors), errors=errors,
                          warnings=[w for w in warnings if w.index not in failed])
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
