"""Contradictions the brief contains, reported in words (DESIGN: never silently resolved).

Each check is a pure function returning sentences; assemble.py decides what to keep in
the criteria so they stay valid, and says so in the same sentence.
"""

from __future__ import annotations

import re

from agents.parsing.safety import CATEGORY_TERMS
from agents.parsing.text import fmt_count, fmt_money

# DESIGN 6, price per post in USD: the lower end of each published band.
PRICE_FLOOR_USD: dict[tuple[str, str], float] = {
    ("instagram", "nano"): 10, ("instagram", "micro"): 100, ("instagram", "mid"): 500,
    ("instagram", "macro"): 5_000, ("instagram", "mega"): 10_000,
    ("tiktok", "nano"): 5, ("tiktok", "micro"): 25, ("tiktok", "mid"): 125,
    ("youtube", "nano"): 20, ("youtube", "micro"): 200, ("youtube", "mid"): 1_000, ("youtube", "macro"): 10_000,
}
# A budget that leaves each creator less than a tenth of the per-post cap is not a
# budget for those creators at those prices: an obvious mismatch, not a fine point.
CAP_SHORTFALL = 0.1
_TERM_RE = {cat: re.compile(r"\b(?:" + "|".join(alts) + r")\b", re.IGNORECASE) for cat, alts in CATEGORY_TERMS.items()}


def tier_conflict(tiers: list[str], t_lo: int, t_hi: int | None, f_lo: int | None, f_hi: int | None) -> str | None:
    """Explicit follower numbers that cannot fall inside the named tiers."""
    if f_lo is not None and t_hi is not None and f_lo > t_hi:
        said = f"at least {fmt_count(f_lo)} followers"
    elif f_hi is not None and f_hi < t_lo:
        said = f"at most {fmt_count(f_hi)} followers"
    else:
        return None
    span = f"{fmt_count(t_lo)}+" if t_hi is None else f"{fmt_count(t_lo)}–{fmt_count(t_hi)}"
    names = " and ".join(f"'{t}'" for t in tiers)
    return (f"{names} creators have {span} followers, but the brief also asks for {said}; "
            "kept the explicit numbers")


def budget_conflicts(budget: tuple[float, str] | None, cap: tuple[float, str] | None, count: int | None,
                     platforms: list[str], tiers: list[str]) -> list[str]:
    out: list[str] = []
    if budget and cap and budget[1] == cap[1] and cap[0] > budget[0]:
        out.append(f"the price cap per post ({fmt_money(*cap)}) is above the whole budget "
                   f"({fmt_money(*budget)})")
    if not budget or not count:
        return out
    per = budget[0] / count
    if cap and budget[1] == cap[1] and per < cap[0] * CAP_SHORTFALL:
        out.append(f"a budget of {fmt_money(budget[0], budget[1])} for {count} creators is "
                   f"{fmt_money(per, budget[1])} per creator, far below the {fmt_money(cap[0], cap[1])} cap per "
                   "post: the budget, the count or the cap is off")
        return out
    if budget[1] == "USD":
        floor = price_floor(platforms, tiers)
        if floor is not None and per < floor[0]:
            out.append(f"a budget of {fmt_money(budget[0], 'USD')} for {count} creators is "
                       f"{fmt_money(per, 'USD')} per creator, below the lowest published price per post "
                       f"({fmt_money(floor[0], 'USD')}, {floor[1]})")
    return out


def price_floor(platforms: list[str], tiers: list[str]) -> tuple[float, str] | None:
    """Cheapest published price per post over the named platforms and tiers (DESIGN 6)."""
    plats = platforms or ["instagram", "tiktok", "youtube"]
    tiers = tiers or ["nano"]
    known = [(PRICE_FLOOR_USD[(p, t)], f"{p} {t}") for p in plats for t in tiers if (p, t) in PRICE_FLOOR_USD]
    return min(known) if known else None


def safety_topic_conflicts(exclude_topics: list[str], topics: list[str]) -> list[str]:
    out = []
    for cat in exclude_topics:
        for topic in topics:
            if _TERM_RE[cat].search(topic):
                out.append(f"the topic '{topic}' falls under the excluded category '{cat}'")
    return out
