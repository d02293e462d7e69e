"""The marketer's chat page at `/`, driven in Debian's Chromium against the real service
(real uvicorn, real agent, real demo index): brief -> streamed cards and criteria chips ->
refinement -> CSV export, plus untrusted creator text rendered inert."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from app.export import table_rows

# One event loop for the session: the browser fixture lives in it.
pytestmark = [pytest.mark.browser, pytest.mark.asyncio(loop_scope="session")]

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT = ROOT / "artifacts" / "screenshots" / "chat_page.png"
BRIEF = "10 vegan food creators on Instagram or TikTok, budget $20,000, no alcohol"
RUN_TIMEOUT_MS = 30_000

# A creator whose name and caption carry markup. Bulk-upserted through the real API with
# an on-topic niche nobody else in the demo corpus covers, so it ranks first for its brief.
XSS_HANDLE = "axolotl.tanks"
XSS_NAME = '<img src=x onerror="window.__xss=1">Axo<script>window.__xss=2</script>'
XSS_CAPTION = 'Axolotl aquarium tour: my axolotl aquarium setup <script>window.__xss=3</script><img src=y onerror="window.__xss=4">'


def _xss_creator() -> dict:
    posts = [
        {
            "id": f"ax{i}", "url": f"https://www.instagram.com/p/ax{i}/",
            "created_at": f"2026-{10 - i // 4:02d}-{28 - (i % 4) * 6:02d}T18:00:00Z", "format": "reel",
            # The planted caption is the most on-topic post, so it is the one quoted as evidence.
            "text": XSS_CAPTION if i == 0 else f"Tank maintenance day {i}: water change and filter rinse",
            "hashtags": ["axolotl", "aquarium"] if i == 0 else ["aquarium"], "views": 30_000 + 500 * i, "likes": 1_400 + 20 * i,
            "comments": 60 + i, "shares": 12, "saves": 40, "sponsored": False,
            "comments_sample": ["what temperature do you keep the tank at?", "my axolotl loves these worms"],
        }
        for i in range(10)
    ]
    return {
        "platform": "instagram", "handle": XSS_HANDLE, "display_name": XSS_NAME,
        "bio": "Axolotl keeper. <script>window.__xss=5</script> Aquarium tours and axolotl care.",
        "followers": 42_000, "following": 310, "posts_count": 240, "verified": False,
        "country": "US", "languages": ["en"], "categories": ["pets"],
        "audience": {"countries": {"US": 0.7, "CA": 0.1}, "ages": {"18-24": 0.35, "25-34": 0.4, "35-44": 0.15},
                     "genders": {"female": 0.55, "male": 0.45}},
        "follower_history": [{"date": "2026-09-01", "followers": 40_500}, {"date": "2026-10-01", "followers": 41_300}],
        "posts": posts,
    }


async def _send(page, text: str) -> None:
    """Types into the composer and presses Enter; returns when the run's `done` rendered."""
    before = await page.get_attribute("#export", "href")
    await page.fill("#composer-input", text)
    await page.press("#composer-input", "Enter")
    # The export link reappears with the new shortlist's id once `done` arrives.
    await page.wait_for_function(
        """(before) => {
            const a = document.querySelector('#export');
            const err = document.querySelector('#error');
            return (!a.hidden && a.getAttribute('href') !== before) || !err.hidden;
        }""",
        arg=before, timeout=RUN_TIMEOUT_MS,
    )
    error = page.locator("#error")
    assert await error.is_hidden(), f"the page showed an error: {await error.text_content()}"


