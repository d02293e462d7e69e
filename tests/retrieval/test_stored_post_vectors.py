"""Per-post vectors kept in the creator store beside the index's (retrieval/store_tables.py):
written by ingest in the creator's own transaction, equal to the index's, replaced and
deleted with the creator, and copied from the index for creators stored before. Real model,
real Edge shard, real SQLite."""

from __future__ import annotations

import numpy as np
from sqlalchemy import delete

from retrieval.backfill import backfill_post_vectors
from retrieval.schema import Creator
from retrieval.store_tables import StoredPostVectors, post_vectors_table


def _creator(handle: str, *captions: str) -> Creator:
    return Creator.model_validate({
        "platform": "instagram", "handle": handle, "followers": 20_000,
        "posts": [{"id": f"{handle}-{i}", "text": text, "likes": 100, "comments": 5,
                   "created_at": "2026-10-01T00:00:00Z"} for i, text in enumerate(captions)]})


def _same(a, b) -> bool:
    return a.keys() == b.keys() and all(
        a[k].post_ids == b[k].post_ids and np.array_equal(a[k].vectors, b[k].vectors) for k in a)


def test_ingest_stores_the_index_vectors_and_a_write_replaces_them(ingest_env, embedder):
    store, index, ingester = ingest_env
    model = embedder.posts.name
    rows = [ingester.prepare(c) for c in (_creator("oat.kitchen", "Oat milk porridge with berries", "Tofu scramble"),
                                          _creator("road.bikes", "Gravel ride through the hills"),
                                          _creator("quiet.one"))]
    ingester.write(rows)
    keys = [c.key for c, _ in rows]
    stored = store.post_vectors(keys, model)
    assert set(stored) == set(keys)
    assert stored["instagram:quiet.one"].post_ids == []  # no posts: an empty row, no index read needed
    with_posts = {k: v for k, v in stored.items() if v.post_ids}
    assert _same(with_posts, index.post_vectors(keys))
    assert stored["instagram:oat.kitchen"].vectors.shape == (2, index.post_vectors(keys)["instagram:oat.kitchen"].vectors.shape[1])
    assert store.post_vectors(keys, "model2vec(another-model)") == {}  # another encoder's rows are not read

    before = stored["instagram:road.bikes"].vectors
    ingester.write([ingester.prepare(_creator("road.bikes", "Sourdough loaves every weekend", "Rye starter"))])
    after = store.post_vectors(["instagram:road.bikes"], model)["instagram:road.bikes"]
    assert after.post_ids == ["road.bikes-0", "road.bikes-1"] and not np.array_equal(after.vectors[:1], before)
    assert _same({"instagram:road.bikes": after}, index.post_vectors(["instagram:road.bikes"]))

    store.delete(["instagram:road.bikes"])
    assert store.post_vectors(["instagram:road.bikes"], model) == {}


def test_backfill_copies_the_index_vectors_for_creators_stored_before(ingest_env, embedder):
    store, index, ingester = ingest_env
    model = embedder.posts.name
    rows = [ingester.prepare(c) for c in (_creator("oat.kitchen", "Oat milk porridge with berries"),
                                          _creator("road.bikes", "Gravel ride through the hills"),
                                          _creator("quiet.one"))]
    ingester.write(rows)
    keys = [c.key for c, _ in rows]
    with store.engine.begin() as conn:  # as a data dir written before the store kept them
        conn.execute(delete(post_vectors_table))
    fresh_store = type(store)(store.engine)  # a new process: nothing cached
    assert fresh_store.keys_without_post_vectors() == sorted(keys)
    # A write that lands before the backfill reaches a creator keeps its own row.
    mine = StoredPostVectors(model, {"instagram:road.bikes": index.post_vectors(["instagram:road.bikes"])["instagram:road.bikes"]
                                     .model_copy(update={"post_ids": ["kept"]})})
    fresh_store.add_post_vectors(mine)

    assert backfill_post_vectors(fresh_store, index, model) == 2
    copied = fresh_store.post_vectors(keys, model)
    assert copied["instagram:road.bikes"].post_ids == ["kept"]
    assert copied["instagram:quiet.one"].post_ids == []
    assert _same({"instagram:oat.kitchen": copied["instagram:oat.kitchen"]}, {
        "instagram:oat.kitchen": index.post_vectors(["instagram:oat.kitchen"])["instagram:oat.kitchen"]})
    assert backfill_post_vectors(fresh_store, index, model) == 0
