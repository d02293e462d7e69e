"""Brief workers (app/brief_workers.py): one-off briefs run in a second real process on a
copy of the Edge shard, with the same answers as the service process, never behind a write."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import time
from typing import Any

import httpx

from tests.app.helpers import BRIEF, stream_events

UNICYCLE = "unicycle juggling creators"


async def _pool(client: httpx.AsyncClient) -> dict[str, Any]:
    ready = await client.get("/readyz")
    assert ready.status_code == 200, ready.text
    return ready.json()["brief_workers"]


async def _wait_current(client: httpx.AsyncClient, timeout_s: float = 120) -> dict[str, Any]:
    """Until every worker searches a copy holding every write (it loads the model first)."""
    deadline = time.monotonic() + timeout_s
    while True:
        pool = await _pool(client)
        if pool["current"] == pool["size"] and pool["replica_writes"] == pool["index_writes"]:
            return pool
        assert time.monotonic() < deadline, pool
        await asyncio.sleep(0.25)


async def _runs(client: httpx.AsyncClient) -> dict[str, float]:
    text = (await client.get("/metrics")).text
    return {m[0]: float(m[1]) for m in re.findall(r'castlist_runs_total\{where="(\w+)"\} ([0-9.]+)', text)}


async def _shortlist(client: httpx.AsyncClient, brief: str) -> list[str]:
    response = await client.post("/v1/shortlists", json={"brief": brief, "limit": 10})
    assert response.status_code == 201, response.text
    return [f"{c['platform']}:{c['handle']}" for c in response.json()["creators"]]


def _unicycle_creator() -> dict[str, Any]:
    posts = [{"id": f"u{i}", "created_at": "2026-11-0{}T10:00:00Z".format(i + 1), "format": "video",
              "text": "Unicycle juggling practice in the park, a new trick every week", "hashtags": ["unicycle", "juggling"],
              "views": 20_000, "likes": 1_500, "comments": 80} for i in range(4)]
    return {"platform": "instagram", "handle": "zz_unicycle_juggler", "display_name": "Uni", "bio": "circus arts",
            "followers": 30_000, "country": "US", "language": "en", "posts": posts}


async def test_a_brief_in_a_worker_gets_the_service_process_answer(app_factory, data_dir_factory) -> None:
    template = data_dir_factory()
    async with app_factory(data_dir=template, brief_workers=0) as (_, local):
        expected = await _shortlist(local, BRIEF)
        assert (await _runs(local)).get("service") == 1
    async with app_factory(data_dir=template, brief_workers=1) as (_, client):
        await _wait_current(client)
        assert await _shortlist(client, BRIEF) == expected
        runs = await _runs(client)
        assert runs.get("brief_worker") == 1 and "service" not in runs, runs


def _comparable(events) -> list[tuple[str, Any]]:
    """Event names and data, without what differs from run to run (ids, times)."""
    volatile = {"id", "shortlist_id", "elapsed_ms", "created_at", "timings_ms"}

    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in volatile}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return [(e.event, strip(e.data)) for e in events]


async def test_a_streamed_brief_from_a_worker_carries_the_service_process_events(app_factory,
                                                                                data_dir_factory) -> None:
    # A worker sends the events the service only streams already encoded (app/sse.EncodedEvent):
    # the client must not see a difference, event for event.
    template = data_dir_factory()
    body = {"brief": BRIEF, "limit": 5}
    async with app_factory(data_dir=template, brief_workers=0) as (_, local):
        response, expected = await stream_events(local, "/v1/shortlists", body)
        assert response.status_code == 200
    async with app_factory(data_dir=template, brief_workers=1) as (_, client):
        await _wait_current(client)
        response, got = await stream_events(client, "/v1/shortlists", body)
        assert response.status_code == 200
        assert (await _runs(client)).get("brief_worker") == 1
    assert [e.event for e in got].count("creator") == 5 and got[-1].event == "done"
    assert _comparable(got) == _comparable(expected)
    assert [e.id.split(":")[1] for e in got] == [str(i) for i in range(1, len(got) + 1)]


async def test_a_write_is_found_at_once_and_by_the_worker_once_copied(app_factory) -> None:
    async with app_factory(brief_workers=1) as (app, client):
        await _wait_current(client)
        response = await client.post("/v1/creators", json=[_unicycle_creator()])
        assert response.status_code == 200, response.text
        # The worker's copy lacks the write: the service process answers, and finds the creator.
        assert "instagram:zz_unicycle_juggler" in await _shortlist(client, UNICYCLE)
        assert (await _runs(client)).get("service") == 1
        pool = await _wait_current(client)
        assert pool["index_writes"] >= 1
        assert "instagram:zz_unicycle_juggler" in await _shortlist(client, UNICYCLE)
        assert (await _runs(client)).get("brief_worker") == 1
        replicas = [p.name for p in (app.state.settings.data_dir / "replicas").iterdir()]
        assert len(replicas) == 1 and replicas[0].startswith(f"{pool['replica_writes']:012d}-"), replicas


async def test_a_lost_worker_costs_no_brief_and_is_replaced(app_factory) -> None:
    async with app_factory(brief_workers=1) as (app, client):
        await _wait_current(client)
        pid = app.state.brief_workers.workers[0].proc.pid
        os.kill(pid, signal.SIGKILL)
        assert len(await _shortlist(client, BRIEF)) > 0
        await _wait_current(client)
        assert app.state.brief_workers.workers[0].proc.pid != pid
        await _shortlist(client, BRIEF)
        assert (await _runs(client)).get("brief_worker", 0) >= 1


async def test_a_chat_thread_keeps_its_history_across_the_two_processes(app_factory) -> None:
    """Messages of a thread may run in either process: the checkpoints are in the shared
    database, so a follow-up refines what the last message left wherever it ran."""
    async with app_factory(brief_workers=1) as (_, client):
        await _wait_current(client)
        thread = "t-workers"
        first, events = await stream_events(client, f"/v1/chat/{thread}/messages",
                                            {"message": "8 vegan food creators on Instagram or TikTok"})
        assert first.status_code == 200 and events[-1].event == "done", [e.event for e in events]
        assert (await _runs(client)) == {"brief_worker": 1.0}
        # The next message runs in the service process (a write makes the worker's copy stale).
        assert (await client.post("/v1/creators", json=[_unicycle_creator()])).status_code == 200
        second, events = await stream_events(client, f"/v1/chat/{thread}/messages", {"message": "only TikTok please"})
        assert second.status_code == 200 and events[-1].event == "done", [e.event for e in events]
        assert (await _runs(client)).get("service") == 1
        criteria = events[0].data["criteria"]
        assert criteria["platforms"] == ["tiktok"] and criteria["topics"] == ["vegan food"]
        await _wait_current(client)
        third, events = await stream_events(client, f"/v1/chat/{thread}/messages", {"message": "undo"})
        assert third.status_code == 200 and events[-1].event == "done", [e.event for e in events]
        assert (await _runs(client)).get("brief_worker") == 2
        assert sorted(events[0].data["criteria"]["platforms"]) == ["instagram", "tiktok"]
        view = (await client.get(f"/v1/chat/{thread}")).json()
        assert len(view["messages"]) == 3 and view["messages"][2] == "undo"
