"""Realistic distributions of the demo corpus, from the published figures in DESIGN 6.

Every figure DESIGN 6 gives is cited where it is used; where DESIGN 6 is silent (other
platforms, the nano sponsorship band, view ratios) the value is marked "assumed" or
"extrapolated" with the reasoning. All samplers take the caller's `random.Random`, so
the corpus stays deterministic and streamable.
"""

from __future__ import annotations

import math
import random
from typing import Sequence, TypeVar

from retrieval.schema import AGE_BUCKETS
from retrieval.signals.tiers import tier_range

T = TypeVar("T")

PER_VIEW_PLATFORMS = frozenset({"tiktok", "youtube", "twitch", "xiaohongshu"})
"""DESIGN 6: TikTok/YouTube ER is (likes+comments+shares)/views; Twitch and Xiaohongshu
are video-first and get views too (the features module treats them per view)."""


def weighted_choice(rng: random.Random, items: Sequence[tuple[T, float]]) -> T:
    total = sum(w for _, w in items)
    x = rng.random() * total
    for item, w in items:
        x -= w
        if x < 0:
            return item
    return items[-1][0]


def log_uniform(rng: random.Random, low: float, high: float) -> float:
    return math.exp(rng.uniform(math.log(low), math.log(high)))


# --- platforms ------------------------------------------------------------------------

# Base mix of creator accounts (assumed from platform creator-economy sizes): Instagram,
# TikTok and YouTube dominate; the other seven are smaller. Niche and language
# affinities multiply these (gaming -> Twitch, B2B -> LinkedIn, Chinese -> Xiaohongshu).
BASE_PLATFORM_WEIGHTS: dict[str, float] = {
    "instagram": 0.31, "tiktok": 0.24, "youtube": 0.16, "facebook": 0.06, "pinterest": 0.045,
    "threads": 0.04, "x": 0.04, "twitch": 0.035, "linkedin": 0.03, "xiaohongshu": 0.01,
}

LANGUAGE_PLATFORM_AFFINITY: dict[str, dict[str, float]] = {
    # Xiaohongshu is a Chinese-language platform; Chinese creators rarely use
    # Instagram/Facebook/X (blocked in mainland China).
    "zh": {"xiaohongshu": 250.0, "instagram": 0.3, "facebook": 0.1, "x": 0.2, "threads": 0.2, "pinterest": 0.2},
    # Japan has unusually high X usage.
    "ja": {"x": 3.0, "xiaohongshu": 0.3},
}


def platform_weights(niche_affinity: dict[str, float], language: str) -> list[tuple[str, float]]:
    lang = LANGUAGE_PLATFORM_AFFINITY.get(language, {})
    out = []
    for platform, base in BASE_PLATFORM_WEIGHTS.items():
        w = base * niche_affinity.get(platform, 1.0) * lang.get(platform, 1.0)
        if platform == "xiaohongshu" and language != "zh":
            w *= 0.15  # a few expats and K-beauty creators post there in English
        out.append((platform, w))
    return out


# --- followers and tiers ------------------------------------------------------------

# Heavy tail: a tier is drawn from geometrically falling masses, then followers are
# log-uniform inside the tier (density ∝ 1/x, a Pareto with α→0 per segment). Together
# this is a piecewise Pareto: most accounts nano/micro, very few mega (DESIGN 6 tier
# bounds: nano 1k–10k, micro 10k–100k, mid 100k–500k, macro 500k–1M, mega 1M+, with the
# per-platform micro ranges from retrieval.signals.tiers).
TIER_MASS: dict[str, float] = {"nano": 0.55, "micro": 0.32, "mid": 0.09, "macro": 0.025, "mega": 0.015}
# LinkedIn creator audiences are smaller (connections cap at 30k; follower counts are
# rarely in the hundreds of thousands): assumed more bottom-heavy.
LINKEDIN_TIER_MASS: dict[str, float] = {"nano": 0.60, "micro": 0.30, "mid": 0.08, "macro": 0.015, "mega": 0.005}
MEGA_PARETO_ALPHA = 1.2   # tail above 1M followers (assumed); capped at MEGA_CAP
MEGA_CAP = 300_000_000


