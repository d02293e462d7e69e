"""Threads on the page, in Debian's Chromium against the real service: chip × sends an
explicit edit (no words parsed), typed follow-ups are patches, a reload restores every
turn with castlist's replies, and "/" starts fresh with a list of earlier briefs."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.test_chat_page import RUN_TIMEOUT_MS, _send

pytestmark = [pytest.mark.browser, pytest.mark.asyncio(loop_scope="session")]

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT = ROOT / "artifacts" / "screenshots" / "threads_page.png"
BRIEF = "8 vegan food creators in Germany on Instagram or TikTok, budget €5,000, no alcohol"


async def _chip_values(page, field: str) -> list[str]:
    return await page.locator(f'#chips .chip[data-field="{field}"] .chip-value').all_text_contents()


async def _click_and_wait(page, name: str) -> None:
    before = await page.get_attribute("#export", "href")
    await page.get_by_role("button", name=name).click()
    await page.wait_for_function(
        "(before) => { const a = document.querySelector('#export'); return !a.hidden && a.getAttribute('href') !== before; }",
        arg=before, timeout=RUN_TIMEOUT_MS)
    assert await page.locator("#error").is_hidden(), await page.locator("#error").text_content()


async def test_chip_edits_follow_ups_reload_and_thread_list(page, base_url):
    await page.goto(base_url + "/")
    await page.wait_for_selector("html[data-ready=true]")
    await _send(page, BRIEF)
    thread = await page.evaluate("new URLSearchParams(location.hash.slice(1)).get('thread')")
    assert await _chip_values(page, "creator_countries") == ["Germany"]
    assert await _chip_values(page, "topics") == ["vegan food"]

    # Chip ×: the edit goes as `criteria`, so "Based in Germany" never becomes a topic.
    requests: list[dict] = []
    page.on("request", lambda r: requests.append(r.post_data_json) if r.method == "POST" and "/messages" in r.url else None)
    await _click_and_wait(page, "Remove Based in Germany")
    assert requests[-1] == {"message": "", "criteria": {"creator_countries": None}, "label": "Removed Based in Germany"}
    assert await _chip_values(page, "creator_countries") == []
    assert await _chip_values(page, "topics") == ["vegan food"]
    notes = await page.locator("#transcript .msg-assistant").last.locator(".msg-notes li").all_text_contents()
    assert notes == ["countries removed"]

    # The alcohol exclusion chip, then a typed follow-up read as a patch.
    await _click_and_wait(page, "Remove No alcohol")
    assert await _chip_values(page, "exclude_topics") == []
    await _send(page, "drop the budget limit")
    assert await _chip_values(page, "budget") == []
    assert await _chip_values(page, "topics") == ["vegan food"]
    handles = await page.locator("#cards .handle").all_text_contents()

    # Reload: every turn comes back with castlist's replies, the cards and the chips.
    await page.reload()
    await page.wait_for_selector("html[data-ready=true]")
    await page.wait_for_function("(n) => document.querySelectorAll('#cards > .card').length === n",
                                 arg=len(handles), timeout=10_000)
    users = await page.locator("#transcript .msg-user p").all_text_contents()
    assert users == [BRIEF, "Removed Based in Germany", "Removed No alcohol", "drop the budget limit"]
    replies = await page.locator("#transcript .msg-assistant").all_text_contents()
    assert len(replies) == 4 and "countries removed" in replies[1] and "budget removed" in replies[3]
    assert await _chip_values(page, "budget") == []

    # "/" starts a new brief and lists the earlier ones; one click reopens this thread.
    await page.goto(base_url + "/")
    await page.wait_for_selector("html[data-ready=true]")
    assert await page.locator("#transcript .msg").count() == 0
    link = page.locator(f'#thread-list [data-thread="{thread}"]')
    await link.wait_for(timeout=10_000)
    assert BRIEF in await link.text_content()
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(SCREENSHOT.with_name("threads_list.png")), full_page=True)
    await link.click()
    await page.wait_for_function("(n) => document.querySelectorAll('#cards > .card').length === n",
                                 arg=len(handles), timeout=10_000)
    assert await page.evaluate("new URLSearchParams(location.hash.slice(1)).get('thread')") == thread
    await page.screenshot(path=str(SCREENSHOT), full_page=True)
