"""Browser-test fixtures: the real service on a loopback port over a small real demo index,
and Debian's Chromium driven by Playwright (never a Playwright-downloaded browser)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import pytest_asyncio

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium keeps trying to reach Google services,
# which on a closed network only adds noise and delay.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
DEMO_CREATORS = 500
DEMO_SEED = 7


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def web_data_dir(tmp_path_factory: pytest.TempPathFactory, embedder) -> Path:
    """A data dir with a ~500-creator demo corpus ingested into the real store and index."""
    from app.settings import Settings
    from retrieval.demo import NOW, write_demo_corpus
    from retrieval.ingest import Ingester
    from retrieval.runtime import open_retrieval

    data_dir = tmp_path_factory.mktemp("web-data")
    corpus = data_dir / "demo.jsonl"
    write_demo_corpus(corpus, creators=DEMO_CREATORS, seed=DEMO_SEED)
    settings = Settings(data_dir=data_dir)
    # The same resources the service opens, with the session's already loaded model.
    retrieval = open_retrieval(database_url=settings.resolved_database_url, edge_path=settings.index_path,
                               embedder=embedder)
    try:
        summary = Ingester(retrieval.store, retrieval.index, retrieval.embedder, as_of=NOW).ingest_files([corpus])
        assert summary.accepted >= DEMO_CREATORS * 0.9, summary
    finally:
        retrieval.close()  # the Edge shard is single-owner: release it for the server
    return data_dir


@pytest.fixture(scope="session")
def base_url(web_data_dir: Path, embedder) -> Iterator[str]:
    """The real app (create_app) under uvicorn in a thread, on 127.0.0.1 and a free port."""
    import uvicorn

    from app.main import create_app
    from app.settings import Settings

    port = _free_port()
    settings = Settings(data_dir=web_data_dir, host="127.0.0.1", port=port, rate_limit_per_minute=10_000)
    app = create_app(settings, embedder=embedder)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, name="browser-test-uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if not thread.is_alive():
            pytest.fail("uvicorn exited during start-up (see the log above)")
        if time.monotonic() > deadline:
            pytest.fail("uvicorn did not start within 60 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=15)


@pytest.fixture(scope="session")
def api_headers() -> dict[str, str]:
    """No keys are configured on a loopback server, so no Authorization header is needed."""
    return {}


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def browser() -> AsyncIterator[object]:
    if not CHROMIUM.exists():
        pytest.skip(f"Debian chromium is not installed at {CHROMIUM} (apt-get install -y chromium)")
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        await browser.close()


@pytest_asyncio.fixture(loop_scope="session")
async def page(browser) -> AsyncIterator[object]:
    """A fresh context per test (empty localStorage, so no remembered thread)."""
    context = await browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = await context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    await context.close()
    assert not errors, f"uncaught errors in the page: {errors}"
