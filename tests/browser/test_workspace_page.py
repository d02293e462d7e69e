"""The marketer's workspace (issue 12) in Debian's Chromium against the real service: the
client CSV and JSON exports, vetting details without hover, the evidence panel, the brief's
length limit, and the page at phone width (400 px) next to desktop (1400 px)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.export import BOM, CSV_COLUMNS, table_rows

pytestmark = [pytest.mark.browser, pytest.mark.asyncio(loop_scope="session")]

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "artifacts" / "screenshots"
RUN_TIMEOUT_MS = 30_000
# A narrow brief: few creators match every must, so the relaxation buttons appear.
NARROW = "10 micro vegan food creators on Instagram in Germany, budget €5,000, no alcohol"
BROAD = "10 vegan food creators on Instagram or TikTok, budget $20,000, no alcohol"


async def _open(page, base_url: str) -> None:
    await page.goto(base_url + "/")
    await page.wait_for_selector("html[data-ready=true]")


async def _send(page, text: str) -> None:
    """Types a message and presses Enter; returns when the run finished (export shown) or failed."""
    await page.fill("#composer-input", text)
    await page.press("#composer-input", "Enter")
    await page.wait_for_function(
        "() => !document.querySelector('#export').hidden || !document.querySelector('#error').hidden",
        timeout=RUN_TIMEOUT_MS)
    await page.wait_for_function("() => document.querySelector('#send').textContent === 'Send'", timeout=RUN_TIMEOUT_MS)
    error = page.locator("#error")
    assert await error.is_hidden(), f"the page showed an error: {await error.text_content()}"


async def _overflowing(page) -> list[str]:
    """Visible elements reaching past the viewport's right edge (what makes a phone scroll sideways)."""
    return await page.evaluate("""() => {
        const w = document.documentElement.clientWidth;
        const out = [];
        for (const e of document.querySelectorAll('body *')) {
            const r = e.getBoundingClientRect();
            if (r.width && r.right > w + 0.5) out.push(`${e.tagName}.${e.className} right=${Math.round(r.right)}`);
        }
        return out.slice(0, 10);
    }""")


async def test_desktop_cards_exports_and_vetting_details(page, base_url):
    await _open(page, base_url)
    await _send(page, BROAD)
    cards = page.locator("#cards > .card")
    assert await cards.count() >= 1

    # The brief names no audience: no "Audience fit pass" on any card.
    tools = await page.locator("#cards .vetting-details .check").evaluate_all("els => els.map(e => e.dataset.tool)")
    assert tools and "audience_fit" not in tools, tools

    # Vetting details open on a click/tap (no hover): verdict, confidence and summary as text.
    first = cards.first
    await first.locator(".more > summary").click()  # compact card: checks are under Details
    details = first.locator("details.vetting")
    assert not await details.evaluate("d => d.open")
    await details.locator("summary").click()
    assert await details.evaluate("d => d.open")
    checks = details.locator(".vetting-details .check")
    assert await checks.count() >= 3
    text = await checks.first.inner_text()
    assert "confidence" in text and await checks.first.locator(".check-summary").count() == 1

    # The evidence panel holds no stray "0" from an empty list.
    for more in await page.locator("#cards .more").all():
        await more.evaluate("d => { d.open = true; }")
    for box in await page.locator("#cards .evidence-box").all():
        await box.locator("summary").click()
        parts = await box.locator(".evidence").evaluate("e => [...e.childNodes].map(n => n.nodeType === 3 ? n.textContent : '')")
        assert all(p.strip() == "" for p in parts), parts

    SHOTS.mkdir(parents=True, exist_ok=True)
    # The window as the marketer sees it (the chat pane is sticky), then the whole page.
    await page.screenshot(path=str(SHOTS / "workspace_1400.png"))
    await page.screenshot(path=str(SHOTS / "workspace_1400_full.png"), full_page=True)
    assert await page.evaluate("document.documentElement.scrollWidth") <= 1400

    # CSV: BOM, the brief in a header block, the page's score, ER as a percentage.
    async with page.expect_download() as info:
        await page.click("#export")
    raw = Path(await (await info.value).path()).read_bytes()
    assert raw.startswith(BOM.encode("utf-8"))
    csv_text = raw.decode("utf-8")
    assert f"Brief,{BROAD}" in csv_text.splitlines()[1] or f'Brief,"{BROAD}"' in csv_text.splitlines()[1]
    rows = table_rows(csv_text)
    handles = await page.locator("#cards .handle").all_text_contents()
    assert [f"@{r['handle']}" for r in rows] == handles
    shown_scores = await page.locator("#cards .score-value").all_text_contents()
    assert [r["score"] for r in rows] == shown_scores
    shown_er = await page.locator("#cards .stat abbr").all_text_contents()
    assert [r["engagement_rate"] for r in rows if r["engagement_rate"]] == shown_er
    assert all(r["vetting_audience_fit"] in ("not asked", "") for r in rows)
    assert set(CSV_COLUMNS) >= {"last_post_date", "top_audience_country", "price_method", "topic_post_url"}

    # JSON beside it: the shortlist as the API returns it.
    async with page.expect_download() as info:
        await page.click("#export-json")
    data = json.loads(Path(await (await info.value).path()).read_text(encoding="utf-8"))
    assert [f"@{c['handle']}" for c in data["creators"]] == handles


