"""Brief workers: processes that run one-off briefs beside the service, so briefs use every core.

Measured (castlist bench, service, 2 cores): one process spends about 55 ms of CPU per
brief, most of it holding the GIL, so 20 concurrent briefs queue behind one core. Edge
locks the shard for the one process that opens it; each worker searches a read-only
copy of it instead (retrieval/index/replica.py) and reads the creator store directly.

Rules that keep a worker's answers the service's answers:
- A worker gets a brief only while its copy holds every write the service's index has
  started (`EdgeCreatorIndex.write_state`); otherwise the service runs the brief itself.
- After writes stop for `QUIET_S`, a new copy is taken (outside the write lock: it is
  kept only if no write started or was in flight meanwhile) and the workers move to it
  once their runs in flight end.
- Chat threads run in workers too: their checkpoints are in the shared database, and the
  service still sends one message of a thread at a time.
- A worker that dies before its run sent anything has the run redone by the service; a
  run it leaves half-sent ends with an error event, and the worker is started again.
"""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
import sys
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from agents.events import RunEvent
from app.settings import Settings
from app.sse import EncodedEvent
from app.worker_protocol import (EncodedEventFrame, Hello, OpenReplica, Ready, RunEnded, RunEventFrame, RunJob, encode,
                                 read_message)
from retrieval.index.replica import Replica, prune, publish

log = logging.getLogger("castlist.brief_workers")

