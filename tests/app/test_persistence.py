"""A shortlist outlives the process: made by one app, read by a new app on the same data dir."""

from __future__ import annotations

import uuid

from tests.app.helpers import BRIEF, stream_events


async def test_shortlists_and_threads_survive_a_restart(app_factory, data_dir_factory):
    data_dir = data_dir_factory()
    thread = f"r-{uuid.uuid4().hex[:8]}"
    async with app_factory(data_dir) as (_, client):
        made = await client.post("/v1/shortlists", json={"brief": BRIEF, "limit": 3})
        assert made.status_code == 201
        _, events = await stream_events(client, f"/v1/chat/{thread}/messages", {"message": "baking creators on YouTube"})
        assert events[-1].event == "done"
        chat_id = events[-1].data["shortlist_id"]
    async with app_factory(data_dir) as (_, client):
        again = await client.get(made.headers["location"])
        assert again.status_code == 200
        assert again.json() == made.json()
        listed = (await client.get("/v1/shortlists")).json()["items"]
        assert [item["id"] for item in listed] == [chat_id, made.json()["id"]]
        view = (await client.get(f"/v1/chat/{thread}")).json()
        assert view["latest_shortlist"]["id"] == chat_id and view["messages"] == ["baking creators on YouTube"]
        # The thread goes on from where it was.
        _, events = await stream_events(client, f"/v1/chat/{thread}/messages", {"message": "only 2 of them"})
        assert events[-1].event == "done"
        assert len((await client.get(f"/v1/chat/{thread}")).json()["shortlist_ids"]) == 2
