"""Cases found by reading the parser's output on realistic briefs."""

from __future__ import annotations

from agents.parsing import parse_offline
from tests.agents.parsing.helpers import crit


def test_budget_without_currency_takes_the_countries_currency() -> None:
    c = crit("need creators w/ 5k-20k followers on IG & TT, budget 3k, EU only")
    assert c.budget is not None and (c.budget.amount, c.budget.currency) == (3_000, "EUR")
    assert (c.followers_min, c.followers_max) == (5_000, 20_000)
    assert any("no currency" in a for a in c.assumptions)


def test_budget_without_currency_or_country_is_usd_with_assumption() -> None:
    c = crit("budget: 5000")
    assert c.budget is not None and (c.budget.amount, c.budget.currency) == (5_000, "USD")
    assert any("no currency" in a for a in c.assumptions)


def test_negated_phrase_outside_the_categories_is_an_excluded_keyword_not_a_topic() -> None:
    r = parse_offline("finance creators, no crypto")
    assert r.criteria.topics == ["finance"]
    assert r.criteria.exclude_topics == []
    assert r.criteria.exclude_keywords == ["crypto"]
    assert "exclude_keywords" in r.criteria.hard


def test_list_after_a_category_shares_the_negation() -> None:
    r = parse_offline("hiking creators, no guns or hunting content")
    assert r.criteria.exclude_topics == ["weapons"]
    assert r.criteria.topics == ["hiking"]
    assert r.criteria.exclude_keywords == ["hunting"]


def test_negated_platform_is_not_an_exclusion_phrase() -> None:
    r = parse_offline("Instagram, no TikTok")
    assert r.criteria.platforms == ["instagram"]
    assert not any("TikTok" in w for w in r.warnings)


def test_languages_as_a_clause() -> None:
    c = crit("5 Twitch streamers, English or Spanish, 18+ audience.")
    assert c.languages == ["en", "es"] and c.topics == []
    assert c.audience_age_min == 18 and c.creators_count == 5


def test_negated_format_is_left_out() -> None:
    c = crit("Preferably long-form reviews, not shorts.")
    assert c.formats == ["video"] and "formats" not in c.hard


def test_company_location_is_not_a_creator_location() -> None:
    c = crit("We're a Berlin startup looking for productivity YouTubers")
    assert c.creator_countries == [] and c.platforms == ["youtube"]


def test_audience_location_by_nearest_subject() -> None:
    c = crit("K-beauty creators on Xiaohongshu targeting women 18-30 in China")
    assert c.audience_countries == ["CN"] and c.creator_countries == []
    assert (c.audience_gender, c.audience_age_min, c.audience_age_max) == ("female", 18, 30)


def test_us_regions() -> None:
    assert crit("mom bloggers in the Midwest").creator_countries == ["US"]
    assert crit("creators in the PNW").creator_countries == ["US"]


def test_french_list_of_countries() -> None:
    c = crit("créatrices beauté en Belgique et en Suisse, contenu en français")
    assert c.creator_countries == ["BE", "CH"] and c.languages == ["fr"]
    assert c.topics == ["beauté"]


def test_deliverable_counts_are_not_followers_or_formats() -> None:
    c = crit("10-50k followers, 2-3 posts each, 25 creators")
    assert (c.followers_min, c.followers_max) == (10_000, 50_000)
    assert c.formats == [] and c.creators_count == 25


def test_kids_product_is_not_a_kids_audience() -> None:
    r = parse_offline("Campaign for a kids' toy brand: parenting creators (moms & dads) in France")
    assert not any("under 13" in w for w in r.warnings)
    assert r.criteria.audience_gender is None  # moms and dads: no single gender


def test_unit_left_needs_the_word_right_before() -> None:
    c = crit("followers: 10k-50k, 3 videos")
    assert (c.followers_min, c.followers_max) == (10_000, 50_000)


def test_per_creator_cap_is_said() -> None:
    c = crit("max $800 per creator")
    assert c.max_price_per_post is not None and c.max_price_per_post.amount == 800
    assert any("per creator" in a for a in c.assumptions)


def test_budget_after_a_per_post_price_is_still_the_budget() -> None:
    c = crit("We need 100 nano creators, $50 per post, budget $5,000")
    assert c.budget is not None and c.budget.amount == 5_000
    assert c.max_price_per_post is not None and c.max_price_per_post.amount == 50
    assert c.creators_count == 100 and c.conflicts == []


def test_counts_in_one_sentence_add_up() -> None:
    c = crit("Looking for 2 macro creators and 8 micro creators on Instagram")
    assert c.creators_count == 10
    assert c.tiers == ["micro", "macro"]
    assert any("added up to 10" in a for a in c.assumptions)


def test_counts_in_different_sentences_conflict() -> None:
    c = crit("We need 30 creators. Then again, 20 creators would do.")
    assert c.creators_count == 30
    assert any("30 and 20" in x for x in c.conflicts)


def test_form_style_brief() -> None:
    c = crit("Budget: $12,500. Platform: TikTok. Followers: 20K+. Location: LA. Niche: skateboarding.")
    assert c.budget is not None and c.budget.amount == 12_500
    assert c.platforms == ["tiktok"] and c.followers_min == 20_000
    assert c.creator_countries == ["US"] and c.topics == ["skateboarding"]


def test_engagement_range_reads_as_floor() -> None:
    c = crit("Fashion creators in Paris, 50K-500K, ER 2-5%, €30k, 10 creators")
    assert c.min_engagement_rate == 0.02
    assert (c.followers_min, c.followers_max) == (50_000, 500_000)
    assert c.budget is not None and (c.budget.amount, c.budget.currency) == (30_000, "EUR")
    assert c.creators_count == 10 and c.creator_countries == ["FR"]
