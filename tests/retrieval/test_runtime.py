"""Prefilled caches (retrieval/runtime.prefill_caches): a data dir that fits is read into the
process's caches before the first brief, and what the caches then serve equals a fresh read.
Real model, real Edge shard, real SQLite."""

from __future__ import annotations

import numpy as np

from retrieval.index.base import IndexFilter
from retrieval.index.edge import EdgeCreatorIndex
from retrieval.ingest import Ingester
from retrieval.runtime import Retrieval, prefill_caches
from retrieval.schema import Creator
from retrieval.store import CreatorStore


def _creators(n: int) -> list[Creator]:
    return [Creator.model_validate({
        "platform": "instagram", "handle": f"cook{i}", "followers": 10_000 + i,
        "posts": [{"id": f"c{i}-1", "text": f"Weeknight pasta number {i} with greens", "likes": 50, "comments": 2,
                   "created_at": "2026-10-01T00:00:00Z"}]}) for i in range(n)]


def _reopened(tmp_path, embedder, cache_size: int) -> Retrieval:
    store = CreatorStore(CreatorStore.open(f"sqlite:///{tmp_path / 'castlist.db'}").engine, cache_size=cache_size)
    return Retrieval(store=store, index=EdgeCreatorIndex(tmp_path / "edge", embedder.dim), embedder=embedder)


def test_a_data_dir_that_fits_is_read_into_the_caches(tmp_path, embedder):
    writer = _reopened(tmp_path, embedder, cache_size=0)
    ingester = Ingester(writer.store, writer.index, embedder)
    ingester.write([ingester.prepare(c) for c in _creators(5)])
    writer.close()

    too_small = _reopened(tmp_path, embedder, cache_size=4)
    assert prefill_caches(too_small) == 0
    assert len(too_small.store._cache) == 0 and len(too_small.index._hits) == 0
    too_small.close()

    retrieval = _reopened(tmp_path, embedder, cache_size=5)
    assert prefill_caches(retrieval) == 5
    assert len(retrieval.store._cache) == 5 and len(retrieval.index._hits) == 5
    keys = [c.key for c in _creators(5)]
    cached_hits = {h.key: (h.payload, h.vector) for h in retrieval.index.search(None, None, IndexFilter(), 10,
                                                                                  with_vectors=True)}
    cached = retrieval.store.get_many(keys)
    retrieval.close()

    fresh = _reopened(tmp_path, embedder, cache_size=5)  # nothing prefilled: every value read now
    fresh_hits = {h.key: (h.payload, h.vector) for h in fresh.index.search(None, None, IndexFilter(), 10,
                                                                            with_vectors=True)}
    assert cached_hits.keys() == fresh_hits.keys() == set(keys)
    assert all(cached_hits[k][0] == fresh_hits[k][0] and np.array_equal(cached_hits[k][1], fresh_hits[k][1])
               for k in keys)
    assert {k: v.creator for k, v in cached.items()} == {k: v.creator for k, v in fresh.store.get_many(keys).items()}
    fresh.close()
