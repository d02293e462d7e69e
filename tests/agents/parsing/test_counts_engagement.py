"""Creator counts and engagement floors."""

from __future__ import annotations

import pytest

from agents.parsing import parse_offline
from tests.agents.parsing.helpers import crit


@pytest.mark.parametrize(
    ("brief", "count"),
    [
        ("We need 30 creators", 30),
        ("about twenty influencers", 20),
        ("a dozen creators for the launch", 12),
        ("10 TikTokers", 10),
        ("twenty-five vegan food bloggers", 25),
        ("30 micro-influencers", 30),
        ("find 25 who post about hiking", 25),
        ("a shortlist of 40 creators", 40),
        ("up to 20 creators", 20),
        ("half a dozen YouTubers", 6),
        ("Number of creators: 12", 12),
    ],
)
def test_counts(brief: str, count: int) -> None:
    assert crit(brief).creators_count == count


def test_count_range_takes_upper_bound_and_says_so() -> None:
    c = crit("5-15 creators")
    assert c.creators_count == 15
    assert any("up to 15" in a for a in c.assumptions)


def test_per_platform_counts_add_up() -> None:
    c = crit("10 TikTokers and 5 YouTubers")
    assert c.creators_count == 15
    assert set(c.platforms) == {"tiktok", "youtube"}


def test_count_is_not_confused_with_posts() -> None:
    c = crit("3 videos per creator, 20 creators")
    assert c.creators_count == 20


def test_count_is_not_a_follower_number() -> None:
    c = crit("30 creators with 10k followers")
    assert c.creators_count == 30 and c.followers_min == 10_000


@pytest.mark.parametrize(
    ("brief", "rate"),
    [
        ("at least 3% engagement", 0.03),
        ("min 2.5% ER", 0.025),
        ("ER above 4%", 0.04),
        ("engagement rate of 3 percent or more", 0.03),
        ("engagement > 5%", 0.05),
        ("3.5%+ engagement rate", 0.035),
        ("an engagement rate (ER) of at least 1,5 %", 0.015),
        ("Engagement-Rate von mindestens 3 %", 0.03),
        ("taux d'engagement d'au moins 4 %", 0.04),
    ],
)
def test_engagement_floor(brief: str, rate: float) -> None:
    c = crit(brief)
    assert c.min_engagement_rate == pytest.approx(rate)
    assert "min_engagement_rate" in c.hard


def test_percent_without_engagement_is_not_a_floor() -> None:
    assert crit("we offer 10% commission").min_engagement_rate is None


def test_engagement_ceiling_is_a_warning() -> None:
    r = parse_offline("ER below 10%")
    assert r.criteria.min_engagement_rate is None
    assert any("ceiling" in w for w in r.warnings)