def sample_tier(rng: random.Random, platform: str) -> str:
    masses = LINKEDIN_TIER_MASS if platform == "linkedin" else TIER_MASS
    return weighted_choice(rng, list(masses.items()))


def sample_followers(rng: random.Random, platform: str, tier: str) -> int:
    low, high = tier_range(platform, tier)
    if high is None:
        value = low / (1.0 - rng.random()) ** (1.0 / MEGA_PARETO_ALPHA)
        return int(min(value, MEGA_CAP))
    return int(log_uniform(rng, low, high + 1))


def tier_position(platform: str, tier: str, followers: int) -> float:
    """Where `followers` sits inside its tier, 0 (bottom) to 1 (top), on a log scale."""
    low, high = tier_range(platform, tier)
    high = high or low * 10
    if followers <= low:
        return 0.0
    return min(1.0, math.log(followers / low) / math.log((high + 1) / low))


# --- engagement rate ------------------------------------------------------------------

# DESIGN 6 benchmark bands (untapper): Instagram per follower nano 3–5 %, micro 2–3.5 %,
# mid 1.5–2.5 %, macro 1–1.8 %, mega 0.7–1.2 %; TikTok per view nano 6–10 %, micro 4–7 %,
# mid 3–5 %, macro 2–3.5 %, mega 1–2 %. Seed articles: Instagram micro ≈ 3.86 %, macro
# ≈ 1.21 %; TikTok micro ≈ 8.5 % per view; YouTube micro ≈ 3.6 % per view.
_INSTAGRAM = {"nano": (0.03, 0.05), "micro": (0.02, 0.035), "mid": (0.015, 0.025), "macro": (0.01, 0.018), "mega": (0.007, 0.012)}
_TIKTOK = {"nano": (0.06, 0.10), "micro": (0.04, 0.07), "mid": (0.03, 0.05), "macro": (0.02, 0.035), "mega": (0.01, 0.02)}
# YouTube: only micro ≈ 3.6 % per view is published; the TikTok band shape is scaled by
# 3.6 / 5.5 (TikTok micro band mid-point) so micro is 2.6–4.6 % (extrapolated).
_YOUTUBE = {t: (round(lo * 0.655, 4), round(hi * 0.655, 4)) for t, (lo, hi) in _TIKTOK.items()}


def _scaled(band: dict[str, tuple[float, float]], k: float) -> dict[str, tuple[float, float]]:
    return {t: (round(lo * k, 4), round(hi * k, 4)) for t, (lo, hi) in band.items()}


ER_BANDS: dict[str, dict[str, tuple[float, float]]] = {
    "instagram": _INSTAGRAM,
    "tiktok": _TIKTOK,
    "youtube": _YOUTUBE,
    # Not in DESIGN 6 (assumed, relative to Instagram per follower): X and Facebook
    # reach a small share of followers, LinkedIn creators engage close to Instagram,
    # Threads in between, Pinterest engagement is mostly saves (not in the ER).
    "x": _scaled(_INSTAGRAM, 0.3),
    "facebook": _scaled(_INSTAGRAM, 0.35),
    "linkedin": _scaled(_INSTAGRAM, 0.9),
    "threads": _scaled(_INSTAGRAM, 0.6),
    "pinterest": _scaled(_INSTAGRAM, 0.3),
    # Per view, assumed relative to TikTok: Xiaohongshu notes engage a bit less per
    # view, Twitch VOD/clip views engage half as much.
    "xiaohongshu": _scaled(_TIKTOK, 0.8),
    "twitch": _scaled(_TIKTOK, 0.5),
}


def er_band(platform: str, tier: str) -> tuple[float, float]:
    return ER_BANDS[platform][tier]


def sample_creator_er(rng: random.Random, platform: str, tier: str) -> float:
    """A creator's typical ER: log-normal centred on the band's geometric mid-point, with
    the band spanning about ±1 sigma, so tier medians land inside the DESIGN bands."""
    low, high = er_band(platform, tier)
    centre = math.sqrt(low * high)
    sigma = math.log(high / low) / 2.0
    return centre * math.exp(rng.gauss(0.0, sigma))


