"""Features computed at ingest from a creator's observable data (DESIGN 6).

Every number carries enough context to be checked (method names, sample sizes), and a
feature is None whenever the data cannot support it — never a guess.
"""

from __future__ import annotations

from pydantic import BaseModel, Field


class EngagementRate(BaseModel):
    median: float | None = Field(None, description="Median per-post engagement rate, a fraction")
    mean: float | None = Field(None, description="Mean per-post engagement rate, a fraction")
    method: str | None = Field(None, description="e.g. '(likes+comments)/followers' or '(likes+comments+shares)/views'")
    posts_used: int = 0


class PriceEstimate(BaseModel):
    low: float
    high: float
    currency: str = "USD"
    method: str = Field(description="'rate_card' or 'tier_benchmark:<platform>:<tier>'")


class CreatorFeatures(BaseModel):
    tier: str | None = Field(None, description="nano/micro/mid/macro/mega for the platform")
    engagement: EngagementRate = Field(default_factory=EngagementRate)
    posts_per_week: float | None = None
    days_since_last_post: float | None = None
    sponsored_share: float | None = Field(None, description="Share of recent posts that are sponsored")
    sponsored_posts: int = 0
    disclosure_rate: float | None = Field(None, description="Share of sponsored posts carrying a disclosure")
    undisclosed_sponsored_post_ids: list[str] = Field(default_factory=list)
    likes_per_comment: float | None = None
    generic_comment_share: float | None = Field(None, description="Share of sampled comments that are emoji-only or generic")
    repeated_commenter_share: float | None = Field(None, description="Share of comments repeated verbatim across posts")
    comments_sampled: int = 0
    max_daily_growth: float | None = Field(None, description="Largest followers/day gain between history snapshots")
    growth_spike: bool | None = Field(None, description="A gain above 5k followers/day or 10x the median daily gain")
    following_ratio: float | None = Field(None, description="following / followers")
    price: PriceEstimate | None = None
    languages_detected: list[str] = Field(default_factory=list)
    safety_hits: dict[str, list[str]] = Field(default_factory=dict, description="Brand-safety category -> post ids whose text or comments match it")
    brands: list[str] = Field(default_factory=list, description="Brands sponsored or mentioned in sponsored posts, lower-case")
    top_hashtags: list[str] = Field(default_factory=list)
    formats: list[str] = Field(default_factory=list)
    last_post_at: str | None = None
