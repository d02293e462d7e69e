"""The merge, field by field, over real HTTP with the scripted server and the real offline parser:
the offline reading is never made worse; the model adds only what the brief's text supports."""

from __future__ import annotations

import time
from typing import Any

import pytest

from agents.llm.brief_parser import LLMBriefParser
from agents.llm.schema import LLMCriteria
from agents.parsing.offline import parse_offline
from tests.support.openai_server import OpenAITestServer, Reply


async def read(server: OpenAITestServer, make_client, brief: str, answer: dict[str, Any] | Reply, **client: Any):
    server.script(answer if isinstance(answer, Reply) else Reply.json(answer))
    async with make_client(server, **client) as c:
        return await LLMBriefParser(c, fallback=parse_offline).parse(brief)


async def test_platform_the_brief_does_not_name_loses_to_offline(openai_server, make_client) -> None:
    brief = "Gen Z skincare TikTokers in the UK"
    result = await read(openai_server, make_client, brief,
                        {"platforms": ["instagram"], "topics": ["skincare"], "creator_countries": ["GB"]})

    assert result.parser == "llm"
    assert result.criteria.platforms == ["tiktok"]
    assert result.criteria.creator_countries == ["GB"]
    assert any("platforms=instagram" in a for a in result.criteria.assumptions)


async def test_generation_ages_stay_with_the_offline_rule(openai_server, make_client) -> None:
    brief = "Gen Z skincare TikTokers in the UK"
    offline = parse_offline(brief).criteria
    result = await read(openai_server, make_client, brief,
                        {"topics": ["skincare"], "audience_age_min": 18, "audience_age_max": 24})

    assert (result.criteria.audience_age_min, result.criteria.audience_age_max) == \
        (offline.audience_age_min, offline.audience_age_max)


async def test_country_not_iso_is_refused_by_the_schema(openai_server, make_client) -> None:
    brief = "Gen Z skincare TikTokers in the UK"
    openai_server.script(Reply.json({"topics": ["skincare"], "creator_countries": ["UK"]}),
                         Reply.json({"topics": ["skincare"], "creator_countries": ["UK"]}))
    async with make_client(openai_server) as c:
        result = await LLMBriefParser(c, fallback=parse_offline).parse(brief)

    assert result.parser == "offline" and result.criteria.creator_countries == ["GB"]
    assert "invalid output" in result.warnings[-1]
    assert "creator_countries" in openai_server.requests[1].user  # the error went back to the model


async def test_money_the_brief_does_not_write_loses(openai_server, make_client) -> None:
    brief = "Beauty creators in Mumbai, budget ₹5 lakh, 10 creators"
    result = await read(openai_server, make_client, brief,
                        {"topics": ["beauty"], "budget": {"amount": 5_000_000, "currency": "INR"}, "creators_count": 10})

    assert result.criteria.budget is not None and result.criteria.budget.amount == 500_000
    assert any("kept the rule-based" in a for a in result.criteria.assumptions)


async def test_price_cap_read_from_thousands_is_not_15(openai_server, make_client) -> None:
    brief = "Hunting and outdoor YouTubers, max $15k per post, exclude @wildjoe"
    result = await read(openai_server, make_client, brief,
                        {"topics": ["hunting"], "max_price_per_post": {"amount": 15, "currency": "USD"}})

    assert result.criteria.max_price_per_post is not None and result.criteria.max_price_per_post.amount == 15_000


async def test_place_and_platform_the_brief_names_win(openai_server, make_client) -> None:
    brief = "Fashion creators on Little Red Book in Shanghai, avoid Shein"
    result = await read(openai_server, make_client, brief,
                        {"platforms": ["instagram"], "topics": ["fashion"], "creator_countries": ["CH"],
                         "exclude_brands": ["Shein"]})

    c = result.criteria
    assert c.platforms == ["xiaohongshu"] and c.creator_countries == ["CN"]
    assert c.exclude_brands == ["Shein"]  # named in the brief: the model's addition is kept


async def test_excluded_handle_must_be_written_with_at(openai_server, make_client) -> None:
    brief = "Hunting and outdoor YouTubers in Shanghai, exclude @wildjoe"
    result = await read(openai_server, make_client, brief,
                        {"topics": ["hunting"], "exclude_handles": ["wildjoe", "shanghai", "hunting"]})

    assert result.criteria.exclude_handles == ["wildjoe"]


async def test_supported_number_beats_the_offline_one(openai_server, make_client) -> None:
    brief = "Looking for 12 vegan food creators on Instagram with 10k to 50k followers"
    offline = parse_offline(brief).criteria
    result = await read(openai_server, make_client, brief,
                        {"topics": ["vegan food"], "followers_min": 10000, "followers_max": 50000, "creators_count": 12})

    assert (result.criteria.followers_min, result.criteria.followers_max) == (10000, 50000)
    assert result.criteria.creators_count == 12 == offline.creators_count


async def test_invented_constraints_are_dropped(openai_server, make_client) -> None:
    brief = "Vegan food creators on Instagram in Germany, 10 creators"
    result = await read(openai_server, make_client, brief, {
        "platforms": ["instagram"], "topics": ["vegan food"], "creator_countries": ["DE"], "creators_count": 10,
        "audience_gender": "male", "min_engagement_rate": 0.0,
    })

    c = result.criteria
    assert result.parser == "llm"
    assert c.audience_gender is None and c.min_engagement_rate is None
    assert any("brief does not say" in a for a in c.assumptions)