async def test_brief_refine_export(page, base_url, api_headers):
    await page.goto(base_url + "/")
    await page.wait_for_selector("html[data-ready=true]")
    assert await page.locator("#composer-input").is_visible()
    assert await page.locator(".example").count() >= 3

    # --- a brief streams cards, chips and progress
    await _send(page, BRIEF)
    cards = page.locator("#cards > .card")
    assert await cards.count() >= 1
    first = cards.first
    assert (await first.locator(".handle").text_content()).startswith("@")
    assert await first.locator(".platform").text_content() in ("Instagram", "TikTok")
    assert await first.locator(".score-value").count() == 1
    assert await first.locator(".pill").count() >= 1, "vetting verdicts are shown"
    chips = page.locator("#chips .chip")
    assert await chips.count() >= 2
    chip_fields = set(await chips.evaluate_all("els => els.map(e => e.dataset.field)"))
    assert {"platforms", "exclude_topics"} <= chip_fields, chip_fields
    assert await page.locator("#stages .stage.done").count() >= 3
    assert (await page.locator("#transcript .msg-user p").first.text_content()) == BRIEF

    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(SCREENSHOT), full_page=True)

    # --- a follow-up in the same thread refines: every card is now TikTok
    thread = await page.evaluate("new URLSearchParams(location.hash.slice(1)).get('thread')")
    assert thread
    await _send(page, "only TikTok")
    assert await page.evaluate("new URLSearchParams(location.hash.slice(1)).get('thread')") == thread
    platforms = await page.locator("#cards > .card").evaluate_all("els => els.map(e => e.dataset.platform)")
    assert platforms and set(platforms) == {"tiktok"}, platforms
    platform_chips = await page.locator('#chips .chip[data-field="platforms"] .chip-value').all_text_contents()
    assert platform_chips == ["TikTok"]

    # --- Export CSV downloads the refined shortlist
    async with page.expect_download() as info:
        await page.click("#export")
    download = await info.value
    body = table_rows(Path(await download.path()).read_text(encoding="utf-8"))
    assert len(body) == len(platforms)
    assert {r["platform"] for r in body} == {"tiktok"}
    handles = await page.locator("#cards .handle").all_text_contents()
    assert [f"@{r['handle']}" for r in body] == handles

    # --- a reload reopens the thread from the server (GET /v1/chat/{id}, then its shortlist)
    await page.reload()
    await page.wait_for_selector("html[data-ready=true]")
    await page.wait_for_function("(n) => document.querySelectorAll('#cards > .card').length === n",
                                 arg=len(handles), timeout=10_000)
    assert await page.locator("#cards .handle").all_text_contents() == handles
    assert await page.locator('#chips .chip[data-field="platforms"] .chip-value').all_text_contents() == ["TikTok"]
    assert await page.locator("#transcript .msg-user p").all_text_contents() == [BRIEF, "only TikTok"]


async def test_untrusted_creator_text_is_inert(page, base_url, api_headers):
    async with httpx.AsyncClient(base_url=base_url, headers=api_headers, timeout=30) as client:
        response = await client.post("/v1/creators", json=[_xss_creator()])
        assert response.status_code in (200, 201, 202), response.text

    await page.goto(base_url + "/")
    await page.wait_for_selector("html[data-ready=true]")
    await page.click("#new-brief")
    await _send(page, "3 axolotl aquarium creators in the US")

    card = page.locator("#cards > .card").filter(has=page.get_by_role("heading", name=f"@{XSS_HANDLE}", exact=True))
    if await card.count() != 1:
        handles = await page.locator("#cards .handle").all_text_contents()
        warnings = await page.locator("#warnings").text_content()
        pytest.fail(f"the planted creator is not in the shortlist {handles}; warnings: {warnings}")
    # The markup is shown as text, and none of it became an element or ran.
    assert await card.locator(".display-name").text_content() == XSS_NAME
    await card.locator(".more > summary").click()  # compact card: the evidence is under Details
    await card.locator(".evidence-box summary").click()
    quotes = await card.locator(".quote").all_text_contents()
    assert any("<script>window.__xss=3</script>" in q for q in quotes), quotes
    assert await page.locator("#cards img, #cards script").count() == 0
    assert await page.evaluate("window.__xss") is None


async def test_chip_edit_and_removal(page, base_url):
    await page.goto(base_url + "/")
    await page.wait_for_selector("html[data-ready=true]")
    await _send(page, BRIEF)

    # Clicking a chip's label drafts a follow-up in the composer instead of sending it.
    await page.click('#chips .chip[data-field="creators_count"] .chip-label')
    assert await page.input_value("#composer-input") == "find 10 creators"
    assert await page.evaluate("document.activeElement.id") == "composer-input"
    await page.fill("#composer-input", "")

    # Its × sends the removal as an explicit field edit in the same thread.
    before = await page.get_attribute("#export", "href")
    await page.get_by_role("button", name="Remove Platform Instagram").click()
    await page.wait_for_function(
        "(before) => { const a = document.querySelector('#export'); return !a.hidden && a.getAttribute('href') !== before; }",
        arg=before, timeout=RUN_TIMEOUT_MS,
    )
    assert (await page.locator("#transcript .msg-user p").last.text_content()) == "Removed Platform Instagram"
    values = await page.locator('#chips .chip[data-field="platforms"] .chip-value').all_text_contents()
    assert values == ["TikTok"]
    platforms = await page.locator("#cards > .card").evaluate_all("els => els.map(e => e.dataset.platform)")
    assert platforms and set(platforms) == {"tiktok"}, platforms


