"""The service under load: a real `castlist serve` on loopback over the benchmark's
index, 20 and 50 concurrent SSE briefs, each beside the same briefs unloaded."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from evals.benchmarks.workload import BRIEFS


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


ROUNDS = 3  # bursts per concurrency: one burst's p95 is its 19th of 20 samples, and moved ±0.5 s between runs


def _workers_ready(ready: dict) -> bool:
    """Brief workers (app/brief_workers.py) load their model after the service is ready:
    measure once every one of them takes briefs."""
    pool = ready.get("brief_workers")
    return pool is None or pool["current"] == pool["size"]


def run_service_bench(data_dir: Path, seed: int, concurrency: tuple[int, ...] = (20, 50),
                      env: dict[str, str] | None = None) -> dict:
    """`env` overrides settings of the served process (e.g. to switch a feature off for a baseline)."""
    from evals.bench_service import bench_service

    port = _free_port()
    env = {**os.environ, "CASTLIST_DATA_DIR": str(data_dir), "CASTLIST_RATE_LIMIT_PER_MINUTE": "100000", **(env or {})}
    proc = subprocess.Popen([sys.executable, "-m", "app.cli", "serve", "--host", "127.0.0.1", "--port", str(port)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                ready = httpx.get(f"{base}/readyz", timeout=2)
                if ready.status_code == 200 and _workers_ready(ready.json()):
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        else:
            return {"error": "the service did not become ready in 180 s"}
        return {f"concurrency_{n}": asyncio.run(bench_service(base, BRIEFS, concurrency=n, rounds=ROUNDS))
                for n in concurrency}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