async def test_phone_width_no_sideways_scroll_and_results_in_view(browser, base_url):
    context = await browser.new_context(viewport={"width": 400, "height": 860}, accept_downloads=True,
                                        is_mobile=True, has_touch=True)
    page = await context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        await _open(page, base_url)
        assert await _overflowing(page) == []
        SHOTS.mkdir(parents=True, exist_ok=True)
        await _send(page, NARROW)
        # After the brief the results were scrolled into view: their top sits in the upper part
        # of the screen (or as high as a short page lets it, scrolled to the bottom).
        top, scroll_y, at_bottom = await page.evaluate("""() => [
            document.querySelector('#results').getBoundingClientRect().top, window.scrollY,
            Math.ceil(window.scrollY + innerHeight) >= document.documentElement.scrollHeight - 1]""")
        assert scroll_y > 200 and -10 <= top <= (300 if at_bottom else 120), (top, scroll_y, at_bottom)
        # Few match every must: the warning with its relaxation buttons wraps inside the screen.
        buttons = await page.locator("#warnings button").all()
        assert buttons, await page.locator("#warnings").text_content()
        for button in buttons:
            box = await button.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 400, box
        assert await _overflowing(page) == []
        await page.screenshot(path=str(SHOTS / "workspace_400_narrow_brief.png"), full_page=True)

        await page.click("#new-brief")
        await page.evaluate("window.scrollTo(0, 0)")
        await _send(page, BROAD)
        assert await page.locator("#cards > .card").count() >= 1
        await page.wait_for_timeout(400)  # the cards' fade-in animation
        await page.screenshot(path=str(SHOTS / "workspace_400_view.png"))  # what the phone shows after the brief
        top = await page.evaluate("document.querySelector('#results').getBoundingClientRect().top")
        assert 0 <= top <= 120, top
        # No element reaches past the viewport; the document is exactly as wide as the screen.
        assert await _overflowing(page) == []
        assert await page.evaluate("document.documentElement.scrollWidth") <= 400

        # Vetting details open on a tap.
        await page.locator("#cards > .card").first.locator(".more > summary").tap()
        details = page.locator("#cards > .card").first.locator("details.vetting")
        await details.locator("summary").tap()
        assert await details.evaluate("d => d.open")
        assert await details.locator(".check").first.is_visible()
        assert await _overflowing(page) == []

        SHOTS.mkdir(parents=True, exist_ok=True)
        await page.screenshot(path=str(SHOTS / "workspace_400.png"), full_page=True)
    finally:
        await context.close()
    assert not errors, errors


async def test_brief_over_the_limit_shows_the_count_and_the_servers_reason(page, base_url):
    await _open(page, base_url)
    counter = page.locator("#char-count")
    assert "/ 4,000 characters" in await counter.text_content()
    long_brief = ("vegan food creators on Instagram " * 130).strip()  # 4,289 characters
    await page.fill("#composer-input", long_brief)
    # Nothing is cut: the whole text stays, and the counter says it is over.
    assert len(await page.input_value("#composer-input")) == len(long_brief)
    assert "over the limit" in await counter.text_content()
    await page.press("#composer-input", "Enter")
    error = page.locator("#error")
    await error.wait_for(state="visible", timeout=10_000)
    message = await error.text_content()
    assert f"Your message is {len(long_brief)} characters; the limit is 4000" in message, message
    # The refused brief is back in the box to be shortened.
    assert await page.input_value("#composer-input") == long_brief


async def test_no_export_for_an_empty_shortlist(page, base_url):
    await _open(page, base_url)
    await _send(page, "vegan food creators on Instagram with at least 900 million followers")
    assert await page.locator("#cards > .card").count() == 0
    for selector in ("#export", "#export-json"):
        link = page.locator(selector)
        assert await link.get_attribute("aria-disabled") == "true"
        assert await link.get_attribute("href") is None
    assert "Nothing to export" in await page.locator("#export-note").text_content()