QUIET_S = 1.0  # writes arrive in bursts (an upload, the demo build): copy once they pause
POLL_S = 0.25
# The service process also serves HTTP and streams every run, so a worker takes up to twice
# its runs. Measured (1,500 creators, 2 cores, 8 rounds of 20 concurrent SSE briefs): `done`
# p95 median 0.94 s against 1.10 s with equal shares; 50 concurrent 2.0 s against 2.4 s.
WORKER_SHARE = 2
RESTART_DELAY_S = 2.0  # doubled after each start that never became ready, up to RESTART_MAX_S
RESTART_MAX_S = 60.0
PROJECT_ROOT = Path(__file__).resolve().parents[1]
# One math thread per worker: the workers are the parallelism, and two processes each
# running two OpenMP threads on two cores made briefs wait on each other's threads.
WORKER_ENV = {"OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


class WorkerLost(RuntimeError):
    """The worker ended (or failed) the run without finishing it."""


class PoolStatus(BaseModel):
    size: int
    current: int  # workers searching a copy that holds every write: the ones briefs go to
    replica_writes: int | None
    index_writes: int


_LOST = object()


@dataclass
class _Worker:
    number: int
    proc: asyncio.subprocess.Process
    writes: int | None = None  # the copy it searches; None while it opens one
    replica: Path | None = None
    runs: dict[str, asyncio.Queue[Any]] = field(default_factory=dict)
    reader: asyncio.Task[None] | None = None
    alive: bool = True


class BriefWorkerPool:
    def __init__(self, settings: Settings, index: Any, size: int) -> None:
        self.settings = settings
        self.index = index  # an EdgeCreatorIndex (write_state, flush)
        self.size = size
        self.replicas_dir = settings.data_dir / "replicas"
        self.replicas: list[Replica] = []  # the newest copies, one per worker: Edge locks each copy too
        self.workers: list[_Worker] = []
        self._closing = False
        self._failed_starts: dict[int, int] = {}  # by worker number, since its last Ready
        self._tasks: set[asyncio.Task[None]] = set()

    async def start(self) -> None:
        """Returns at once: the first copy is taken once writes pause, then the workers start."""
        await asyncio.to_thread(prune, self.replicas_dir, set())  # copies left by an earlier run
        self._background(self._refresh_loop(), "brief-workers-refresh")

    def status(self) -> PoolStatus:
        writes, _ = self.index.write_state()
        return PoolStatus(size=self.size, current=sum(1 for w in self.workers if self._current(w, writes)),
                          replica_writes=self.replicas[0].writes if self.replicas else None, index_writes=writes)

    def pick(self, local_runs: int) -> _Worker | None:
        """The current worker with the fewest runs, unless it has more than WORKER_SHARE times
        the service process's runs (so a lone brief always goes to a worker)."""
        writes, _ = self.index.write_state()
        current = [w for w in self.workers if self._current(w, writes)]
        if not current:
            return None
        best = min(current, key=lambda w: len(w.runs))
        return best if len(best.runs) <= WORKER_SHARE * local_runs else None

    async def stream(self, worker: _Worker, message: str, *, shortlist_id: str, thread_id: str | None,
                     overrides: dict[str, Any] | None, limit: int | None, label: str | None
                     ) -> AsyncIterator[RunEvent | EncodedEvent]:
        """The run's events; those the service only streams come encoded (app/sse.STREAMED_ONLY)."""
        run_id = uuid.uuid4().hex
        queue: asyncio.Queue[Any] = asyncio.Queue()
        worker.runs[run_id] = queue
        try:
            await self._send(worker, RunJob(run_id=run_id, message=message, overrides=overrides, limit=limit,
                                            shortlist_id=shortlist_id, label=label, thread_id=thread_id))
            while True:
                item = await queue.get()
                if item is _LOST:
                    raise WorkerLost(f"brief worker {worker.number} ended during a run")
                if isinstance(item, RunEnded):
                    if item.error:
                        raise WorkerLost(f"brief worker {worker.number} failed: {item.error}")
                    return
                yield item
        finally:
            worker.runs.pop(run_id, None)

    async def close(self) -> None:
        self._closing = True
        for task in list(self._tasks):
            task.cancel()
        for w in self.workers:
            if w.proc.stdin is not None and not w.proc.stdin.is_closing():
                w.proc.stdin.close()  # end of input: the worker finishes its runs and exits
        for w in self.workers:
            try:
                await asyncio.wait_for(w.proc.wait(), timeout=10)
            except asyncio.TimeoutError:
                w.proc.kill()
                await w.proc.wait()
        await asyncio.to_thread(prune, self.replicas_dir, set())

    # -- internals

    def _current(self, worker: _Worker, writes: int) -> bool:
        return worker.alive and worker.writes is not None and worker.writes == writes

    def _background(self, coro: Any, name: str) -> None:
        task = asyncio.create_task(coro, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _spawn(self, number: int) -> None:
        replica = self.replicas[number]
        env = {**os.environ, **WORKER_ENV,
               "PYTHONPATH": os.pathsep.join(filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")]))}
        proc = await asyncio.create_subprocess_exec(sys.executable, "-m", "app.brief_worker", stdin=asyncio.subprocess.PIPE,
                                                    stdout=asyncio.subprocess.PIPE, env=env, cwd=str(PROJECT_ROOT))
        worker = _Worker(number=number, proc=proc)
        if number < len(self.workers):
            self.workers[number] = worker
        else:
            self.workers.append(worker)
        # The reader first: if the process is already gone, it sees the end and starts another.
        worker.reader = asyncio.create_task(self._read(worker), name=f"brief-worker-{number}")
        try:
            await self._send(worker, Hello(settings_json=self.settings.model_dump_json(), replica=replica))
        except WorkerLost:
            log.warning("brief worker ended before its start message", extra={"worker": number})

    async def _send(self, worker: _Worker, message: BaseModel) -> None:
        stdin = worker.proc.stdin
        if stdin is None or not worker.alive:
            raise WorkerLost(f"brief worker {worker.number} is not running")
        try:
            stdin.write(encode(message))
            await stdin.drain()
        except (BrokenPipeError, ConnectionResetError) as exc:
            raise WorkerLost(f"brief worker {worker.number} is not running") from exc

    async def _read(self, worker: _Worker) -> None:
        assert worker.proc.stdout is not None
        try:
            while (message := await read_message(worker.proc.stdout)) is not None:
                if isinstance(message, Ready):
                    worker.writes, worker.replica = message.replica.writes, message.replica.path
                    self._failed_starts.pop(worker.number, None)
                    await asyncio.to_thread(self._prune_unused)
                elif isinstance(message, (RunEventFrame, EncodedEventFrame)):
                    queue = worker.runs.get(message.run_id)
                    if queue is not None:
                        queue.put_nowait(message.event)
                elif isinstance(message, RunEnded):
                    queue = worker.runs.get(message.run_id)
                    if queue is not None:
                        queue.put_nowait(message)
        finally:
            worker.alive = False
            for queue in worker.runs.values():
                queue.put_nowait(_LOST)
            if not self._closing:
                code = await worker.proc.wait()
                log.error("brief worker ended; starting another", extra={"worker": worker.number, "exit_code": code})
                self._background(self._restart(worker.number), f"brief-worker-{worker.number}-restart")

    async def _restart(self, number: int) -> None:
        failed = self._failed_starts[number] = self._failed_starts.get(number, -1) + 1
        await asyncio.sleep(min(RESTART_MAX_S, RESTART_DELAY_S * 2 ** failed))
        if not self._closing:
            await self._spawn(number)

    def _prune_unused(self) -> None:
        keep = {w.replica for w in self.workers if w.replica is not None} | {r.path for r in self.replicas}
        prune(self.replicas_dir, keep)

    def _copy(self) -> list[Replica] | None:
        """One copy of the shard per worker, each holding exactly the writes started so far;
        None when a write started or was in flight while they were taken."""
        before, idle = self.index.write_state()
        if not idle:
            return None
        self.index.flush()
        replicas = [publish(self.settings.index_path.parent, self.replicas_dir, before) for _ in range(self.size)]
        after, idle = self.index.write_state()
        if after != before or not idle:
            for replica in replicas:
                shutil.rmtree(replica.path, ignore_errors=True)
            return None
        return replicas

    async def _refresh_loop(self) -> None:
        loop = asyncio.get_running_loop()
        seen, since = self.index.write_state()[0], loop.time() - QUIET_S  # quiet at start: copy at once
        while True:
            writes, idle = self.index.write_state()
            if writes != seen:
                seen, since = writes, loop.time()
            elif idle and loop.time() - since >= QUIET_S and (not self.replicas or self.replicas[0].writes != writes):
                try:
                    replicas = await asyncio.to_thread(self._copy)
                    if replicas is not None:
                        await self._adopt(replicas)
                except Exception:  # e.g. a full disk: briefs stay in the service process meanwhile
                    log.exception("copying the index for the brief workers failed; trying again later")
                    since = loop.time() + RESTART_MAX_S
            await asyncio.sleep(POLL_S)

    async def _adopt(self, replicas: list[Replica]) -> None:
        first, self.replicas = not self.replicas, replicas
        if first:
            for number in range(self.size):
                await self._spawn(number)
            return
        for worker, replica in zip(self.workers, replicas):
            if worker.alive:
                worker.writes = None  # no new brief until it has opened the new copy
                try:
                    await self._send(worker, OpenReplica(replica=replica))
                except WorkerLost:
                    pass  # its reader starts another, on the newest copy
