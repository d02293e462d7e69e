"""The creator store: round trip, upsert replaces, the parsed cache never serves stale data.
The store tests run on SQLite and on PostgreSQL (the `database_url` fixture)."""

from __future__ import annotations

from datetime import datetime, timezone

from retrieval.features import compute_features
from retrieval.schema import Creator
from retrieval.store import CreatorStore

NOW = datetime(2026, 11, 1, tzinfo=timezone.utc)


def creator(handle: str, followers: int, bio: str = "") -> tuple[Creator, object]:
    c = Creator.model_validate({"platform": "instagram", "handle": handle, "followers": followers, "bio": bio,
                                "posts": [{"id": "p1", "text": "hello", "likes": 10, "comments": 1,
                                           "created_at": "2026-10-01T00:00:00Z"}]})
    return c, compute_features(c, NOW)


def test_round_trip_and_replace(database_url):
    store = CreatorStore.open(database_url)
    store.upsert([creator("a", 100), creator("b", 200)])
    assert store.count() == 2
    assert store.get("instagram:a").creator.followers == 100
    store.upsert([creator("A", 150)])  # same identity, other case
    assert store.count() == 2 and store.get("instagram:a").creator.followers == 150
    assert set(store.get_many(["instagram:a", "instagram:b", "instagram:zz"])) == {"instagram:a", "instagram:b"}
    store.delete(["instagram:b"])
    assert store.get("instagram:b") is None and store.count() == 1
    store.close()


def test_cache_is_bounded_and_invalidated_on_write(database_url):
    store = CreatorStore(CreatorStore.open(database_url).engine, cache_size=2)
    store.upsert([creator(h, i) for i, h in enumerate("abc")])
    first = store.get("instagram:a")
    assert store.get("instagram:a") is first  # served from the cache
    store.get_many(["instagram:b", "instagram:c"])
    assert store.get("instagram:a") is not first  # evicted (size 2), parsed again
    store.upsert([creator("b", 999, bio="new")])
    assert store.get("instagram:b").creator.followers == 999
    assert store.get("instagram:b").creator.bio == "new"
    store.close()


def test_a_read_that_raced_a_write_is_not_kept(database_url):
    """A write that commits while a read is under way: that read may return the old row,
    but must not leave it in the cache for the next one."""
    from sqlalchemy import event

    store = CreatorStore.open(database_url)
    store.upsert([creator("a", 100)])
    pending = [lambda: store.upsert([creator("a", 999, bio="rewritten")])]

    def write_after_the_select(conn, cursor, statement, *args):  # noqa: ANN001
        if pending and "creators.data" in statement:
            pending.pop()()

    event.listen(store.engine, "after_cursor_execute", write_after_the_select)
    try:
        raced = store.get("instagram:a")
    finally:
        event.remove(store.engine, "after_cursor_execute", write_after_the_select)
    assert not pending and raced.creator.followers == 100  # read before the write landed
    assert store.get("instagram:a").creator.followers == 999
    store.close()


def test_full_width_handles_share_one_identity():
    from retrieval.schema import Creator, creator_key

    wide = Creator.model_validate({"platform": "instagram", "handle": "＠ＡＰＩ", "followers": 1})
    assert wide.handle == "API" and wide.key == "instagram:api" == creator_key("instagram", "ａｐｉ")
    assert creator_key("youtube", "Straße") == creator_key("youtube", "STRASSE")


def test_numbers_have_finite_documented_bounds():
    import pytest
    from pydantic import ValidationError

    from retrieval.schema import MAX_AMOUNT, MAX_COUNT, Creator

    base = {"platform": "instagram", "handle": "bounds", "followers": 1}
    for bad in ({"followers": MAX_COUNT + 1}, {"followers": 2**63}, {"rate_card": {"amount": 1.7e308}},
                {"rate_card": {"amount": float("nan")}}, {"rate_card": {"amount": MAX_AMOUNT * 2}}):
        with pytest.raises(ValidationError):
            Creator.model_validate(base | bad)
    assert Creator.model_validate(base | {"followers": MAX_COUNT}).followers == MAX_COUNT


