"""The Edge index answers searches with payloads and dense vectors kept in memory
(retrieval/index/hit_cache.py): the same hits as a fresh index that reads them all from
the shard, and never stale after an upsert, a payload update or a delete. Real Edge
shards in temp dirs, real embeddings."""

from __future__ import annotations

import numpy as np

from retrieval.index.base import IndexedCreator, IndexFilter
from retrieval.index.edge import EdgeCreatorIndex
from retrieval.schema import creator_key, point_id_for

TEXTS = {
    "leafy.kitchen": "plant-based dinners, tofu scramble and dairy-free baking",
    "oat.and.soy": "vegan street food tours and meatless monday recipes",
    "clack.lab": "mechanical keyboard switches, lubing stabilizers, custom keycaps",
}


def _creator(embedder, handle: str, text: str, followers: int = 10_000) -> IndexedCreator:
    key = creator_key("instagram", handle)
    return IndexedCreator(key=key, point_id=point_id_for(key), dense=embedder.embed([text])[0].tolist(),
                          sparse_text=text, payload={"key": key, "handle": handle, "followers": followers})


def _search(index, embedder, text="vegan recipes"):
    vector = embedder.embed_queries([text])[0].tolist()
    return index.search(vector, text, IndexFilter(), 10, mode="hybrid", with_vectors=True)


def test_kept_hits_equal_a_fresh_read_of_the_shard(tmp_path, embedder):
    index = EdgeCreatorIndex(tmp_path / "edge", embedder.dim)
    try:
        index.upsert([_creator(embedder, h, t) for h, t in TEXTS.items()])
        cold = _search(index, embedder)
        assert len(index._hits) == 3
        warm = _search(index, embedder)
        assert [h.payload for h in warm] == [h.payload for h in cold]
        assert all(w.payload is c.payload for w, c in zip(warm, cold))  # served from memory
        index.close()
        index = EdgeCreatorIndex(tmp_path / "edge", embedder.dim)
        fresh = _search(index, embedder)
        assert [(h.key, h.score, h.payload) for h in fresh] == [(h.key, h.score, h.payload) for h in warm]
        for a, b in zip(fresh, warm):
            np.testing.assert_array_equal(a.vector, b.vector)
        stored = embedder.embed([TEXTS[fresh[0].payload["handle"]]])[0]
        np.testing.assert_allclose(fresh[0].vector, stored, atol=1e-6)
        assert _search(index, embedder)[0].vector is not None
        assert index.search(None, "vegan", IndexFilter(), 10, mode="sparse")[0].vector is None
    finally:
        index.close()


def test_writes_are_seen_by_the_next_search(tmp_path, embedder):
    index = EdgeCreatorIndex(tmp_path / "edge", embedder.dim)
    try:
        index.upsert([_creator(embedder, h, t) for h, t in TEXTS.items()])
        leafy = creator_key("instagram", "leafy.kitchen")
        before = {h.key: h for h in _search(index, embedder)}
        assert before[leafy].payload["followers"] == 10_000

        moved = "mechanical keyboards and desk setups"
        index.upsert([_creator(embedder, "leafy.kitchen", moved, followers=55_000)])
        after = {h.key: h for h in _search(index, embedder)}
        assert after[leafy].payload["followers"] == 55_000
        np.testing.assert_allclose(after[leafy].vector, embedder.embed([moved])[0], atol=1e-6)

        index.set_payload([leafy], {"country": "DE"})
        assert {h.key: h for h in _search(index, embedder)}[leafy].payload["country"] == "DE"

        index.delete([leafy])
        assert leafy not in {h.key for h in _search(index, embedder)}
    finally:
        index.close()
