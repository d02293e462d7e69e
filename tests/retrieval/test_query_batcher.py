"""The query micro-batcher on the real model: concurrent callers share model calls and
each gets exactly its own rows."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest

from retrieval.query_batcher import QueryBatcher

QUERIES = [
    ["vegan recipes"], ["gym workout", "leg day"], ["travel in Portugal"], ["dog adoption", "rescue dogs", "pets"],
    ["sourdough baking"], ["skincare for oily skin"], ["marathon training"], ["mechanical keyboards"],
]


class _HeldFirstCall:
    """The real embedder, whose first call waits until the test releases it — so the
    other callers are certainly queued behind it (no reliance on timing)."""

    def __init__(self, inner) -> None:
        self.inner, self.dim, self.name = inner, inner.dim, inner.name
        self.release = threading.Event()
        self.batches: list[list[str]] = []

    def embed_queries(self, texts):
        self.batches.append(list(texts))
        if len(self.batches) == 1:
            self.release.wait(timeout=60)
        return self.inner.embed_queries(texts)


def _call_all(batcher, requests):
    results: dict[int, np.ndarray] = {}

    def call(i):
        results[i] = batcher.embed_queries(requests[i])

    threads = [threading.Thread(target=call, args=(i,)) for i in range(len(requests))]
    threads[0].start()
    return results, threads


def test_concurrent_callers_share_one_model_call_and_get_their_own_rows(embedder):
    held = _HeldFirstCall(embedder)
    batcher = QueryBatcher(held, max_texts=64)
    try:
        results, threads = _call_all(batcher, QUERIES)
        while not held.batches:  # the first call is inside the model
            time.sleep(0.001)
        for t in threads[1:]:
            t.start()
        while batcher._queue.qsize() < len(QUERIES) - 1:  # every other caller is queued
            time.sleep(0.001)
        held.release.set()
        for t in threads:
            t.join(timeout=60)
        assert held.batches[0] == QUERIES[0]
        assert held.batches[1] == [q for request in QUERIES[1:] for q in request]  # one call for the rest
        assert (batcher.calls, batcher.requests) == (2, len(QUERIES))
        for i, request in enumerate(QUERIES):
            alone = embedder.embed_queries(request)
            assert results[i].shape == alone.shape
            assert np.sum(results[i] * alone, axis=1).min() > 0.9999
    finally:
        held.release.set()
        batcher.close()


def test_a_batch_never_exceeds_max_texts(embedder):
    held = _HeldFirstCall(embedder)
    batcher = QueryBatcher(held, max_texts=3)
    try:
        results, threads = _call_all(batcher, QUERIES)
        while not held.batches:
            time.sleep(0.001)
        for t in threads[1:]:
            t.start()
        while batcher._queue.qsize() < len(QUERIES) - 1:
            time.sleep(0.001)
        held.release.set()
        for t in threads:
            t.join(timeout=60)
        # A request is never split; a batch is closed once it holds max_texts or more.
        assert all(len(b) <= 3 + 2 for b in held.batches)
        assert sorted(q for b in held.batches for q in b) == sorted(q for r in QUERIES for q in r)
        assert len(results) == len(QUERIES)
    finally:
        held.release.set()
        batcher.close()


def test_an_error_reaches_every_caller_of_the_batch(embedder):
    class Failing:
        dim, name = embedder.dim, embedder.name

        def embed_queries(self, texts):
            raise RuntimeError("model failed")

    batcher = QueryBatcher(Failing())
    try:
        with pytest.raises(RuntimeError, match="model failed"):
            batcher.embed_queries(["anything"])
    finally:
        batcher.close()


def test_passes_through_the_rest_and_closes(embedder):
    batcher = QueryBatcher(embedder)
    assert batcher.embed_queries([]).shape == (0, embedder.dim)
    texts = ["vegan recipes", "leg day"]
    assert np.allclose(batcher.embed(texts), embedder.embed(texts))
    assert batcher.posts is embedder.posts and batcher.name == embedder.name
    batcher.close()
    with pytest.raises(RuntimeError, match="closed"):
        batcher.embed_queries(["vegan recipes"])