# Share of engagement that is comments (assumed: smaller accounts get relatively more
# comments; typical Instagram likes:comments ratios run 20–60).
COMMENT_SHARE: dict[str, float] = {"nano": 0.05, "micro": 0.035, "mid": 0.028, "macro": 0.022, "mega": 0.018}
PLATFORM_COMMENT_FACTOR: dict[str, float] = {"youtube": 1.6, "x": 1.5, "linkedin": 2.0, "threads": 1.8, "twitch": 3.0, "facebook": 1.3, "pinterest": 0.4}

# Median views per post relative to followers on per-view platforms (assumed: TikTok's
# For You feed lets small accounts exceed their follower count; YouTube views per
# subscriber fall with channel size).
VIEW_RATIO: dict[str, dict[str, float]] = {
    "tiktok": {"nano": 1.4, "micro": 0.55, "mid": 0.3, "macro": 0.2, "mega": 0.12},
    "youtube": {"nano": 0.45, "micro": 0.22, "mid": 0.12, "macro": 0.08, "mega": 0.05},
    "xiaohongshu": {"nano": 0.9, "micro": 0.4, "mid": 0.25, "macro": 0.15, "mega": 0.1},
    "twitch": {"nano": 0.25, "micro": 0.12, "mid": 0.08, "macro": 0.05, "mega": 0.03},
}
REEL_VIEW_RATIO = 0.6  # Instagram/Facebook reels, reported as views (not used in their ER)


# --- posting cadence -------------------------------------------------------------------

# DESIGN 6: micro creators post on YouTube ≈ 3/week, Instagram ≈ 1.2/week, TikTok
# ≈ 1/week. The rest are assumed from platform norms (text platforms post more often).
CADENCE_PER_WEEK: dict[str, float] = {
    "youtube": 3.0, "instagram": 1.2, "tiktok": 1.0,
    "x": 5.0, "threads": 4.0, "linkedin": 2.0, "facebook": 3.0, "pinterest": 5.0,
    "twitch": 3.0, "xiaohongshu": 2.0,
}
CADENCE_TIER_FACTOR: dict[str, float] = {"nano": 0.8, "micro": 1.0, "mid": 1.15, "macro": 1.3, "mega": 1.4}


def sample_cadence(rng: random.Random, platform: str, tier: str) -> float:
    return CADENCE_PER_WEEK[platform] * CADENCE_TIER_FACTOR[tier] * math.exp(rng.gauss(0.0, 0.35))


# --- formats -------------------------------------------------------------------------

FORMATS: dict[str, tuple[tuple[str, float], ...]] = {
    "instagram": (("reel", 0.5), ("carousel", 0.25), ("image", 0.2), ("story", 0.05)),
    "tiktok": (("video", 0.88), ("carousel", 0.08), ("live", 0.04)),
    "youtube": (("video", 0.55), ("short", 0.4), ("live", 0.05)),
    "x": (("text", 0.6), ("image", 0.25), ("video", 0.15)),
    "threads": (("text", 0.7), ("image", 0.3)),
    "linkedin": (("text", 0.5), ("image", 0.2), ("carousel", 0.15), ("video", 0.15)),
    "facebook": (("image", 0.35), ("video", 0.3), ("reel", 0.2), ("text", 0.15)),
    "pinterest": (("image", 0.7), ("video", 0.2), ("carousel", 0.1)),
    "twitch": (("live", 0.7), ("video", 0.3)),
    "xiaohongshu": (("carousel", 0.6), ("video", 0.4)),
}
VIDEO_FORMATS = frozenset({"reel", "video", "short", "live"})


# --- prices ----------------------------------------------------------------------------

