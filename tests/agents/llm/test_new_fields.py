"""The LLM reading of exclude_keywords, exclude_countries, creator_cities and creator_gender,
merged with the real offline parser (agents/llm/merge.py, support.py, schema.py): a model value
stands only where the brief's words support it, and LLM mode is never worse than offline on them."""

from __future__ import annotations

from typing import Any

import pytest

from agents.llm.brief_parser import LLMBriefParser
from agents.llm.merge import merge
from agents.llm.schema import LLMCriteria, field_guide
from agents.parsing.audience import CREATOR_GENDER_NOTE
from agents.parsing.offline import parse_offline
from evals import metrics as m
from evals.cases import PARSE_V1, PARSE_V2, ParseCase, load_cases
from prompts import load_prompt
from tests.support.openai_server import OpenAITestServer, Reply

NEW_FIELDS = ("exclude_keywords", "exclude_countries", "creator_cities", "creator_gender")


async def read(server: OpenAITestServer, make_client, brief: str, answer: dict[str, Any]):
    server.script(Reply.json(answer))
    async with make_client(server) as c:
        return await LLMBriefParser(c, fallback=parse_offline).parse(brief)


def test_the_prompt_names_the_new_fields_and_keeps_keywords_out_of_the_categories() -> None:
    prompt = load_prompt("parse_brief", fields=field_guide())
    for name in NEW_FIELDS:
        assert f"`{name}`" in prompt
    assert "exclude_topics` takes only its listed categories" in prompt


async def test_a_keyword_the_rules_do_not_read_is_added(openai_server, make_client) -> None:
    brief = "Finance creators on YouTube. We can't have any crypto content."
    assert parse_offline(brief).criteria.exclude_keywords == []
    result = await read(openai_server, make_client, brief,
                        {"platforms": ["youtube"], "topics": ["finance"], "exclude_keywords": ["Crypto"]})
    assert result.parser == "llm"
    assert result.criteria.exclude_keywords == ["crypto"]
    assert "crypto" not in result.criteria.topics  # the offline reading had it as a topic


async def test_a_topic_or_a_category_is_no_keyword(openai_server, make_client) -> None:
    brief = "vegan food creators on Instagram, no alcohol, no crypto"
    result = await read(openai_server, make_client, brief,
                        {"platforms": ["instagram"], "topics": ["vegan food", "crypto"], "exclude_topics": ["alcohol"],
                         "exclude_keywords": ["vegan", "alcohol", "crypto"]})
    c = result.criteria
    assert c.exclude_keywords == ["crypto"] and c.exclude_topics == ["alcohol"]
    assert c.topics == ["vegan food"]
    invented = " ".join(c.assumptions)
    assert "exclude_keywords=vegan" in invented and "exclude_keywords=alcohol" in invented
    assert "topics=crypto" in invented


async def test_a_city_in_the_models_spelling_and_an_audience_city(openai_server, make_client) -> None:
    brief = "Food creators in NYC with an audience in London"
    result = await read(openai_server, make_client, brief,
                        {"topics": ["food"], "creator_cities": ["NYC", "London"], "creator_countries": ["US"]})
    assert result.criteria.creator_cities == ["New York"]
    assert "creator_cities=London" in " ".join(result.criteria.assumptions)


async def test_an_included_country_is_no_exclusion(openai_server, make_client) -> None:
    brief = "Beauty creators in Germany, not based in France"
    result = await read(openai_server, make_client, brief,
                        {"topics": ["beauty"], "creator_countries": ["DE", "FR"], "exclude_countries": ["FR", "DE"]})
    c = result.criteria
    assert c.creator_countries == ["DE"] and c.exclude_countries == ["FR"]


async def test_the_audiences_gender_is_not_the_creators(openai_server, make_client) -> None:
    brief = "Parenting creators for moms on Instagram"
    result = await read(openai_server, make_client, brief,
                        {"platforms": ["instagram"], "topics": ["parenting"], "creator_gender": "female"})
    assert result.criteria.creator_gender is None
    assert result.criteria.audience_gender == "female"
    assert CREATOR_GENDER_NOTE not in result.criteria.assumptions


async def test_the_creators_gender_from_the_model_carries_the_note(openai_server, make_client) -> None:
    brief = "Gaming streamers on Twitch: female creators only"
    result = await read(openai_server, make_client, brief,
                        {"platforms": ["twitch"], "topics": ["gaming"], "creator_gender": "female"})
    assert result.criteria.creator_gender == "female"
    assert CREATOR_GENDER_NOTE in result.criteria.assumptions


def _mixed_up(expected: dict[str, Any]) -> dict[str, Any]:
    """A small model's typical confusions of the new fields, from a case's own expectations."""
    def plain(name: str) -> list[str]:
        value = expected.get(name)
        return list(value) if isinstance(value, list) else []
    answer: dict[str, Any] = {
        "topics": plain("exclude_keywords")[:5],  # an exclusion read as a topic
        "creator_countries": plain("exclude_countries"),  # an excluded country read as wanted
        "exclude_countries": [c for c in plain("creator_countries")][:8],
        "exclude_keywords": [c.lower() for c in plain("creator_cities")][:8],
        "creator_cities": ["Paris"],
    }
    gender = expected.get("creator_gender") or expected.get("audience_gender")
    if gender:
        answer["creator_gender"] = "male" if gender == "female" else "female"
    return {k: v for k, v in answer.items() if v}


V1_IDS = {c.id for c in load_cases(PARSE_V1, ParseCase)}
NEW_CASES = [c for c in load_cases(PARSE_V2, ParseCase) if c.id not in V1_IDS]


@pytest.mark.parametrize("case", NEW_CASES, ids=[c.id for c in NEW_CASES])
def test_a_mixed_up_answer_never_makes_the_new_fields_worse(case: ParseCase) -> None:
    offline = parse_offline(case.brief).criteria
    outcome = merge(LLMCriteria.model_validate(_mixed_up(case.expected)), offline, case.brief)
    merged = offline if outcome.rejected else outcome.criteria
    before = m.parse_field_scores(case.expected, offline)
    after = m.parse_field_scores(case.expected, merged)
    assert [name for name, ok in after.items() if before[name] and not ok] == [], outcome
