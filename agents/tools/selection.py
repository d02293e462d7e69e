"""Selection: fill the requested count within the budget, with variety, one person once."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Option:
    key: str
    score: float
    platform: str
    handle: str
    subtopic: str | None
    price_low_usd: float | None
    price_high_usd: float | None
    near_miss: bool = False  # no post shows the topic: listed only after every creator whose posts do


@dataclass
class Selection:
    chosen: list[Option]
    spend_low_usd: float
    spend_high_usd: float
    skipped: dict[str, str]  # key -> why it was passed over


def person_id(handle: str) -> str:
    """The same person often uses one handle across platforms, give or take punctuation."""
    return re.sub(r"[._\-]", "", handle.lower())


def select(
    ranked: list[Option],
    count: int,
    budget_usd: float | None = None,
    platforms: list[str] | None = None,
) -> Selection:
    """Greedy by score under three caps, relaxed in a second pass if the count is short:
    a sub-topic takes at most 40 % of the list and, when several platforms are asked for,
    one platform at most 70 %, so a list is not twenty near-copies of one niche."""
    ranked = sorted(ranked, key=lambda o: (o.near_miss, -o.score))
    subtopic_cap = max(2, math.ceil(count * 0.4))
    platform_cap = max(1, math.ceil(count * 0.7)) if platforms and len(platforms) > 1 else count
    chosen: list[Option] = []
    skipped: dict[str, str] = {}
    people: set[str] = set()
    spend_low = spend_high = 0.0

    def try_add(option: Option, capped: bool) -> bool:
        nonlocal spend_low, spend_high
        if person_id(option.handle) in people:
            skipped[option.key] = "the same person is already on the list"
            return False
        if budget_usd is not None and option.price_low_usd is not None and spend_low + option.price_low_usd > budget_usd:
            skipped[option.key] = f"over the remaining budget (from ${option.price_low_usd:,.0f} per post)"
            return False
        if capped:
            if option.subtopic and sum(c.subtopic == option.subtopic for c in chosen) >= subtopic_cap:
                skipped[option.key] = f"variety: enough '{option.subtopic}' creators already"
                return False
            if sum(c.platform == option.platform for c in chosen) >= platform_cap:
                skipped[option.key] = f"variety: enough {option.platform} creators already"
                return False
        chosen.append(option)
        people.add(person_id(option.handle))
        skipped.pop(option.key, None)
        spend_low += option.price_low_usd or 0.0
        spend_high += option.price_high_usd or 0.0
        return True

    for capped in (True, False):
        for option in ranked:
            if len(chosen) >= count:
                break
            if option in chosen:
                continue
            try_add(option, capped)
    chosen.sort(key=lambda o: (o.near_miss, -o.score))
    return Selection(chosen=chosen, spend_low_usd=spend_low, spend_high_usd=spend_high, skipped=skipped)
