"""The sample follows the DESIGN 6 figures: platform and tier mix, heavy-tailed
followers, engagement bands, cadence, prices and languages."""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict

from retrieval.demo.distributions import ER_BANDS, FX_FROM_USD, PRICE_BANDS, VIDEO_PRICE_PREMIUM
from retrieval.demo.locales import EURO_COUNTRIES
from retrieval.schema import PLATFORMS

from .conftest import Row
from .helpers import median_er, posts_per_week

# DESIGN 6 benchmark bands (untapper), as fractions.
DESIGN_ER = {
    ("instagram", "nano"): (0.03, 0.05), ("instagram", "micro"): (0.02, 0.035), ("instagram", "mid"): (0.015, 0.025),
    ("instagram", "macro"): (0.01, 0.018), ("instagram", "mega"): (0.007, 0.012),
    ("tiktok", "nano"): (0.06, 0.10), ("tiktok", "micro"): (0.04, 0.07), ("tiktok", "mid"): (0.03, 0.05),
    ("tiktok", "macro"): (0.02, 0.035), ("tiktok", "mega"): (0.01, 0.02),
}


def test_engagement_bands_are_the_design_figures() -> None:
    for (platform, tier), band in DESIGN_ER.items():
        assert ER_BANDS[platform][tier] == band
    low, high = ER_BANDS["youtube"]["micro"]
    assert low <= 0.036 <= high  # DESIGN 6: YouTube micro ≈ 3.6 % per view


def test_platform_mix(sample: list[Row]) -> None:
    share = {p: c / len(sample) for p, c in Counter(r["platform"] for r, _ in sample).items()}
    assert set(share) == set(PLATFORMS)
    top3 = sorted(share, key=share.get, reverse=True)[:3]
    assert top3 == ["instagram", "tiktok", "youtube"]
    assert share["instagram"] + share["tiktok"] + share["youtube"] > 0.6
    for platform in set(PLATFORMS) - set(top3):
        assert 0.003 <= share[platform] <= 0.09, platform


def test_tier_mix_is_heavy_tailed(sample: list[Row]) -> None:
    tiers = Counter(label.tier for _, label in sample)
    n = len(sample)
    assert tiers["nano"] > tiers["micro"] > tiers["mid"] > tiers["macro"]
    assert (tiers["nano"] + tiers["micro"]) / n > 0.8
    assert 0.003 <= tiers["mega"] / n <= 0.03
    followers = sorted(r["followers"] for r, _ in sample)
    assert followers[-1] / statistics.median(followers) > 1000


def test_clean_engagement_medians_sit_in_the_bands(sample: list[Row]) -> None:
    groups: dict[tuple[str, str], list[float]] = defaultdict(list)
    for row, label in sample:
        if not label.fraud:
            groups[(row["platform"], label.tier)].append(median_er(row))
    checked = 0
    for (platform, tier), rates in groups.items():
        if len(rates) < 30:
            continue
        low, high = ER_BANDS[platform][tier]
        assert low <= statistics.median(rates) <= high, (platform, tier, statistics.median(rates))
        checked += 1
    assert checked >= 10
    assert {("instagram", "micro"), ("tiktok", "micro"), ("youtube", "micro")} <= {k for k, v in groups.items() if len(v) >= 30}


def test_cadence_of_micro_creators(sample: list[Row]) -> None:
    # DESIGN 6: YouTube ≈ 3/week, Instagram ≈ 1.2/week, TikTok ≈ 1/week.
    for platform, expected in (("youtube", 3.0), ("instagram", 1.2), ("tiktok", 1.0)):
        rates = [posts_per_week(r) for r, lab in sample if r["platform"] == platform and lab.tier == "micro" and not lab.inactive]
        assert len(rates) >= 50
        assert 0.75 * expected <= statistics.median(rates) <= 1.3 * expected, (platform, statistics.median(rates))


def test_rate_cards_follow_the_price_bands(sample: list[Row]) -> None:
    cards = [(r, lab) for r, lab in sample if "rate_card" in r]
    assert 0.35 <= len(cards) / len(sample) <= 0.45
    for row, label in cards:
        card = row["rate_card"]
        assert card["currency"] in FX_FROM_USD
        if card["currency"] == "GBP":
            assert row["country"] == "GB"
        if card["currency"] == "EUR":
            assert row["country"] in EURO_COUNTRIES
        usd = card["amount"] / FX_FROM_USD[card["currency"]]
        if card["per"] == "reel":
            usd /= VIDEO_PRICE_PREMIUM
        low, high = PRICE_BANDS[row["platform"]][label.tier]
        # Rounded to a 'nice' amount and converted: allow a little slack at the edges.
        assert 0.85 * low - 5 <= usd <= 1.15 * high + 5, (row["platform"], label.tier, card)


def test_languages(sample: list[Row]) -> None:
    languages = Counter(label.language for _, label in sample)
    non_english = 1 - languages["en"] / len(sample)
    assert 0.08 <= non_english <= 0.17
    assert {"de", "es", "fr", "pt", "ja", "zh"} <= set(languages)
    # Xiaohongshu is mostly Chinese-language.
    xhs = [lab.language for r, lab in sample if r["platform"] == "xiaohongshu"]
    assert Counter(xhs).most_common(1)[0][0] == "zh"
