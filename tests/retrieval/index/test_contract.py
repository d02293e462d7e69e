"""One contract, two backends: Qdrant Edge (embedded) and qdrant-client (local mode,
standing in for a Qdrant server). Real embeddings, real shards in temp dirs."""

from __future__ import annotations

import pytest

from retrieval.index.base import IndexedCreator, IndexFilter
from retrieval.index.edge import EdgeCreatorIndex
from retrieval.index.qdrant_server import QdrantServerCreatorIndex
from retrieval.schema import creator_key, point_id_for

CREATORS = [
    # key parts, text, followers, country, languages, payload extras
    ("instagram", "leafy.kitchen", "plant-based dinners, tofu scramble and dairy-free baking", 15_000, "DE", ["de"], {"safety": [], "brands": [], "er": 0.04, "audience_countries": ["DE"], "audience_gender": "female", "price_low_usd": 120.0, "formats": ["reel"], "city_keys": ["geo:2867714", "name:munchen"]}),
    ("tiktok", "oat.and.soy", "vegan street food tours and meatless monday recipes", 40_000, "DE", ["de", "en"], {"safety": ["alcohol"], "brands": ["heineken"], "er": 0.09, "audience_countries": ["DE", "AT"], "audience_gender": "female", "price_low_usd": 30.0, "formats": ["video"], "city_keys": ["geo:2950159", "name:berlin"]}),
    ("youtube", "clack.lab", "mechanical keyboard switches, lubing stabilizers, custom keycaps", 90_000, "US", ["en"], {"safety": [], "brands": ["logitech"], "er": 0.03, "audience_countries": ["US"], "audience_gender": "male", "price_low_usd": 300.0, "formats": ["video"]}),
    ("instagram", "trail.miles", "ultralight backpacking, alpine hiking routes and tent reviews", 8_000, "AT", ["de"], {"safety": [], "brands": [], "er": 0.05, "audience_countries": ["AT", "DE"], "audience_gender": None, "price_low_usd": 40.0, "formats": ["carousel"]}),
    ("tiktok", "chip.pick", "budget gaming setups and keyboard unboxings", 300_000, "GB", ["en"], {"safety": ["profanity"], "brands": [], "er": 0.02, "audience_countries": ["GB"], "audience_gender": "male", "price_low_usd": 400.0, "formats": ["video"]}),
]


def _indexed(embedder) -> list[IndexedCreator]:
    vectors = embedder.embed([c[2] for c in CREATORS])
    out = []
    for (platform, handle, text, followers, country, languages, extra), vector in zip(CREATORS, vectors):
        key = creator_key(platform, handle)
        payload = {"key": key, "platform": platform, "handle": handle, "handle_lc": handle.lower(),
                   "followers": followers, "country": country, "languages": languages, **extra}
        out.append(IndexedCreator(key=key, point_id=point_id_for(key), dense=vector.tolist(),
                                  sparse_text=text, payload=payload))
    return out


@pytest.fixture(params=["edge", "qdrant_local"])
def index(request, tmp_path, embedder):
    if request.param == "edge":
        idx = EdgeCreatorIndex(tmp_path / "edge", embedder.dim)
    else:
        idx = QdrantServerCreatorIndex.local(embedder.dim)
    idx.upsert(_indexed(embedder))
    yield idx
    idx.close()


def _search(index, embedder, text, flt=None, mode="hybrid", limit=10, **kw):
    vector = embedder.embed([text])[0].tolist()
    return [h.key for h in index.search(vector, text, flt or IndexFilter(), limit, mode=mode, **kw)]


def test_dense_search_finds_paraphrases(index, embedder):
    # No creator text says "vegan cooking"; the two plant-based creators still rank first.
    keys = _search(index, embedder, "vegan cooking", mode="dense")
    assert set(keys[:2]) == {"instagram:leafy.kitchen", "tiktok:oat.and.soy"}


def test_sparse_search_is_lexical_with_stemming(index, embedder):
    keys = _search(index, embedder, "keyboards", mode="sparse")
    assert set(keys) == {"youtube:clack.lab", "tiktok:chip.pick"}


