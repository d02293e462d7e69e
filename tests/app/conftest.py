"""Service-test fixtures: a small real demo index (built once per session by the same code
`castlist serve` runs on first start), real apps over it through httpx's ASGI transport with
their lifespan run, and one real uvicorn on a loopback port.

Qdrant Edge lets one owner open a shard, so every app gets its own copy of the demo data
dir (a few MB). Every test that uses a data dir runs twice, on SQLite and on PostgreSQL
(`database_backend`): on PostgreSQL the demo is built into a template database and each
copy of the data dir gets its own database cloned from it (CREATE DATABASE ... TEMPLATE),
found by `settings_for`. Without CASTLIST_TEST_DATABASE_URL the PostgreSQL half is
skipped, saying so. All async tests here run in the session's event loop, the loop the shared
app's resources (checkpointer, locks) were opened in.
"""

from __future__ import annotations

import inspect
import io
import shutil
import socket
import threading
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio

from app.commands.serve import ensure_demo_index
from app.main import create_app
from app.settings import Settings
from tests.app.helpers import DATABASE_URLS, settings_for
from tests.support import postgres

DEMO_CREATORS = 600


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here) and inspect.iscoroutinefunction(getattr(item, "obj", None)):
            item.add_marker(pytest.mark.asyncio(loop_scope="session"))


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database_backend(request: pytest.FixtureRequest) -> str:
    if request.param == "postgresql":
        postgres.require_server()
    return request.param


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory, embedder, database_backend: str) -> Path:
    """A data dir holding the demo index, built like `castlist serve` does on first start."""
    data_dir = tmp_path_factory.mktemp(f"demo-template-{database_backend}")
    if database_backend == "postgresql":
        DATABASE_URLS[data_dir.resolve()] = postgres.create_database("template")
    log = io.StringIO()
    ensure_demo_index(settings_for(data_dir), DEMO_CREATORS, embedder=embedder, out=log)
    assert "demo index ready" in log.getvalue(), log.getvalue()
    return data_dir


@pytest.fixture(scope="session")
def data_dir_factory(demo_template: Path, tmp_path_factory: pytest.TempPathFactory):
    template_url = DATABASE_URLS.get(demo_template.resolve())

    def make() -> Path:
        target = tmp_path_factory.mktemp("data") / "castlist"
        shutil.copytree(demo_template, target)
        if template_url:
            DATABASE_URLS[target.resolve()] = postgres.create_database("app", template=template_url)
        return target

    return make


@asynccontextmanager
async def running_app(settings: Settings, embedder) -> AsyncIterator[tuple[Any, httpx.AsyncClient]]:  # noqa: ANN001
    """A real app with its lifespan run, and a client talking to it in-process."""
    app = create_app(settings, embedder=embedder)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50000))
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver", timeout=120) as client:
            yield app, client


@pytest.fixture(scope="session")
def app_factory(data_dir_factory, embedder):
    """`async with app_factory(**settings) as (app, client)` on a fresh copy of the demo data dir."""

    def make(data_dir: Path | None = None, **overrides: Any):
        return running_app(settings_for(data_dir or data_dir_factory(), **overrides), embedder)

    return make


def assert_stores_agree(app: Any) -> None:  # noqa: ANN401
    """Issue 10: after every test that used a shared app, a creator is in both stores or neither."""
    retrieval = app.state.retrieval
    keys = set(retrieval.store.keys())
    assert len(retrieval.index) == len(keys), (len(retrieval.index), len(keys))
    assert {h.key for h in retrieval.index.get(sorted(keys))} == keys


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def app_and_client(app_factory) -> AsyncIterator[tuple[Any, httpx.AsyncClient]]:
    async with app_factory() as pair:
        yield pair
        assert_stores_agree(pair[0])


@pytest.fixture(scope="session")
def app(app_and_client):
    return app_and_client[0]


@pytest.fixture(scope="session")
def client(app_and_client) -> httpx.AsyncClient:
    return app_and_client[1]


# ---- one real uvicorn -----------------------------------------------------------------


@dataclass
class LiveServer:
    base_url: str
    headers: dict[str, str]
    data_dir: Path


def start_uvicorn(app: Any) -> tuple[Any, threading.Thread, int]:  # noqa: ANN401
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))  # bound here and handed over: no race for a free port
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_config=None, access_log=False, lifespan="on",
                                           timeout_graceful_shutdown=5))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="app-test-uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError("uvicorn exited during start-up")
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start within 60 s")
        time.sleep(0.05)
    return server, thread, port


@pytest.fixture(scope="session")
def live_server(data_dir_factory, embedder) -> Iterator[LiveServer]:
    data_dir = data_dir_factory()
    app = create_app(settings_for(data_dir), embedder=embedder)
    server, thread, port = start_uvicorn(app)
    yield LiveServer(base_url=f"http://127.0.0.1:{port}", headers={}, data_dir=data_dir)
    assert_stores_agree(app)
    server.should_exit = True
    thread.join(timeout=20)
