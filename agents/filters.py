"""From criteria to index filters: hard constraints go into the index, never post-filters."""

from __future__ import annotations

from agents.criteria import CampaignCriteria
from agents.money import to_usd
from retrieval.cities import brief_city_keys
from retrieval.index.base import IndexFilter


def index_filter(criteria: CampaignCriteria, extra_exclude_keys: list[str] | None = None) -> IndexFilter:
    """Hard constraints become index filters; soft ones only influence the score.

    Exclusions (brand safety, competitor brands, handles, countries) are always applied in the index:
    a marketer who says "no alcohol" never wants to see a creator with alcohol posts.
    """
    hard = set(criteria.hard)

    def take(field: str):
        return getattr(criteria, field) if field in hard else None

    max_price = None
    if "max_price_per_post" in hard and criteria.max_price_per_post is not None:
        max_price = to_usd(criteria.max_price_per_post.amount, criteria.max_price_per_post.currency)
    cities = take("creator_cities") or []
    return IndexFilter(
        platforms=take("platforms") or [],
        followers_min=take("followers_min"),
        followers_max=take("followers_max"),
        countries=take("creator_countries") or [],
        # Where not to be based is an exclusion, applied like "no alcohol"; a city, like a country, when hard.
        exclude_countries=list(criteria.exclude_countries),
        city_keys=brief_city_keys(cities, criteria.creator_countries),
        audience_countries=take("audience_countries") or [],
        languages=take("languages") or [],
        audience_gender=take("audience_gender"),
        min_engagement_rate=take("min_engagement_rate"),
        max_price_low=max_price,
        formats=take("formats") or [],
        exclude_safety=list(criteria.exclude_topics),
        exclude_brands=list(criteria.exclude_brands),
        exclude_handles=list(criteria.exclude_handles),
        exclude_keys=list(extra_exclude_keys or []),
    )
