"""The service under a real uvicorn on a loopback port: SSE arrives incrementally, the
loop answers probes during runs, an announced huge body is refused unread, and the
service benchmark runs."""

from __future__ import annotations

import asyncio
import socket
import time

import httpx
import pytest

from evals.bench_service import bench_service, percentile
from tests.app.helpers import BRIEF, parse_sse


async def test_sse_over_real_http(live_server):
    async with httpx.AsyncClient(base_url=live_server.base_url, timeout=60) as client:
        arrivals: list[tuple[float, str]] = []
        chunks: list[str] = []
        started = time.perf_counter()
        async with client.stream("POST", "/v1/shortlists", json={"brief": BRIEF, "limit": 10},
                                 headers={"Accept": "text/event-stream"}) as response:
            assert response.status_code == 200
            assert response.headers["content-type"].startswith("text/event-stream")
            assert response.headers["cache-control"] == "no-cache"
            async for chunk in response.aiter_text():
                chunks.append(chunk)
                arrivals += [(time.perf_counter() - started, line[6:].strip())
                             for line in chunk.splitlines() if line.startswith("event:")]
        events = parse_sse("".join(chunks))
        assert [e.event for e in events] == [name for _, name in arrivals]
        assert events[0].event == "criteria" and events[-1].event == "done"
        # Delivered as produced, not in one buffered block at the end.
        assert len(chunks) > 1
        shortlist_id = events[-1].data["shortlist_id"]
        assert (await client.get(f"/v1/shortlists/{shortlist_id}")).status_code == 200


async def test_probes_answer_during_concurrent_runs(live_server):
    """Probes are answered while four runs are in flight, not queued behind them. Their
    latency under load is a `castlist bench` figure, not a test threshold."""
    async with httpx.AsyncClient(base_url=live_server.base_url, timeout=60) as client:
        runs = [asyncio.create_task(client.post("/v1/shortlists", json={"brief": BRIEF, "limit": 20}))
                for _ in range(4)]
        answered_during_runs = 0
        while not all(r.done() for r in runs):
            assert (await client.get("/healthz")).status_code == 200
            answered_during_runs += not any(r.done() for r in runs)
            await asyncio.sleep(0.02)
        assert [r.result().status_code for r in runs] == [201] * 4
        assert answered_during_runs >= 1


def test_announced_huge_body_is_refused_without_reading_it(live_server):
    host, port = live_server.base_url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(b"POST /v1/creators HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 1000000000\r\n\r\n")
        # Not one byte of the body is sent: the answer must come from the header alone.
        reply = b""
        while b"\r\n\r\n" not in reply:
            data = sock.recv(4096)
            if not data:
                break
            reply += data
    head = reply.split(b"\r\n", 1)[0]
    assert head.startswith(b"HTTP/1.1 413"), reply[:300]
    assert b"application/problem+json" in reply


async def test_bench_service_small_run(live_server):
    result = await bench_service(live_server.base_url, [BRIEF, "yoga creators in Germany", "tech reviewers on YouTube"],
                                 concurrency=3, limit=5)
    assert result["errors"] == 0, result
    for phase in ("unloaded", "loaded"):
        stats = result[phase]
        assert stats["requests"] == 3
        # Medians over different sets when a brief lists no creator (no first-creator time).
        assert 0 < stats["first_creator_ms_p50"] <= stats["done_ms_p95"]
        assert stats["first_creator_ms_p50"] <= stats["first_creator_ms_p95"]
    assert result["loaded"]["healthz_ms_p50"] > 0  # probes answered while the three runs were in flight


async def test_bench_service_rounds_pool_their_samples_and_report_each(live_server):
    result = await bench_service(live_server.base_url, [BRIEF, "yoga creators in Germany"], concurrency=2, limit=5,
                                 rounds=3)
    assert result["errors"] == 0, result
    assert result["loaded"]["requests"] == 6
    rounds = result["loaded_rounds"]
    assert len(rounds) == 3 and all(r["errors"] == 0 and r["done_ms_p95"] > 0 for r in rounds)
    assert result["loaded"]["done_ms_p95"] >= min(r["done_ms_p95"] for r in rounds)


async def test_bench_service_refuses_other_hosts():
    with pytest.raises(ValueError, match="loopback"):
        await bench_service("http://192.168.1.10:8000", ["x"])


def test_percentile():
    assert percentile([], 50) is None
    assert percentile([5.0], 95) == 5.0
    assert percentile([1.0, 2.0, 3.0, 4.0], 50) == 2.5
    assert percentile(list(map(float, range(101))), 95) == 95.0


async def test_a_client_that_leaves_does_not_lose_the_shortlist(live_server):
    """The run goes on after the client disconnects; the id from the first event id finds it."""
    async with httpx.AsyncClient(base_url=live_server.base_url, timeout=60) as client:
        async with client.stream("POST", "/v1/shortlists", json={"brief": BRIEF, "limit": 10},
                                 headers={"Accept": "text/event-stream"}) as response:
            async for line in response.aiter_lines():
                if line.startswith("id:"):
                    shortlist_id = line[3:].strip().rsplit(":", 1)[0]
                    break
        # Left after the first event; the shortlist still gets made and stored.
        deadline = time.monotonic() + 30
        while True:
            stored = await client.get(f"/v1/shortlists/{shortlist_id}")
            if stored.status_code == 200 or time.monotonic() > deadline:
                break
            await asyncio.sleep(0.1)
        assert stored.status_code == 200
        assert stored.json()["id"] == shortlist_id
