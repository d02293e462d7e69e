"""Helpers for the service tests: settings, an SSE parser, waiting."""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from app.settings import Settings

BRIEF = "10 vegan food creators on Instagram or TikTok, budget $20,000, no alcohol"


# The database of each test data dir that is not its own SQLite file (a PostgreSQL
# database made for it by the data_dir_factory fixture), so that every test that builds
# settings for a data dir reaches the same database without knowing the backend.
DATABASE_URLS: dict[Path, str] = {}


def settings_for(data_dir: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {"data_dir": data_dir, "rate_limit_per_minute": 100_000, "auth_failures_per_minute": 100_000,
                              "max_body_bytes": 200_000}
    if Path(data_dir).resolve() in DATABASE_URLS:
        values["database_url"] = DATABASE_URLS[Path(data_dir).resolve()]
    values.update(overrides)
    return Settings(**values)


@dataclass
class SSEEvent:
    event: str
    id: str | None
    data: Any


def parse_sse(text: str) -> list[SSEEvent]:
    """WHATWG framing, enough for our streams: event/id/data lines, blank-line terminated."""
    events: list[SSEEvent] = []
    event, ident, data = "message", None, []
    for line in text.replace("\r\n", "\n").split("\n"):
        if line == "":
            if data:
                events.append(SSEEvent(event, ident, json.loads("\n".join(data))))
            event, data = "message", []
            continue
        if line.startswith(":"):
            continue
        field, _, value = line.partition(":")
        value = value[1:] if value.startswith(" ") else value
        if field == "event":
            event = value
        elif field == "data":
            data.append(value)
        elif field == "id":
            ident = value
    return events


async def stream_events(client: httpx.AsyncClient, url: str, body: dict[str, Any],
                        headers: dict[str, str] | None = None) -> tuple[httpx.Response, list[SSEEvent]]:
    async with client.stream("POST", url, json=body,
                             headers={"Accept": "text/event-stream", **(headers or {})}) as response:
        text = (await response.aread()).decode()
    return response, parse_sse(text) if response.status_code == 200 else []


async def wait_until(predicate, timeout: float = 30.0, interval: float = 0.05) -> None:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(interval)
