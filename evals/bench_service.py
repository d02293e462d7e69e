"""Service load benchmark: streamed shortlists over real HTTP, unloaded and under load.

Measures, per POST /v1/shortlists with `Accept: text/event-stream`, the time to the first
`creator` event (what a marketer waits for before anything useful shows) and to `done`.
First one request at a time (the baseline), then `concurrency` requests at once. Loopback
only, and the number of requests is bounded, so it can never turn into a load test of
someone else's server.
"""

from __future__ import annotations

import asyncio
import ipaddress
import math
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

MAX_REQUESTS = 200  # per phase: a benchmark, not a soak test
DEFAULT_TIMEOUT_S = 120.0


@dataclass
class _Sample:
    first_creator_s: float | None
    done_s: float | None
    error: str | None


def _check_loopback(base_url: str) -> None:
    host = urlsplit(base_url).hostname or ""
    if host == "localhost":
        return
    try:
        if ipaddress.ip_address(host).is_loopback:
            return
    except ValueError:
        pass
    raise ValueError(f"bench_service only targets loopback addresses, not {host!r}")


def percentile(values: list[float], q: float) -> float | None:
    """Linear interpolation between closest ranks (q in 0..100); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    pos = (len(ordered) - 1) * q / 100.0
    low, high = math.floor(pos), math.ceil(pos)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


async def _one(client: httpx.AsyncClient, brief: str, limit: int | None) -> _Sample:
    body: dict[str, object] = {"brief": brief}
    if limit is not None:
        body["limit"] = limit
    started = time.perf_counter()
    first_creator: float | None = None
    try:
        async with client.stream("POST", "/v1/shortlists", json=body,
                                 headers={"Accept": "text/event-stream"}) as response:
            if response.status_code != 200:
                return _Sample(None, None, f"HTTP {response.status_code}")
            async for line in response.aiter_lines():
                if not line.startswith("event:"):
                    continue
                name = line[6:].strip()
                now = time.perf_counter() - started
                if name == "creator" and first_creator is None:
                    first_creator = now
                elif name == "done":
                    return _Sample(first_creator, now, None)
                elif name == "error":
                    return _Sample(first_creator, None, "error event")
        return _Sample(first_creator, None, "stream ended without done")
    except httpx.HTTPError as exc:
        return _Sample(first_creator, None, type(exc).__name__)


def _summary(samples: list[_Sample], wall_s: float) -> dict[str, float | int | None]:
    first = [s.first_creator_s * 1000 for s in samples if s.first_creator_s is not None]
    done = [s.done_s * 1000 for s in samples if s.done_s is not None]

    def ms(value: float | None) -> float | None:
        return round(value, 1) if value is not None else None

    return {
        "requests": len(samples),
        "errors": sum(1 for s in samples if s.error is not None),
        "error_kinds": sorted({s.error for s in samples if s.error is not None}),
        "first_creator_ms_p50": ms(percentile(first, 50)),
        "first_creator_ms_p95": ms(percentile(first, 95)),
        "done_ms_p50": ms(percentile(done, 50)),
        "done_ms_p95": ms(percentile(done, 95)),
        "wall_s": round(wall_s, 2),
        "shortlists_per_s": round(len(done) / wall_s, 2) if wall_s > 0 else None,
    }


async def _probe_until(client: httpx.AsyncClient, runs: asyncio.Future, every_s: float = 0.02) -> list[float]:
    """/healthz round trips (ms) while the runs are in flight: how long any other request
    waits for the event loop under this load."""
    latencies: list[float] = []
    while not runs.done():
        started = time.perf_counter()
        try:
            await client.get("/healthz")
        except httpx.HTTPError:
            continue
        latencies.append((time.perf_counter() - started) * 1000)
        await asyncio.sleep(every_s)
    return latencies


async def bench_service(base_url: str, briefs: list[str], concurrency: int = 20, *,
                        limit: int | None = None, headers: dict[str, str] | None = None,
                        timeout_s: float = DEFAULT_TIMEOUT_S, rounds: int = 1) -> dict:
    """Time-to-first-creator and time-to-done percentiles (ms), unloaded and with
    `concurrency` streams at once, plus error counts. `briefs` are cycled. With `rounds` > 1
    the burst is sent that many times, one after another: `loaded` pools every round (more
    samples for its p95), `loaded_rounds` gives each round's own p95s, the first one with the
    caches the unloaded briefs left."""
    _check_loopback(base_url)
    if not briefs:
        raise ValueError("need at least one brief")
    if not 1 <= concurrency <= MAX_REQUESTS:
        raise ValueError(f"concurrency must be 1..{MAX_REQUESTS}")
    unloaded_n = min(len(briefs), MAX_REQUESTS)
    limits = httpx.Limits(max_connections=concurrency + 3, max_keepalive_connections=concurrency + 3)
    async with httpx.AsyncClient(base_url=base_url, headers=headers, timeout=timeout_s, limits=limits) as client:
        # Warm-up: the first run pays one-off costs (lazy imports, caches) that are not latency.
        await _one(client, briefs[0], limit)

        started = time.perf_counter()
        unloaded = [await _one(client, briefs[i], limit) for i in range(unloaded_n)]
        unloaded_wall = time.perf_counter() - started

        loaded: list[_Sample] = []
        probes: list[float] = []
        per_round: list[dict] = []
        loaded_wall = 0.0
        for _ in range(max(1, rounds)):
            started = time.perf_counter()
            runs = asyncio.gather(*(_one(client, briefs[i % len(briefs)], limit) for i in range(concurrency)))
            probes += await _probe_until(client, runs)
            burst = list(await runs)
            wall = time.perf_counter() - started
            loaded_wall += wall
            loaded += burst
            summary = _summary(burst, wall)
            per_round.append({k: summary[k] for k in ("first_creator_ms_p95", "done_ms_p95", "errors")})

    result = {
        "base_url": base_url,
        "concurrency": concurrency,
        "unloaded": _summary(unloaded, unloaded_wall),
        "loaded": _summary(loaded, loaded_wall),
    }
    if rounds > 1:
        result["loaded_rounds"] = per_round
    result["loaded"]["healthz_ms_p50"] = round(percentile(probes, 50), 1) if probes else None
    result["loaded"]["healthz_ms_p95"] = round(percentile(probes, 95), 1) if probes else None
    result["errors"] = result["unloaded"]["errors"] + result["loaded"]["errors"]
    return result
