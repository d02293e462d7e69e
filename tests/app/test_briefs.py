"""POST /v1/briefs/parse returns the criteria, which parser made them, and its warnings."""

from __future__ import annotations

from agents.criteria import ParseResult


async def test_parse_a_brief(client):
    response = await client.post("/v1/briefs/parse", json={
        "brief": "20 micro TikTok creators in Germany about vegan baking, budget 10k EUR, no alcohol"})
    assert response.status_code == 200, response.text
    result = ParseResult.model_validate(response.json())
    assert result.parser == "offline"
    assert result.criteria.platforms == ["tiktok"]
    assert result.criteria.creators_count == 20
    assert "DE" in result.criteria.creator_countries
    assert "alcohol" in result.criteria.exclude_topics
    assert result.criteria.budget is not None and result.criteria.budget.currency == "EUR"
    assert isinstance(result.warnings, list)
