"""Features computed at ingest from a creator's observable data (DESIGN 6).

Every number carries enough context to be checked (method names, sample sizes), and a
feature is None whenever the data cannot support it — never a guess.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from pydantic import BaseModel, Field

from retrieval.schema import Creator
from retrieval.signals.activity import cadence
from retrieval.signals.comments import comment_quality
from retrieval.signals.engagement import engagement
from retrieval.signals.growth import following_ratio, growth, max_jump
from retrieval.signals.language import detect_languages
from retrieval.signals.pricing import benchmark_price, is_video_heavy, rate_card_price
from retrieval.signals.safety_model import CLASSIFIER_TERM
from retrieval.signals.safety_scan import (
    classifier_hits,
    flagged_post_hits,
    post_hits,
    safety_hits,
)
from retrieval.signals.sponsorship import sponsorship
from retrieval.signals.text import post_text
from retrieval.signals.tiers import tier_for


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


class SafetyHit(BaseModel):
    """One brand-safety hit on a post, as the ingest scan found it (`safety_lexicon.Hit`)."""

    category: str
    term: str
    field: str
    severity: str = "topic"
    score: float | None = None


class CreatorFeatures(BaseModel):
    tier: str | None = Field(None, description="nano/micro/mid/macro/mega for the platform")
    engagement: EngagementRate = Field(default_factory=EngagementRate)
    posts_per_week: float | None = None
    days_since_last_post: float | None = None
    sponsored_share: float | None = Field(None, description="Share of recent posts that are sponsored")
    sponsored_posts: int = 0
    disclosure_rate: float | None = Field(None, description="Share of sponsored posts carrying a disclosure")
    undisclosed_sponsored_post_ids: list[str] = Field(default_factory=list)
    sponsored_post_ids: list[str] = Field(default_factory=list, description="Posts counted as sponsored (flag, sponsors or a disclosure); '#<index>' when a post has no id")
    likes_per_comment: float | None = None
    generic_comment_share: float | None = Field(None, description="Share of sampled comments that are emoji-only or generic")
    repeated_commenter_share: float | None = Field(None, description="Share of sampled comments whose commenter ('@name:') is seen on 2+ posts; unnamed comments count when their text repeats on 2+ posts")
    comments_sampled: int = 0
    max_daily_growth: float | None = Field(None, description="Largest followers/day gain between history snapshots")
    growth_spike: bool | None = Field(None, description="A gain above 5k followers/day or 10x the median daily gain")
    max_growth_jump: float | None = Field(None, description="Largest gain between two history snapshots as a share of the followers before it (0.5 = +50 %)")
    following_ratio: float | None = Field(None, description="following / followers")
    price: PriceEstimate | None = None
    languages_detected: list[str] = Field(default_factory=list)
    safety_hits: dict[str, list[str]] = Field(default_factory=dict, description="Brand-safety category -> post ids whose text or comments match it")
    safety_post_hits: dict[str, list[SafetyHit]] | None = Field(
        None, description="Post id -> every hit, for the flagged posts (None: stored before this was kept; vetting scans)")
    brands: list[str] = Field(default_factory=list, description="Brands sponsored or mentioned in sponsored posts, lower-case")
    top_hashtags: list[str] = Field(default_factory=list)
    formats: list[str] = Field(default_factory=list)
    last_post_at: str | None = None


# Categories a classifier alone may not exclude a creator for: on real captions its hate
# readings were mostly false (pro-women and Women's Day posts, "refugees welcome"), and a
# silent exclusion cannot be checked. Such a creator stays findable; vetting warns with the
# quoted post. A slur, a listed term or the group + derogation rule still excludes.
REVIEW_ONLY_CLASSIFIER_CATEGORIES = frozenset({"hate"})


def review_only(features: CreatorFeatures, category: str) -> bool:
    """Whether every hit of `category` is a classifier's reading of the creator's caption."""
    if category not in REVIEW_ONLY_CLASSIFIER_CATEGORIES or features.safety_post_hits is None:
        return False
    hits = [h for pid in features.safety_hits.get(category, ())
            for h in (features.safety_post_hits.get(pid) or ()) if h.category == category]
    return bool(hits) and all(h.term == CLASSIFIER_TERM for h in hits)


def excluding_safety(features: CreatorFeatures) -> list[str]:
    """The categories that keep this creator out of a brief excluding them (index payload)."""
    return sorted(c for c in features.safety_hits if not review_only(features, c))


def compute_features(creator: Creator, now: datetime) -> CreatorFeatures:
    """All ingest-time features of one creator; pure, cheap (microseconds), no guessing.

    `now` anchors recency (days since the last post). Numbers the data cannot support
    are None; every engagement rate and price names its method.
    """
    posts = creator.posts
    texts = [post_text(p) for p in posts]  # tokenise each caption/comment once
    er_median, er_mean, er_method, used = engagement(creator.platform, creator.followers, posts)
    per_week, days_since, last_at = cadence(posts, now)
    spons = sponsorship(posts, texts)
    cq = comment_quality(posts, texts)
    max_gain, spike = growth(creator.follower_history)
    tier = tier_for(creator.platform, creator.followers)

    formats = [p.format.lower() for p in posts if p.format]
    if creator.rate_card is not None:
        low, high, currency, method = rate_card_price(creator.rate_card)
        price = PriceEstimate.model_construct(low=low, high=high, currency=currency, method=method)
    else:
        low, high, method = benchmark_price(creator.platform, tier, is_video_heavy(formats))
        price = PriceEstimate.model_construct(low=low, high=high, currency="USD", method=method)

    tags = Counter(t.casefold() for p in posts for t in p.hashtags)
    model_hits = classifier_hits(posts, texts)  # once: the flags and the kept hits both use them
    flagged = safety_hits(posts, texts, model_hits)
    # Every value below is built by this module with the declared types, so validation
    # is skipped (model_construct): it would cost more than the features themselves.
    # tests/retrieval/test_features.py re-validates the output.
    return CreatorFeatures.model_construct(
        tier=tier,
        engagement=EngagementRate.model_construct(median=er_median, mean=er_mean, method=er_method, posts_used=used),
        posts_per_week=per_week,
        days_since_last_post=days_since,
        sponsored_share=spons.sponsored_share,
        sponsored_posts=spons.sponsored_posts,
        disclosure_rate=spons.disclosure_rate,
        undisclosed_sponsored_post_ids=spons.undisclosed_ids,
        sponsored_post_ids=spons.sponsored_ids,
        likes_per_comment=cq.likes_per_comment,
        generic_comment_share=cq.generic_share,
        repeated_commenter_share=cq.repeated_share,
        comments_sampled=cq.sampled,
        max_daily_growth=max_gain,
        growth_spike=spike,
        max_growth_jump=max_jump(creator.follower_history),
        following_ratio=following_ratio(creator.following, creator.followers),
        price=price,
        languages_detected=detect_languages([creator.bio, *(t.post.text for t in texts if t.post.text)]),
        safety_hits=flagged,
        safety_post_hits={pid: _kept(hits) for pid, hits in flagged_post_hits(posts, texts, flagged, model_hits).items()},
        brands=spons.brands,
        top_hashtags=[t for t, _ in tags.most_common(10)],
        formats=[f for f, _ in Counter(formats).most_common()],
        last_post_at=last_at,
    )


def _kept(hits) -> list[SafetyHit]:  # noqa: ANN001 - safety_lexicon.Hit
    return [SafetyHit.model_construct(category=h.category, term=h.term, field=h.field, severity=h.severity,
                                      score=h.score) for h in hits]


def with_post_hits(creator: Creator, features: CreatorFeatures) -> CreatorFeatures:
    """Features stored before ingest kept each flagged post's hits, completed: the flagged
    posts are scanned when the creator is read from the store (and kept with the parsed
    creator), not by the brand-safety check of every brief that meets them. Measured on a
    20k demo dir built before that: about half of a first-seen brief's vetting CPU."""
    if features.safety_post_hits is not None or not features.safety_hits:
        return features
    wanted = {pid for ids in features.safety_hits.values() for pid in ids}
    hits = {pid: _kept(post_hits(post)) for i, post in enumerate(creator.posts) if (pid := post.id or f"#{i}") in wanted}
    return features.model_copy(update={"safety_post_hits": hits})
