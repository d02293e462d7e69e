"""Running a brief or chat message for the shortlist and chat routers (not a router).

A run is a background task that drains the agent's event stream into a queue: the HTTP
side (SSE or JSON) reads the queue. The task is not tied to the request, so a client that
disconnects does not lose the shortlist: the run finishes, the shortlist is stored, and the
client finds it by the id it saw in the event ids. The shortlist is stored BEFORE the `done`
event is queued, so a shortlist once announced is never lost.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from contextlib import aclosing
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any, Literal
from weakref import WeakValueDictionary

from fastapi import Response

from agents.events import DoneEvent, ErrorEvent, RunEvent, WarningEvent
from agents.runner import AgentRunner
from agents.shortlist import Shortlist
from app.brief_workers import BriefWorkerPool, WorkerLost
from app.db import Database
from app.observability import Metrics, current_request_id
from app.problems import ProblemError
from app.sse import EncodedEvent, event_stream_response, stream_queue

log = logging.getLogger("castlist.runs")

Mode = Literal["sse", "json", "chat"]


@dataclass
class Run:
    shortlist_id: str
    queue: asyncio.Queue[RunEvent | EncodedEvent | None] = field(default_factory=asyncio.Queue)
    task: asyncio.Task[None] | None = None

    async def events(self) -> AsyncIterator[RunEvent | EncodedEvent]:
        """Events until the end of the run (for callers that do not stream)."""
        while (event := await self.queue.get()) is not None:
            yield event

    async def result(self) -> tuple[Shortlist | None, ErrorEvent | None]:
        async for event in self.events():
            if isinstance(event, DoneEvent):
                return event.shortlist, None
            if isinstance(event, ErrorEvent):
                return None, event
        return None, ErrorEvent(message="the run ended without a shortlist", code="internal")


class RunService:
    def __init__(self, runner: AgentRunner, db: Database, metrics: Metrics, workers: BriefWorkerPool | None = None) -> None:
        self.runner = runner
        self.db = db
        self.metrics = metrics
        self.workers = workers  # briefs and chat messages may run there (app/brief_workers.py)
        self._local_runs = 0
        self._tasks: set[asyncio.Task[None]] = set()
        # Messages to one chat thread run one at a time: each refines the last one's criteria.
        self._thread_locks: WeakValueDictionary[str, asyncio.Lock] = WeakValueDictionary()

    def start(self, message: str, *, mode: Mode, thread_id: str | None = None,
              overrides: dict[str, Any] | None = None, limit: int | None = None, label: str | None = None) -> Run:
        run = Run(shortlist_id=uuid.uuid4().hex)
        task = asyncio.create_task(
            self._produce(run, message, mode=mode, thread_id=thread_id, overrides=overrides, limit=limit, label=label),
            name=f"run-{run.shortlist_id}",
        )
        run.task = task
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return run

    async def _produce(self, run: Run, message: str, *, mode: Mode, thread_id: str | None,
                       overrides: dict[str, Any] | None, limit: int | None, label: str | None = None) -> None:
        request_id = current_request_id()  # copied into this task's context at creation
        try:
            if thread_id is not None:
                lock = self._thread_locks.get(thread_id)
                if lock is None:
                    lock = self._thread_locks[thread_id] = asyncio.Lock()
                async with lock:
                    await self._drain(run, message, mode, thread_id, overrides, limit, label)
            else:
                await self._drain(run, message, mode, thread_id, overrides, limit, label)
        except asyncio.CancelledError:
            run.queue.put_nowait(ErrorEvent(message="the service is shutting down", code="unavailable"))
            raise
        except Exception:  # our fault; the stream still ends with an event, not a dropped connection
            log.exception("run failed", extra={"shortlist_id": run.shortlist_id, "request_id": request_id})
            self.metrics.errors.labels(kind="run").inc()
            run.queue.put_nowait(ErrorEvent(message=f"internal error (request id {request_id})", code="internal"))
        finally:
            run.queue.put_nowait(None)

    async def _drain(self, run: Run, message: str, mode: Mode, thread_id: str | None,
                     overrides: dict[str, Any] | None, limit: int | None, label: str | None = None) -> None:
        # The stream contract puts `criteria` first; the parser reports its warnings (e.g. an
        # LLM fallback) before it, so those wait until the criteria have gone out.
        held: list[RunEvent | EncodedEvent] | None = []
        # Closed on return: a run's source (this process or a worker) counts its runs until then.
        async with aclosing(self._events(message, run.shortlist_id, thread_id, overrides, limit, label)) as events:
            async for event in events:
                self.metrics.observe_event(event)
                if isinstance(event, DoneEvent):
                    event = await self._persist(event, thread_id, mode)
                if held is not None and isinstance(event, WarningEvent):
                    held.append(event)
                    continue
                run.queue.put_nowait(event)
                if held is not None:
                    for waiting in held:
                        run.queue.put_nowait(waiting)
                    held = None
                if isinstance(event, (DoneEvent, ErrorEvent)):
                    return

    async def _events(self, message: str, shortlist_id: str, thread_id: str | None,
                      overrides: dict[str, Any] | None, limit: int | None, label: str | None
                      ) -> AsyncIterator[RunEvent | EncodedEvent]:
        """The run's events from a brief worker when one is free and current, else from this process."""
        worker = self.workers.pick(self._local_runs) if self.workers is not None else None
        if worker is not None:
            sent = False
            self.metrics.runs.labels(where="brief_worker").inc()
            try:
                remote = self.workers.stream(worker, message, shortlist_id=shortlist_id, thread_id=thread_id,
                                             overrides=overrides, limit=limit, label=label)
                async with aclosing(remote):
                    async for event in remote:
                        sent = True
                        yield event
                return
            except WorkerLost:
                if sent:
                    raise
                log.warning("brief worker lost before the run began; running it here", exc_info=True)
        self._local_runs += 1
        self.metrics.runs.labels(where="service").inc()
        try:
            async for event in self.runner.stream(message, thread_id=thread_id, overrides=overrides, limit=limit,
                                                  shortlist_id=shortlist_id, label=label):
                yield event
        finally:
            self._local_runs -= 1

    async def _persist(self, event: DoneEvent, thread_id: str | None, mode: Mode) -> RunEvent:
        shortlist = event.shortlist
        try:
            await asyncio.to_thread(self.db.save_shortlist, shortlist)
            if thread_id is not None:
                await asyncio.to_thread(self.db.record_thread_message, thread_id, shortlist.id)
        except Exception:
            log.exception("could not store shortlist", extra={"shortlist_id": shortlist.id})
            self.metrics.errors.labels(kind="storage").inc()
            return ErrorEvent(message="the shortlist was made but could not be stored", code="storage")
        self.metrics.observe_shortlist(shortlist, mode)
        return event

    async def drain(self, timeout_s: float = 10.0) -> None:
        """On shutdown: let running runs finish (and store) for a while, then cancel them."""
        tasks = list(self._tasks)
        if not tasks:
            return
        _, pending = await asyncio.wait(tasks, timeout=timeout_s)
        for task in pending:
            task.cancel()
        if pending:
            await asyncio.wait(pending, timeout=2.0)


_ERROR_STATUS = {"unavailable": 503}


async def respond(run: Run, *, stream: bool) -> Response:
    """SSE of the run's events, or (not streaming) 201 with the stored shortlist."""
    location = f"/v1/shortlists/{run.shortlist_id}"
    if stream:
        return event_stream_response(stream_queue(run.queue, run.shortlist_id),
                                     headers={"X-Shortlist-ID": run.shortlist_id, "Content-Location": location})
    shortlist, error = await run.result()
    if error is not None or shortlist is None:
        code = error.code if error is not None else "internal"
        raise ProblemError(_ERROR_STATUS.get(code, 500), error.message if error else "no shortlist",
                           slug="run-failed", title="The shortlist could not be made")
    return Response(shortlist.model_dump_json(), status_code=201, media_type="application/json",
                    headers={"Location": location})
