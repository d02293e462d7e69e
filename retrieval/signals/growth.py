"""Follower-growth spikes and following ratio (DESIGN 6 fraud signals: "organic ads
rarely add > 5k followers/day"; "following > 1,500 (mass-follower); a high
following:followers ratio").

Only dated `follower_history` snapshots are used: the current follower count has no
date, so it is not a point on the curve.
"""

from __future__ import annotations

from statistics import median
from typing import Sequence

from retrieval.schema import FollowerSnapshot

SPIKE_PER_DAY = 5_000          # DESIGN 6: > 5k followers/day is rarely organic
SPIKE_MEDIAN_MULTIPLE = 10.0   # a gain > 10x the creator's median daily gain ...
SPIKE_MIN_PER_DAY = 100.0      # ... that is also meaningful: >= 100/day
SPIKE_MIN_SHARE = 0.02         # ... and >= 2 % of the audience in that interval
MASS_FOLLOWING = 1_500         # DESIGN 6: following > 1,500 is a mass-follower sign


def daily_gains(history: Sequence[FollowerSnapshot]) -> list[tuple[float, int, int]]:
    """(gain per day, followers before, gain) for each interval between snapshots."""
    points = sorted(((s.date, s.followers) for s in history), key=lambda x: x[0])
    out = []
    for (d0, f0), (d1, f1) in zip(points, points[1:]):
        days = (d1 - d0).days
        if days > 0:
            out.append(((f1 - f0) / days, f0, f1 - f0))
    return out


def max_jump(history: Sequence[FollowerSnapshot]) -> float | None:
    """Largest single-interval gain as a share of the followers before it (0.5 = +50 %);
    None with fewer than two dated snapshots. Catches bought followers that arrive as
    one jump between sparse (e.g. monthly) snapshots, where the per-day rate looks mild."""
    gains = daily_gains(history)
    if not gains:
        return None
    return round(max(gain / max(before, 1) for _, before, gain in gains), 4)


def growth(history: Sequence[FollowerSnapshot]) -> tuple[float | None, bool | None]:
    """(max daily gain, spike?); None, None when fewer than two dated snapshots."""
    gains = daily_gains(history)
    if not gains:
        return None, None
    best, before, gain = max(gains, key=lambda g: g[0])
    if best > SPIKE_PER_DAY:
        return round(best, 3), True
    spike = False
    if len(gains) >= 3:
        others = [g[0] for g in gains]
        base = max(median(others), 0.0)
        meaningful = best >= SPIKE_MIN_PER_DAY and gain >= SPIKE_MIN_SHARE * max(before, 1)
        spike = meaningful and best > SPIKE_MEDIAN_MULTIPLE * base
    return round(best, 3), spike


def following_ratio(following: int | None, followers: int) -> float | None:
    if following is None or followers <= 0:
        return None
    return following / followers
