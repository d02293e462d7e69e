"""`castlist serve --workers N`: refused, saying why, with the embedded index; with a
Qdrant server (CASTLIST_QDRANT_URL) N real uvicorn worker processes serve one port over
one PostgreSQL database. The Qdrant server is tests/support/fake_qdrant.py (no Qdrant
binary or container here); the database is the PostgreSQL test server."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import psutil
import pytest

from app.cli import main
from app.settings import get_settings
from tests.support import postgres
from tests.support.fake_qdrant import FakeQdrant

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def env(monkeypatch, tmp_path):
    monkeypatch.setenv("CASTLIST_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("CASTLIST_QDRANT_URL", raising=False)
    monkeypatch.delenv("CASTLIST_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    yield tmp_path / "data"
    get_settings.cache_clear()


def test_several_workers_over_the_embedded_index_are_refused_with_the_reason(env, capsys):
    assert main(["serve", "--workers", "2", "--port", "8799"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("castlist serve: --workers 2 needs CASTLIST_QDRANT_URL.")
    assert "locked by the one process" in err and "README" in err
    assert not (env / "castlist.db").exists()  # refused before anything was opened or built


def test_workers_from_the_environment_are_checked_the_same_way(env, monkeypatch, capsys):
    monkeypatch.setenv("CASTLIST_WORKERS", "3")
    get_settings.cache_clear()
    assert main(["serve", "--port", "8799"]) == 2
    assert "--workers 3 needs CASTLIST_QDRANT_URL" in capsys.readouterr().err


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _workers(proc: subprocess.Popen) -> list[psutil.Process]:
    children = psutil.Process(proc.pid).children(recursive=True)
    return [c for c in children if "spawn_main" in " ".join(c.cmdline()) and "resource_tracker" not in " ".join(c.cmdline())]


@pytest.mark.slow
def test_two_workers_serve_one_port_over_postgres_and_a_qdrant_server(tmp_path):
    database = postgres.create_database("workers")
    qdrant = FakeQdrant()
    port = _free_port()
    env = {**os.environ, "CASTLIST_DATA_DIR": str(tmp_path / "data"), "CASTLIST_DATABASE_URL": database,
           "CASTLIST_QDRANT_URL": qdrant.url, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    log = (tmp_path / "serve.log").open("w+")
    proc = subprocess.Popen([sys.executable, "-m", "app.cli", "serve", "--workers", "2", "--port", str(port),
                             "--demo-creators", "100"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 600
        ready = None
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                ready = httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=5)
                if ready.status_code == 200 and len(_workers(proc)) == 2:
                    break
            except httpx.TransportError:
                pass
            time.sleep(1)
        log.seek(0)
        output = log.read()
        assert proc.poll() is None, output
        assert ready is not None and ready.status_code == 200, output
        assert len(_workers(proc)) == 2, output
        assert "with 2 workers" in output
        # Both workers answer from the one database and the one index.
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
            answers = [client.get("/readyz").json() for _ in range(10)]
        expected = {"status": "ready", "creators": 100, "indexed": 100, "shortlists": 0}
        assert all({k: a.get(k) for k in expected} == expected and a.get("build") is None for a in answers), answers
        # Migrated once, by the supervisor, before the workers started.
        from app.migrate import current_revision, head_revision
        from retrieval.store import make_engine

        engine = make_engine(database)
        try:
            assert current_revision(engine) == head_revision()
        finally:
            engine.dispose()
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
        qdrant.close()
        postgres.drop_database(database)


def _serve_args(*argv: str):
    from app.cli import build_parser

    return build_parser().parse_args(["serve", *argv])


def test_brief_workers_default_to_one_on_two_cores_and_follow_flag_and_environment(env, monkeypatch):
    from app.commands import serve as serve_command

    monkeypatch.setattr(serve_command.os, "cpu_count", lambda: 2)
    assert serve_command.brief_workers(_serve_args(), get_settings()) == 1
    assert serve_command.brief_workers(_serve_args("--brief-workers", "0"), get_settings()) == 0
    monkeypatch.setattr(serve_command.os, "cpu_count", lambda: 1)
    assert serve_command.brief_workers(_serve_args(), get_settings()) == 0
    monkeypatch.setattr(serve_command.os, "cpu_count", lambda: 8)
    monkeypatch.setenv("CASTLIST_BRIEF_WORKERS", "0")
    get_settings.cache_clear()
    assert serve_command.brief_workers(_serve_args(), get_settings()) == 0  # set, even to 0, wins
    monkeypatch.delenv("CASTLIST_BRIEF_WORKERS")
    monkeypatch.setenv("CASTLIST_QDRANT_URL", "http://127.0.0.1:6333")
    get_settings.cache_clear()
    assert serve_command.brief_workers(_serve_args(), get_settings()) == 0  # a server: use --workers


def test_too_many_brief_workers_are_refused(env, capsys):
    assert main(["serve", "--brief-workers", "17", "--port", "8799"]) == 2
    assert "--brief-workers must be between 0 and 16, not 17" in capsys.readouterr().err
