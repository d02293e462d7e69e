"""Independent readings of the observable data, written from DESIGN 6 (not from the
generator's internals), so the tests check what a vetting tool would see."""

from __future__ import annotations

import statistics
from datetime import date, datetime
from typing import Any

from retrieval.demo import NOW

# DESIGN 6: TikTok/YouTube ER per view; the generator also gives Twitch and
# Xiaohongshu views (video-first), as the features module reads them.
PER_VIEW = {"tiktok", "youtube", "twitch", "xiaohongshu"}

# DESIGN 6 disclosure tags, plus the other corpus languages' standard ones.
DISCLOSURE = {"ad", "sponsored", "partner", "paidpartnership", "werbung", "anzeige", "publi", "publicidad",
              "colaboración", "partenariat", "sponsorisé", "collaborationcommerciale", "publicidade", "parceria",
              "pr", "提供", "タイアップ", "广告", "合作", "赞助"}


def post_er(row: dict[str, Any], post: dict[str, Any]) -> float:
    if row["platform"] in PER_VIEW:
        return (post["likes"] + post["comments"] + post["shares"]) / post["views"]
    return (post["likes"] + post["comments"]) / row["followers"]


def median_er(row: dict[str, Any]) -> float:
    return statistics.median(post_er(row, p) for p in row["posts"])


def days_since_last_post(row: dict[str, Any]) -> float:
    last = max(datetime.fromisoformat(p["created_at"].replace("Z", "+00:00")) for p in row["posts"])
    return (NOW - last).total_seconds() / 86400


def posts_per_week(row: dict[str, Any]) -> float:
    times = sorted(datetime.fromisoformat(p["created_at"].replace("Z", "+00:00")) for p in row["posts"])
    span_days = max((times[-1] - times[0]).total_seconds() / 86400, 1.0)
    return (len(times) - 1) / (span_days / 7)


def daily_gains(row: dict[str, Any]) -> list[float]:
    h = row["follower_history"]
    return [(b["followers"] - a["followers"]) / (date.fromisoformat(b["date"]) - date.fromisoformat(a["date"])).days
            for a, b in zip(h, h[1:])]


def growth_spike(row: dict[str, Any]) -> bool:
    """DESIGN 6: > 5k followers/day, or (as the features module reads it) 10x the usual gain."""
    gains = daily_gains(row)
    usual = statistics.median(gains)
    return max(gains) > 5000 or (usual > 0 and max(gains) > 10 * usual)


def commenters(post: dict[str, Any]) -> list[str]:
    return [c.split(":", 1)[0] for c in post["comments_sample"]]


def repeated_order_share(row: dict[str, Any]) -> float:
    """Share of posts whose first two commenters are the most common such pair."""
    pairs = [tuple(commenters(p)[:2]) for p in row["posts"]]
    return max(pairs.count(p) for p in set(pairs)) / len(pairs)


def sponsored_share(row: dict[str, Any]) -> float:
    return sum(bool(p["sponsored"]) for p in row["posts"]) / len(row["posts"])


def undisclosed_ids(row: dict[str, Any]) -> list[str]:
    return [p["id"] for p in row["posts"]
            if p["sponsored"] and not any(t.lower() in DISCLOSURE for t in p["hashtags"])]
