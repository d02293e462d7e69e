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


def order(option: Option) -> tuple[bool, float]:
    """The order selection walks and lists in: every evidenced creator before any near miss."""
    return (option.near_miss, -option.score)


class _Filler:
    """Greedy filling under the caps: what select() and settled() share."""

    def __init__(self, count: int, budget_usd: float | None, platforms: list[str] | None) -> None:
        self.count = count
        self.budget_usd = budget_usd
        self.subtopic_cap = max(2, math.ceil(count * 0.4))
        self.platform_cap = max(1, math.ceil(count * 0.7)) if platforms and len(platforms) > 1 else count
        self.chosen: list[Option] = []
        self.skipped: dict[str, str] = {}
        self.people: set[str] = set()
        self.spend_low = self.spend_high = 0.0

    def full(self) -> bool:
        return len(self.chosen) >= self.count

    def try_add(self, option: Option, capped: bool) -> bool:
        if person_id(option.handle) in self.people:
            self.skipped[option.key] = "the same person is already on the list"
            return False
        if (self.budget_usd is not None and option.price_low_usd is not None
                and self.spend_low + option.price_low_usd > self.budget_usd):
            self.skipped[option.key] = f"over the remaining budget (from ${option.price_low_usd:,.0f} per post)"
            return False
        if capped:
            if option.subtopic and sum(c.subtopic == option.subtopic for c in self.chosen) >= self.subtopic_cap:
                self.skipped[option.key] = f"variety: enough '{option.subtopic}' creators already"
                return False
            if sum(c.platform == option.platform for c in self.chosen) >= self.platform_cap:
                self.skipped[option.key] = f"variety: enough {option.platform} creators already"
                return False
        self.chosen.append(option)
        self.people.add(person_id(option.handle))
        self.skipped.pop(option.key, None)
        self.spend_low += option.price_low_usd or 0.0
        self.spend_high += option.price_high_usd or 0.0
        return True

    def selection(self) -> Selection:
        chosen = sorted(self.chosen, key=order)
        return Selection(chosen=chosen, spend_low_usd=self.spend_low, spend_high_usd=self.spend_high,
                         skipped=self.skipped)


def select(
    ranked: list[Option],
    count: int,
    budget_usd: float | None = None,
    platforms: list[str] | None = None,
) -> Selection:
    """Greedy by score under three caps, relaxed in a second pass if the count is short:
    a sub-topic takes at most 40 % of the list and, when several platforms are asked for,
    one platform at most 70 %, so a list is not twenty near-copies of one niche."""
    ranked = sorted(ranked, key=order)
    filler = _Filler(count, budget_usd, platforms)
    for capped in (True, False):
        for option in ranked:
            if filler.full():
                break
            if option in filler.chosen:
                continue
            filler.try_add(option, capped)
    return filler.selection()


def settled(
    known: list[Option],
    frontier: tuple[bool, float] | None,
    count: int,
    budget_usd: float | None = None,
    platforms: list[str] | None = None,
) -> Selection:
    """The head of what select() will answer once every option is known, from the options
    known so far: `frontier` is the best `order` key any option still unknown can have
    (None: none is left, and this is select() itself).

    Why the head is final: select() walks options in `order`, and every option before the
    frontier is known, so its first-pass decisions on them are already the ones it will
    make. Each one it adds stays on the list. A person or budget skip stays a skip in the
    second pass (people and spend only grow); only a variety skip may be revisited there,
    so the head ends at the first one. An unknown option sorts after the whole head, so
    the head's ranks cannot change either."""
    if frontier is None:
        return select(known, count, budget_usd, platforms)
    filler = _Filler(count, budget_usd, platforms)
    for option in sorted(known, key=order):
        if filler.full() or not order(option) < frontier:
            break
        if not filler.try_add(option, capped=True) and filler.skipped[option.key].startswith("variety"):
            break
    return filler.selection()
