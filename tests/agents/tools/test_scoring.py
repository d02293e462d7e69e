from __future__ import annotations

from agents.criteria import CampaignCriteria
from agents.shortlist import VettingResult
from agents.tools.scoring import ScoringWeights, cost_component, engagement_component, price_cap_usd, score_creator
from retrieval.features import CreatorFeatures, EngagementRate, PriceEstimate


def verdict(tool, v):
    return VettingResult(tool=tool, verdict=v, confidence=0.9, summary=f"{tool} {v}")


def features(er=0.0275, method="(likes+comments)/followers", low=100.0, high=300.0, tier="micro"):
    return CreatorFeatures(tier=tier, engagement=EngagementRate(median=er, mean=er, method=method, posts_used=10),
                           price=PriceEstimate(low=low, high=high, currency="USD", method="tier_benchmark:instagram:micro"))


def test_weights_normalise_and_are_visible():
    w = ScoringWeights(relevance=2, audience_fit=0, engagement_quality=1, authenticity=1, brand_safety=0, cost_efficiency=0, activity=0).normalised()
    assert w == {"relevance": 0.5, "audience_fit": 0.0, "engagement_quality": 0.25, "authenticity": 0.25,
                 "brand_safety": 0.0, "cost_efficiency": 0.0, "activity": 0.0}


def test_engagement_at_band_midpoint_and_above():
    assert round(engagement_component(features(er=0.0275), "instagram", 50_000), 3) == 0.667
    assert engagement_component(features(er=0.055), "instagram", 50_000) > 0.8
    # r = 0.005 / 0.0275 = 0.1818; 1.2 r / (r + 0.8) = 0.2222
    assert round(engagement_component(features(er=0.005), "instagram", 50_000), 4) == 0.2222
    assert engagement_component(features(er=None), "instagram", 50_000) == 0.5


def test_cost_uses_cap_or_budget_split():
    criteria = CampaignCriteria(budget={"amount": 2000, "currency": "USD"}, creators_count=10)
    assert price_cap_usd(criteria) == 200
    assert cost_component(features(low=100, high=300), criteria) == 0.6  # mid 200 == cap
    assert cost_component(features(low=500, high=700), criteria) == 0.0
    assert cost_component(features(low=50, high=50), criteria) == 0.9


def test_hard_fail_rejects_and_warn_lowers():
    criteria = CampaignCriteria()
    clean = [verdict("authenticity", "pass"), verdict("brand_safety", "pass")]
    warned = [verdict("authenticity", "warn"), verdict("brand_safety", "pass")]
    failed = [verdict("authenticity", "pass"), verdict("brand_safety", "fail")]
    a = score_creator("a", 0.8, features(), "instagram", 50_000, clean, criteria, ScoringWeights())
    b = score_creator("b", 0.8, features(), "instagram", 50_000, warned, criteria, ScoringWeights())
    c = score_creator("c", 0.8, features(), "instagram", 50_000, failed, criteria, ScoringWeights())
    assert a.score > b.score > 0 and b.components["authenticity"] == 0.5
    assert c.rejected_reason == "brand_safety: brand_safety fail" and c.score == 0
    assert set(a.components) == set(ScoringWeights().model_dump())
