"""Follow-ups with an LLM configured, over real HTTP to the scripted OpenAI-compatible
server: the model's patch is applied; an unusable one falls back to the rules, and the
stream says so."""

from __future__ import annotations

import uuid

from tests.app.helpers import stream_events
from tests.support.openai_server import OpenAITestServer, RecordedRequest, Reply

BRIEF_ANSWER = {"platforms": ["instagram", "pinterest"], "topics": ["vegan food"], "creator_countries": ["US"],
                "budget": {"amount": 20000, "currency": "USD"}, "creators_count": 6,
                "hard": ["platforms", "creator_countries", "budget"]}


def responder(patch: dict):
    def reply(request: RecordedRequest) -> Reply:
        if "<message>" in request.user:  # the follow-up prompt
            return Reply.json(patch)
        if "<brief>" in request.user:
            return Reply.json(BRIEF_ANSWER)
        return Reply.malformed()  # anything else (explanations) falls back on its own
    return reply


async def _turns(client, messages: list[str]):
    thread = f"g-{uuid.uuid4().hex[:12]}"
    out = []
    for message in messages:
        response, events = await stream_events(client, f"/v1/chat/{thread}/messages", {"message": message})
        assert response.status_code == 200 and events[-1].event == "done", [e.event for e in events]
        out.append(events)
    return out


async def test_llm_patch_applied(app_factory):
    patch = {"edits": [{"field": "creator_countries", "op": "replace", "values": ["CA"], "replaces": ["US"]},
                       {"field": "budget", "op": "clear"}], "more_like": []}
    with OpenAITestServer(default=responder(patch)) as llm:
        async with app_factory(llm_base_url=llm.base_url, llm_timeout_s=5, llm_max_attempts=1) as (_, client):
            _, second = await _turns(client, ["6 vegan food creators in the US on Instagram or Pinterest, budget $20k",
                                              "Canada rather than the States, and forget about money"])
    event = second[0].data
    assert event["parser"] == "llm"
    assert event["criteria"]["creator_countries"] == ["CA"] and event["criteria"]["budget"] is None
    assert event["criteria"]["topics"] == ["vegan food"]
    assert "budget removed" in event["changes"]


async def test_unusable_llm_patch_falls_back_to_rules(app_factory):
    # Removing a platform the thread does not have: refused, the rules read the message.
    patch = {"edits": [{"field": "platforms", "op": "remove", "values": ["twitch"]}]}
    with OpenAITestServer(default=responder(patch)) as llm:
        async with app_factory(llm_base_url=llm.base_url, llm_timeout_s=5, llm_max_attempts=1) as (_, client):
            _, second = await _turns(client, ["6 vegan food creators in the US on Instagram or Pinterest, budget $20k", "drop Pinterest"])
    event = second[0].data
    assert event["parser"] == "offline" and event["criteria"]["platforms"] == ["instagram"]
    warnings = [e.data["message"] for e in second if e.event == "warning"]
    assert any("LLM follow-up reading unusable" in w for w in warnings), warnings
