"""Follower numbers in every common form, and what they must not be confused with."""

from __future__ import annotations

import pytest

from tests.agents.parsing.helpers import crit


@pytest.mark.parametrize(
    ("brief", "lo", "hi"),
    [
        ("Instagram creators under 50k", None, 50_000),
        ("creators below 50k followers", None, 50_000),
        ("at least 100k followers", 100_000, None),
        ("100k+ followers", 100_000, None),
        ("accounts with 100k+", 100_000, None),
        ("over 1M followers", 1_000_000, None),
        ("5-15k followers", 5_000, 15_000),
        ("creators with 10k–80k followers", 10_000, 80_000),
        ("creators with 10k—80k", 10_000, 80_000),
        ("between 250 thousand and 1.2 million followers", 250_000, 1_200_000),
        ("up to 80k followers", None, 80_000),
        ("max 50k followers", None, 50_000),
        ("max. 50k followers", None, 50_000),
        ("10,000 to 50,000 followers", 10_000, 50_000),
        ("10.000 - 50.000 Follower", 10_000, 50_000),
        ("1.5M followers or more", 1_500_000, None),
        ("at least 1,5 Mio Follower", 1_500_000, None),
        ("from 20k to 60k subscribers", 20_000, 60_000),
        ("followers: 10k-50k", 10_000, 50_000),
        ("50k followers or less", None, 50_000),
        ("no more than 30K followers", None, 30_000),
        ("more than 250 thousand followers", 250_000, None),
        ("≥ 20k followers", 20_000, None),
        ("< 5k followers", None, 5_000),
    ],
)
def test_follower_forms(brief: str, lo: int | None, hi: int | None) -> None:
    c = crit(brief)
    assert (c.followers_min, c.followers_max) == (lo, hi)
    for name, value in (("followers_min", lo), ("followers_max", hi)):
        assert (name in c.hard) == (value is not None)


def test_plain_figure_reads_as_a_floor_and_says_so() -> None:
    c = crit("TikTok creators with 10,000 followers")
    assert (c.followers_min, c.followers_max) == (10_000, None)
    assert any("at least 10k" in a for a in c.assumptions)


def test_approximate_figure_becomes_a_band() -> None:
    c = crit("creators with around 50k followers")
    assert (c.followers_min, c.followers_max) == (25_000, 75_000)
    assert any("±50%" in a for a in c.assumptions)


@pytest.mark.parametrize(
    "brief",
    [
        "budget $50k for the campaign",  # money
        "we want 3% engagement or more",  # percentage
        "audience aged 18-24",  # ages
        "we need 30 creators",  # a count
        "videos with 100k views",  # views are not followers
        "launching in 2025",  # a year
    ],
)
def test_not_followers(brief: str) -> None:
    c = crit(brief)
    assert c.followers_min is None and c.followers_max is None


def test_money_and_followers_in_one_sentence() -> None:
    c = crit("20 creators under 50k followers, $5k budget, max $300 per post")
    assert c.followers_max == 50_000 and c.followers_min is None
    assert c.budget is not None and c.budget.amount == 5_000
    assert c.max_price_per_post is not None and c.max_price_per_post.amount == 300
    assert c.creators_count == 20