def test_hybrid_fuses_both_arms(index, embedder):
    # Top of both arms, so first after fusion; RRF ties (first in one arm, third in the
    # other) have no defined order, so the query is chosen to avoid them.
    keys = _search(index, embedder, "mechanical keyboard switches")
    assert keys[0] == "youtube:clack.lab"
    assert "tiktok:chip.pick" in keys[:3]
    assert len(keys) == len(CREATORS)  # the dense arm brings in creators BM25 cannot see


@pytest.mark.parametrize("flt, expected", [
    (IndexFilter(platforms=["tiktok"]), {"tiktok:oat.and.soy", "tiktok:chip.pick"}),
    (IndexFilter(followers_min=10_000, followers_max=50_000), {"instagram:leafy.kitchen", "tiktok:oat.and.soy"}),
    (IndexFilter(countries=["DE", "AT"]), {"instagram:leafy.kitchen", "tiktok:oat.and.soy", "instagram:trail.miles"}),
    (IndexFilter(audience_countries=["AT"]), {"tiktok:oat.and.soy", "instagram:trail.miles"}),
    (IndexFilter(languages=["en"]), {"tiktok:oat.and.soy", "youtube:clack.lab", "tiktok:chip.pick"}),
    (IndexFilter(audience_gender="male"), {"youtube:clack.lab", "tiktok:chip.pick"}),
    (IndexFilter(min_engagement_rate=0.045), {"tiktok:oat.and.soy", "instagram:trail.miles"}),
    (IndexFilter(max_price_low=100), {"tiktok:oat.and.soy", "instagram:trail.miles"}),
    (IndexFilter(formats=["video"]), {"tiktok:oat.and.soy", "youtube:clack.lab", "tiktok:chip.pick"}),
    (IndexFilter(exclude_safety=["alcohol", "profanity"]), {"instagram:leafy.kitchen", "youtube:clack.lab", "instagram:trail.miles"}),
    (IndexFilter(exclude_brands=["Heineken", "LogiTech"]), {"instagram:leafy.kitchen", "instagram:trail.miles", "tiktok:chip.pick"}),
    (IndexFilter(exclude_handles=["@Leafy.Kitchen"]), {"tiktok:oat.and.soy", "youtube:clack.lab", "instagram:trail.miles", "tiktok:chip.pick"}),
    (IndexFilter(exclude_countries=["DE", "GB"]), {"youtube:clack.lab", "instagram:trail.miles"}),
    (IndexFilter(city_keys=["geo:2867714", "name:munich"]), {"instagram:leafy.kitchen"}),
    (IndexFilter(countries=["DE"], city_keys=["name:hamburg"]), set()),
    (IndexFilter(exclude_keys=["youtube:clack.lab"]), {"instagram:leafy.kitchen", "tiktok:oat.and.soy", "instagram:trail.miles", "tiktok:chip.pick"}),
])
def test_hard_filters_apply_inside_the_index(index, embedder, flt, expected):
    for mode in ("hybrid", "dense", "sparse"):
        keys = set(_search(index, embedder, "vegan food keyboards hiking", flt, mode=mode))
        assert keys <= expected, mode
    assert set(_search(index, embedder, "vegan food keyboards hiking", flt, mode="dense")) == expected
    assert index.count(flt) == len(expected)


def test_no_query_orders_by_followers_under_filter(index):
    hits = index.search(None, None, IndexFilter(platforms=["instagram"]), 10)
    assert [h.key for h in hits] == ["instagram:leafy.kitchen", "instagram:trail.miles"]


def test_min_score_and_vectors(index, embedder):
    vector = embedder.embed(["vegan cooking"])[0]
    hits = index.search(vector.tolist(), None, IndexFilter(), 10, mode="dense", min_score=0.3, with_vectors=True)
    assert hits and all(h.score >= 0.3 for h in hits)
    assert len(hits) < len(CREATORS)
    assert all(h.vector is not None and abs(sum(a * b for a, b in zip(h.vector, vector)) - h.score) < 1e-3 for h in hits)


def test_upsert_is_idempotent_and_replaces(index, embedder):
    items = _indexed(embedder)
    index.upsert(items)
    assert len(index) == len(CREATORS)
    changed = items[0].model_copy(update={"payload": {**items[0].payload, "followers": 123}})
    index.upsert([changed])
    assert len(index) == len(CREATORS)
    assert index.get([items[0].key])[0].payload["followers"] == 123


