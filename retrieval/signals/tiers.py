"""Creator size tiers per platform (DESIGN 6).

Published figures (DESIGN 6): nano 1k–10k, micro 10k–100k, mid 100k–500k, macro
500k–1M, mega 1M+ followers. Per-platform micro ranges: Instagram 10k–100k, TikTok
5k–50k, YouTube 10k–100k, LinkedIn 5k–25k.

Only the micro range is published per platform; the neighbouring bounds are moved to
meet it (TikTok nano ends at 5k, mid starts at 50k) and, for LinkedIn, the upper tiers
are scaled down the same way (extrapolated: mid 25k–100k, macro 100k–500k, mega 500k+).
Every other platform uses the generic table. Below 1k followers there is no tier.

Bounds are inclusive on both ends and agree with `tier_for`: micro on Instagram is
(10_000, 99_999). The top tier has no maximum (None).
"""

from __future__ import annotations

TIER_ORDER: tuple[str, ...] = ("nano", "micro", "mid", "macro", "mega")

# Lower bound (inclusive) of each tier, in TIER_ORDER; the next tier's lower bound is
# this tier's exclusive upper bound.
_GENERIC: tuple[int, ...] = (1_000, 10_000, 100_000, 500_000, 1_000_000)
_LOWER_BOUNDS: dict[str, tuple[int, ...]] = {
    # DESIGN 6: TikTok micro 5k–50k (nano/mid bounds moved to meet it).
    "tiktok": (1_000, 5_000, 50_000, 500_000, 1_000_000),
    # DESIGN 6: LinkedIn micro 5k–25k; mid/macro/mega bounds extrapolated.
    "linkedin": (1_000, 5_000, 25_000, 100_000, 500_000),
}

# Which bounds are published vs extrapolated, for parsers that explain assumptions.
EXTRAPOLATED: dict[str, tuple[str, ...]] = {
    "tiktok": ("nano", "mid"),
    "linkedin": ("nano", "mid", "macro", "mega"),
}


def _bounds(platform: str | None) -> tuple[int, ...]:
    return _LOWER_BOUNDS.get((platform or "").lower(), _GENERIC)


def tier_for(platform: str | None, followers: int | None) -> str | None:
    """The tier of an account with `followers` on `platform`; None below 1k or unknown."""
    if followers is None:
        return None
    bounds = _bounds(platform)
    tier: str | None = None
    for name, low in zip(TIER_ORDER, bounds):
        if followers >= low:
            tier = name
        else:
            break
    return tier


def tier_range(platform: str | None, tier: str) -> tuple[int, int | None]:
    """Inclusive (min, max) followers of `tier` on `platform`; max is None for the top tier."""
    if tier not in TIER_ORDER:
        raise ValueError(f"unknown tier {tier!r}; use {list(TIER_ORDER)}")
    bounds = _bounds(platform)
    i = TIER_ORDER.index(tier)
    upper = bounds[i + 1] - 1 if i + 1 < len(bounds) else None
    return bounds[i], upper


def _short(n: int) -> str:
    if n >= 1_000_000 and n % 1_000_000 == 0:
        return f"{n // 1_000_000}M"
    if n >= 1_000 and n % 1_000 == 0:
        return f"{n // 1_000}k"
    return str(n)


def describe_tier(platform: str | None, tier: str) -> str:
    """Human text of a tier's range, e.g. '5k–50k' (TikTok micro) or '1M+' (mega)."""
    low, high = tier_range(platform, tier)
    return f"{_short(low)}+" if high is None else f"{_short(low)}–{_short(high + 1)}"
