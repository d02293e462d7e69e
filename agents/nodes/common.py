"""Helpers the nodes share: timing and event emission."""

from __future__ import annotations

import time
from contextlib import contextmanager
from typing import Iterator

from langgraph.runtime import Runtime
from pydantic import BaseModel

from agents.context import AgentContext
from agents.events import ProgressEvent
from agents.state import ShortlistState


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


def add_earlier_rounds(state: ShortlistState, timings: dict[str, float], name: str, first_round: bool) -> None:
    """Vet, select and explain run once per vetting batch: a stage's time is the sum of its rounds."""
    earlier = (state.get("timings") or {}).get(name)
    if not first_round and earlier is not None and name in timings:
        timings[name] = round(timings[name] + earlier, 2)


def first_round(state: ShortlistState, runtime: Runtime[AgentContext]) -> bool:
    """Whether select and explain are in the turn's first vetting round (see agents/nodes/vet.py)."""
    return (state.get("vetted") or 0) <= runtime.context.vet_batch


def count_rejections(rejected: dict[str, str]) -> dict[str, int]:
    """How many candidates each vetting check rejected (a reason is "check: detail")."""
    counts: dict[str, int] = {}
    for reason in rejected.values():
        check = reason.split(":")[0]
        counts[check] = counts.get(check, 0) + 1
    return counts
