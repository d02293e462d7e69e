"""A creator's profile as the workspace page's panel shows it (issue 12).

Everything here is read from the stored creator and its ingest features: follower history,
engagement per post by the creator's own ER method (sponsored posts flagged), the reported
audience split, recent posts, the price estimate with its method, and every vetting check
run without a brief (audience fit needs a brief's audience, so it is left out and said so).
"""

from __future__ import annotations

import re
from datetime import date, datetime

from babel import Locale
from pydantic import BaseModel, Field

from agents.explain import PROFILE_URL
from agents.shortlist import VettingResult
from agents.tools.vetting import VETTING_TOOLS, VettingInput
from retrieval.features import CreatorFeatures, EngagementRate, PriceEstimate
from retrieval.schema import Audience, Creator
from retrieval.signals.engagement import post_rate

BRIEF_ONLY_CHECKS = ("audience_fit", "excluded_content")

EXCERPT = 220
_ENGLISH = Locale("en")
_PLATFORM_NAMES = {"tiktok": "TikTok", "youtube": "YouTube", "x": "X", "linkedin": "LinkedIn"}


class HistoryPoint(BaseModel):
    date: date
    followers: int


class PostPoint(BaseModel):
    id: str | None
    url: str | None
    created_at: datetime | None
    format: str | None
    text: str | None = Field(description=f"The caption's first {EXCERPT} characters, verbatim")
    likes: int | None
    comments: int | None
    views: int | None
    engagement_rate: float | None = Field(description="This post's rate by the creator's ER method (a fraction)")
    sponsored: bool


class CreatorProfile(BaseModel):
    platform: str
    handle: str
    display_name: str | None
    url: str | None
    bio: str | None
    followers: int
    following: int | None
    verified: bool | None
    country: str | None
    country_name: str | None
    city: str | None
    languages: list[str]
    categories: list[str]
    tier: str | None
    engagement: EngagementRate
    posts_per_week: float | None
    last_post_at: str | None
    sponsored_share: float | None
    follower_history: list[HistoryPoint] = Field(description="Oldest first")
    posts: list[PostPoint] = Field(description="Newest first (posts without a date last); engagement per post")
    audience: Audience | None
    price: PriceEstimate | None
    vetting: list[VettingResult] = Field(description="Every check but audience fit, run without a brief")
    vetting_note: str
    similar_brief: str = Field(description="A brief for creators like this one, for 'find similar'")


def _country_name(code: str | None) -> str | None:
    return _ENGLISH.territories.get(code) if code else None


def _plain(text: str) -> str:
    return re.sub(r"[\W_]+", "", text).casefold()


def similar_brief(creator: Creator, features: CreatorFeatures) -> str:
    """Plain words the brief parser reads: the platform, tier, topics and country of this
    creator, and the creator itself excluded."""
    platform = _PLATFORM_NAMES.get(creator.platform, creator.platform.capitalize())
    own = _plain(creator.handle)  # a creator's own tag (#olivia_arrandbeyond_co) says nothing of the topic
    topics = [t for t in features.top_hashtags if own not in _plain(t)][:3] or [c.lower() for c in creator.categories[:2]]
    parts = [f"{features.tier} " if features.tier else "", f"{platform} creators"]
    if topics:
        parts.append(f" about {', '.join(topics)}")
    country = _country_name(creator.country)
    if country:
        parts.append(f" in {country}")
    # "not @handle": the parser excludes the creator itself, so the list is of others like them.
    parts.append(f", not @{creator.handle}")
    return "".join(parts)


def build_profile(creator: Creator, features: CreatorFeatures) -> CreatorProfile:
    sponsored_ids = set(features.sponsored_post_ids)
    method = features.engagement.method
    posts = []
    for index, p in enumerate(creator.posts):
        rate = post_rate(p, method, creator.followers) if method else None
        posts.append(PostPoint(
            id=p.id, url=p.url, created_at=p.created_at, format=p.format,
            text=(p.text or "")[:EXCERPT] or None, likes=p.likes, comments=p.comments, views=p.views,
            engagement_rate=rate, sponsored=bool(p.sponsored) or (p.id or f"#{index}") in sponsored_ids))
    posts.sort(key=lambda p: (p.created_at is not None, p.created_at or datetime.min), reverse=True)
    inp = VettingInput(creator=creator, features=features)
    # Without a brief there is no audience to fit and no content excluded.
    vetting = [tool(inp) for name, tool in VETTING_TOOLS.items() if name not in BRIEF_ONLY_CHECKS]
    template = PROFILE_URL.get(creator.platform)
    return CreatorProfile(
        platform=creator.platform, handle=creator.handle, display_name=creator.display_name,
        url=template.format(h=creator.handle) if template else None, bio=creator.bio,
        followers=creator.followers, following=creator.following, verified=creator.verified,
        country=creator.country, country_name=_country_name(creator.country), city=creator.city,
        languages=creator.languages, categories=creator.categories, tier=features.tier,
        engagement=features.engagement, posts_per_week=features.posts_per_week,
        last_post_at=features.last_post_at, sponsored_share=features.sponsored_share,
        follower_history=sorted((HistoryPoint(date=h.date, followers=h.followers) for h in creator.follower_history),
                                key=lambda h: h.date),
        posts=posts, audience=creator.audience, price=features.price, vetting=vetting,
        vetting_note="Checked without a brief: audience fit and competitor conflicts depend on a brief's "
                     "audience and brands, so they are judged on the shortlist's cards.",
        similar_brief=similar_brief(creator, features),
    )
