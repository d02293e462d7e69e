"""Chat threads: each message streams a refined shortlist, stored and linked to the thread."""

from __future__ import annotations

import uuid

from tests.app.helpers import stream_events


async def test_thread_refines_and_remembers(client):
    thread = f"t-{uuid.uuid4().hex[:12]}"
    first, events = await stream_events(client, f"/v1/chat/{thread}/messages",
                                        {"message": "8 vegan food creators on Instagram or TikTok"})
    assert first.status_code == 200
    assert events[0].event == "criteria" and events[-1].event == "done"
    first_id = events[-1].data["shortlist_id"]
    assert events[-1].data["shortlist"]["thread_id"] == thread
    assert all(e.id.startswith(f"{first_id}:") for e in events)

    second, events = await stream_events(client, f"/v1/chat/{thread}/messages", {"message": "only TikTok please"})
    assert second.status_code == 200 and events[-1].event == "done", [e.event for e in events]
    second_id = events[-1].data["shortlist_id"]
    assert second_id != first_id
    criteria = events[0].data["criteria"]
    assert criteria["platforms"] == ["tiktok"]
    assert all(c["platform"] == "tiktok" for c in events[-1].data["shortlist"]["creators"])

    view = await client.get(f"/v1/chat/{thread}")
    assert view.status_code == 200
    body = view.json()
    assert body["thread_id"] == thread
    assert len(body["messages"]) == 2 and "only TikTok" in body["messages"][1]
    assert body["criteria"]["platforms"] == ["tiktok"]
    assert body["latest_shortlist"]["id"] == second_id
    assert body["latest_shortlist"]["url"] == f"/v1/shortlists/{second_id}"
    assert body["shortlist_ids"] == [second_id, first_id]
    for shortlist_id in (first_id, second_id):
        stored = (await client.get(f"/v1/shortlists/{shortlist_id}")).json()
        assert stored["thread_id"] == thread


async def test_chat_json_mode_and_overrides(client):
    thread = f"j-{uuid.uuid4().hex[:12]}"
    response = await client.post(f"/v1/chat/{thread}/messages", headers={"Accept": "application/json"},
                                 json={"message": "fitness creators", "criteria": {"platforms": ["youtube"]}, "limit": 3})
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["thread_id"] == thread and response.headers["location"] == f"/v1/shortlists/{body['id']}"
    assert body["criteria"]["platforms"] == ["youtube"] and len(body["creators"]) <= 3
    assert all(c["platform"] == "youtube" for c in body["creators"])
