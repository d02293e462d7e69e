"""Every error the service answers is `application/problem+json` (RFC 9457).

4xx for anything the caller got wrong (validation errors name the field), 5xx only for our
own faults, always carrying the request id so an operator can find the log line. Also the
request-body size limit, because an oversized body is one more caller mistake that must be
answered as a problem and decided before the body is read.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any, Sequence

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("castlist.app")

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_BASE = "/problems/"  # relative URIs: resolvable against whichever host serves us


class FieldError(BaseModel):
    field: str = Field(description="Dotted location of the bad value, e.g. body.criteria.platforms")
    message: str
    type: str


class Problem(BaseModel):
    """The error body of every failed request."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None
    request_id: str | None = None
    errors: list[FieldError] | None = None


class ProblemError(StarletteHTTPException):
    """Raised by our code for a caller mistake. A Starlette HTTPException so that FastAPI
    re-raises it unchanged even from inside body reading."""

    def __init__(self, status: int, detail: str, *, slug: str | None = None, title: str | None = None,
                 errors: Sequence[FieldError] | None = None, headers: dict[str, str] | None = None,
                 extra: dict[str, Any] | None = None) -> None:
        super().__init__(status_code=status, detail=detail, headers=headers)
        self.slug = slug
        self.title = title
        self.errors = list(errors) if errors is not None else None
        self.extra = extra or {}


def invalid(field: str, message: str, kind: str = "value_error") -> ProblemError:
    """A 422 naming one field, for checks pydantic cannot make (they depend on settings)."""
    return ProblemError(422, f"{field}: {message}", slug="validation-error", title="Invalid request",
                        errors=[FieldError(field=field, message=message, type=kind)])


