"""Sponsored saturation by tier (DESIGN 6).

DESIGN 6: acceptable sponsored share over 3 months: micro 5–15 %, mid 10–20 %, macro
15–25 %, mega 20–35 % (nano uses micro); a healthy ratio is about one partnership per
8–10 organic posts; sponsored ER under half of organic ER is a red flag.

Verdict: above the band's upper bound warn, above 2x the upper bound fail; sponsored ER
< 0.5x organic ER (medians, same method, >= 2 posts each) adds a warning. Fewer than 5
posts is insufficient data.
"""

from __future__ import annotations

from statistics import median

from agents.shortlist import Evidence, VettingResult
from agents.tools.vetting.base import VettingInput, metric, pct, result
from agents.tools.vetting.benchmarks import SATURATION_BANDS
from retrieval.signals.engagement import method_for, post_rate

TOOL = "sponsored_saturation"
MIN_POSTS = 5


def sponsored_vs_organic_er(inp: VettingInput) -> tuple[float | None, float | None, str]:
    """(median sponsored ER, median organic ER, method); None where < 2 posts measured."""
    c = inp.creator
    method = method_for(c.platform, c.posts)
    sponsored_ids = set(inp.features.sponsored_post_ids)
    spons: list[float] = []
    organic: list[float] = []
    for i, p in enumerate(c.posts):
        rate = post_rate(p, method, c.followers)
        if rate is not None:
            (spons if (p.id or f"#{i}") in sponsored_ids else organic).append(rate)
    return (median(spons) if len(spons) >= 2 else None, median(organic) if len(organic) >= 2 else None, method)


def check_sponsored_saturation(inp: VettingInput) -> VettingResult:
    f = inp.features
    n = len(inp.creator.posts)
    share = f.sponsored_share
    tier = f.tier or "nano"
    low, high = SATURATION_BANDS[tier]
    evidence: list[Evidence] = []
    if share is None or n < MIN_POSTS:
        return result(TOOL, "insufficient_data", 0.3,
                      f"Only {n} posts stored; at least {MIN_POSTS} are needed to judge sponsored share.")
    evidence.append(metric("sponsored_share", share,
                           f"sponsored (flag, sponsors or disclosure) / {n} recent posts vs DESIGN 6 {tier} band {pct(low, 0)}–{pct(high, 0)}"))
    s_er, o_er, method = sponsored_vs_organic_er(inp)
    er_flag = s_er is not None and o_er is not None and o_er > 0 and s_er < 0.5 * o_er
    if s_er is not None and o_er is not None:
        evidence.append(metric("sponsored_er_median", s_er, method))
        evidence.append(metric("organic_er_median", o_er, method))

    head = f"{f.sponsored_posts} of {n} posts sponsored ({pct(share, 0)}) vs the {tier} band {pct(low, 0)}–{pct(high, 0)}"
    er_note = f"; sponsored ER {pct(s_er, 2)} is under half of organic {pct(o_er, 2)}" if er_flag else ""
    confidence = min(0.9, 0.4 + 0.03 * n)
    if share > 2 * high:
        return result(TOOL, "fail", confidence, f"Over-sponsored: {head}, more than twice the upper bound{er_note}.", evidence)
    if share > high or er_flag:
        return result(TOOL, "warn", confidence * 0.9, f"{head}{' (above the band)' if share > high else ''}{er_note}.", evidence)
    return result(TOOL, "pass", confidence, f"{head}: within or below the band.", evidence)
