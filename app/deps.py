"""FastAPI dependencies, as `Annotated` aliases, in one module (DESIGN 3, rule 7).

Resources are opened once by the lifespan (app/main.py) and kept on `app.state`; these
dependencies only hand them out, plus the per-request checks: API key and rate limit.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool

from agents.context import AgentContext
from agents.runner import AgentRunner
from app.auth import Principal, bearer_token, is_loopback, verify_key
from app.db import Database
from app.lists_store import ListStore
from app.observability import Metrics
from app.problems import ProblemError
from app.ratelimit import Decision, RateLimiter
from app.routers._runs import RunService
from app.settings import Settings
from retrieval.runtime import Retrieval


def _settings(request: Request) -> Settings:
    return request.app.state.settings


def _database(request: Request) -> Database:
    return request.app.state.db


def _retrieval(request: Request) -> Retrieval:
    return request.app.state.retrieval


def _context(request: Request) -> AgentContext:
    return request.app.state.context


def _lists(request: Request) -> ListStore:
    return request.app.state.lists


def _runner(request: Request) -> AgentRunner:
    return request.app.state.runner


def _runs(request: Request) -> RunService:
    return request.app.state.runs


def _metrics(request: Request) -> Metrics:
    return request.app.state.metrics


SettingsDep = Annotated[Settings, Depends(_settings)]
DatabaseDep = Annotated[Database, Depends(_database)]
RetrievalDep = Annotated[Retrieval, Depends(_retrieval)]
ContextDep = Annotated[AgentContext, Depends(_context)]
ListsDep = Annotated[ListStore, Depends(_lists)]
RunnerDep = Annotated[AgentRunner, Depends(_runner)]
RunsDep = Annotated[RunService, Depends(_runs)]
MetricsDep = Annotated[Metrics, Depends(_metrics)]


def _unauthorized(detail: str) -> ProblemError:
    return ProblemError(401, detail, slug="unauthorized", title="Unauthorized",
                        headers={"WWW-Authenticate": 'Bearer realm="castlist"'})


def _too_many(decision: Decision, what: str = "Rate limit exceeded") -> ProblemError:
    return ProblemError(429, f"{what}; retry in {decision.retry_after_s} s.", slug="rate-limited",
                        title="Too Many Requests", headers={"Retry-After": str(decision.retry_after_s)})


def _missing_key_detail(header: str | None, request: Request) -> str:
    """Why no key was read: a partner who sent one the wrong way is told which way is right."""
    wanted = "send it as `Authorization: Bearer <key>`"
    if header and header.strip():
        scheme = header.strip().split(" ", 1)[0]
        if scheme.lower() == "bearer":
            return f"The Authorization header names Bearer but holds no key; {wanted}."
        if " " not in header.strip():
            return f"The Authorization header holds no scheme; {wanted}."
        return f"The Authorization scheme {scheme!r} is not supported; {wanted}."
    for name in ("x-api-key", "api-key", "x-auth-token"):
        if request.headers.get(name):
            return f"The key in the {name} header is not read; {wanted}."
    return "This API needs a key: send `Authorization: Bearer <key>`."


async def authenticate(request: Request, db: DatabaseDep, settings: SettingsDep) -> Principal:
    client = request.client.host if request.client else "unknown"
    # Database reads in a worker thread: the event loop serves streams meanwhile.
    keys = await run_in_threadpool(db.active_key_count)
    if keys == 0 and is_loopback(settings.host):
        return Principal(kind="anonymous", id=client)
    # Failed attempts are counted per address: past the limit, no key is even checked.
    failures: RateLimiter = request.app.state.auth_limiter
    failure_key = f"auth-failure:{client}"
    blocked = failures.check(failure_key)
    if not blocked.allowed:
        raise _too_many(blocked, "Too many failed authentications")
    header = request.headers.get("authorization")
    token = bearer_token(header)
    if token is None:
        failures.take(failure_key)
        raise _unauthorized(_missing_key_detail(header, request))
    row = await run_in_threadpool(verify_key, db, token)
    if row is None:
        failures.take(failure_key)
        raise _unauthorized("The API key is not valid (wrong, malformed or revoked).")
    return Principal(kind="key", id=row.prefix)


PrincipalDep = Annotated[Principal, Depends(authenticate)]


async def rate_limit(request: Request, principal: PrincipalDep) -> Principal:
    limiter: RateLimiter = request.app.state.limiter
    decision = limiter.take(principal.rate_key)
    if not decision.allowed:
        raise _too_many(decision)
    return principal


# Every /v1 route depends on this: authenticated first, then counted against its bucket.
Caller = Annotated[Principal, Depends(rate_limit)]
