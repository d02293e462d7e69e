"""A brief worker: a process that runs one-off briefs for the service on a copy of the index.

The service (app/brief_workers.py) starts it as `python -m app.brief_worker`, sends its
settings and a read-only replica of the Edge shard (retrieval/index/replica.py) on stdin,
then runs; each run's events go back on stdout as they happen. The creator store is the
service's own database, opened here for reading; chat threads' checkpoints are the
service's too (the same SQLite file or PostgreSQL database), and the service still runs
one message of a thread at a time, so a thread reads the same history in either process. A newer replica arrives after writes:
the runs in flight finish on the old one first, then the store is reopened too, so its
cache of parsed creators cannot outlive a write.

stdout carries only messages: anything a library prints goes to stderr instead.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from typing import BinaryIO

from langgraph.checkpoint.base import BaseCheckpointSaver

from agents.runner import AgentRunner
from app.heap import freeze_startup_heap
from app.settings import Settings
from app.wiring import build_agent_context, open_checkpointer, warm_up
from app.sse import STREAMED_ONLY, EncodedEvent
from app.worker_protocol import (EncodedEventFrame, Hello, OpenReplica, Ready, RunEnded, RunEventFrame, RunJob, encode,
                                 read_message)
from retrieval.embedder import Embedder, open_embedder
from retrieval.index.edge import EdgeCreatorIndex
from retrieval.index.replica import Replica
from retrieval.runtime import Retrieval, prefill_caches
from retrieval.store import CreatorStore

log = logging.getLogger("castlist.brief_worker")


class Worker:
    def __init__(self, settings: Settings, out: asyncio.StreamWriter, checkpointer: BaseCheckpointSaver) -> None:
        self.settings = settings
        self.out = out
        self.checkpointer = checkpointer
        self.embedder: Embedder | None = None
        self.retrieval: Retrieval | None = None
        self.runner: AgentRunner | None = None
        self.context = None  # the AgentContext runs use; its query batcher owns a thread
        self.runs: set[asyncio.Task[None]] = set()

    def open(self, replica: Replica) -> None:
        """Opens the replica (and the store afresh); blocking, called off the event loop."""
        settings = self.settings
        self.embedder = self.embedder or open_embedder(settings.embedding_model, max_tokens=settings.embed_max_tokens,
                                                       backend=settings.embedder_backend)
        index = EdgeCreatorIndex(replica.shard, self.embedder.dim)
        store = CreatorStore.open(settings.resolved_database_url, settings.pool_options)
        retrieval = Retrieval(store=store, index=index, embedder=self.embedder)
        context = build_agent_context(settings, retrieval, wait_for_query_model=False)
        warm_up(context)
        prefill_caches(retrieval)
        old = self.retrieval, self.context
        self.retrieval, self.context, self.runner = retrieval, context, AgentRunner(context, self.checkpointer)
        _close(*old)
        del old  # not frozen with the rest: the closed replica's objects are garbage now
        freeze_startup_heap()  # the new replica's objects live until the next one

    async def send(self, message) -> None:  # noqa: ANN001 - a worker_protocol message
        self.out.write(encode(message))
        await self.out.drain()

    async def run(self, job: RunJob) -> None:
        assert self.runner is not None
        error = None
        try:
            async for event in self.runner.stream(job.message, thread_id=job.thread_id, overrides=job.overrides,
                                                  limit=job.limit, shortlist_id=job.shortlist_id, label=job.label):
                if event.type in STREAMED_ONLY:
                    await self.send(EncodedEventFrame(job.run_id, EncodedEvent(event.type, event.model_dump_json())))
                else:
                    await self.send(RunEventFrame(run_id=job.run_id, event=event))
        except Exception as exc:  # the runner turns its own failures into events; this is ours
            log.exception("brief worker run failed")
            error = type(exc).__name__
        await self.send(RunEnded(run_id=job.run_id, error=error))

    async def reopen(self, message: OpenReplica) -> None:
        # The service sends no new run until Ready: wait for the ones in flight.
        if self.runs:
            await asyncio.wait(set(self.runs))
        await asyncio.to_thread(self.open, message.replica)
        await self.send(Ready(replica=message.replica))

    def start(self, job: RunJob) -> None:
        task = asyncio.create_task(self.run(job), name=f"brief-{job.run_id}")
        self.runs.add(task)
        task.add_done_callback(self.runs.discard)

    def close(self) -> None:
        _close(self.retrieval, self.context)


def _close(retrieval: Retrieval | None, context) -> None:  # noqa: ANN001 - an AgentContext
    close_batcher = getattr(getattr(context, "embedder", None), "close", None)
    if close_batcher is not None:
        close_batcher()
    if retrieval is not None:
        retrieval.close()


def _message_pipe() -> BinaryIO:
    """The real stdout for messages; fd 1 from here on is stderr, for stray prints."""
    out = os.fdopen(os.dup(1), "wb", buffering=0)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return out


async def serve(pipe: BinaryIO) -> None:
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader(limit=2**20)
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin.buffer)
    transport, protocol = await loop.connect_write_pipe(asyncio.streams.FlowControlMixin, pipe)
    out = asyncio.StreamWriter(transport, protocol, None, loop)
    hello = await read_message(reader)
    if not isinstance(hello, Hello):
        raise SystemExit("brief worker: expected a Hello first")
    settings = Settings.model_validate_json(hello.settings_json)
    async with open_checkpointer(settings) as checkpointer:
        worker = Worker(settings, out, checkpointer)
        await asyncio.to_thread(worker.open, hello.replica)
        await worker.send(Ready(replica=hello.replica))
        try:
            while (message := await read_message(reader)) is not None:
                if isinstance(message, RunJob):
                    worker.start(message)
                elif isinstance(message, OpenReplica):
                    await worker.reopen(message)
            if worker.runs:  # stdin closed: the service is stopping; finish what it is waiting for
                await asyncio.wait(set(worker.runs))
        finally:
            await asyncio.to_thread(worker.close)


def main() -> None:
    from app.observability import configure_logging

    pipe = _message_pipe()
    configure_logging()
    asyncio.run(serve(pipe))


if __name__ == "__main__":
    main()
