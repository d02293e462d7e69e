"""GET /v1/creators/{platform}/{handle}: the profile the page's panel draws, checked against
the creator store and the ER / vetting code it must agree with."""

from __future__ import annotations

from retrieval.signals.engagement import post_rate


def _with_sponsored_posts(app):
    store = app.state.retrieval.store
    for key in sorted(store.keys()):
        stored = store.get(key)
        if stored.features.sponsored_post_ids and len(stored.creator.follower_history) >= 3 and stored.creator.audience:
            return stored
    raise AssertionError("the demo index has no creator with sponsored posts, history and audience")


async def test_profile_has_what_the_panel_draws(app, client) -> None:
    stored = _with_sponsored_posts(app)
    c, f = stored.creator, stored.features
    response = await client.get(f"/v1/creators/{c.platform}/{c.handle}")
    assert response.status_code == 200
    profile = response.json()["profile"]

    history = profile["follower_history"]
    assert [h["followers"] for h in history] == [h.followers for h in sorted(c.follower_history, key=lambda h: h.date)]
    assert [h["date"] for h in history] == sorted(h["date"] for h in history)

    posts = profile["posts"]
    assert len(posts) == len(c.posts)
    dated = [p["created_at"] for p in posts if p["created_at"]]
    assert dated == sorted(dated, reverse=True)  # newest first
    by_id = {p.id: p for p in c.posts}
    for p in posts:
        expected = post_rate(by_id[p["id"]], f.engagement.method, c.followers)
        assert p["engagement_rate"] == expected
    sponsored = {p["id"] for p in posts if p["sponsored"]}
    assert sponsored and sponsored <= {p.id for p in c.posts}
    assert {i for i in f.sponsored_post_ids if not i.startswith("#")} <= sponsored

    assert profile["audience"]["countries"] == c.audience.countries
    assert profile["price"]["method"] == f.price.method and profile["price"]["low"] == f.price.low
    assert profile["engagement"]["method"] == f.engagement.method
    tools = [v["tool"] for v in profile["vetting"]]
    assert tools == ["authenticity", "brand_safety", "sponsored_saturation", "disclosure", "competitor_conflict",
                     "activity"]
    assert all(v["summary"] and 0 <= v["confidence"] <= 1 for v in profile["vetting"])
    assert "audience fit" in profile["vetting_note"]
    assert profile["similar_brief"].endswith(f", not @{c.handle}")
    # The creator's own hashtag (#jane_bakes) is no topic.
    assert c.handle.replace(".", "_").lower() not in profile["similar_brief"].split(", not @")[0].lower()


async def test_similar_brief_parses_to_the_creators_platform_and_country(app, client) -> None:
    stored = _with_sponsored_posts(app)
    c = stored.creator
    brief = (await client.get(f"/v1/creators/{c.platform}/{c.handle}")).json()["profile"]["similar_brief"]
    parsed = await client.post("/v1/briefs/parse", json={"brief": brief})
    assert parsed.status_code == 200, parsed.text
    criteria = parsed.json()["criteria"]
    assert criteria["platforms"] == [c.platform]
    if c.country:
        assert c.country in criteria["creator_countries"]
    assert criteria["topics"]
    assert c.handle.lower() in [h.lower() for h in criteria["exclude_handles"]]


async def test_currencies_are_the_pricing_table(client) -> None:
    from retrieval.signals.pricing import FX_TO_USD

    body = (await client.get("/v1/currencies")).json()
    assert body["base"] == "USD" and body["to_usd"] == FX_TO_USD and "approximate" in body["note"]
