"""Activity: recency and cadence (DESIGN 6: micro creators post ≈ 3/week on YouTube,
≈ 1.2/week on Instagram, ≈ 1/week on TikTok).

Verdict: last post 120+ days ago fail (warn when fewer than three dated posts are
stored: a thin sample is too little to reject a creator on), 60+ days warn; cadence under a quarter of the
platform norm (measured over >= 4 dated posts) warns; otherwise pass. No dated post is
insufficient data. With `VettingInput.now`, recency is measured to that time instead of
the ingest time.
"""

from __future__ import annotations

from datetime import datetime

from agents.shortlist import VettingResult
from agents.tools.vetting.base import VettingInput, metric, result
from retrieval.schema import parse_timestamp
from retrieval.signals.activity import CADENCE_NORMS

TOOL = "activity"
WARN_DAYS, FAIL_DAYS = 60, 120
LOW_CADENCE_FRACTION = 0.25
MIN_DATED_FOR_CADENCE = 4
MIN_DATED_TO_FAIL = 3


def _days_since(inp: VettingInput) -> float | None:
    f = inp.features
    if inp.now is not None and f.last_post_at:
        last = parse_timestamp(f.last_post_at)
        if isinstance(last, datetime):
            return max((inp.now - last).total_seconds(), 0.0) / 86_400
    return f.days_since_last_post


def check_activity(inp: VettingInput) -> VettingResult:
    f, platform = inp.features, inp.creator.platform
    days = _days_since(inp)
    if days is None:
        return result(TOOL, "insufficient_data", 0.2, "No dated posts, so activity cannot be judged.")
    dated = sum(1 for p in inp.creator.posts if p.created_at is not None)
    evidence = [metric("days_since_last_post", round(days, 1), f"now - last post ({f.last_post_at})")]
    norm = CADENCE_NORMS.get(platform)
    per_week = f.posts_per_week
    if per_week is not None:
        evidence.append(metric("posts_per_week", per_week,
                               f"(n-1)/span over {dated} dated posts; DESIGN 6 {platform} micro norm {norm if norm else 'n/a'}/week"))
    cadence_note = f", {per_week:.2f} posts/week" if per_week is not None else ""
    if days >= FAIL_DAYS and dated >= MIN_DATED_TO_FAIL:
        return result(TOOL, "fail", 0.85, f"Inactive: last post {days:.0f} days ago (>= {FAIL_DAYS}){cadence_note}.", evidence)
    if days >= FAIL_DAYS:
        return result(TOOL, "warn", 0.5, f"Possibly inactive: the latest of {dated} stored posts is {days:.0f} days old.",
                      evidence)
    if days >= WARN_DAYS:
        return result(TOOL, "warn", 0.75, f"Quiet: last post {days:.0f} days ago (>= {WARN_DAYS}){cadence_note}.", evidence)
    if norm and per_week is not None and dated >= MIN_DATED_FOR_CADENCE and per_week < LOW_CADENCE_FRACTION * norm:
        return result(TOOL, "warn", 0.6,
                      f"Posts rarely: {per_week:.2f}/week vs the {platform} norm of {norm:g}/week; last post {days:.0f} days ago.", evidence)
    return result(TOOL, "pass", 0.8 if per_week is not None else 0.6,
                  f"Active: last post {days:.0f} days ago{cadence_note}.", evidence)
