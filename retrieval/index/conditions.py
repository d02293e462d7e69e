"""Backend-neutral filter conditions derived from an IndexFilter.

Both backends translate the same list, so a hard constraint means the same thing on
Qdrant Edge and on a Qdrant server.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from retrieval.index.base import IndexFilter

# Payload fields that get an index, with their type. Every filterable field is indexed.
PAYLOAD_INDEXES: dict[str, Literal["keyword", "integer", "float"]] = {
    "key": "keyword",
    "platform": "keyword",
    "handle_lc": "keyword",
    "followers": "integer",
    "tier": "keyword",
    "country": "keyword",
    "city_keys": "keyword",
    "languages": "keyword",
    "audience_countries": "keyword",
    "audience_gender": "keyword",
    "er": "float",
    "price_low_usd": "float",
    "formats": "keyword",
    "safety": "keyword",
    "brands": "keyword",
    "categories": "keyword",
}


@dataclass(frozen=True)
class AnyOf:
    key: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class Range:
    key: str
    gte: float | None = None
    lte: float | None = None


@dataclass(frozen=True)
class NoneOf:
    key: str
    values: tuple[str, ...]


Condition = AnyOf | Range | NoneOf


def conditions_for(flt: IndexFilter) -> list[Condition]:
    out: list[Condition] = []
    for key, values in (
        ("platform", flt.platforms),
        ("country", flt.countries),
        ("city_keys", flt.city_keys),
        ("audience_countries", flt.audience_countries),
        ("languages", flt.languages),
        ("formats", flt.formats),
    ):
        if values:
            out.append(AnyOf(key, tuple(values)))
    if flt.audience_gender:
        out.append(AnyOf("audience_gender", (flt.audience_gender,)))
    if flt.followers_min is not None or flt.followers_max is not None:
        out.append(Range("followers", flt.followers_min, flt.followers_max))
    if flt.min_engagement_rate is not None:
        out.append(Range("er", gte=flt.min_engagement_rate))
    if flt.max_price_low is not None:
        out.append(Range("price_low_usd", lte=flt.max_price_low))
    if flt.exclude_countries:
        out.append(NoneOf("country", tuple(flt.exclude_countries)))
    if flt.exclude_safety:
        out.append(NoneOf("safety", tuple(flt.exclude_safety)))
    if flt.exclude_brands:
        out.append(NoneOf("brands", tuple(b.lower().replace(" ", "") for b in flt.exclude_brands)))
    if flt.exclude_keys:
        out.append(NoneOf("key", tuple(flt.exclude_keys)))
    if flt.exclude_handles:
        out.append(NoneOf("handle_lc", tuple(h.lower().lstrip("@") for h in flt.exclude_handles)))
    return out
