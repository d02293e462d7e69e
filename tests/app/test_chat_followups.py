"""Follow-ups through the real chat API: patches, chip edits, thread memory, the thread list.

Every example of issue 9 is a turn here; the `criteria` event must say what changed and
the criteria must hold exactly what the follow-up asked for.
"""

from __future__ import annotations

import uuid

from agents.followup.vocabulary import INSTRUCTION_WORDS
from tests.app.helpers import stream_events

BRIEF = "10 vegan food creators in the US on Instagram or Pinterest, budget $20,000, no alcohol"


async def turn(client, thread: str, message: str = "", criteria: dict | None = None):
    body: dict = {"message": message}
    if criteria is not None:
        body["criteria"] = criteria
    response, events = await stream_events(client, f"/v1/chat/{thread}/messages", body)
    assert response.status_code == 200, response.text
    assert events[0].event == "criteria" and events[-1].event == "done", [e.event for e in events]
    return events[0].data, events[-1].data["shortlist"], [e.data["message"] for e in events if e.event == "warning"]


def clean_topics(criteria: dict) -> None:
    for topic in criteria["topics"]:
        assert not set(topic.split()) & INSTRUCTION_WORDS, topic


async def test_issue_examples_as_patches(client):
    thread = f"f-{uuid.uuid4().hex[:12]}"
    first, _, _ = await turn(client, thread, BRIEF)
    topics = first["criteria"]["topics"]
    assert topics == ["vegan food"] and first["criteria"]["budget"]["amount"] == 20_000

    event, _, _ = await turn(client, thread, "drop the budget limit")
    assert event["criteria"]["budget"] is None and "budget removed" in event["changes"]
    assert event["criteria"]["topics"] == topics

    event, _, _ = await turn(client, thread, "actually make it Canada instead of the US")
    assert event["criteria"]["creator_countries"] == ["CA"] and event["criteria"]["topics"] == topics
    assert "countries now Canada" in event["changes"]
    assert not any("'US'" in a for a in event["assumptions"]), event["assumptions"]

    event, _, _ = await turn(client, thread, "exclude anyone who promoted The Ordinary or CeraVe")
    assert event["criteria"]["exclude_brands"] == ["The Ordinary", "CeraVe"]
    assert "exclude_brands" in event["criteria"]["hard"] and event["criteria"]["topics"] == topics

    event, _, _ = await turn(client, thread, "drop Pinterest")
    assert event["criteria"]["platforms"] == ["instagram"]

    event, _, _ = await turn(client, thread, "also TikTok")
    assert event["criteria"]["platforms"] == ["instagram", "tiktok"]

    event, _, _ = await turn(client, thread, "raise the budget to 30k")
    assert event["criteria"]["budget"] == {"amount": 30_000, "currency": "USD"}

    event, _, _ = await turn(client, thread, "no budget")
    assert event["criteria"]["budget"] is None

    event, shortlist, _ = await turn(client, thread, "I don't care about the platform")
    assert event["criteria"]["platforms"] == [] and event["criteria"]["topics"] == topics
    clean_topics(event["criteria"])
    assert shortlist["creators"], "a cleared platform must not empty the list"


async def test_follow_ups_in_german_spanish_french(client):
    for brief, follow_up, code in [
        ("10 Creator für veganes Essen in Deutschland auf Instagram", "Österreich statt Deutschland", "AT"),
        ("10 creadores de comida vegana en España en Instagram", "México en vez de España", "MX"),
        ("10 créateurs de cuisine vegan en France sur Instagram", "la Belgique au lieu de la France", "BE"),
    ]:
        thread = f"l-{uuid.uuid4().hex[:12]}"
        first, _, _ = await turn(client, thread, brief)
        event, _, _ = await turn(client, thread, follow_up)
        assert event["criteria"]["creator_countries"] == [code]
        assert event["criteria"]["topics"] == first["criteria"]["topics"]
        clean_topics(event["criteria"])


