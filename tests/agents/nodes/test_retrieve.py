"""Retrieve keeps each creator's post texts with the parsed creator: a write to the store
replaces them, so topic evidence never reads an old caption. Real SQLite store."""

from __future__ import annotations

from datetime import datetime, timezone

from agents.nodes.retrieve import _post_texts
from retrieval.features import compute_features
from retrieval.schema import Creator
from retrieval.store import CreatorStore

NOW = datetime(2026, 11, 1, tzinfo=timezone.utc)


def _row(caption: str, tags: list[str]):
    creator = Creator.model_validate({
        "platform": "instagram", "handle": "leafy.kitchen", "followers": 12_000,
        "posts": [{"id": "p1", "text": caption, "hashtags": tags, "likes": 300, "comments": 12,
                   "created_at": "2026-10-01T00:00:00Z"}]})
    return creator, compute_features(creator, NOW)


def test_post_texts_follow_a_write(tmp_path):
    store = CreatorStore.open(f"sqlite:///{tmp_path / 'castlist.db'}")
    key = "instagram:leafy.kitchen"
    store.upsert([_row("Sunday Brunch", ["Eggs"])])
    first = store.get(key)
    assert _post_texts(first) == ({"p1": "Sunday Brunch #Eggs"}, {"p1": "sunday brunch #eggs"})
    assert _post_texts(store.get(key))[0] is _post_texts(first)[0]  # built once per parsed creator

    store.upsert([_row("Tofu Scramble", ["Vegan"])])
    assert _post_texts(store.get(key)) == ({"p1": "Tofu Scramble #Vegan"}, {"p1": "tofu scramble #vegan"})
    store.close()


def test_post_vectors_come_from_the_store_and_from_the_index_where_it_has_none(tmp_path, embedder):
    """A data dir stored before the store kept per-post vectors still gets every creator's."""
    from types import SimpleNamespace

    import numpy as np
    from sqlalchemy import delete

    from agents.nodes.retrieve import post_vectors
    from retrieval.index.edge import EdgeCreatorIndex
    from retrieval.ingest import Ingester
    from retrieval.store_tables import post_vectors_table

    store = CreatorStore.open(f"sqlite:///{tmp_path / 'castlist.db'}")
    index = EdgeCreatorIndex(tmp_path / "edge", embedder.dim)
    ingester = Ingester(store, index, embedder)
    creators = [Creator.model_validate({"platform": "instagram", "handle": h, "followers": 9_000, "posts": posts})
                for h, posts in (("a", [{"id": "a1", "text": "Vegan ramen night"}]),
                                 ("b", [{"id": "b1", "text": "Trail running at dawn"}]), ("c", []))]
    ingester.write([ingester.prepare(c) for c in creators])
    with store.engine.begin() as conn:
        conn.execute(delete(post_vectors_table).where(post_vectors_table.c.key == "instagram:b"))
    ctx = SimpleNamespace(store=CreatorStore(store.engine), index=index, embedder=embedder)
    got = post_vectors(ctx, ["instagram:a", "instagram:b", "instagram:c"])
    assert set(got) == {"instagram:a", "instagram:b"}  # c has no posts
    expected = index.post_vectors(["instagram:a", "instagram:b"])
    assert all(got[k].post_ids == expected[k].post_ids and np.array_equal(got[k].vectors, expected[k].vectors)
               for k in got)
    index.close()
    store.close()


def test_the_shortfall_counts_near_misses_apart_from_creators_that_show_posts():
    """Seen on real Instagram rows: "Only 5 creators show posts on fitness" above four cards
    saying "Near miss: no post shows fitness". Creators close by profile only are counted apart."""
    from agents.nodes.retrieve import shortfall_warning
    from agents.topicality import TopicEvidence, facets_of

    facets = facets_of(["fitness"])

    def candidate(i: int, route: str) -> dict:
        return {"key": f"instagram:c{i}", "retrieval_score": 0.5, "retrieval_rank": i + 1, "similarity": 0.5,
                "payload": {}, "evidence": TopicEvidence(facet="fitness", focus="fitness", route=route)}

    pool = [candidate(0, "post_words")] + [candidate(i, "profile") for i in range(1, 5)]
    assert shortfall_warning(facets, pool, 10, 75) == (
        "Only 1 creator shows posts on “fitness” under your filters (you asked for 10); 4 more come close by "
        "their content profile only (listed as near misses); 75 more matched the filters but show no post on it, "
        "so they are not listed as on topic.")
    only_near = [candidate(1, "profile")]
    assert shortfall_warning(facets, only_near, 10, 0) == (
        "No creator shows posts on “fitness” under your filters (you asked for 10); 1 comes close by their "
        "content profile only (listed as near misses).")
    enough = [candidate(i, "post_meaning") for i in range(10)] + [candidate(10, "profile")]
    assert shortfall_warning(facets, enough, 10, 3) is None
