"""Contradictions are reported, not resolved silently; German, Spanish and French briefs."""

from __future__ import annotations

from tests.agents.parsing.helpers import crit


def test_micro_with_over_a_million() -> None:
    c = crit("micro creators with over 1M followers")
    assert c.tiers == ["micro"]
    assert (c.followers_min, c.followers_max) == (1_000_000, None)
    assert len(c.conflicts) == 1 and "micro" in c.conflicts[0] and "1M" in c.conflicts[0]


def test_min_above_max_keeps_the_later_and_stays_valid() -> None:
    c = crit("creators under 10k but at least 50k followers")
    assert (c.followers_min, c.followers_max) == (50_000, None)
    assert any("50k" in x and "10k" in x for x in c.conflicts)


def test_min_above_max_other_order() -> None:
    c = crit("at least 50k followers. Also under 10k followers.")
    assert (c.followers_min, c.followers_max) == (None, 10_000)
    assert c.conflicts


def test_budget_cannot_cover_count_at_cap() -> None:
    c = crit("budget $1k for 50 creators at max $500 per post")
    assert c.budget is not None and c.budget.amount == 1_000
    assert c.creators_count == 50
    assert any("$20 per creator" in x for x in c.conflicts)


def test_reasonable_budget_is_no_conflict() -> None:
    c = crit("budget $20k for 40 creators at max $500 per post")
    assert c.conflicts == []


def test_budget_below_published_price_floor() -> None:
    c = crit("10 macro influencers on Instagram, budget $5k")
    assert any("lowest published price" in x for x in c.conflicts)


def test_cap_above_budget() -> None:
    c = crit("budget $1,000, max $2,000 per post")
    assert any("above the whole budget" in x for x in c.conflicts)


def test_platform_only_and_another() -> None:
    c = crit("TikTok only. The creators should post on YouTube too.")
    assert set(c.platforms) == {"tiktok", "youtube"}
    assert any("only" in x for x in c.conflicts)


def test_no_conflict_in_a_clean_brief() -> None:
    c = crit("20 vegan food micro-influencers on TikTok in Germany, budget €10k, no alcohol")
    assert c.conflicts == []


def test_german_brief() -> None:
    c = crit("Wir suchen 30 Influencer in Deutschland mit mindestens 10.000 Followern auf Instagram. "
             "Budget 15.000 €.")
    assert c.creators_count == 30
    assert c.creator_countries == ["DE"]
    assert c.followers_min == 10_000
    assert c.platforms == ["instagram"]
    assert c.budget is not None and (c.budget.amount, c.budget.currency) == (15_000, "EUR")


def test_german_tsd() -> None:
    c = crit("TikTok Creator mit 10 Tsd. bis 50 Tsd. Followern in Österreich")
    assert (c.followers_min, c.followers_max) == (10_000, 50_000)
    assert c.creator_countries == ["AT"] and c.platforms == ["tiktok"]


def test_spanish_brief() -> None:
    c = crit("Buscamos 20 creadores en España con más de 10 mil seguidores en TikTok, presupuesto de 10.000 €.")
    assert c.creators_count == 20
    assert c.creator_countries == ["ES"]
    assert c.followers_min == 10_000
    assert c.platforms == ["tiktok"]
    assert c.budget is not None and (c.budget.amount, c.budget.currency) == (10_000, "EUR")


def test_french_brief() -> None:
    c = crit("Nous cherchons 15 créateurs en France sur Instagram avec plus de 10 000 abonnés, budget de 8 000 €.")
    assert c.creators_count == 15
    assert c.creator_countries == ["FR"]
    assert c.followers_min == 10_000
    assert c.platforms == ["instagram"]
    assert c.budget is not None and (c.budget.amount, c.budget.currency) == (8_000, "EUR")


def test_brazilian_reais() -> None:
    c = crit("20 creators in Brazil, orçamento R$10 mil")
    assert c.budget is not None and (c.budget.amount, c.budget.currency) == (10_000, "BRL")
    assert c.creator_countries == ["BR"]


def test_german_audience_and_caps() -> None:
    c = crit("Frauen 25-34, keine Glücksspiele, Creator aus der Schweiz mit höchstens 50.000 Followern, "
             "CHF 8'000 Budget")
    assert (c.audience_gender, c.audience_age_min, c.audience_age_max) == ("female", 25, 34)
    assert c.exclude_topics == ["gambling"]
    assert c.creator_countries == ["CH"] and c.followers_max == 50_000
    assert c.budget is not None and (c.budget.amount, c.budget.currency) == (8_000, "CHF")
    assert c.topics == []


def test_spanish_audience_and_engagement() -> None:
    c = crit("tasa de engagement de al menos 3%, mujeres de 18 a 24 años, creadores en Colombia, "
             "presupuesto de 20 millones COP")
    assert c.min_engagement_rate == 0.03
    assert (c.audience_gender, c.audience_age_min, c.audience_age_max) == ("female", 18, 24)
    assert c.creator_countries == ["CO"]
    assert c.budget is not None and (c.budget.amount, c.budget.currency) == (20_000_000, "COP")
    assert c.topics == []


def test_french_exclusions_and_city() -> None:
    c = crit("au moins 10 000 abonnés, taux d'engagement de 2 %, créateurs basés à Lyon, sans alcool, "
             "pas de politique")
    assert c.followers_min == 10_000 and c.min_engagement_rate == 0.02
    assert c.creator_countries == ["FR"] and c.exclude_topics == ["alcohol", "politics"]
    assert c.topics == []


def test_german_spelled_count_and_gendered_noun() -> None:
    c = crit("Wir suchen zwanzig Influencer:innen für Instagram Reels in Wien")
    assert c.creators_count == 20 and c.platforms == ["instagram"] and c.formats == ["reel"]
    assert c.creator_countries == ["AT"] and c.topics == []
