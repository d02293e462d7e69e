"""Time in the demo corpus: post dates and monthly follower history.

The corpus has a fixed 'now' (never the wall clock), so the same seed always writes the
same bytes and "days since the last post" means the same thing in every run.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta, timezone

NOW = datetime(2026, 11, 1, tzinfo=timezone.utc)
WINDOW_DAYS = 120          # recent posts fall in the ~120 days before NOW (the brief)
INACTIVE_MIN_DAYS = 90     # an inactive account's last post is at least this old
ACTIVE_MAX_LAST_DAYS = 21  # an active account posted within the last three weeks


def post_times(rng: random.Random, n: int, per_week: float, inactive: bool) -> list[datetime]:
    """`n` ascending post times with gaps around 7/per_week days.

    Gaps are gamma(2) distributed (more regular than Poisson: creators keep a rhythm).
    Active accounts fit in the window (gaps shrink when a slow poster would overflow
    it); inactive ones stopped INACTIVE_MIN_DAYS+ ago.
    """
    mean_gap = 7.0 / per_week
    if inactive:
        last_offset = rng.uniform(INACTIVE_MIN_DAYS + 1, 330.0)
        room = 200.0
    else:
        last_offset = min(ACTIVE_MAX_LAST_DAYS, rng.expovariate(2.0 / mean_gap)) + 0.05
        room = WINDOW_DAYS - 1.0 - last_offset
    gaps = [rng.gammavariate(2.0, mean_gap / 2.0) for _ in range(n - 1)]
    span = sum(gaps)
    if span > room:
        gaps = [g * room / span for g in gaps]
    times = [NOW - timedelta(days=last_offset)]
    for gap in gaps:
        times.append(times[-1] - timedelta(days=gap))
    # Whole minutes keep timestamps readable; creators post in waking hours mostly.
    out = []
    for t in reversed(times):
        t = t.replace(second=0, microsecond=0)
        if not 6 <= t.hour <= 23 and rng.random() < 0.8:
            t = t.replace(hour=rng.randint(7, 22))
            if t > NOW:
                t -= timedelta(days=1)
        out.append(t)
    return sorted(out)


def iso(t: datetime) -> str:
    """'2026-10-02T18:00:00Z' (isoformat is several times faster than strftime)."""
    return t.isoformat()[:19] + "Z"


def month_starts(count: int) -> list[date]:
    """`count` first-of-month dates ending with NOW's month, ascending."""
    y, m = NOW.year, NOW.month
    out = []
    for _ in range(count):
        out.append(date(y, m, 1))
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    return list(reversed(out))


def follower_history(
    rng: random.Random, followers: int, monthly_growth: float, *, snapshots: int,
    inactive: bool = False, spike_gain: int = 0,
) -> list[dict[str, object]]:
    """Monthly snapshots ending at today's count, walked backwards from it.

    Organic months grow by about `monthly_growth` (sometimes dip); an inactive account
    slowly loses followers. `spike_gain` followers arrive in a single month (bought
    followers): tens to hundreds of times the organic monthly gain, which is what DESIGN
    6 calls a growth spike (> 5k/day for large accounts, or 10x the usual gain).
    """
    dates = month_starts(snapshots)
    spike_at = rng.randint(max(1, snapshots - 4), snapshots - 1) if spike_gain else -1
    values = [followers]
    current = float(followers)
    for i in range(snapshots - 1, 0, -1):   # interval (i-1 -> i)
        if inactive:
            g = rng.gauss(-0.004, 0.004)
        else:
            g = rng.gauss(monthly_growth, monthly_growth * 0.6)
        if i == spike_at:
            current -= spike_gain
        current = max(1.0, current / (1.0 + g))
        values.append(int(current))
    values.reverse()
    return [{"date": d.isoformat(), "followers": v} for d, v in zip(dates, values)]