def test_features_stored_before_post_hits_were_kept_are_completed_on_read(database_url):
    # An index built before ingest kept each flagged post's brand-safety hits: the store
    # fills them in once when it parses the row, so vetting does not rescan per brief.
    c = Creator.model_validate({"platform": "instagram", "handle": "brunch", "followers": 5_000, "posts": [
        {"id": "p1", "text": "Sunday brunch with a cold beer in the garden", "likes": 10, "comments": 1,
         "created_at": "2026-10-01T00:00:00Z"},
        {"id": "p2", "text": "morning run by the river", "likes": 9, "comments": 1,
         "created_at": "2026-10-02T00:00:00Z"}]})
    features = compute_features(c, NOW)
    assert features.safety_post_hits and set(features.safety_post_hits) == {"p1"}
    old = features.model_copy(update={"safety_post_hits": None})
    store = CreatorStore.open(database_url)
    store.upsert([(c, old)])
    read = store.get("instagram:brunch").features
    assert read.safety_post_hits == features.safety_post_hits
    assert read.model_dump(exclude={"safety_post_hits"}) == features.model_dump(exclude={"safety_post_hits"})


def test_per_post_vectors_round_trip_with_the_creator(database_url):
    """The store's copy of per-post vectors (retrieval/store_tables.py) on SQLite and PostgreSQL:
    exact float32 round trip, replaced by the next write of the creator, gone with it, and the
    insert-if-absent that the start-up copy uses leaves a newer row alone."""
    import numpy as np

    from retrieval.index.base import PostVectors
    from retrieval.store_tables import StoredPostVectors

    def vectors(ids: list[str], seed: int) -> PostVectors:
        matrix = np.random.default_rng(seed).standard_normal((len(ids), 8)).astype(np.float32)
        return PostVectors.model_construct(post_ids=ids, vectors=matrix)

    store = CreatorStore.open(database_url)
    a, b = creator("a", 100), creator("b", 200)
    first = vectors(["p1", "p2"], 1)
    store.upsert_then([a, b], lambda: None, post_vectors=StoredPostVectors("m", {"instagram:a": first}))
    got = store.post_vectors(["instagram:a", "instagram:b"], "m")
    assert list(got) == ["instagram:a"] and got["instagram:a"].post_ids == ["p1", "p2"]
    assert np.array_equal(got["instagram:a"].vectors, first.vectors) and got["instagram:a"].vectors.dtype == np.float32
    assert store.post_vectors(["instagram:a"], "other model") == {}
    assert store.keys_without_post_vectors() == ["instagram:b"]

    assert store.add_post_vectors(StoredPostVectors("m", {"instagram:a": vectors(["old"], 2),
                                                          "instagram:b": vectors(["p9"], 3)})) == 2
    fresh = CreatorStore(store.engine)  # reads the database, not this store's cache
    assert fresh.post_vectors(["instagram:a"], "m")["instagram:a"].post_ids == ["p1", "p2"]  # the newer row stays
    assert fresh.post_vectors(["instagram:b"], "m")["instagram:b"].post_ids == ["p9"]

    second = vectors(["p3"], 4)
    store.upsert_then([a], lambda: None, post_vectors=StoredPostVectors("m", {"instagram:a": second}))
    assert np.array_equal(store.post_vectors(["instagram:a"], "m")["instagram:a"].vectors, second.vectors)
    store.upsert([b])  # a write without vectors takes the old ones away (the index serves them)
    assert store.post_vectors(["instagram:b"], "m") == {}
    store.delete(["instagram:a"])
    assert store.post_vectors(["instagram:a"], "m") == {} and store.keys_without_post_vectors() == ["instagram:b"]
    store.close()
