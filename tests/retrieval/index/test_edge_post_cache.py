"""The Edge index keeps per-post vector matrices in memory: never stale after an upsert or
a delete (also when the write lands while a read is under way), and bounded. Real Edge
shards in temp dirs, real per-post vectors."""

from __future__ import annotations

import numpy as np

from retrieval.index.base import IndexedCreator
from retrieval.index.edge import EdgeCreatorIndex
from retrieval.schema import creator_key, point_id_for

CAPTIONS = {
    "leafy.kitchen": ["tofu scramble for breakfast #vegan", "oat milk latte art at home", "lentil curry, no dairy"],
    "clack.lab": ["lubing linear switches", "custom keycaps unboxing"],
    "trail.miles": ["alpine hut to hut hike", "ultralight tent review", "sunrise over the glacier", "trail snacks"],
}


def _creator(embedder, handle: str, captions: list[str]) -> IndexedCreator:
    key = creator_key("instagram", handle)
    return IndexedCreator(
        key=key, point_id=point_id_for(key), dense=embedder.embed([" ".join(captions)])[0].tolist(),
        sparse_text=" ".join(captions), posts=embedder.posts.embed(captions).tolist(),
        payload={"key": key, "platform": "instagram", "handle": handle, "followers": 1_000,
                 "post_ids": [f"{handle}-{i}" for i in range(len(captions))]})


def _assert_posts(got: np.ndarray, embedder, captions: list[str]) -> None:
    # Cosine vectors: the shard keeps them unit length.
    vectors = np.asarray(embedder.posts.embed(captions), dtype=np.float32)
    np.testing.assert_allclose(got, vectors / np.linalg.norm(vectors, axis=1, keepdims=True), atol=1e-5)


def test_post_vectors_follow_upserts_and_deletes(tmp_path, embedder):
    index = EdgeCreatorIndex(tmp_path / "edge", embedder.dim)
    try:
        index.upsert([_creator(embedder, h, c) for h, c in CAPTIONS.items()])
        key = creator_key("instagram", "leafy.kitchen")
        first = index.post_vectors([key])[key]
        assert index.post_vectors([key])[key] is first  # the second read is served from memory
        _assert_posts(first.vectors, embedder, CAPTIONS["leafy.kitchen"])

        rewritten = ["seitan stir fry", "vegan cheese board #plantbased"]
        index.upsert([_creator(embedder, "leafy.kitchen", rewritten)])
        after = index.post_vectors([key])[key]
        assert after.post_ids == ["leafy.kitchen-0", "leafy.kitchen-1"]
        _assert_posts(after.vectors, embedder, rewritten)

        index.delete([key])
        assert index.post_vectors([key]) == {}
    finally:
        index.close()


class _WriteDuringRead:
    """The real shard, with one write made by another caller right after a read returns:
    the read holds the vectors from before the write."""

    def __init__(self, shard, write) -> None:
        self._shard, self._write = shard, write

    def retrieve(self, *args, **kwargs):
        records = self._shard.retrieve(*args, **kwargs)
        write, self._write = self._write, None
        if write is not None:
            write()
        return records

    def __getattr__(self, name):
        return getattr(self._shard, name)


def test_a_read_that_raced_a_write_is_not_kept(tmp_path, embedder):
    index = EdgeCreatorIndex(tmp_path / "edge", embedder.dim)
    real_shard = index._shard
    try:
        index.upsert([_creator(embedder, "clack.lab", CAPTIONS["clack.lab"])])
        key = creator_key("instagram", "clack.lab")
        rewritten = ["hall effect keyboard review", "desk setup tour", "switch sound test"]
        index._shard = _WriteDuringRead(real_shard, lambda: index.upsert([_creator(embedder, "clack.lab", rewritten)]))
        raced = index.post_vectors([key])[key]
        index._shard = real_shard
        assert len(raced.post_ids) == 2  # read before the write: this brief saw the old posts
        fresh = index.post_vectors([key])[key]  # but the old posts were not kept for the next one
        assert len(fresh.post_ids) == 3
        _assert_posts(fresh.vectors, embedder, rewritten)
    finally:
        index._shard = real_shard
        index.close()


def test_the_cache_is_bounded_in_post_rows(tmp_path, embedder):
    index = EdgeCreatorIndex(tmp_path / "edge", embedder.dim, post_cache_rows=6)
    try:
        index.upsert([_creator(embedder, h, c) for h, c in CAPTIONS.items()])
        keys = [creator_key("instagram", h) for h in CAPTIONS]  # 3 + 2 + 4 rows
        for key in keys:
            index.post_vectors([key])
        held = index._post_cache
        # trail.miles (4 rows) pushed out leafy.kitchen (3), the least recently read
        assert held._used <= 6 and set(held.get_many(keys)) == set(keys[1:])
        got = index.post_vectors(keys)  # still every creator, read again where evicted
        assert [len(got[k].post_ids) for k in keys] == [3, 2, 4]
        for handle, key in zip(CAPTIONS, keys):
            _assert_posts(got[key].vectors, embedder, CAPTIONS[handle])
    finally:
        index.close()