def _status_title(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def request_id_of(request: Request) -> str | None:
    return getattr(request.state, "request_id", None)


def problem_response(request: Request | None, status: int, detail: str | None, *, slug: str | None = None,
                     title: str | None = None, errors: Sequence[FieldError] | None = None,
                     headers: dict[str, str] | None = None, extra: dict[str, Any] | None = None) -> JSONResponse:
    problem = Problem(
        type=PROBLEM_BASE + slug if slug else "about:blank",
        title=title or _status_title(status),
        status=status,
        detail=detail,
        instance=request.url.path if request is not None else None,
        request_id=request_id_of(request) if request is not None else None,
        errors=list(errors) if errors is not None else None,
    )
    body = problem.model_dump(exclude_none=True)
    body.update(extra or {})
    out_headers = dict(headers or {})
    if problem.request_id:
        out_headers.setdefault("X-Request-ID", problem.request_id)
    return JSONResponse(body, status_code=status, headers=out_headers, media_type=PROBLEM_MEDIA_TYPE)


_PYDANTIC_PREFIXES = ("Value error, ", "Assertion failed, ")


def plain(message: str) -> str:
    """A validator's message without pydantic's "Value error, " prefix: the caller reads
    what is wrong, not which kind of Python check said so."""
    for prefix in _PYDANTIC_PREFIXES:
        if message.startswith(prefix):
            return message[len(prefix):]
    return message


def _field_errors(errors: Sequence[Any]) -> list[FieldError]:
    out = []
    for err in errors:
        loc = [str(p) for p in err.get("loc", ())]
        out.append(FieldError(field=".".join(loc) or "body", message=plain(str(err.get("msg", "invalid"))),
                              type=str(err.get("type", "value_error"))))
    return out


def _json_errors(errors: Sequence[Any]) -> tuple[str, list[FieldError]]:
    """FastAPI puts the character offset of a JSON syntax error where a field name goes
    (`body.10`), which reads as a field called "10": say it as a position instead."""
    err = next(e for e in errors if e.get("type") == "json_invalid")
    loc = list(err.get("loc", ()))
    position = loc[1] if len(loc) > 1 and isinstance(loc[1], int) else None
    reason = (err.get("ctx") or {}).get("error", "decode error")
    where = f" at character {position}" if position is not None else ""
    message = f"not valid JSON{where}: {reason}"
    return f"The body is {message}", [FieldError(field="body", message=message, type="json_invalid")]


async def _validation_handler(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = list(exc.errors())
    if any(e.get("type") == "json_invalid" for e in errors):
        # Unparseable syntax is a malformed request (400), not a well-formed invalid one.
        detail, fields = _json_errors(errors)
        return problem_response(request, 400, detail, slug="invalid-json", title="Malformed JSON", errors=fields)
    fields = _field_errors(errors)
    summary = "; ".join(f"{f.field}: {f.message}" for f in fields[:5])
    return problem_response(request, 422, summary or "The request is invalid", slug="validation-error",
                            title="Invalid request", errors=fields)


async def _http_handler(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    if isinstance(exc, ProblemError):
        return problem_response(request, exc.status_code, exc.detail, slug=exc.slug, title=exc.title,
                                errors=exc.errors, headers=exc.headers, extra=exc.extra)
    detail = exc.detail if isinstance(exc.detail, str) else None
    if exc.status_code == 404 and detail == "Not Found":
        detail = f"No route or resource at {request.url.path}"
    headers = dict(exc.headers or {})
    if exc.status_code == 405:
        detail = f"{request.method} is not allowed on {request.url.path}"
        allowed = allowed_methods(request)
        if allowed:
            headers["Allow"] = ", ".join(allowed)
    return problem_response(request, exc.status_code, detail, headers=headers)


def allowed_methods(request: Request) -> list[str]:
    """Every method the API serves at this path (Starlette names only the first matching
    route's), read from the OpenAPI document: the public list of paths and methods."""
    from starlette.routing import compile_path

    path = request.scope.get("path", "")
    methods: set[str] = set()
    for template, operations in request.app.openapi().get("paths", {}).items():
        regex, _, _ = compile_path(template)
        if regex.match(path):
            methods |= {m.upper() for m in operations if m.lower() in _HTTP_METHODS}
    if "GET" in methods:
        methods.add("HEAD")
    return sorted(methods)


_HTTP_METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})


async def _unhandled_handler(request: Request, exc: Exception) -> JSONResponse:
    # Our fault: logged with its traceback, answered without internals but with the id.
    # The server drops the connection after an unhandled error, so the answer says so:
    # a pooled client then opens a new connection instead of failing on the dead one.
    log.error("unhandled error", exc_info=exc, extra={"request_id": request_id_of(request)})
    return problem_response(request, 500, "An internal error occurred; quote the request id when reporting it.",
                            slug="internal-error", title="Internal Server Error", headers={"Connection": "close"})


async def _database_down_handler(request: Request, exc: Exception) -> JSONResponse:
    # Not the caller's fault and not a bug of ours: the database server is down or
    # unreachable. 503 with Retry-After tells clients and load balancers to come back.
    from retrieval.store import DatabaseUnavailable

    if not _is_unreachable(exc):
        return await _unhandled_handler(request, exc)
    log.error("database unavailable", extra={"request_id": request_id_of(request), "error": str(exc).splitlines()[0]
                                              if str(exc) else type(exc).__name__})
    detail = (str(exc) if isinstance(exc, DatabaseUnavailable)
              else "The database cannot be reached right now; try again shortly.")
    return problem_response(request, 503, detail, slug="database-unavailable", title="Service Unavailable",
                            headers={"Retry-After": "5"})


def _is_unreachable(exc: Exception) -> bool:
    """SQLite raises the same OperationalError for "locked" (busy: try again) and for our
    own mistakes ("no such table"); only the first is the database being unavailable."""
    import sqlite3

    orig = getattr(exc, "orig", exc)
    if isinstance(orig, sqlite3.OperationalError):
        return "locked" in str(orig) or "busy" in str(orig)
    return True


def database_down_errors() -> tuple[type[Exception], ...]:
    """The exceptions that mean "the database server is unreachable": SQLAlchemy's
    OperationalError (psycopg cannot connect, the connection dropped; SQLite's "locked"
    too, also temporary; other SQLite errors stay 500s), the psycopg pool's timeout (chat
    checkpoints), and our own DatabaseUnavailable."""
    from sqlalchemy.exc import OperationalError

    from retrieval.store import DatabaseUnavailable

    errors: list[type[Exception]] = [OperationalError, DatabaseUnavailable]
    try:
        import psycopg
        from psycopg_pool import PoolTimeout

        errors += [psycopg.OperationalError, PoolTimeout]
    except ImportError:  # pragma: no cover - installed with the project
        pass
    return tuple(errors)


def install_problem_handlers(app: FastAPI) -> None:
    for error in database_down_errors():
        app.add_exception_handler(error, _database_down_handler)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation_handler)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _http_handler)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _unhandled_handler)


class BodyLimitMiddleware:
    """Rejects bodies over `max_bytes` with a 413 problem: at once from Content-Length, and
    by counting streamed bytes for chunked bodies or a lying Content-Length."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    def _too_large(self) -> ProblemError:
        return ProblemError(413, f"The request body is over the limit of {self.max_bytes} bytes.",
                            slug="body-too-large", title="Content Too Large")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            # Answered without reading a byte of the body.
            exc = self._too_large()
            response = problem_response(Request(scope), 413, exc.detail, slug=exc.slug, title=exc.title,
                                        headers={"Connection": "close"})
            await response(scope, receive, send)
            return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    # Rendered by the problem handler; the rest of the body is never read,
                    # so the connection cannot carry another request.
                    raise ProblemError(413, self._too_large().detail, slug="body-too-large",
                                       title="Content Too Large", headers={"Connection": "close"})
            return message

        await self.app(scope, counting_receive, send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None
