"""exclude_keywords: what a brief rules out that is not a brand-safety category (agents/parsing/safety.py)."""

from __future__ import annotations

import pytest

from agents.parsing import parse_offline
from tests.agents.parsing.helpers import crit


@pytest.mark.parametrize(("brief", "keywords"), [
    ("finance creators, no crypto, no fast food", ["crypto", "fast food"]),
    ("fitness creators. Avoid energy drinks and without gaming content.", ["energy drinks", "gaming"]),
    ("Avoid anyone promoting crypto or NFTs.", ["crypto", "nfts"]),
    ("Pet creators. Don't want anything about fast food.", ["fast food"]),
    ("Fitness-Creator, keine Krypto, kein Fast Food", ["krypto", "fast food"]),
    ("creadoras de moda, sin criptomonedas ni comida rápida", ["criptomonedas", "comida rápida"]),
    ("créateurs tech, sans contenu gaming, pas de crypto", ["gaming", "crypto"]),
])
def test_exclusions_outside_the_categories_keep_the_briefs_words(brief: str, keywords: list[str]) -> None:
    c = crit(brief)
    assert c.exclude_keywords == keywords
    assert "exclude_keywords" in c.hard
    assert not set(keywords) & set(c.topics)


def test_a_safety_category_stays_a_category_and_the_rest_of_the_list_becomes_keywords() -> None:
    c = crit("gaming creators, nothing about politics, no gambling or crypto content")
    assert c.exclude_topics == ["gambling", "politics"]
    assert c.exclude_keywords == ["crypto"]


def test_competitor_brands_stay_brand_exclusions() -> None:
    c = crit("Sneaker creators who never worked with Nike or Adidas, no crypto")
    assert c.exclude_brands == ["Nike", "Adidas"]
    assert c.exclude_keywords == ["crypto"]


def test_brands_named_after_an_excluded_kind_are_brand_exclusions() -> None:
    c = crit("Sustainable fashion creators, no fast fashion brands like Shein or Temu")
    assert c.exclude_keywords == ["fast fashion"]
    assert c.exclude_brands == ["Shein", "Temu"]
    assert "shein" not in c.topics


def test_fraud_phrases_are_not_keywords_but_say_where_they_are_checked() -> None:
    r = parse_offline("Fitness creators, no bought followers, no fake engagement")
    assert r.criteria.exclude_keywords == []
    assert any("fraud check" in w and "bought followers" in w for w in r.warnings)


def test_a_product_described_by_what_it_lacks_is_no_exclusion() -> None:
    r = parse_offline("non-toxic skincare and makeup without nasty ingredients")
    assert r.criteria.exclude_keywords == []
    assert any("describing the product" in w for w in r.warnings)


@pytest.mark.parametrize("brief", ["no later than May, food creators", "no more than 5 posts, food creators",
                                   "food creators, no preference on platform"])
def test_negated_words_that_are_no_thing_set_nothing(brief: str) -> None:
    c = crit(brief)
    assert c.exclude_keywords == []
    assert c.topics == ["food"]


def test_a_softened_exclusion_is_not_hard() -> None:
    c = crit("food creators, ideally no fast food")
    assert c.exclude_keywords == ["fast food"]
    assert "exclude_keywords" not in c.hard


@pytest.mark.parametrize(("brief", "keywords", "categories"), [
    ("no crypto or gambling", ["crypto"], ["gambling"]),
    ("no content about crypto or politics", ["crypto"], ["politics"]),
    ("no crypto, fast food or energy drinks", ["crypto", "fast food", "energy drinks"], []),
    ("no alcohol, crypto or vaping", ["crypto"], ["alcohol", "tobacco"]),
    ("keine Krypto oder Glücksspiel", ["krypto"], ["gambling"]),
])
def test_lists_of_exclusions_split_into_keywords_and_categories(brief: str, keywords: list[str],
                                                                 categories: list[str]) -> None:
    c = crit(brief)
    assert c.exclude_keywords == keywords
    assert c.exclude_topics == categories


@pytest.mark.parametrize(("brief", "keywords", "topics"), [
    ("no celebrities, food creators", ["celebrities"], ["food"]),
    ("no crypto, vegan recipes", ["crypto"], ["vegan recipes"]),
    ("no alcohol, food creators", [], ["food"]),
    ("food creators, no specific platform", [], ["food"]),
    ("no budget constraints, travel creators", [], ["travel"]),
])
def test_a_comma_ends_the_exclusions_unless_the_list_goes_on(brief: str, keywords: list[str], topics: list[str]) -> None:
    c = crit(brief)
    assert c.exclude_keywords == keywords
    assert c.topics == topics
