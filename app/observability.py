"""Logs, request ids and Prometheus metrics.

Logs are one JSON object per line so a collector can index them without parsing prose.
Every request gets an id (the caller's `X-Request-ID` when it is sane, else a new one),
echoed in the response and stamped on every log line written while it is handled.
Metrics live in a registry per app, so two apps in one process (tests) never collide.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import sys
import time
import uuid
from datetime import datetime, timezone
from typing import Any

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from agents.events import RunEvent, WarningEvent
from agents.shortlist import Shortlist

REQUEST_ID_HEADER = "X-Request-ID"
_request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)
# Echoing caller ids into logs and headers: only short, plain tokens are trusted.
_SANE_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")

access_log = logging.getLogger("castlist.access")

# Attributes every LogRecord has; anything else was passed in `extra` and is logged as a field.
_RESERVED = set(logging.LogRecord("", 0, "", 0, "", (), None).__dict__) | {"message", "asctime", "taskName", "color_message"}


def current_request_id() -> str | None:
    return _request_id.get()


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        request_id = getattr(record, "request_id", None) or current_request_id()
        if request_id:
            entry["request_id"] = request_id
        for key, value in record.__dict__.items():
            if key not in _RESERVED and key not in entry:
                entry[key] = value
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


def configure_logging(level: int = logging.INFO) -> None:
    """JSON lines on stderr for our loggers and uvicorn's; idempotent."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    handler.set_name("castlist-json")
    root = logging.getLogger()
    if not any(h.get_name() == "castlist-json" for h in root.handlers):
        root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)
    for name in ("uvicorn", "uvicorn.error"):
        logger = logging.getLogger(name)
        logger.handlers = []
        logger.propagate = True
    # Our access log replaces uvicorn's (it has the request id, route and duration).
    logging.getLogger("uvicorn.access").disabled = True


class Metrics:
    """The service's Prometheus metrics."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.request_seconds = Histogram(
            "castlist_http_request_duration_seconds", "Request latency by route template (streams: until the last byte)",
            ["method", "route", "status"], registry=self.registry,
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60),
        )
        self.stage_seconds = Histogram(
            "castlist_agent_stage_duration_seconds", "Agent stage latency from shortlist stats timings",
            ["stage"], registry=self.registry,
            buckets=(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
        )
        self.shortlist_size = Histogram(
            "castlist_shortlist_size", "Creators per produced shortlist", registry=self.registry,
            buckets=(0, 1, 5, 10, 20, 50, 100, 200),
        )
        self.shortlists = Counter("castlist_shortlists_total", "Shortlists produced", ["mode"], registry=self.registry)
        self.llm_fallbacks = Counter(
            "castlist_llm_fallbacks_total", "Parser warnings: the LLM parser fell back to the offline one, or similar",
            registry=self.registry,
        )
        self.errors = Counter("castlist_errors_total", "Errors by kind", ["kind"], registry=self.registry)
        self.runs = Counter("castlist_runs_total", "Runs by the process that ran them: `service`, or `brief_worker` "
                            "(app/brief_workers.py)", ["where"], registry=self.registry)

    def observe_event(self, event: RunEvent) -> None:
        if isinstance(event, WarningEvent) and event.code == "parser":
            self.llm_fallbacks.inc()
        elif getattr(event, "type", None) == "error":
            self.errors.labels(kind="run").inc()

    def observe_shortlist(self, shortlist: Shortlist, mode: str) -> None:
        self.shortlists.labels(mode=mode).inc()
        self.shortlist_size.observe(len(shortlist.creators))
        timings = shortlist.stats.get("timings_ms") if isinstance(shortlist.stats, dict) else None
        for stage, ms in (timings or {}).items():
            if isinstance(ms, (int, float)):
                self.stage_seconds.labels(stage=str(stage)).observe(ms / 1000.0)

    def render(self) -> tuple[bytes, str]:
        return generate_latest(self.registry), CONTENT_TYPE_LATEST


def _route_template(scope: Scope) -> str:
    # The matched route's template (e.g. /v1/shortlists/{shortlist_id}): raw paths would
    # give one time series per id.
    route = scope.get("route")
    path = getattr(route, "path", None)
    return path if isinstance(path, str) else "unmatched"


class RequestContextMiddleware:
    """Request id, access log and latency histogram for every HTTP request."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = next((v.decode("latin-1") for k, v in scope.get("headers", ()) if k == b"x-request-id"), None)
        request_id = incoming if incoming and _SANE_ID.match(incoming) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        token = _request_id.set(request_id)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                headers = list(message.get("headers", []))
                if not any(k.lower() == b"x-request-id" for k, _ in headers):
                    headers.append((b"x-request-id", request_id.encode("latin-1")))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            status = 500
            raise
        finally:
            elapsed = time.perf_counter() - started
            route = _route_template(scope)
            self.metrics.request_seconds.labels(method=scope["method"], route=route, status=str(status)).observe(elapsed)
            if status >= 500:
                self.metrics.errors.labels(kind="http_5xx").inc()
            elif status >= 400:
                self.metrics.errors.labels(kind="http_4xx").inc()
            access_log.info(
                "request",
                extra={"request_id": request_id, "method": scope["method"], "path": scope.get("path"),
                       "route": route, "status": status,
                       "duration_ms": round(elapsed * 1000, 2), "client": (scope.get("client") or ("", 0))[0]},
            )
            _request_id.reset(token)
