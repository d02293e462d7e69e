"""When fewer creators match than were asked for: which constraint to loosen, and how
many more relevant creators each change would let in, counted in the index.

Counts are creators whose whole content profile clears the calibrated profile bar
(retrieval/calibration.py): cheap enough to count for every variant, and a lower bound
on those with on-topic posts."""

from __future__ import annotations

from itertools import combinations
from typing import Callable

from agents.followup.locale_names import field_labels
from agents.shortlist import Relaxation
from retrieval.index.base import CreatorIndex, IndexFilter

COUNT_CAP = 500


def _variants(flt: IndexFilter) -> list[tuple[str, str, Callable[[IndexFilter], IndexFilter]]]:
    out: list[tuple[str, str, Callable[[IndexFilter], IndexFilter]]] = []
    if flt.platforms:
        out.append(("platforms", "search every platform, not only " + field_labels("platforms", flt.platforms),
                    lambda f: f.model_copy(update={"platforms": []})))
    if flt.followers_min is not None or flt.followers_max is not None:
        lo = flt.followers_min // 2 if flt.followers_min else flt.followers_min
        hi = flt.followers_max * 2 if flt.followers_max else flt.followers_max
        span = f"{lo or 0:,}–{hi:,}" if hi else f"{lo:,}+"
        out.append(("followers", f"widen the follower range to {span}",
                    lambda f: f.model_copy(update={"followers_min": lo, "followers_max": hi})))
    if flt.countries:
        out.append(("creator_countries", "include creators based outside " + field_labels("countries", flt.countries),
                    lambda f: f.model_copy(update={"countries": []})))
    if flt.city_keys:
        cities = ", ".join(k.removeprefix("name:").title() for k in flt.city_keys if k.startswith("name:"))
        out.append(("creator_cities", f"include creators based outside {cities}",
                    lambda f: f.model_copy(update={"city_keys": []})))
    if flt.audience_countries:
        out.append(("audience_countries", "drop the audience-country requirement (" + field_labels("countries", flt.audience_countries) + ")",
                    lambda f: f.model_copy(update={"audience_countries": []})))
    if flt.languages:
        out.append(("languages", "accept any content language, not only " + field_labels("languages", flt.languages),
                    lambda f: f.model_copy(update={"languages": []})))
    if flt.min_engagement_rate is not None:
        half = flt.min_engagement_rate / 2
        out.append(("min_engagement_rate", f"lower the engagement floor to {half:.1%}",
                    lambda f: f.model_copy(update={"min_engagement_rate": half})))
    if flt.max_price_low is not None:
        double = flt.max_price_low * 2
        out.append(("max_price_per_post", f"raise the price cap to ${double:,.0f} per post",
                    lambda f: f.model_copy(update={"max_price_low": double})))
    if flt.formats:
        out.append(("formats", "accept any format, not only " + ", ".join(flt.formats),
                    lambda f: f.model_copy(update={"formats": []})))
    if flt.audience_gender:
        out.append(("audience_gender", f"drop the majority-{flt.audience_gender} audience requirement",
                    lambda f: f.model_copy(update={"audience_gender": None})))
    return out


def on_topic_count(index: CreatorIndex, vector: list[float] | None, flt: IndexFilter, min_score: float) -> int:
    if vector is None:
        return min(index.count(flt), COUNT_CAP)
    hits = index.search(vector, None, flt, COUNT_CAP, mode="dense", min_score=min_score)
    return len(hits)


def suggest_relaxations(index: CreatorIndex, vector: list[float] | None, flt: IndexFilter,
                        min_score: float) -> list[Relaxation]:
    """Single changes first; when none helps (several constraints block together), pairs."""
    base = on_topic_count(index, vector, flt, min_score)
    variants = _variants(flt)
    out: list[Relaxation] = []
    for field, suggestion, change in variants:
        adds = on_topic_count(index, vector, change(flt), min_score) - base
        if adds > 0:
            out.append(Relaxation(field=field, suggestion=suggestion, adds=adds))
    if not out:
        for (f1, s1, c1), (f2, s2, c2) in combinations(variants, 2):
            adds = on_topic_count(index, vector, c2(c1(flt)), min_score) - base
            if adds > 0:
                out.append(Relaxation(field=f"{f1}+{f2}", suggestion=f"{s1} and {s2}", adds=adds))
    out.sort(key=lambda r: -r.adds)
    return out
