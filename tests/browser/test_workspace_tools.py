"""The workspace's tools (issue 12) in Debian's Chromium against the real service: the
creator profile with its charts, sort, the compare table, money in the brief's currency,
saved lists that survive a server restart (with the list's CSV), and phone widths."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.export import BOM, list_table_rows
from app.main import create_app
from tests.app.conftest import start_uvicorn
from tests.app.helpers import settings_for
from tests.browser.test_workspace_page import SHOTS, _open, _overflowing, _send

pytestmark = [pytest.mark.browser, pytest.mark.asyncio(loop_scope="session")]

# Euros with a per-post cap: prices are shown in € beside the USD estimate.
EURO = "10 vegan food creators on Instagram or TikTok, budget €5,000, max €400 per post"


async def _cards_data(page, attr: str) -> list[float]:
    return [float(x) for x in await page.locator("#cards > .card").evaluate_all(
        f"els => els.map(e => e.dataset.{attr})")]


async def test_profile_charts_sort_compare_and_money(page, base_url):
    await _open(page, base_url)
    await _send(page, EURO)
    cards = page.locator("#cards > .card")
    n = await cards.count()
    assert n >= 4
    SHOTS.mkdir(parents=True, exist_ok=True)
    await page.wait_for_timeout(300)  # the cards' fade-in
    await page.screenshot(path=str(SHOTS / "results_1400.png"))

    # Money in the brief's currency, the USD estimate and the rate beside it.
    price = cards.first.locator(".price")
    assert (await price.text_content()).startswith("€")
    assert "1 EUR ≈ 1.08 USD" in await price.get_attribute("title")
    summary = await page.locator("#summary").text_content()
    assert "est. spend €" in summary and "1 EUR ≈ 1.08 USD" in summary

    # Sort: followers high to low, price low to high, back to rank.
    await page.select_option("#sort", "followers")
    followers = await _cards_data(page, "followers")
    assert followers == sorted(followers, reverse=True) and len(followers) == n
    await page.select_option("#sort", "price")
    prices = await _cards_data(page, "price")
    assert prices == sorted(prices)
    await page.select_option("#sort", "er")
    rates = await _cards_data(page, "er")
    assert rates == sorted(rates, reverse=True)
    await page.select_option("#sort", "score")
    assert await _cards_data(page, "rank") == list(range(1, n + 1))

    # Compare: three ticked creators side by side, vetting rows included.
    assert await page.locator("#compare-open").is_disabled()
    for i in range(3):
        await cards.nth(i).locator(".compare-box").check()
    assert await page.locator("#compare-open").text_content() == "Compare (3)"
    await page.click("#compare-open")
    table = page.locator("#compare .compare-table")
    await table.wait_for()
    heads = await table.locator("thead th").all_text_contents()
    handles = [await cards.nth(i).locator(".handle").text_content() for i in range(3)]
    assert [h.split(" #")[0] for h in heads[1:]] == handles
    rows = await table.locator("tbody th").all_text_contents()
    assert {"Score", "Followers", "Engagement", "Price / post", "Authenticity", "Brand safety"} <= set(rows)
    assert "Audience fit" not in rows  # the brief sets no audience
    await page.screenshot(path=str(SHOTS / "compare_1400.png"))
    await page.locator("#compare .close-dialog").click()

    # Profile: charts drawn in the page, every check readable without hover, posts linked.
    first = cards.first
    handle = (await first.locator(".handle").text_content()).lstrip("@")
    platform = await first.get_attribute("data-platform")
    api = await (await page.request.get(f"{base_url}/v1/creators/{platform}/{handle}")).json()
    profile = api["profile"]
    await first.get_by_role("button", name="Profile").click()
    panel = page.locator("#profile .profile")
    await panel.wait_for()
    assert await panel.locator("#profile-title").text_content() == f"@{handle}"
    line = panel.locator("svg.chart-followers path.line")
    assert await line.count() == 1
    assert await panel.locator("svg.chart-followers circle").count() == len(profile["follower_history"])
    rated = [p for p in profile["posts"] if p["engagement_rate"] is not None]
    assert await panel.locator("svg.chart-engagement rect").count() == len(rated)
    assert await panel.locator('svg.chart-engagement rect[data-sponsored="true"]').count() == \
        sum(p["sponsored"] for p in rated)
    if profile["audience"] and profile["audience"].get("countries"):
        assert await panel.locator("svg.chart-shares").count() >= 1
        label = await panel.locator("svg.chart-shares").first.get_attribute("aria-label")
        assert label.startswith("Audience countries:") and "%" in label
    checks = panel.locator(".vetting-details .check")
    assert await checks.count() >= 6
    for check in await checks.all():
        assert await check.is_visible()  # no hover, no click needed
        assert "confidence" in await check.inner_text()
    links = await panel.locator(".profile-posts a").evaluate_all("els => els.map(a => a.href)")
    assert links and all(link.startswith("https://") for link in links)
    assert "Method:" in await panel.locator(".profile-section").filter(has_text="Price estimate").inner_text()
    SHOTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(SHOTS / "profile_1400.png"))

    # Find similar: "more like @handle" in the same thread, answered with a new list.
    await panel.get_by_role("button", name="Find similar").click()
    await page.wait_for_function(
        f"() => [...document.querySelectorAll('#transcript .msg-user p')].some(p => p.textContent === 'more like @{handle}')")
    await page.wait_for_function("() => document.querySelector('#send').textContent === 'Send'", timeout=30_000)
    assert await page.locator("#error").is_hidden()
    assert await cards.count() >= 1


async def test_budget_that_cannot_buy_reach_is_warned(page, base_url):
    await _open(page, base_url)
    await _send(page, "Instagram fitness creators with big reach, budget $500")
    warnings = await page.locator("#warnings").inner_text()
    assert "not big reach" in warnings and "followers in total" in warnings and "$500" in warnings


async def _save_from_card(page, card, list_name: str | None, note: str = "") -> None:
    await card.locator(".save-button").click()
    dialog = page.locator("#save")
    await dialog.wait_for()
    if list_name:
        await page.fill("#save-new", list_name)
    if note:
        await page.fill("#save-note", note)
    await dialog.get_by_role("button", name="Save").click()
    await page.wait_for_function("() => !document.querySelector('#save').open")
    await page.locator("#toast").filter(has_text="Saved @").wait_for()
    assert await card.locator(".save-button").text_content() == "Saved ✓"


async def test_saved_lists_survive_a_restart(browser, data_dir_factory, embedder):
    data_dir = data_dir_factory()
    context = await browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = await context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    server, thread, port = start_uvicorn(create_app(settings_for(data_dir), embedder=embedder))
    try:
        base = f"http://127.0.0.1:{port}"
        await _open(page, base)
        await _send(page, EURO)
        cards = page.locator("#cards > .card")
        first, second = cards.nth(0), cards.nth(1)
        saved = [(await c.locator(".handle").text_content()).lstrip("@") for c in (first, second)]
        await _save_from_card(page, first, "Launch DE", note="ask for rates, Zoë")
        await _save_from_card(page, second, None)  # the list just used is preselected

        await page.click("#open-lists")
        await page.locator("#list-index .list-link", has_text="Launch DE").click()
        await page.locator(".list-item").first.wait_for()
        await page.wait_for_load_state("networkidle")
        item = page.locator(".list-item").first
        await item.locator("select").select_option("contacted")
        await page.locator("#toast").filter(has_text=f"Saved @{saved[0]}").wait_for()
    finally:
        server.should_exit = True
        thread.join(timeout=20)

    # A new server process on the same data dir: the list is read back from the database.
    server, thread, port = start_uvicorn(create_app(settings_for(data_dir), embedder=embedder))
    try:
        base = f"http://127.0.0.1:{port}"
        await _open(page, base)
        await page.click("#open-lists")
        await page.locator("#list-index .list-link", has_text="Launch DE").click()
        items = page.locator(".list-item")
        await items.first.wait_for()
        assert await items.count() == 2
        assert [(await i.locator(".link-button").text_content()) for i in await items.all()] == [f"@{h}" for h in saved]
        assert await items.nth(0).locator("select").input_value() == "contacted"
        assert await items.nth(0).locator("textarea").input_value() == "ask for rates, Zoë"
        assert await items.nth(1).locator("select").input_value() == "shortlisted"
        await page.screenshot(path=str(SHOTS / "lists_1400.png"))

        # The list's CSV from the page: BOM, both creators, status and note.
        async with page.expect_download() as info:
            await page.locator("#list-detail a", has_text="Export CSV").click()
        raw = Path(await (await info.value).path()).read_bytes()
        assert raw.startswith(BOM.encode("utf-8"))
        text = raw.decode("utf-8")
        assert "Launch DE" in text.splitlines()[1]
        rows = list_table_rows(text)
        assert [r["handle"] for r in rows] == saved
        assert [r["status"] for r in rows] == ["contacted", "shortlisted"]
        assert rows[0]["note"] == "ask for rates, Zoë"
        assert all(r["followers"].isdigit() and r["price_method"] for r in rows)

        # A profile opened from the list (no brief on screen): generic checks, and "find
        # similar" starts a new brief in the creator's own words.
        await items.nth(0).locator(".link-button").click()
        panel = page.locator("#profile .profile")
        await panel.wait_for()
        assert "Checked without a brief" in await panel.inner_text()
        assert await panel.locator("svg.chart-engagement").count() == 1
        await panel.get_by_role("button", name="Find similar").click()
        await page.wait_for_function("() => document.querySelector('#send').textContent === 'Send' "
                                     "&& document.querySelector('#status').textContent.startsWith('Done')",
                                     timeout=30_000)
        sent = await page.locator("#transcript .msg-user p").last.text_content()
        assert sent.endswith(f"not @{saved[0]}"), sent
        shown = await page.locator("#cards .handle").all_text_contents()
        assert shown and f"@{saved[0]}" not in shown
        await page.click("#open-lists")
        await page.locator("#list-index .list-link", has_text="Launch DE").click()
        await items.first.wait_for()
        await page.wait_for_load_state("networkidle")  # the drawer's refresh has rendered

        # The server's 4xx text on the page: a note over the limit is refused, not cut.
        note = items.nth(1).locator("textarea")
        await note.fill("x" * 2001)
        await note.blur()
        problem = items.nth(1).locator(".error")
        await problem.wait_for()
        assert "2000" in await problem.text_content()

        # Remove one; the list and its count follow.
        await items.nth(1).get_by_role("button", name="Remove").click()
        await page.locator("#list-index .list-link", has_text="1 creator").wait_for()
        await page.wait_for_function("() => document.querySelectorAll('.list-item').length === 1")
    finally:
        server.should_exit = True
        thread.join(timeout=20)
        await context.close()
    assert not errors, errors


async def _overflowing_outside_scrollers(page) -> list[str]:
    """Like _overflowing, but a wide table inside a `.table-scroll` box scrolls in its box."""
    return await page.evaluate("""() => {
        const w = document.documentElement.clientWidth;
        const out = [];
        for (const e of document.querySelectorAll('body *')) {
            if (e.closest('.table-scroll table')) continue;
            const r = e.getBoundingClientRect();
            if (r.width && r.right > w + 0.5) out.push(`${e.tagName}.${e.className} right=${Math.round(r.right)}`);
        }
        return out.slice(0, 10);
    }""")


@pytest.mark.parametrize("width", [360, 400])
async def test_phone_profile_compare_lists_fit(browser, base_url, width):
    context = await browser.new_context(viewport={"width": width, "height": 780}, has_touch=True, is_mobile=True)
    page = await context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        await _open(page, base_url)
        await _send(page, EURO)
        await page.wait_for_timeout(400)
        top = await page.evaluate("document.querySelector('#results').getBoundingClientRect().top")
        assert 0 <= top <= 120, top  # the results were scrolled into view
        assert await _overflowing(page) == []
        assert await page.evaluate("document.documentElement.scrollWidth") <= width
        if width == 400:
            await page.screenshot(path=str(SHOTS / "results_400.png"))

        cards = page.locator("#cards > .card")
        await cards.first.locator(".more > summary").tap()
        assert await cards.first.locator(".more").evaluate("d => d.open")
        assert await _overflowing(page) == []

        await cards.first.get_by_role("button", name="Profile").tap()
        await page.locator("#profile .profile svg.chart-followers").wait_for()
        assert await _overflowing(page) == []
        assert await page.evaluate("(() => { const d = document.querySelector('#profile'); "
                                   "return d.scrollWidth <= d.clientWidth; })()")
        if width == 400:
            await page.screenshot(path=str(SHOTS / "profile_400.png"))
        await page.locator("#profile .close-dialog").tap()

        for i in range(2):
            await cards.nth(i).locator(".compare-box").tap()
        await page.locator("#compare-open").tap()
        await page.locator("#compare .compare-table").wait_for()
        # The table scrolls inside its own box; nothing else passes the screen's edge.
        assert await _overflowing_outside_scrollers(page) == []
        assert await page.evaluate("document.documentElement.scrollWidth") <= width
        assert await page.evaluate("(() => { const b = document.querySelector('#compare-body'); "
                                   "return b.getBoundingClientRect().right <= window.innerWidth + 0.5; })()")
        await page.locator("#compare .close-dialog").tap()

        await page.locator("#open-lists").tap()
        await page.locator("#new-list-form input").wait_for()
        assert await _overflowing(page) == []
    finally:
        await context.close()
    assert not errors, errors
