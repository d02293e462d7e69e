"""Run events -> Server-Sent Events (DESIGN 5.4: event names are a contract).

Each `RunEvent` becomes one SSE whose `event` is the run event's `type` (criteria,
progress, creator, warning, done, error) and whose `data` is the run event as JSON. Ids are
`<shortlist_id>:<seq>` with `seq` counting from 1, so a client that lost the connection
knows which shortlist it was receiving and how far it got (the finished shortlist is then
at GET /v1/shortlists/<shortlist_id>).

The wire format comes from FastAPI's own SSE support (`fastapi.sse`); the stream is built
here rather than by a generator endpoint because POST /v1/shortlists answers either SSE or
JSON from the same route, depending on `Accept`.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass

from fastapi.sse import KEEPALIVE_COMMENT, EventSourceResponse, ServerSentEvent, format_sse_event

from agents.events import RunEvent

SSE_MEDIA_TYPE = "text/event-stream"
# Idle proxies drop silent connections; a comment line every so often keeps them open
# while a slow stage (e.g. an LLM call) produces nothing.
KEEPALIVE_SECONDS = 15.0

# A stream ends after this sentinel (or a done/error event).
END = None


def event_id(shortlist_id: str, seq: int) -> str:
    return f"{shortlist_id}:{seq}"


@dataclass(frozen=True, slots=True)
class EncodedEvent:
    """A run event already in its JSON form (made by a brief worker, app/brief_worker.py):
    streamed as it is. Rebuilding it in the service only to encode it again cost the service
    process about a tenth of its CPU under load (unpickling, then `model_dump_json`)."""

    type: str
    json: str


# What the service only streams: it reads nothing in these, so a worker sends them encoded.
# Warnings, errors and `done` stay models: the service counts, holds and stores them.
STREAMED_ONLY = frozenset({"criteria", "progress", "creator"})


def to_sse(event: RunEvent | EncodedEvent, shortlist_id: str, seq: int) -> ServerSentEvent:
    data = event.json if isinstance(event, EncodedEvent) else event.model_dump_json()
    return ServerSentEvent(event=event.type, id=event_id(shortlist_id, seq), raw_data=data)


def encode(sse: ServerSentEvent) -> bytes:
    return format_sse_event(data_str=sse.raw_data, event=sse.event, id=sse.id, retry=sse.retry, comment=sse.comment)


def wants_event_stream(accept: str | None) -> bool:
    """True when the client asked for SSE (an `Accept` listing text/event-stream)."""
    if not accept:
        return False
    for part in accept.split(","):
        media, *params = [p.strip() for p in part.split(";")]
        if media.lower() != SSE_MEDIA_TYPE:
            continue
        q = next((p[2:] for p in params if p.lower().startswith("q=")), "1")
        try:
            return float(q) > 0
        except ValueError:
            return True
    return False


async def stream_queue(queue: asyncio.Queue[RunEvent | EncodedEvent | None], shortlist_id: str,
                       keepalive_s: float = KEEPALIVE_SECONDS) -> AsyncIterator[bytes]:
    """Encoded events from `queue` until the END sentinel, with keep-alive comments.

    Events already queued together (a round's creators, a creator and `done`) go out in one
    write: each write passes every middleware and the server's send path, so under load
    fewer, fuller writes cost less CPU, and the client still reads one SSE per event."""
    seq = 0
    while True:
        try:
            ready = [await asyncio.wait_for(queue.get(), timeout=keepalive_s)]
        except TimeoutError:
            yield KEEPALIVE_COMMENT
            continue
        while ready[-1] is not END and not queue.empty():
            ready.append(queue.get_nowait())
        frames = []
        for event in ready:
            if event is END:
                break
            seq += 1
            frames.append(encode(to_sse(event, shortlist_id, seq)))
        if frames:
            yield b"".join(frames)
        if ready[-1] is END:
            return


def event_stream_response(body: AsyncIterator[bytes], headers: dict[str, str] | None = None) -> EventSourceResponse:
    return EventSourceResponse(body, headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no", **(headers or {})})
