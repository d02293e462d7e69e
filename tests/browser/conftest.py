"""Browser-test fixtures: Debian's Chromium driven by Playwright (never a Playwright-downloaded
browser) against the service tests' real uvicorn over the small real demo index.

The server fixtures are the service tests' own (tests/app/conftest.py: a demo index built
by the code `castlist serve` runs on first start, served by `create_app()` under uvicorn on
127.0.0.1), imported here so the page is tested against exactly what the API tests use.
Pytest scopes fixtures by directory, so the browser tests get their own instance.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from app.settings import Settings
from tests.app.conftest import data_dir_factory, demo_template, live_server  # noqa: F401 - fixtures

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium keeps trying to reach Google services,
# which on a closed network only adds noise and delay.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def database_backend() -> str:
    """The page does not depend on the database: one backend (the default) is enough here;
    the API tests run on both."""
    return "sqlite"


@pytest.fixture(scope="session")
def base_url(live_server) -> str:  # noqa: F811 - the imported fixture
    return live_server.base_url


@pytest.fixture(scope="session")
def api_headers(live_server) -> dict[str, str]:  # noqa: F811
    return live_server.headers


@pytest.fixture(scope="session")
def web_settings(live_server) -> Settings:  # noqa: F811
    """The served data dir's settings (the tests reach its database to create an API key)."""
    return Settings(data_dir=live_server.data_dir)


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
    """A fresh context per test (empty localStorage, so no remembered thread or key)."""
    context = await browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = await context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    await context.close()
    assert not errors, f"uncaught errors in the page: {errors}"
