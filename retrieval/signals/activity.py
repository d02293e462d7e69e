"""Posting cadence and recency (DESIGN 6: micro creators post on YouTube ≈ 3/week,
Instagram ≈ 1.2/week, TikTok ≈ 1/week)."""

from __future__ import annotations

from datetime import datetime
from typing import Sequence

from retrieval.schema import Post

# DESIGN 6 cadence of micro creators, posts per week.
CADENCE_NORMS: dict[str, float] = {"youtube": 3.0, "instagram": 1.2, "tiktok": 1.0}

_DAY = 86_400.0


def cadence(posts: Sequence[Post], now: datetime) -> tuple[float | None, float | None, str | None]:
    """(posts_per_week, days_since_last_post, last_post_at ISO).

    posts/week = (n - 1) intervals over the span between the first and last dated post
    (the span is floored at one day so same-day bursts do not explode); None with fewer
    than 2 dated posts. Days since the last post are measured to `now` (never negative).
    """
    dates = sorted(p.created_at for p in posts if p.created_at is not None)
    if not dates:
        return None, None, None
    last = dates[-1]
    days_since = round(max((now - last).total_seconds(), 0.0) / _DAY, 3)
    per_week: float | None = None
    if len(dates) >= 2:
        span_days = max((last - dates[0]).total_seconds() / _DAY, 1.0)
        per_week = round((len(dates) - 1) / (span_days / 7.0), 4)
    return per_week, days_since, last.isoformat()