async def test_chip_edits_are_structured(client):
    thread = f"c-{uuid.uuid4().hex[:12]}"
    await turn(client, thread, "10 vegan food creators in Germany on Instagram or TikTok with 10k-100k followers, "
                               "budget €5,000, audience mostly female, no alcohol")
    # Each chip kind: a list item, a whole list, a range, a scalar, an exclusion, the count.
    event, _, _ = await turn(client, thread, criteria={"creator_countries": None})
    assert event["criteria"]["creator_countries"] == [] and event["criteria"]["topics"] == ["vegan food"]
    assert "anywhere" not in event["criteria"]["topics"]
    event, _, _ = await turn(client, thread, criteria={"platforms": ["tiktok"]})
    assert event["criteria"]["platforms"] == ["tiktok"]
    event, _, _ = await turn(client, thread, criteria={"followers_min": None, "followers_max": None})
    assert event["criteria"]["followers_min"] is None and event["criteria"]["followers_max"] is None
    event, _, _ = await turn(client, thread, criteria={"budget": None, "audience_gender": None})
    assert event["criteria"]["budget"] is None and event["criteria"]["audience_gender"] is None
    event, _, _ = await turn(client, thread, criteria={"exclude_brands": ["Oatly"], "exclude_topics": []})
    assert event["criteria"]["exclude_brands"] == ["Oatly"] and "exclude_brands" in event["criteria"]["hard"]
    assert event["criteria"]["exclude_topics"] == []
    response, events = await stream_events(client, f"/v1/chat/{thread}/messages",
                                           {"message": "", "criteria": {"tiers": ["micro"]}, "label": "Tier micro"})
    assert response.status_code == 200 and events[0].data["criteria"]["tiers"] == ["micro"]
    event, shortlist, _ = await turn(client, thread, criteria={"creators_count": 4})
    assert event["criteria"]["creators_count"] == 4 and len(shortlist["creators"]) <= 4
    assert event["criteria"]["topics"] == ["vegan food"]

    view = (await client.get(f"/v1/chat/{thread}")).json()
    assert len(view["messages"]) == 8 and view["messages"][1] == "any countries"  # no label: the edit in words
    assert view["messages"][6] == "Tier micro"  # the label the client gave
    assert view["turns"][1]["reply"] == ["countries removed"]


async def test_message_checks(client):
    thread = f"e-{uuid.uuid4().hex[:12]}"
    empty = await client.post(f"/v1/chat/{thread}/messages", json={"message": "  "})
    assert empty.status_code == 422
    first_edit = await client.post(f"/v1/chat/{thread}/messages", json={"message": "", "criteria": {"budget": None}})
    assert first_edit.status_code == 422 and "brief" in first_edit.json()["detail"]
    unknown = await client.post(f"/v1/chat/{thread}/messages", json={"message": "x", "criteria": {"color": "red"}})
    assert unknown.status_code == 422
    bad = await client.post(f"/v1/chat/{thread}/messages", json={"message": "x", "criteria": {"platforms": ["myspace"]}})
    assert bad.status_code == 422


async def test_thread_memory_list_and_reload(client):
    thread = f"m-{uuid.uuid4().hex[:12]}"
    # A brief with a warning of its own (countries excluded without countries to include).
    _, first, warnings1 = await turn(client, thread, "fitness creators on TikTok\nnot in France\nengagement above 20%")
    assert first["warnings"], "the first turn needs a warning for this test"
    _, second, _ = await turn(client, thread, "also Instagram")
    _, third, warnings3 = await turn(client, thread, "make it 5 creators")
    # Warnings belong to their turn: none of turn 1's come back in turn 3.
    assert not set(first["warnings"]) & set(third["warnings"]), third["warnings"]
    assert not set(warnings1) & set(warnings3)

    view = (await client.get(f"/v1/chat/{thread}")).json()
    # A multi-line message stays one message.
    assert view["messages"] == ["fitness creators on TikTok\nnot in France\nengagement above 20%", "also Instagram",
                                "make it 5 creators"]
    assert view["title"] == view["messages"][0]
    turns = view["turns"]
    assert [t["shortlist"]["id"] for t in turns] == [first["id"], second["id"], third["id"]]
    assert turns[0]["warnings"] == first["warnings"] and turns[2]["warnings"] == third["warnings"]
    assert turns[1]["reply"] == ["platforms: added Instagram"]
    assert turns[0]["relaxations"] == first["relaxations"]
    assert turns[2]["criteria"]["creators_count"] == 5

    listing = (await client.get("/v1/chat")).json()["items"]
    mine = next(i for i in listing if i["thread_id"] == thread)
    assert mine["title"] == "fitness creators on TikTok\nnot in France\nengagement above 20%"
    assert mine["messages"] == 3 and mine["last_count"] == len(third["creators"])
    assert mine["url"] == f"/v1/chat/{thread}"
    stamps = [i["updated_at"] for i in listing]
    assert stamps == sorted(stamps, reverse=True)


async def test_more_like_resolves_the_rank(client):
    thread = f"k-{uuid.uuid4().hex[:12]}"
    _, first, _ = await turn(client, thread, "8 vegan food creators on Instagram or TikTok")
    event, second, warnings = await turn(client, thread, "more like number 2")
    assert any("#2" in c for c in event["changes"]), event["changes"]
    # #2 is kept, first; the others are new faces, not the last list again.
    number_two = first["creators"][1]
    assert second["creators"][0]["handle"] == number_two["handle"]
    shown = {c["handle"] for c in first["creators"]}
    others = [c["handle"] for c in second["creators"][1:]]
    assert others and not set(others) & shown, (others, shown)
    assert event["criteria"]["topics"] == ["vegan food"]
    assert not any("No creator #2" in w for w in warnings)
    event, _, warnings = await turn(client, thread, "more like number 40")
    assert any("No creator #40" in w for w in warnings)
