"""Engagement rate per platform, always with its method (DESIGN 6).

DESIGN 6: Instagram/X/LinkedIn: (likes + comments) / followers over recent posts
(median and mean); TikTok/YouTube: (likes + comments + shares) / views. Facebook,
Threads and Pinterest follow the per-follower method; Twitch and Xiaohongshu the
per-view one when views are present. A per-view platform whose posts carry no views
falls back to the per-follower method and says so in the method name.

Posts missing a number the method needs are skipped (never filled with 0);
`posts_used` counts the posts that went in.
"""

from __future__ import annotations

from math import fsum
from statistics import median
from typing import Sequence

from retrieval.schema import Post

PER_FOLLOWER = "(likes+comments)/followers"
PER_VIEW = "(likes+comments+shares)/views"

PER_VIEW_PLATFORMS: frozenset[str] = frozenset({"tiktok", "youtube", "twitch", "xiaohongshu"})


def method_for(platform: str, posts: Sequence[Post]) -> str:
    """The ER method used for this platform given which numbers the posts carry."""
    if platform in PER_VIEW_PLATFORMS and any(p.views for p in posts):
        return PER_VIEW
    return PER_FOLLOWER


def post_rate(post: Post, method: str, followers: int) -> float | None:
    """One post's engagement rate by `method`; None when a needed number is missing."""
    if post.likes is None or post.comments is None:
        return None
    if method == PER_VIEW:
        if not post.views or post.shares is None:
            return None
        return (post.likes + post.comments + post.shares) / post.views
    if followers <= 0:
        return None
    return (post.likes + post.comments) / followers


def engagement(platform: str, followers: int, posts: Sequence[Post]) -> tuple[float | None, float | None, str | None, int]:
    """(median, mean, method, posts_used); rates are fractions (0.03 is 3 %)."""
    if not posts:
        return None, None, None, 0
    method = method_for(platform, posts)
    rates = [r for p in posts if (r := post_rate(p, method, followers)) is not None]
    if not rates:
        return None, None, method, 0
    return median(rates), fsum(rates) / len(rates), method, len(rates)  # statistics.mean is slow