# DESIGN 6 price per post (USD): Instagram nano 10–100, micro 100–500, mid 500–5k,
# macro 5k–10k, mega 10k+; TikTok nano 5–25, micro 25–125, mid 125–1.25k; YouTube nano
# 20–200, micro 200–1k, mid 1k–10k, macro 10k–20k. Open tops and missing tiers are
# extrapolated (marked); other platforms are scaled from Instagram (assumed).
_IG_PRICE = {"nano": (10, 100), "micro": (100, 500), "mid": (500, 5_000), "macro": (5_000, 10_000), "mega": (10_000, 40_000)}
PRICE_BANDS: dict[str, dict[str, tuple[float, float]]] = {
    "instagram": _IG_PRICE,
    "tiktok": {"nano": (5, 25), "micro": (25, 125), "mid": (125, 1_250),
               "macro": (1_250, 2_500), "mega": (2_500, 10_000)},          # macro/mega extrapolated
    "youtube": {"nano": (20, 200), "micro": (200, 1_000), "mid": (1_000, 10_000),
                "macro": (10_000, 20_000), "mega": (20_000, 60_000)},      # mega extrapolated
}
_PRICE_SCALE = {"x": 0.5, "threads": 0.5, "facebook": 0.6, "pinterest": 0.6, "linkedin": 1.2, "xiaohongshu": 0.9, "twitch": 1.0}
for _p, _k in _PRICE_SCALE.items():
    PRICE_BANDS[_p] = {t: (lo * _k, hi * _k) for t, (lo, hi) in _IG_PRICE.items()}

VIDEO_PRICE_PREMIUM = 1.45          # DESIGN 6: video posts cost 40–50 % more than images
FX_FROM_USD = {"USD": 1.0, "EUR": 0.92, "GBP": 0.79}  # fixed demo rates (assumed)
RATE_CARD_SHARE = 0.40              # the brief: ~40 % of creators publish a rate card
RATE_UNIT: dict[str, str] = {"tiktok": "video", "youtube": "video", "twitch": "stream"}


def _nice(amount: float) -> float:
    step = 5 if amount < 200 else 25 if amount < 2_000 else 250 if amount < 20_000 else 1_000
    return float(max(step, round(amount / step) * step))


def sample_price_usd(rng: random.Random, platform: str, tier: str, position: float) -> float:
    """A price inside the DESIGN band, higher for accounts near the top of their tier."""
    low, high = PRICE_BANDS[platform][tier]
    u = min(1.0, max(0.0, 0.7 * position + 0.3 * rng.random()))
    return low * (high / low) ** u


def sample_rate_card(rng: random.Random, platform: str, tier: str, position: float, country: str,
                     euro_countries: frozenset[str]) -> dict[str, object]:
    usd = sample_price_usd(rng, platform, tier, position)
    per = RATE_UNIT.get(platform, "post")
    if platform == "instagram" and rng.random() < 0.4:
        per, usd = "reel", usd * VIDEO_PRICE_PREMIUM
    currency = "USD"
    if rng.random() < 0.8:
        currency = "GBP" if country == "GB" else "EUR" if country in euro_countries else "USD"
    return {"amount": _nice(usd * FX_FROM_USD[currency]), "currency": currency, "per": per}


# --- sponsorship -----------------------------------------------------------------------

# DESIGN 6 acceptable sponsored share over 3 months: micro 5–15 %, mid 10–20 %, macro
# 15–25 %, mega 20–35 %. Nano is not published: assumed 0–15 % (like micro, and many
# nano creators have no partnerships at all).
SPONSORED_BANDS: dict[str, tuple[float, float]] = {
    "nano": (0.0, 0.15), "micro": (0.05, 0.15), "mid": (0.10, 0.20), "macro": (0.15, 0.25), "mega": (0.20, 0.35),
}
SPONSORED_ER_FACTOR = 0.75   # sponsored posts engage less than organic ones (assumed)


# --- audience ----------------------------------------------------------------------------

