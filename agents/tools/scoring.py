"""Scoring: named components in [0, 1], weights visible and settable.

A hard fail rejects a creator outright; a warning lowers the component it belongs to.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from agents.criteria import CampaignCriteria
from agents.money import money_usd
from agents.shortlist import VettingResult
from retrieval.features import CreatorFeatures
from retrieval.signals.tiers import tier_for

# Verdict -> component value. Insufficient data is neutral-ish: unknown is not bad,
# but a creator with verified good signals should outrank one we know nothing about.
VERDICT_VALUE = {"pass": 1.0, "warn": 0.5, "insufficient_data": 0.7, "fail": 0.0}

# A fail from any of these rejects (DESIGN 2: hard fails reject, warnings lower the
# score). Audience fit is judged separately: it rejects only when the brief made an
# audience constraint hard.
REJECTING_TOOLS = ("authenticity", "brand_safety", "competitor_conflict", "excluded_content", "sponsored_saturation",
                   "disclosure", "activity")

# Typical engagement per tier (DESIGN 6 untapper bands, midpoints): Instagram per follower,
# TikTok per view. At the band midpoint a creator scores 0.67, at twice it 0.86.
ER_MIDPOINT = {
    "per_view": {"nano": 0.08, "micro": 0.055, "mid": 0.04, "macro": 0.0275, "mega": 0.015},
    "per_follower": {"nano": 0.04, "micro": 0.0275, "mid": 0.02, "macro": 0.014, "mega": 0.0095},
}


class ScoringWeights(BaseModel):
    """Relevance leads: vetting already rejected the clear failures, so the remaining
    quality signals refine the order rather than outvote the topic match."""

    relevance: float = Field(0.50, ge=0)
    audience_fit: float = Field(0.10, ge=0)
    engagement_quality: float = Field(0.12, ge=0)
    authenticity: float = Field(0.12, ge=0)
    brand_safety: float = Field(0.06, ge=0)
    cost_efficiency: float = Field(0.05, ge=0)
    activity: float = Field(0.05, ge=0)

    def normalised(self) -> dict[str, float]:
        values = self.model_dump()
        total = sum(values.values()) or 1.0
        return {k: round(v / total, 4) for k, v in values.items()}


class Scored(BaseModel):
    key: str
    score: float
    components: dict[str, float]
    rejected_reason: str | None = None


def engagement_component(features: CreatorFeatures, platform: str, followers: int) -> float:
    er = features.engagement.median
    if er is None:
        return 0.5
    per_view = bool(features.engagement.method and "views" in features.engagement.method)
    basis = ER_MIDPOINT["per_view" if per_view else "per_follower"]
    tier = features.tier or tier_for(platform, followers) or "nano"
    ratio = er / basis.get(tier, basis["micro"])
    # Saturating: far above the band says more about fraud than quality (the
    # authenticity tool judges that), so it earns little more here.
    return max(0.0, min(1.0, 1.2 * ratio / (ratio + 0.8)))


def price_cap_usd(criteria: CampaignCriteria) -> float | None:
    """What one creator may cost: the per-post cap, else the budget split over the count."""
    cap = money_usd(criteria.max_price_per_post)
    if cap is None and criteria.budget is not None:
        budget = money_usd(criteria.budget)
        cap = budget / (criteria.creators_count or 20) if budget else None
    return cap


def cost_component(features: CreatorFeatures, criteria: CampaignCriteria) -> float:
    price = features.price
    if price is None or price.currency != "USD":
        return 0.5
    cap = price_cap_usd(criteria)
    if not cap:
        return 0.6
    mid = (price.low + price.high) / 2
    if mid <= cap:
        return 1.0 - 0.4 * (mid / cap)  # cheaper within budget is better, never below 0.6
    return max(0.0, 0.6 - (mid - cap) / cap)


def _verdict(results: dict[str, VettingResult], tool: str) -> float:
    result = results.get(tool)
    return VERDICT_VALUE[result.verdict] if result else VERDICT_VALUE["insufficient_data"]


def rejection(vetting: list[VettingResult], criteria: CampaignCriteria) -> str | None:
    results = {v.tool: v for v in vetting}
    for tool in REJECTING_TOOLS:
        result = results.get(tool)
        if result and result.verdict == "fail":
            return f"{tool}: {result.summary}"
    audience = results.get("audience_fit")
    audience_is_hard = any(f in criteria.hard for f in ("audience_countries", "audience_gender"))
    if audience and audience.verdict == "fail" and audience_is_hard:
        return f"audience_fit: {audience.summary}"
    return None


def score_creator(
    key: str,
    relevance: float,
    features: CreatorFeatures,
    platform: str,
    followers: int,
    vetting: list[VettingResult],
    criteria: CampaignCriteria,
    weights: ScoringWeights,
) -> Scored:
    reason = rejection(vetting, criteria)
    if reason:
        return Scored(key=key, score=0.0, components={}, rejected_reason=reason)
    results = {v.tool: v for v in vetting}
    components = {
        "relevance": max(0.0, min(1.0, relevance)),
        "audience_fit": _verdict(results, "audience_fit"),
        "engagement_quality": engagement_component(features, platform, followers),
        "authenticity": _verdict(results, "authenticity"),
        "brand_safety": min(_verdict(results, "brand_safety"), _verdict(results, "competitor_conflict"),
                            _verdict(results, "excluded_content")),
        "cost_efficiency": cost_component(features, criteria),
        "activity": min(_verdict(results, "activity"), _verdict(results, "sponsored_saturation"),
                        _verdict(results, "disclosure")),
    }
    w = weights.normalised()
    score = sum(w[name] * value for name, value in components.items())
    return Scored(key=key, score=round(score, 4), components={k: round(v, 3) for k, v in components.items()})


def score_ceiling(relevance: float, weights: ScoringWeights) -> float:
    """The most score_creator can give a creator of this relevance before vetting: every
    other component is at most 1. Lets selection settle the head of a list while the
    rest is still being vetted. The margin covers the score's rounding."""
    w = weights.normalised()
    others = sum(v for name, v in w.items() if name != "relevance")
    return w["relevance"] * max(0.0, min(1.0, relevance)) + others + 1e-4