def test_get_and_delete(index):
    assert [h.key for h in index.get(["youtube:clack.lab", "x:nobody"])] == ["youtube:clack.lab"]
    index.delete(["youtube:clack.lab"])
    assert index.get(["youtube:clack.lab"]) == []
    assert len(index) == len(CREATORS) - 1


def test_edge_index_persists_across_reopen(tmp_path, embedder):
    idx = EdgeCreatorIndex(tmp_path / "edge", embedder.dim)
    idx.upsert(_indexed(embedder))
    idx.close()
    reopened = EdgeCreatorIndex(tmp_path / "edge", embedder.dim)
    try:
        assert len(reopened) == len(CREATORS)
        assert reopened.count(IndexFilter(platforms=["tiktok"])) == 2
    finally:
        reopened.close()


def test_per_post_vectors_round_trip(index, embedder):
    """Each backend keeps a creator's post vectors (a MaxSim multivector) with their post ids."""
    posts = ["tofu scramble for breakfast #vegan", "oat milk latte art at home", "lentil curry, no dairy"]
    vectors = embedder.posts.embed(posts)
    key = creator_key("instagram", "leafy.kitchen")
    base = next(c for c in _indexed(embedder) if c.key == key)
    index.upsert([base.model_copy(update={"posts": vectors.tolist(),
                                          "payload": {**base.payload, "post_ids": ["p1", "p2", "p3"]}})])
    stored = index.post_vectors([key, creator_key("youtube", "clack.lab")])
    assert list(stored) == [key]  # a creator indexed without posts has none
    assert stored[key].post_ids == ["p1", "p2", "p3"]
    got = [[round(float(x), 4) for x in v] for v in stored[key].vectors]
    assert got == [[round(float(x), 4) for x in v] for v in vectors]


@pytest.mark.parametrize("backend", ["edge", "qdrant_local"])
def test_hybrid_ties_come_in_key_order_so_every_process_gets_the_same_list(backend, tmp_path, embedder):
    # Pairs at swapped ranks (one first by meaning, the other first by words) tie exactly
    # under RRF; the fused order of tied points used to differ from one process to the next.
    import numpy as np

    query = embedder.embed(["vegan recipes"])[0]
    off_topic = embedder.embed(["mechanical keyboard switches"])[0]
    long_caption = "vegan recipes with a long caption about the market, the weather and my week at work"
    points = []
    for handle, weight, text in (("b.meaning", 0.0, long_caption), ("a.words", 2.0, "vegan recipes, vegan recipes")):
        vector = query + weight * off_topic
        key = creator_key("instagram", handle)
        points.append(IndexedCreator(key=key, point_id=point_id_for(key),
                                     dense=(vector / np.linalg.norm(vector)).tolist(), sparse_text=text,
                                     payload={"key": key, "platform": "instagram", "followers": 1_000}))
    idx = EdgeCreatorIndex(tmp_path / "edge", embedder.dim) if backend == "edge" \
        else QdrantServerCreatorIndex.local(embedder.dim)
    try:
        idx.upsert(points)
        both = idx.search(query.tolist(), "vegan recipes", IndexFilter(), 2)
        first = idx.search(query.tolist(), "vegan recipes", IndexFilter(), 1)
    finally:
        idx.close()
    assert both[0].score == both[1].score, "the fixture should produce a tie in the fused score"
    assert [h.key for h in both] == ["instagram:a.words", "instagram:b.meaning"]
    assert [h.key for h in first] == ["instagram:a.words"]


def test_set_payload_changes_one_field_and_filters_see_it(index, embedder):
    index.set_payload(["instagram:trail.miles", "tiktok:chip.pick"], {"city_keys": ["name:graz"]})
    assert set(_search(index, embedder, "hiking", IndexFilter(city_keys=["name:graz"]))) == {
        "instagram:trail.miles", "tiktok:chip.pick"}
    # The rest of the payload stays: the country filter still holds them apart.
    assert _search(index, embedder, "hiking", IndexFilter(countries=["AT"], city_keys=["name:graz"])) == [
        "instagram:trail.miles"]