async def test_unreachable_server_is_shown_not_blank(page, base_url):
    await page.goto(base_url + "/")
    await page.wait_for_selector("html[data-ready=true]")
    await page.route("**/v1/chat/**", lambda route: route.abort())  # the network drops the request
    await page.fill("#composer-input", BRIEF)
    await page.press("#composer-input", "Enter")
    error = page.locator("#error")
    await error.wait_for(state="visible", timeout=10_000)
    assert "Could not reach the server" in await error.text_content()
    assert await page.locator("#send").text_content() == "Send", "the composer is usable again"


async def test_api_key_from_settings(page, base_url, web_settings):
    """With a key configured the API refuses anonymous calls; the key entered in the settings
    drawer is sent as a bearer token, for the stream and for the CSV export alike."""
    from app.auth import create_key
    from app.db import Database

    db = Database.open(web_settings.resolved_database_url)
    key, row = create_key(db, "browser-test")
    try:
        await page.goto(base_url + "/")
        await page.wait_for_selector("html[data-ready=true]")
        await page.fill("#composer-input", BRIEF)
        await page.press("#composer-input", "Enter")
        error = page.locator("#error")
        await error.wait_for(state="visible", timeout=10_000)
        message = await error.text_content()
        assert "API key" in message, message
        # A marketer is told what to do, in words: no header syntax, and the way to Settings
        # is in the message itself (user-eyes pass, round 2).
        assert "Authorization" not in message and "Bearer" not in message, message
        await error.get_by_role("button", name="Open Settings").click()
        await page.locator("#settings").wait_for(state="visible", timeout=5_000)
        await page.fill("#api-key", key)
        await page.get_by_role("button", name="Save").click()
        # The dialog's close event (which stores the key) fires after the click returns.
        await page.locator("#key-indicator").wait_for(state="visible", timeout=5_000)
        assert await page.evaluate("localStorage.getItem('castlist.apiKey')") == key
        await _send(page, "only TikTok vegan food creators")
        assert await page.locator("#cards > .card").count() >= 1

        async with page.expect_download() as info:
            await page.click("#export")
        text = Path(await (await info.value).path()).read_text(encoding="utf-8")
        assert text.startswith("\ufeffcastlist shortlist,") and table_rows(text)
    finally:
        db.revoke_key(row.prefix)  # auth off again for any later test on this server
        db.close()


NARROW = "10 micro vegan food creators on Instagram in Germany, budget €5,000, no alcohol"


async def test_follow_up_wording_relaxations_once_and_names_not_codes(page, base_url):
    """User-eyes pass, round 2: a follow-up is announced as one; "1 creator", not "1
    creators"; the relaxation advice is listed once (as buttons), not as a sentence and again
    as buttons; countries and languages show as names; extra stages have names."""
    await page.goto(base_url + "/")
    await page.wait_for_selector("html[data-ready=true]")
    await page.evaluate("""() => {
        window.__statuses = [];
        const status = document.querySelector('#status');
        new MutationObserver(() => window.__statuses.push(status.textContent))
            .observe(status, { childList: true, characterData: true, subtree: true });
    }""")
    await _send(page, NARROW)
    statuses = await page.evaluate("window.__statuses")
    assert "Reading the brief…" in statuses and "Reading your follow-up…" not in statuses, statuses

    short = page.locator('#warnings [data-code="short"]')
    buttons = await short.locator(".relax-actions button").all_text_contents()
    assert buttons, await page.locator("#warnings").text_content()
    sentence = await short.locator("p").first.text_content()
    assert sentence.rstrip().endswith("To find more:"), sentence
    warning_text = await short.text_content()
    for label in buttons:
        assert warning_text.count(label) == 1, (label, warning_text)

    await page.click("#new-brief")
    await _send(page, BRIEF)
    assert await page.locator("#cards > .card").count() >= 2
    await page.evaluate("window.__statuses = []")
    await _send(page, "make it 1")
    statuses = await page.evaluate("window.__statuses")
    assert "Reading your follow-up…" in statuses, statuses
    last = (await page.locator("#transcript > li").last.text_content()).strip()
    assert "Shortlisted 1 creator." in last, last
    assert "1 creators" not in await page.locator("body").text_content()

    # What a follow-up did to the criteria stays under castlist's reply (the warnings panel
    # is cleared by the next message), as a reloaded thread shows it.
    await _send(page, "more like @nobody.here.at.all")
    parser_notes = await page.locator('#warnings li[data-code="parser"] p').all_text_contents()
    assert parser_notes, await page.locator("#warnings").text_content()
    reply_notes = await page.locator("#transcript > li").last.locator(".msg-notes li").all_text_contents()
    for note in parser_notes:
        assert f"⚠ {note}" in reply_notes, (note, reply_notes)

    # Names, not ISO codes: the card's details and the profile.
    card = page.locator("#cards > .card").first
    await card.locator(".more > summary").click()
    based = (await card.locator(".more-body p", has_text="Based in:").text_content()).split(":", 1)[1].strip()
    assert len(based) > 2, based  # "United States", not "US"
    await card.get_by_role("button", name="Profile").click()
    languages = page.locator(".profile-stats div", has_text="Languages").locator("dd")
    await languages.wait_for(timeout=10_000)
    text = await languages.text_content()
    assert text == "–" or all(len(part.strip()) > 2 for part in text.split(",")), text
    await page.locator("#profile .close-dialog").click()

    # Stages the graph runs only sometimes are named, never shown by their id.
    labels = await page.evaluate("""async () => {
        const { Progress } = await import('/static/progress.js');
        const root = document.createElement('div'), list = document.createElement('ol'), status = document.createElement('p');
        const progress = new Progress(root, list, status);
        progress.start('x');
        for (const stage of ['prefer', 'relax', 'polish', 'something-new']) progress.update({ stage, message: 'm', elapsed_ms: 1 });
        return [...list.querySelectorAll('li')].map((li) => li.textContent);
    }""")
    assert {"Preferences first", "Relax a preference", "Write-up", "Working"} <= set(labels), labels
    assert not {"prefer", "relax", "polish", "something-new"} & set(labels), labels

    # The compare table names the country too.
    cell = await page.evaluate("""async () => {
        const { compareTable } = await import('/static/compare.js');
        const c = (handle, country) => ({ handle, country, platform: 'instagram', rank: 1, score: 0.5, vetting: [] });
        const table = compareTable([c('a', 'DE'), c('b', 'FR')]);
        return [...table.querySelectorAll('tr')].find((tr) => tr.querySelector('th').textContent === 'Based in').textContent;
    }""")
    assert "Germany" in cell and "France" in cell, cell


