"""Platforms and nicknames, content formats, size tiers."""

from __future__ import annotations

import pytest

from tests.agents.parsing.helpers import crit


@pytest.mark.parametrize(
    ("brief", "platforms"),
    [
        ("IG creators", ["instagram"]),
        ("Insta and TT", ["instagram", "tiktok"]),
        ("on Instagram", ["instagram"]),
        ("Tik Tok creators", ["tiktok"]),
        ("YT or YouTube", ["youtube"]),
        ("Little Red Book creators", ["xiaohongshu"]),
        ("creators on RED", ["xiaohongshu"]),
        ("XHS and Xiaohongshu", ["xiaohongshu"]),
        ("Twitter accounts", ["x"]),
        ("post on X", ["x"]),
        ("X/Twitter creators", ["x"]),
        ("Instagram, TikTok and X.", ["instagram", "tiktok", "x"]),
        ("LinkedIn thought leaders", ["linkedin"]),
        ("Twitch streamers", ["twitch"]),
        ("Pinterest and FB", ["pinterest", "facebook"]),
        ("Facebook creators", ["facebook"]),
        ("creators on Threads", ["threads"]),
        ("10 TikTokers", ["tiktok"]),
        ("YouTubers", ["youtube"]),
    ],
)
def test_platforms(brief: str, platforms: list[str]) -> None:
    c = crit(brief)
    assert c.platforms == platforms
    assert "platforms" in c.hard


@pytest.mark.parametrize(
    "brief",
    [
        "reduce waste at home", "red wine pairings", "Red Bull style energy", "brand X creators",
        "10X growth", "tell stories about travel", "denim shorts styling", "a big fig tree",
    ],
)
def test_not_platforms(brief: str) -> None:
    assert crit(brief).platforms == []


def test_negated_platform_means_any_other() -> None:
    c = crit("any platform except Facebook")
    assert "facebook" not in c.platforms and "instagram" in c.platforms and len(c.platforms) == 9


def test_shorts_imply_youtube_when_no_platform() -> None:
    c = crit("creators for Shorts")
    assert c.platforms == ["youtube"] and c.formats == ["short"]
    assert "platforms" not in c.hard
    assert any("youtube" in a for a in c.assumptions)


@pytest.mark.parametrize(
    ("brief", "formats"),
    [
        ("Reels", ["reel"]),
        ("YouTube Shorts", ["short"]),
        ("reels, shorts and stories", ["reel", "short", "story"]),
        ("IG stories", ["story"]),
        ("livestreams", ["live"]),
        ("TikTok lives", ["live"]),
        ("carousels", ["carousel"]),
        ("long-form video", ["video"]),
        ("static images", ["image"]),
        ("feed posts", ["post"]),
        ("tweets/threads", ["text"]),
    ],
)
def test_formats(brief: str, formats: list[str]) -> None:
    assert crit(brief).formats == formats


@pytest.mark.parametrize(
    ("brief", "tiers", "lo", "hi"),
    [
        ("nano influencers", ["nano"], 1_000, 10_000),
        ("micro-influencers", ["micro"], 10_000, 100_000),
        ("mid-tier creators", ["mid"], 100_000, 500_000),
        ("macro influencers", ["macro"], 500_000, 1_000_000),
        ("mega influencers", ["mega"], 1_000_000, None),
        ("micro influencers on TikTok", ["micro"], 5_000, 50_000),
        ("micro creators on LinkedIn", ["micro"], 5_000, 25_000),
        ("micro creators on YouTube", ["micro"], 10_000, 100_000),
        ("nano or micro creators", ["nano", "micro"], 1_000, 100_000),
        ("micro- and nano-influencers", ["nano", "micro"], 1_000, 100_000),
        ("micro to mid-tier creators", ["micro", "mid"], 10_000, 500_000),
        ("Mikro-Influencer", ["micro"], 10_000, 100_000),
    ],
)
def test_tiers_map_to_followers(brief: str, tiers: list[str], lo: int, hi: int | None) -> None:
    c = crit(brief)
    assert c.tiers == tiers
    assert (c.followers_min, c.followers_max) == (lo, hi)
    assert "tiers" in c.hard and "followers_min" in c.hard


def test_micro_on_tiktok_assumption_sentence() -> None:
    c = crit("micro creators on TikTok")
    assert "'micro' on TikTok read as 5k–50k followers" in c.assumptions


def test_micro_union_over_platforms_is_said() -> None:
    c = crit("micro creators on TikTok and Instagram")
    assert (c.followers_min, c.followers_max) == (5_000, 100_000)
    assert any("union" in a for a in c.assumptions)


def test_tier_fills_only_the_open_end() -> None:
    c = crit("micro-influencers with at least 20k followers")
    assert (c.followers_min, c.followers_max) == (20_000, 100_000)


@pytest.mark.parametrize("brief", ["macro photography tips", "a micro-budget film", "mid-sized brand"])
def test_tier_words_that_are_not_tiers(brief: str) -> None:
    assert crit(brief).tiers == []


def test_tier_before_a_platform_word() -> None:
    c = crit("Find 5 micro TikTok creators in Germany who post vegan baking, budget 3000 EUR, no alcohol.")
    assert c.tiers == ["micro"] and c.platforms == ["tiktok"]
    assert (c.followers_min, c.followers_max) == (5_000, 50_000)
    assert c.topics == ["vegan baking"] and c.creators_count == 5
    assert c.budget is not None and (c.budget.amount, c.budget.currency) == (3_000, "EUR")


@pytest.mark.parametrize(("brief", "tiers", "topics"), [
    ("10 micro vegan food creators on Instagram in Germany", ["micro"], ["vegan food"]),
    ("nano fitness tiktok creators", ["nano"], ["fitness"]),
    ("macro photography creators", [], ["photography"]),  # a topic, not a size
])
def test_tier_word_before_the_topic(brief: str, tiers: list[str], topics: list[str]) -> None:
    c = crit(brief)
    assert (c.tiers, c.topics) == (tiers, topics)
