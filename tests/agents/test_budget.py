"""agents/budget.py: a budget that cannot buy the reach or count asked is said with numbers."""

from __future__ import annotations

from agents.budget import Pick, budget_warnings
from agents.criteria import CampaignCriteria
from retrieval.signals.pricing import FX_TO_USD, benchmark_price


def _criteria(**values) -> CampaignCriteria:
    return CampaignCriteria(**values)


def test_reach_asked_above_the_budget_per_creator_in_the_briefs_currency() -> None:
    criteria = _criteria(platforms=["instagram"], followers_min=500_000, creators_count=5,
                         budget={"amount": 1000, "currency": "EUR"})
    (note,) = budget_warnings(criteria, "5 creators with 500k+ followers", 5, [], [])
    low, high, _ = benchmark_price("instagram", "macro", video=False)
    assert "€1,000 for 5 creators is about €200 per creator" in note
    assert f"€{low / FX_TO_USD['EUR']:,.0f}" in note and f"€{high / FX_TO_USD['EUR']:,.0f}" in note
    assert "1 EUR ≈ 1.08 USD" in note
    assert f"at least €{low * 5 / FX_TO_USD['EUR']:,.0f}" in note


def test_a_budget_that_buys_the_reach_says_nothing() -> None:
    criteria = _criteria(platforms=["instagram"], tiers=["micro"], budget={"amount": 10_000, "currency": "USD"})
    assert budget_warnings(criteria, "10 micro creators", 10, [], []) == []


def test_big_reach_in_words_states_the_reach_bought() -> None:
    criteria = _criteria(platforms=["instagram"], budget={"amount": 500, "currency": "USD"})
    picks = [Pick("instagram", 1_200, 10.0), Pick("instagram", 7_000, 40.0)]
    (note,) = budget_warnings(criteria, "fitness creators with big reach, budget $500", 20, picks, [10.0, 40.0])
    assert "$25 per creator" in note and "not big reach" in note
    assert "8,200 followers in total (largest 7,000)" in note
    # Without reach words the same list is no news.
    assert budget_warnings(criteria, "fitness creators, budget $500", 20, picks, [10.0, 40.0]) == []


def test_count_the_budget_cannot_buy() -> None:
    criteria = _criteria(budget={"amount": 300, "currency": "USD"})
    lows = [50.0] * 30
    picks = [Pick("instagram", 5_000, 50.0)] * 4
    notes = budget_warnings(criteria, "20 creators", 20, picks, lows)
    assert notes == [("The budget of $300 buys about 6 of the 20 creators asked: the 20 cheapest vetted creators "
                     "cost at least $1,000 together at their lowest estimated prices; this list holds the 4 "
                     "best-scored that fit.")]
