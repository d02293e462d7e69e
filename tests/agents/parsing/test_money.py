"""Budgets and per-post caps in any currency (ISO 4217 codes)."""

from __future__ import annotations

import pytest

from tests.agents.parsing.helpers import crit


@pytest.mark.parametrize(
    ("brief", "amount", "currency"),
    [
        ("budget $15k", 15_000, "USD"),
        ("budget: USD 15,000", 15_000, "USD"),
        ("15k USD budget", 15_000, "USD"),
        ("budget €5,000", 5_000, "EUR"),
        ("Budget 5.000 €", 5_000, "EUR"),
        ("budget £3k", 3_000, "GBP"),
        ("budget ₹5 lakh", 500_000, "INR"),
        ("total budget 2 crore", 20_000_000, "INR"),
        ("budget RMB 200,000", 200_000, "CNY"),
        ("budget CN¥200,000", 200_000, "CNY"),
        ("budget ¥50,000", 50_000, "JPY"),
        ("budget R$10 mil", 10_000, "BRL"),
        ("budget CHF 8'000", 8_000, "CHF"),
        ("budget 20.000 kr for Danish creators", 20_000, "DKK"),
        ("budget A$12k", 12_000, "AUD"),
        ("budget 1.5M EUR", 1_500_000, "EUR"),
        ("spend up to 15.000 Euro", 15_000, "EUR"),
        ("we have 10k€", 10_000, "EUR"),
        ("budget of 200 dollars", 200, "USD"),
    ],
)
def test_budget_forms(brief: str, amount: float, currency: str) -> None:
    c = crit(brief)
    assert c.budget is not None, brief
    assert (c.budget.amount, c.budget.currency) == (amount, currency)
    assert "budget" in c.hard


def test_yen_is_yuan_when_the_brief_is_about_china() -> None:
    c = crit("Xiaohongshu creators in China, budget ¥50,000")
    assert c.budget is not None and c.budget.currency == "CNY"
    assert any("yuan" in a for a in c.assumptions)


def test_yen_default_is_said() -> None:
    c = crit("budget ¥50,000 for Tokyo creators")
    assert c.budget is not None and c.budget.currency == "JPY"
    assert any("yen" in a for a in c.assumptions)


@pytest.mark.parametrize(
    ("brief", "amount", "currency"),
    [
        ("per post max $500", 500, "USD"),
        ("no more than €300 per creator/post", 300, "EUR"),
        ("$200 per video", 200, "USD"),
        ("max £150/post", 150, "GBP"),
        ("rate cap of $400", 400, "USD"),
        ("300 € pro Post", 300, "EUR"),
        ("hasta 250 € por publicación", 250, "EUR"),
    ],
)
def test_price_caps(brief: str, amount: float, currency: str) -> None:
    c = crit(brief)
    assert c.max_price_per_post is not None, brief
    assert (c.max_price_per_post.amount, c.max_price_per_post.currency) == (amount, currency)
    assert c.budget is None


def test_budget_and_cap_together() -> None:
    c = crit("Budget $15k, max $500 per post")
    assert c.budget is not None and c.budget.amount == 15_000
    assert c.max_price_per_post is not None and c.max_price_per_post.amount == 500


def test_budget_range_takes_upper_end_with_assumption() -> None:
    c = crit("budget $10-15k")
    assert c.budget is not None and c.budget.amount == 15_000
    assert any("upper end" in a for a in c.assumptions)


def test_amount_without_budget_word_is_assumed_budget() -> None:
    c = crit("20 creators, $8k")
    assert c.budget is not None and c.budget.amount == 8_000
    assert any("total budget" in a for a in c.assumptions)


def test_product_value_is_not_a_budget() -> None:
    c = crit("gifting a product worth $50")
    assert c.budget is None and c.max_price_per_post is None
