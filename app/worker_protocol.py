"""Messages between the service and its brief workers (app/brief_workers.py,
app/brief_worker.py), as length-prefixed pickles over the worker's pipes.

Pickle is safe here: both ends are this program, started by the service itself, and the
pipes are the child's own. Events are the agent's typed RunEvent models, unchanged.
"""

from __future__ import annotations

import asyncio
import pickle
import struct
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from agents.events import RunEvent
from app.sse import EncodedEvent
from retrieval.index.replica import Replica

_LENGTH = struct.Struct(">I")


class Hello(BaseModel):
    """First message to a worker: the service's settings (as JSON) and the replica to open."""

    settings_json: str
    replica: Replica


class OpenReplica(BaseModel):
    """A newer copy of the index: finish the runs in flight, then search this one."""

    replica: Replica


class RunJob(BaseModel):
    run_id: str
    message: str
    overrides: dict[str, Any] | None = None
    limit: int | None = None
    shortlist_id: str
    label: str | None = None
    thread_id: str | None = None  # a chat thread: its checkpoints are in the shared database


class Ready(BaseModel):
    """From a worker: it now searches `replica`."""

    replica: Replica


class RunEventFrame(BaseModel):
    run_id: str
    event: RunEvent


@dataclass(frozen=True, slots=True)
class EncodedEventFrame:
    """An event the service only streams (app/sse.STREAMED_ONLY), already JSON: a plain
    dataclass, cheaper to pickle and unpickle than a model."""

    run_id: str
    event: EncodedEvent


class RunEnded(BaseModel):
    run_id: str
    error: str | None = None  # the worker's own failure, logged there; the service answers for it


def encode(message: BaseModel | EncodedEventFrame) -> bytes:
    body = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    return _LENGTH.pack(len(body)) + body


async def read_message(reader: asyncio.StreamReader) -> BaseModel | EncodedEventFrame | None:
    """The next message, or None at the end of the stream."""
    try:
        head = await reader.readexactly(_LENGTH.size)
        body = await reader.readexactly(_LENGTH.unpack(head)[0])
    except asyncio.IncompleteReadError:
        return None
    return pickle.loads(body)  # noqa: S301 - our own child process, see the module docstring
