"""Query embeddings of concurrent requests in one model call.

Every brief embeds a few short queries (its focus and facets). Twenty briefs at once make
twenty small model calls that queue for the same cores; one call over all their texts
costs little more than the largest of them (the batch is padded to its longest text,
and short queries are what it holds). The batcher is the `Embedder` the service gives the
agent: `embed_queries` hands its texts to one worker thread and waits; the worker takes
everything that queued while the model was busy (plus, optionally, what arrives within
`max_wait_s`) and answers each caller with its own rows.

It is thread-based rather than an asyncio queue because the agent calls the embedder
from worker threads (`asyncio.to_thread`), and a thread-based batcher serves those and
the CLI alike. With nobody else waiting a call goes straight through: when idle, the
only added cost is one hand-off between threads.
"""

from __future__ import annotations

import queue
import threading
import time
from concurrent.futures import Future
from typing import Sequence

import numpy as np

from retrieval.embedder import Embedder

_STOP = object()


class QueryBatcher:
    """Wraps an Embedder; `embed_queries` is micro-batched across threads, the rest passes through."""

    def __init__(self, inner: Embedder, *, max_texts: int = 64, max_wait_s: float = 0.0) -> None:
        self.inner = inner
        self.dim = inner.dim
        self.name = inner.name
        self.backend = getattr(inner, "backend", "torch")
        self._max_texts = max_texts
        self._max_wait_s = max_wait_s
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self.calls = 0  # model calls made (for the service's metrics and the tests)
        self.requests = 0  # embed_queries calls answered
        self._worker = threading.Thread(target=self._run, name="castlist-query-batcher", daemon=True)
        self._worker.start()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        return self.inner.embed(texts)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if not self._worker.is_alive():
            raise RuntimeError("the query batcher is closed")
        future: Future = Future()
        self._queue.put((list(texts), future))
        return future.result()

    @property
    def posts(self):
        return self.inner.posts

    def close(self) -> None:
        self._queue.put(_STOP)
        self._worker.join(timeout=5)

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is _STOP:
                return
            batch = [item]
            stop = self._collect(batch)
            self._answer(batch)
            if stop:
                return

    def _collect(self, batch: list) -> bool:
        """Adds queued requests to `batch` up to max_texts; True when a stop was seen."""
        size = len(batch[0][0])
        deadline = time.monotonic() + self._max_wait_s
        while size < self._max_texts:
            try:
                remaining = deadline - time.monotonic()
                item = self._queue.get(timeout=remaining) if remaining > 0 else self._queue.get_nowait()
            except queue.Empty:
                return False
            if item is _STOP:
                return True
            batch.append(item)
            size += len(item[0])
        return False

    def _answer(self, batch: list) -> None:
        texts = [t for request, _ in batch for t in request]
        try:
            vectors = self.inner.embed_queries(texts)
        except BaseException as exc:  # noqa: BLE001 - every waiting caller gets the error
            for _, future in batch:
                future.set_exception(exc)
            return
        self.calls += 1
        at = 0
        for request, future in batch:
            future.set_result(vectors[at:at + len(request)])
            at += len(request)
            self.requests += 1
