"""Per-post numbers: views, likes, comments, shares, saves.

Engagement comes from the *real* audience: bought followers and bot views inflate the
denominators but not the likes, which is exactly why their ER falls far below tier
peers (DESIGN 6). The ER methods match DESIGN 6: (likes+comments)/followers on
per-follower platforms, (likes+comments+shares)/views on per-view platforms.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from retrieval.demo.distributions import (
    COMMENT_SHARE, PER_VIEW_PLATFORMS, PLATFORM_COMMENT_FACTOR, REEL_VIEW_RATIO, SPONSORED_ER_FACTOR,
    VIDEO_FORMATS, VIEW_RATIO,
)


@dataclass(frozen=True, slots=True)
class Engagement:
    platform: str
    tier: str                  # tier the real audience engages like
    real_followers: int
    er: float                  # the creator's typical ER by the platform's method
    bot_view_factor: float = 1.0
    pod: bool = False

    @property
    def per_view(self) -> bool:
        return self.platform in PER_VIEW_PLATFORMS


def post_numbers(rng: random.Random, eng: Engagement, fmt: str, sponsored: bool, min_comments: int) -> dict[str, int]:
    er = eng.er * math.exp(rng.gauss(0.0, 0.3))
    if sponsored:
        er *= SPONSORED_ER_FACTOR
    out: dict[str, int] = {}
    if eng.per_view:
        ratio = VIEW_RATIO[eng.platform][eng.tier]
        real_views = max(30.0, eng.real_followers * ratio * math.exp(rng.gauss(0.0, 0.6)))
        total = er * real_views
        out["views"] = int(real_views * eng.bot_view_factor)
    else:
        total = er * eng.real_followers
        if fmt in VIDEO_FORMATS:
            out["views"] = int(eng.real_followers * REEL_VIEW_RATIO * math.exp(rng.gauss(0.0, 0.5)))
    comment_share = COMMENT_SHARE[eng.tier] * PLATFORM_COMMENT_FACTOR.get(eng.platform, 1.0)
    if eng.pod:
        # Pod members comment on every post: many comments for few likes (DESIGN 6:
        # likes:comments out of line with peers), and their likes lift the total a bit.
        total *= rng.uniform(1.1, 1.5)
        comment_share = rng.uniform(0.15, 0.3)
    comment_share *= math.exp(rng.gauss(0.0, 0.25))
    total = max(total, 1.0)
    comments = max(min_comments, round(total * comment_share))
    shares = round(total * rng.uniform(0.05, 0.15)) if eng.per_view else 0
    likes = max(0, round(total) - comments - shares)
    out["likes"] = likes
    out["comments"] = comments
    if eng.per_view:
        out["shares"] = shares
        out["saves"] = round(likes * rng.uniform(0.03, 0.12))
    else:
        out["shares"] = round(likes * rng.uniform(0.01, 0.1))
        save_rate = rng.uniform(0.2, 0.6) if eng.platform == "pinterest" else rng.uniform(0.01, 0.15)
        out["saves"] = round(likes * save_rate)
    return out
