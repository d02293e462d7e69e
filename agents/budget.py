"""What a brief's budget can buy, said with numbers when it cannot buy what the brief asks.

Three cases (issue 12), each stated in the brief's currency with the conversion named:
- the brief asks for a reach (tiers or a follower minimum) whose published price per post
  (retrieval.signals.pricing, DESIGN 6) is above the budget per creator;
- the brief asks for reach in words ("big reach", "large audience") without a number: the
  list's total reach and what a mid-tier post costs are stated;
- the budget cannot buy the number of creators asked even at the cheapest vetted prices.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from agents.criteria import CampaignCriteria
from agents.money import from_usd, money_usd
from agents.parsing.text import fmt_money
from retrieval.signals.pricing import FX_TO_USD, benchmark_price
from retrieval.signals.tiers import TIER_ORDER, tier_for

# Reach asked in words: the parser has no field for it, so the words are read here.
REACH_WORDS = re.compile(
    r"\b(?:big|large|huge|wide|broad|massive|maximum|max|high|lots of|great)\s+(?:reach|audiences?|exposure|visibility)\b"
    r"|\breach\s+(?:as many|millions|a lot)\b|\bviral\b|\bfamous\b|\bbig names?\b", re.IGNORECASE)
DEFAULT_PLATFORM = "instagram"  # the band other platforms extrapolate from (pricing.py)


@dataclass(frozen=True)
class Pick:
    """One selected creator as the budget sees it."""

    platform: str
    followers: int
    price_low_usd: float | None


def _count(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f}M"
    return f"{n / 1_000:.0f}k" if n >= 10_000 else f"{n:,}"


def _money(amount_usd: float, currency: str) -> str:
    """An amount in the brief's currency (the approximate FX table's rate)."""
    value = from_usd(amount_usd, currency) if currency != "USD" else amount_usd
    if value is None:
        value, currency = amount_usd, "USD"
    return fmt_money(round(value), currency)


def _fx_note(currency: str) -> str:
    if currency == "USD" or currency not in FX_TO_USD:
        return ""
    return f" (at 1 {currency} ≈ {FX_TO_USD[currency]:g} USD, approximate)"


def _asked_tier(criteria: CampaignCriteria, platform: str) -> str | None:
    """The smallest tier the brief's reach constraint allows on `platform`."""
    tiers = [t for t in criteria.tiers if t in TIER_ORDER]
    if tiers:
        return min(tiers, key=TIER_ORDER.index)
    if criteria.followers_min:
        return tier_for(platform, criteria.followers_min)
    return None


def _cheapest_band(criteria: CampaignCriteria) -> tuple[str, str, float, float] | None:
    """(platform, tier, low, high) USD: the cheapest published band that meets the reach asked."""
    best = None
    for platform in criteria.platforms or [DEFAULT_PLATFORM]:
        tier = _asked_tier(criteria, platform)
        if tier is None or tier == "nano":
            continue
        low, high, _ = benchmark_price(platform, tier, video=False)
        if best is None or low < best[2]:
            best = (platform, tier, low, high)
    return best


def budget_warnings(criteria: CampaignCriteria, brief: str, count: int, picks: Sequence[Pick],
                    cheapest_lows_usd: Sequence[float]) -> list[str]:
    """Warnings for a budget that cannot buy the reach or the count asked (empty when it can).
    `cheapest_lows_usd`: the lowest price estimates (USD) of every vetted creator."""
    budget = criteria.budget
    budget_usd = money_usd(budget)
    if budget is None or budget_usd is None or count <= 0:
        return []
    cur = budget.currency.upper()
    per = budget_usd / count
    head = f"The budget of {_money(budget_usd, cur)} for {count} creator{'s' if count != 1 else ''} is about " \
           f"{_money(per, cur)} per creator{_fx_note(cur)}"
    out: list[str] = []

    band = _cheapest_band(criteria)
    if band is not None and per < band[2]:
        platform, tier, low, high = band
        affordable = int(budget_usd // low)
        out.append(f"{head}, but {tier} creators on {platform.capitalize()} cost about {_money(low, cur)}–"
                   f"{_money(high, cur)} per post (published benchmark). "
                   + (f"It buys about {affordable} such post{'s' if affordable != 1 else ''}" if affordable
                      else "It does not buy a single such post")
                   + f": raise it to at least {_money(low * count, cur)}, ask for "
                   f"fewer creators, or accept smaller ones.")
    elif band is None and REACH_WORDS.search(brief or "") and picks:
        reach = sum(p.followers for p in picks)
        largest = max(p.followers for p in picks)
        platform = (criteria.platforms or [DEFAULT_PLATFORM])[0]
        mid_low, mid_high, _ = benchmark_price(platform, "mid", video=False)
        if per < mid_low:
            out.append(f"{head}: that buys small creators, not big reach. This list reaches {_count(reach)} "
                       f"followers in total (largest {_count(largest)}); a mid-tier creator (100k+ followers) on "
                       f"{platform.capitalize()} costs about {_money(mid_low, cur)}–{_money(mid_high, cur)} per post "
                       f"(published benchmark).")

    lows = sorted(x for x in cheapest_lows_usd if x is not None)
    if len(picks) < count and len(lows) >= count:
        need = sum(lows[:count])
        if need > budget_usd:
            spent, affordable = 0.0, 0
            for low in lows:
                if spent + low > budget_usd:
                    break
                spent, affordable = spent + low, affordable + 1
            out.append(f"The budget of {_money(budget_usd, cur)} buys about {affordable} of the {count} creators "
                       f"asked: the {count} cheapest vetted creators cost at least {_money(need, cur)} together "
                       f"at their lowest estimated prices{_fx_note(cur)}"
                       + (f"; this list holds the {len(picks)} best-scored that fit." if len(picks) < affordable else "."))
    return out
