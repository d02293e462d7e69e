"""LLMFollowupParser over real HTTP: the model's patch is used when it fits the thread's
criteria; anything else falls back to the rule parser with a warning that says why."""

from __future__ import annotations

from agents.criteria import CampaignCriteria
from agents.followup.patch import apply_patch
from agents.llm.followup_parser import LLMFollowupParser
from retrieval.schema import PLATFORMS
from tests.support.openai_server import Reply

CRITERIA = CampaignCriteria(platforms=["instagram", "pinterest"], topics=["vegan food"], creator_countries=["US"],
                            budget={"amount": 20000, "currency": "USD"}, hard=["platforms", "creator_countries", "budget"])


async def test_model_patch_is_used(openai_server, make_client):
    openai_server.script(Reply.json({"edits": [
        {"field": "creator_countries", "op": "replace", "values": ["CA"], "replaces": ["US"]},
        {"field": "budget", "op": "clear"},
    ], "more_like": []}))
    async with make_client(openai_server) as client:
        reading = await LLMFollowupParser(client).read("Canada instead of the US, and forget the budget", CRITERIA)
    assert reading.parser == "llm" and not reading.warnings
    after = apply_patch(CRITERIA, reading.patch, PLATFORMS).criteria
    assert after.creator_countries == ["CA"] and after.budget is None and after.topics == ["vegan food"]
    sent = openai_server.requests[0]
    assert sent.response_format and sent.response_format["type"] in ("json_schema", "json_object")
    assert "Canada instead of the US" in sent.user and '"vegan food"' in sent.user  # the criteria go with the message


async def test_malformed_answer_falls_back_to_rules(openai_server, make_client):
    openai_server.script(Reply.malformed(), Reply.malformed())
    async with make_client(openai_server) as client:
        reading = await LLMFollowupParser(client).read("drop the budget limit", CRITERIA)
    assert reading.parser == "offline" and "LLM" in reading.warnings[0]
    assert [(e.field, e.op) for e in reading.patch.edits] == [("budget", "clear")]


async def test_patch_that_does_not_fit_the_criteria_falls_back(openai_server, make_client):
    # Removing a platform the thread never had, and an instruction word as a topic.
    for answer in ({"edits": [{"field": "platforms", "op": "remove", "values": ["tiktok"]}]},
                   {"edits": [{"field": "topics", "op": "set", "values": ["drop", "budget limit"]}]},
                   {"edits": []}):
        openai_server.script(Reply.json(answer))
        async with make_client(openai_server) as client:
            reading = await LLMFollowupParser(client).read("drop Pinterest", CRITERIA)
        assert reading.parser == "offline", answer
        assert reading.warnings and "used the rules" in reading.warnings[0]
        assert [(e.field, e.op, e.values) for e in reading.patch.edits] == [("platforms", "remove", ["pinterest"])]


NEW_FIELDS_CRITERIA = CampaignCriteria(topics=["fitness"], creator_countries=["DE"], creator_cities=["Berlin", "Munich"],
                                       exclude_keywords=["crypto", "fast food"], exclude_countries=["AT"],
                                       hard=["creator_countries", "creator_cities", "exclude_keywords", "exclude_countries"])


async def test_model_lifts_a_keyword_exclusion_the_rules_do_not_read(openai_server, make_client):
    openai_server.script(Reply.json({"edits": [{"field": "exclude_keywords", "op": "remove", "values": ["crypto"]}],
                                     "more_like": []}))
    async with make_client(openai_server) as client:
        reading = await LLMFollowupParser(client).read("we're relaxed about crypto these days", NEW_FIELDS_CRITERIA)
    assert reading.parser == "llm"
    after = apply_patch(NEW_FIELDS_CRITERIA, reading.patch, PLATFORMS).criteria
    assert after.exclude_keywords == ["fast food"]
    assert after.creator_cities == ["Berlin", "Munich"] and after.exclude_countries == ["AT"]


async def test_model_city_and_gender_edits_need_the_messages_words(openai_server, make_client):
    openai_server.script(Reply.json({"edits": [
        {"field": "creator_cities", "op": "set", "values": ["Hamburg"]},
        {"field": "creator_gender", "op": "set", "value": "female"},
    ], "more_like": []}))
    async with make_client(openai_server) as client:
        reading = await LLMFollowupParser(client).read("Hamburg would be nicer, thanks", NEW_FIELDS_CRITERIA)
    after = apply_patch(NEW_FIELDS_CRITERIA, reading.patch, PLATFORMS).criteria
    assert after.creator_cities == ["Hamburg"]
    assert after.creator_gender is None  # the message says nothing of the creators' gender
