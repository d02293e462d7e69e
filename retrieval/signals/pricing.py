"""Price per post estimates in USD (DESIGN 6).

Published bands, USD per post (DESIGN 6): Instagram nano 10–100, micro 100–500, mid
500–5k, macro 5k–10k, mega 10k+; TikTok nano 5–25, micro 25–125, mid 125–1.25k;
YouTube nano 20–200, micro 200–1k, mid 1k–10k, macro 10k–20k. Video posts cost
40–50 % more than images.

Extrapolations (each named in the method string):
- open-ended top bands (Instagram mega "10k+", YouTube mega) use high = 2x low;
- TikTok macro/mega: TikTok's published micro and mid bands are exactly 0.25x
  Instagram's, so 0.25x the Instagram band;
- platforms with no published band use the Instagram band;
- accounts below 1k followers (no tier) use the nano band.

A rate card wins over any benchmark; it is converted to USD with a small fixed FX table
(approximate, mid-2020s) and the original amount stays in the method string.
"""

from __future__ import annotations

from typing import Sequence

from retrieval.schema import RateCard

Band = tuple[float, float]

PUBLISHED: dict[str, dict[str, Band]] = {
    "instagram": {"nano": (10, 100), "micro": (100, 500), "mid": (500, 5_000), "macro": (5_000, 10_000)},
    "tiktok": {"nano": (5, 25), "micro": (25, 125), "mid": (125, 1_250)},
    "youtube": {"nano": (20, 200), "micro": (200, 1_000), "mid": (1_000, 10_000), "macro": (10_000, 20_000)},
}
OPEN_ENDED_LOW: dict[str, float] = {"instagram": 10_000, "youtube": 20_000}  # "mega 10k+"
TIKTOK_FROM_INSTAGRAM = 0.25
VIDEO_UPLIFT: Band = (1.40, 1.50)  # DESIGN 6: video costs 40–50 % more
VIDEO_FORMATS: frozenset[str] = frozenset({"reel", "reels", "video", "short", "shorts", "live", "igtv", "stream"})
VIDEO_NATIVE: frozenset[str] = frozenset({"tiktok", "youtube", "twitch"})  # bands already price video

# Approximate USD per unit of currency; a fixed table, not live rates.
FX_TO_USD: dict[str, float] = {
    "USD": 1.0, "EUR": 1.08, "GBP": 1.27, "CHF": 1.12, "CAD": 0.73, "AUD": 0.66, "NZD": 0.60,
    "JPY": 0.0067, "CNY": 0.14, "HKD": 0.128, "SGD": 0.74, "KRW": 0.00074, "INR": 0.012,
    "IDR": 0.000063, "VND": 0.00004, "THB": 0.028, "PHP": 0.018, "MYR": 0.22, "TWD": 0.031,
    "BRL": 0.19, "MXN": 0.055, "ARS": 0.0011, "CLP": 0.0011, "COP": 0.00025,
    "SEK": 0.095, "NOK": 0.094, "DKK": 0.145, "PLN": 0.25, "CZK": 0.043, "HUF": 0.0027,
    "TRY": 0.031, "RUB": 0.011, "AED": 0.272, "SAR": 0.267, "ZAR": 0.054, "NGN": 0.00065,
}


def _band(platform: str, tier: str) -> tuple[Band, list[str]]:
    notes: list[str] = []
    source = platform if platform in PUBLISHED else "instagram"
    if source != platform:
        notes.append("extrapolated:instagram band")
    bands = PUBLISHED[source]
    if tier in bands:
        return bands[tier], notes
    if source == "tiktok":
        if tier == "macro":
            lo, hi = PUBLISHED["instagram"]["macro"]
        else:
            lo = OPEN_ENDED_LOW["instagram"]
            hi = 2 * lo
        notes.append(f"extrapolated:{TIKTOK_FROM_INSTAGRAM}x instagram band")
        return (lo * TIKTOK_FROM_INSTAGRAM, hi * TIKTOK_FROM_INSTAGRAM), notes
    low = OPEN_ENDED_LOW[source]
    notes.append("extrapolated:open-ended band, high=2x low")
    return (low, 2 * low), notes


def is_video_heavy(formats: Sequence[str]) -> bool:
    """True when most of the creator's posts are video formats."""
    if not formats:
        return False
    return sum(f.lower() in VIDEO_FORMATS for f in formats) * 2 > len(formats)


def benchmark_price(platform: str, tier: str | None, video: bool) -> tuple[float, float, str]:
    """(low, high, method) in USD from the DESIGN 6 bands for this platform and tier."""
    notes: list[str] = []
    use_tier = tier
    if tier is None:
        use_tier = "nano"
        notes.append("below nano:nano band")
    (low, high), band_notes = _band(platform, use_tier)
    notes += band_notes
    if video and platform not in VIDEO_NATIVE:
        low, high = low * VIDEO_UPLIFT[0], high * VIDEO_UPLIFT[1]
        notes.append("video:+40-50%")
    method = "|".join([f"tier_benchmark:{platform}:{use_tier}", *notes])
    return round(low, 2), round(high, 2), method


def rate_card_price(card: RateCard) -> tuple[float, float, str, str]:
    """(low, high, currency, method) from a rate card; USD when the currency has an FX rate."""
    original = f"{card.amount:g} {card.currency}/{card.per}"
    rate = FX_TO_USD.get(card.currency)
    if rate is None:
        return card.amount, card.amount, card.currency, f"rate_card:{original}|no fx rate, kept currency"
    usd = round(card.amount * rate, 2)
    note = "" if card.currency == "USD" else f"|fx≈{rate:g} (approximate)"
    return usd, usd, "USD", f"rate_card:{original}{note}"
