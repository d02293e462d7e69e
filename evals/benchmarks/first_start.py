"""First start: `castlist serve` on an empty data dir, timed until the page answers, until
a brief returns creators, and (optionally) until /readyz says ready."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from evals.benchmarks.service_run import _free_port

BRIEF = "20 fitness creators on instagram for a protein bar launch"


def measure_first_start(extra_args: list[str], *, timeout_s: float = 900.0, wait_ready: bool = False,
                        env: dict[str, str] | None = None) -> dict:
    """Seconds from process start to: the page (GET / 200), a brief answered with at least one
    creator, and /readyz `ready` (when `wait_ready`). The data dir is a fresh temp dir."""
    data_dir = Path(tempfile.mkdtemp(prefix="castlist-first-start-"))
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    run_env = {**os.environ, "CASTLIST_DATA_DIR": str(data_dir), **(env or {})}
    started = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "app.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
                             *extra_args], env=run_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    out: dict[str, float | int | str | None] = {"page_s": None, "first_brief_s": None, "ready_s": None}
    try:
        with httpx.Client(base_url=base, timeout=60) as client:
            while time.monotonic() - started < timeout_s and proc.poll() is None:
                now = round(time.monotonic() - started, 1)
                try:
                    if out["page_s"] is None and client.get("/").status_code == 200:
                        out["page_s"] = now
                        ready = client.get("/readyz")
                        out["readyz_at_page"] = ready.json().get("status", ready.status_code)
                    if out["page_s"] is not None and out["first_brief_s"] is None:
                        reply = client.post("/v1/shortlists", json={"brief": BRIEF})
                        out["last_brief_status"] = reply.status_code
                        if reply.status_code in (200, 201) and reply.json().get("creators"):
                            out["first_brief_s"] = round(time.monotonic() - started, 1)
                            out["first_brief_creators"] = len(reply.json()["creators"])
                            out["indexed_at_first_brief"] = client.get("/readyz").json().get("indexed")
                    if out["first_brief_s"] is not None:
                        ready = client.get("/readyz")
                        if ready.status_code == 200 and ready.json().get("status") == "ready":
                            out["ready_s"] = round(time.monotonic() - started, 1)
                            break
                        if not wait_ready:
                            break
                except httpx.HTTPError as exc:
                    out["last_http_error"] = type(exc).__name__
                time.sleep(0.5)
        if proc.poll() is not None:
            out["error"] = f"serve exited with {proc.returncode}"
        return out
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
        import shutil

        shutil.rmtree(data_dir, ignore_errors=True)