async def test_an_answer_mostly_invented_is_rejected_whole(openai_server, make_client) -> None:
    brief = "Vegan food creators"
    result = await read(openai_server, make_client, brief, {
        "topics": ["vegan food"], "audience_gender": "male", "audience_age_min": 18, "audience_age_max": 24,
        "creator_countries": ["US"], "platforms": ["instagram"],
    })

    assert result.parser == "offline"
    assert result.criteria == parse_offline(brief).criteria
    assert "not in the brief" in result.warnings[-1]


@pytest.mark.parametrize("fault", [
    [Reply.rate_limited(0.01), Reply.rate_limited(0.01)],
    [Reply.error(500), Reply.error(500)],
    [Reply.hang(5.0), Reply.hang(5.0)],
    [Reply.malformed("not json at all"), Reply.text("{\"platforms\": [\"myspace\"]}")],
], ids=["429", "500", "hang", "garbage"])
async def test_faults_fall_back_to_exactly_the_offline_reading(openai_server, make_client, fault) -> None:
    brief = "need tiktokers for a skincare launch, UK + ireland, under 50k followers, no alcohol content pls"
    openai_server.script(*fault)
    started = time.monotonic()
    async with make_client(openai_server) as c:
        result = await LLMBriefParser(c, fallback=parse_offline).parse(brief)

    assert time.monotonic() - started < 4.0
    assert result.parser == "offline"
    assert result.criteria == parse_offline(brief).criteria
    assert result.warnings[-1].startswith("LLM parser unavailable")


async def test_request_carries_the_enforceable_schema_and_the_settings(openai_server, make_client) -> None:
    await read(openai_server, make_client, "Vegan food creators in Germany",
               {"topics": ["vegan food"], "creator_countries": ["DE"]}, temperature=0.0, max_output_tokens=300)

    body = openai_server.requests[0].body
    assert body["temperature"] == 0.0 and body["max_completion_tokens"] == 300
    schema = body["response_format"]["json_schema"]["schema"]
    text = str(schema)
    assert "'UK'" not in text and "'GB'" in text and "maxItems" in text and "maxLength" in text
    assert "- `platforms`: " in openai_server.requests[0].system  # the field meanings, not only the grammar


def test_schema_has_no_open_ended_field() -> None:
    schema = LLMCriteria.model_json_schema()
    for name, prop in schema["properties"].items():
        options = prop.get("anyOf", [prop])
        for option in options:
            if option.get("type") == "array":
                assert "maxItems" in option, name
                items = option["items"]
                assert "enum" in items or "maxLength" in items or "pattern" in items or "$ref" in items, name
            if option.get("type") == "string":
                assert "enum" in option or "maxLength" in option, name


async def test_audience_age_check_needs_a_regulated_product_in_the_brief(openai_server, make_client) -> None:
    beer = await read(openai_server, make_client, "Craft beer creators in Germany, 10 creators",
                      {"topics": ["craft beer"], "creator_countries": ["DE"], "checks": ["audience_age"]})
    yoga = await read(openai_server, make_client, "Yoga creators in Germany, 10 creators",
                      {"topics": ["yoga"], "creator_countries": ["DE"], "checks": ["audience_age", "brand_safety"]})

    assert beer.criteria.audience_age_min == 18 and "audience_age_min" not in beer.criteria.hard
    assert any("Audience-age check" in a for a in beer.criteria.assumptions)
    assert yoga.criteria.audience_age_min is None and yoga.warnings == []


async def test_brand_safety_check_is_advice_not_a_filter(openai_server, make_client) -> None:
    result = await read(openai_server, make_client, "Toy unboxing creators for a kids brand",
                        {"topics": ["toy unboxing"], "checks": ["brand_safety"]})

    assert result.criteria.exclude_topics == []
    assert any("young audience" in w for w in result.warnings)


async def test_local_server_mode_sends_a_plain_json_schema(openai_server, make_client) -> None:
    result = await read(openai_server, make_client, "Vegan food creators in Germany",
                        {"topics": ["vegan food"], "creator_countries": ["DE"]}, strict_schemas=False)

    response_format = openai_server.requests[0].body["response_format"]
    assert response_format["type"] == "json_schema" and response_format["json_schema"]["strict"] is False
    assert "platforms" not in response_format["json_schema"]["schema"].get("required", [])  # optional stays optional
    assert result.parser == "llm" and result.criteria.creator_countries == ["DE"]


async def test_a_number_the_offline_reading_used_for_another_field_is_not_support(openai_server, make_client) -> None:
    # Replayed from the real model: "under 50k followers" read as a minimum of 50,000.
    brief = "need tiktokers for a skincare launch, UK + ireland, under 50k followers, no alcohol content pls"
    result = await read(openai_server, make_client, brief,
                        {"platforms": ["tiktok"], "topics": ["skincare"], "followers_min": 50000})

    assert result.criteria.followers_min is None
    assert result.criteria.followers_max == parse_offline(brief).criteria.followers_max


async def test_creator_places_do_not_become_audience_places(openai_server, make_client) -> None:
    # Replayed from the real model: "based in Germany" also read as the audience's country.
    brief = "Looking for 10 vegan food creators on Instagram, 10k-50k followers, based in Germany. Budget $15k."
    result = await read(openai_server, make_client, brief,
                        {"platforms": ["instagram"], "topics": ["vegan food"], "creator_countries": ["DE"],
                         "audience_countries": ["DE"]})

    assert result.criteria.creator_countries == ["DE"] and result.criteria.audience_countries == []
