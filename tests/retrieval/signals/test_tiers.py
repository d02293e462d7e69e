import pytest

from retrieval.signals.tiers import TIER_ORDER, describe_tier, tier_for, tier_range


@pytest.mark.parametrize("platform,tier,expected", [
    ("instagram", "micro", (10_000, 99_999)),   # DESIGN 6: Instagram micro 10k–100k
    ("tiktok", "micro", (5_000, 49_999)),       # DESIGN 6: TikTok micro 5k–50k
    ("youtube", "micro", (10_000, 99_999)),     # DESIGN 6: YouTube micro 10k–100k
    ("linkedin", "micro", (5_000, 24_999)),     # DESIGN 6: LinkedIn micro 5k–25k
    ("instagram", "nano", (1_000, 9_999)),
    ("instagram", "mid", (100_000, 499_999)),
    ("instagram", "macro", (500_000, 999_999)),
    ("instagram", "mega", (1_000_000, None)),
    ("x", "mid", (100_000, 499_999)),
    (None, "micro", (10_000, 99_999)),
])
def test_tier_range(platform, tier, expected):
    assert tier_range(platform, tier) == expected


@pytest.mark.parametrize("platform", ["instagram", "tiktok", "youtube", "linkedin", "x", "twitch"])
def test_tier_for_agrees_with_tier_range(platform):
    for tier in TIER_ORDER:
        low, high = tier_range(platform, tier)
        assert tier_for(platform, low) == tier
        if high is not None:
            assert tier_for(platform, high) == tier
            assert tier_for(platform, high + 1) != tier


def test_below_nano_and_unknown():
    assert tier_for("instagram", 999) is None
    assert tier_for("instagram", None) is None
    with pytest.raises(ValueError):
        tier_range("instagram", "giga")


def test_describe_tier():
    assert describe_tier("tiktok", "micro") == "5k–50k"
    assert describe_tier("instagram", "mega") == "1M+"
    assert describe_tier("linkedin", "mega") == "500k+"