# Age profiles over AGE_BUCKETS (13-17, 18-24, 25-34, 35-44, 45-54, 55+), assumed.
AGE_PROFILES: dict[str, tuple[float, ...]] = {
    "teen":   (0.14, 0.40, 0.28, 0.11, 0.05, 0.02),
    "young":  (0.05, 0.33, 0.36, 0.15, 0.07, 0.04),
    "adult":  (0.02, 0.20, 0.38, 0.24, 0.10, 0.06),
    "mature": (0.01, 0.10, 0.28, 0.28, 0.19, 0.14),
    "broad":  (0.04, 0.20, 0.30, 0.22, 0.13, 0.11),
}
# Platform age skews (assumed from platform demographics).
PLATFORM_AGE_SKEW: dict[str, tuple[float, ...]] = {
    "tiktok": (1.8, 1.4, 1.0, 0.8, 0.6, 0.5),
    "facebook": (0.4, 0.6, 0.9, 1.2, 1.6, 1.9),
    "linkedin": (0.0, 0.6, 1.3, 1.3, 1.1, 0.8),
    "twitch": (1.5, 1.5, 1.0, 0.7, 0.4, 0.3),
    "pinterest": (0.8, 1.0, 1.1, 1.1, 1.0, 0.9),
    "xiaohongshu": (0.8, 1.5, 1.3, 0.7, 0.4, 0.2),
    "threads": (0.8, 1.2, 1.2, 0.9, 0.8, 0.7),
}


def _per_mille(weights: Sequence[float]) -> list[float]:
    """Round shares to 0.001 so that they sum to exactly 1 (largest remainder)."""
    total = sum(weights)
    raw = [w / total * 1000 for w in weights]
    ints = [int(x) for x in raw]
    for i in sorted(range(len(raw)), key=lambda i: ints[i] - raw[i])[: 1000 - sum(ints)]:
        ints[i] += 1
    return [n / 1000 for n in ints]


def sample_ages(rng: random.Random, profile: str, platform: str) -> dict[str, float]:
    base = AGE_PROFILES[profile]
    skew = PLATFORM_AGE_SKEW.get(platform, (1.0,) * len(AGE_BUCKETS))
    weights = [b * s * math.exp(rng.gauss(0.0, 0.25)) for b, s in zip(base, skew)]
    return {bucket: share for bucket, share in zip(AGE_BUCKETS, _per_mille(weights)) if share > 0}


def sample_genders(rng: random.Random, female_share: float) -> dict[str, float]:
    female = min(0.97, max(0.03, female_share + rng.gauss(0.0, 0.07)))
    other = rng.uniform(0.005, 0.03)
    female_pm, male_pm, other_pm = _per_mille([female, 1.0 - female - other, other])
    return {"female": female_pm, "male": male_pm, "other": other_pm}


def sample_audience_countries(rng: random.Random, home: str, neighbours: Sequence[str], local_language: bool) -> dict[str, float]:
    """Home market first, then neighbours; the rest (long tail) is left unlisted, so the
    shares sum to at most 1."""
    home_share = rng.uniform(0.6, 0.88) if local_language else rng.uniform(0.35, 0.75)
    shares = {home: home_share}
    rest = (1.0 - home_share) * rng.uniform(0.5, 0.85)
    picks = rng.sample(list(neighbours), k=min(len(neighbours), rng.randint(2, 4)))
    weights = [rng.random() + 0.2 for _ in picks]
    for country, w in zip(picks, weights):
        shares[country] = rest * w / sum(weights)
    return {c: math.floor(s * 1000) / 1000 for c, s in shares.items() if s >= 0.001}


# --- account basics --------------------------------------------------------------------

FOLLOWING_MEDIAN: dict[str, float] = {"nano": 550, "micro": 650, "mid": 480, "macro": 380, "mega": 220}
VERIFIED_RATE: dict[str, float] = {"nano": 0.005, "micro": 0.02, "mid": 0.1, "macro": 0.35, "mega": 0.7}
MONTHLY_GROWTH: dict[str, float] = {"nano": 0.03, "micro": 0.022, "mid": 0.016, "macro": 0.012, "mega": 0.008}


def sample_following(rng: random.Random, tier: str) -> int:
    """Organic accounts follow a few hundred; above DESIGN 6's mass-follower line
    (1,500) only occasionally (the lognormal tail)."""
    return max(12, int(FOLLOWING_MEDIAN[tier] * math.exp(rng.gauss(0.0, 0.45))))
