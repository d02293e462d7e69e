"""Helpers the nodes share: timing and event emission."""

from __future__ import annotations

import time
from contextlib import contextmanager
from typing import Iterator

from langgraph.runtime import Runtime
from pydantic import BaseModel

from agents.context import AgentContext
from agents.events import ProgressEvent


def emit(runtime: Runtime[AgentContext], event: BaseModel) -> None:
    writer = runtime.stream_writer
    if writer is not None:
        writer(event)


@contextmanager
def stage(runtime: Runtime[AgentContext], name: str, timings: dict[str, float]) -> Iterator[None]:
    started = time.perf_counter()
    yield
    timings[name] = round((time.perf_counter() - started) * 1000, 2)


def progress(runtime: Runtime[AgentContext], name: str, message: str, timings: dict[str, float]) -> None:
    emit(runtime, ProgressEvent(stage=name, message=message, elapsed_ms=timings.get(name, 0.0)))