async def test_thread_list_counts_and_phone_layout(browser, base_url):
    """The start view's earlier briefs: "1 creator", and on a phone the title gets its own
    line (beside the date every title was cut to "30 vegan food…")."""
    context = await browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = await context.new_page()
    try:
        await page.goto(base_url + "/")
        await page.wait_for_selector("html[data-ready=true]")
        await _send(page, BRIEF)
        await _send(page, "make it 1")
        thread = await page.evaluate("new URLSearchParams(location.hash.slice(1)).get('thread')")
        await page.goto(base_url + "/")
        await page.wait_for_selector("html[data-ready=true]")
        link = page.locator(f'.thread-link[data-thread="{thread}"]')
        await link.wait_for(timeout=10_000)
        text = await link.text_content()
        assert text.rstrip().endswith("· 1 creator"), text
        direction, title_width, link_width = await link.evaluate("""(a) => [getComputedStyle(a).flexDirection,
            a.querySelector('.thread-title').getBoundingClientRect().width, a.getBoundingClientRect().width]""")
        assert direction == "column" and title_width > link_width * 0.8, (direction, title_width, link_width)
    finally:
        await context.close()


async def test_price_methods_read_as_words_and_prices_as_whole_units(page, base_url):
    """The price method was shown as the server's code ("tier_benchmark:instagram:micro|video:
    +40-50%", "rate_card:65 EUR/reel|fx≈1.08 (approximate)") and a €65 rate card as "$70.20"."""
    await page.goto(base_url + "/")
    await page.wait_for_selector("html[data-ready=true]")
    views = await page.evaluate("""async () => {
        const { priceView } = await import('/static/money.js');
        return [
            priceView({ low: 140, high: 750, currency: 'USD', method: 'tier_benchmark:instagram:micro|video:+40-50%' }, null),
            priceView({ low: 70.2, high: 70.2, currency: 'USD', method: 'rate_card:65 EUR/reel|fx≈1.08 (approximate)' }, null),
            priceView({ low: 5, high: 5, currency: 'USD', method: 'something the page does not know' }, null),
        ];
    }""")
    bench, card, unknown = views
    assert bench["method"] == "published micro Instagram rates; video posts +40–50%", bench
    assert card["text"] == "$70", card
    assert card["method"] == "the creator's rate card (65 EUR per reel); converted at 1 EUR ≈ 1.08 USD (approximate rate)"
    assert unknown["method"] == "something the page does not know"  # shown as it came, never dropped

    # On a real card's details no method code is left.
    await _send(page, BRIEF)
    card_el = page.locator("#cards > .card").first
    await card_el.locator(".more > summary").click()
    method = await card_el.locator(".more-body p.method").first.text_content()
    assert "tier_benchmark" not in method and "rate_card:" not in method and "|" not in method, method
