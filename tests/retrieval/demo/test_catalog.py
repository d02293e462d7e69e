"""The niche catalog, locales and content tables are complete and consistent."""

from __future__ import annotations

import string

from agents.criteria import SAFETY_CATEGORIES
from retrieval.demo.brands import COMPETITOR_BRANDS, COMPETITORS_BY_NICHE
from retrieval.demo.localized import local_terms
from retrieval.demo.locales import LOCALES
from retrieval.demo.niches import NICHE_BY_ID, NICHES
from retrieval.demo.safety import CATEGORY_WEIGHTS, SAFETY_CONTENT
from retrieval.schema import PLATFORMS

# DESIGN 7: the niches marketers in the field name.
DESIGN_NICHES = {
    "vegan_food", "baking", "clean_beauty", "sustainable_fashion", "zero_waste", "crossfit", "yoga", "running",
    "home_workouts", "parenting", "budget_travel", "luxury_travel", "gaming", "tech_reviews", "mechanical_keyboards",
    "photography_gear", "vintage_watches", "personal_finance", "b2b_saas_marketing", "developer_tools", "pets",
    "home_decor", "outdoor_hiking", "local_food", "cottagecore",
}
SLOTS = {"p": "x", "q": "y", "P": "X", "n": "3", "n2": "300", "place": "Berlin", "day": "Monday", "e": "🙂",
         "year": "2020", "brand": "Acme", "line": "a line", "city": "Berlin", "h": "h"}


def _slots(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_catalog_covers_design_niches_and_more() -> None:
    assert len(NICHES) >= 30
    assert DESIGN_NICHES <= set(NICHE_BY_ID)


def test_every_niche_is_rich_enough_for_paraphrase() -> None:
    for niche in NICHES:
        assert len(niche.subtopics) >= 2, niche.id
        assert niche.related and niche.id not in niche.related, niche.id
        for sub in niche.subtopics:
            assert len(sub.phrases) >= 5 and len(sub.hashtags) >= 5 and len(sub.templates) >= 2, sub.id
        # A compound niche id ("vegan_food") is a label, never vocabulary: retrieval must
        # work by meaning. (One-word ids such as "baking" are ordinary words.)
        if "_" in niche.id:
            vocab = [p for s in niche.subtopics for p in (*s.phrases, *s.hashtags, *s.templates)]
            assert not any(niche.id in v for v in vocab), niche.id


def test_all_templates_use_known_slots() -> None:
    templates = [t for n in NICHES for s in n.subtopics for t in s.templates]
    templates += [t for n in NICHES for t in (*n.bio_lines, *n.comments)]
    for loc in LOCALES:
        templates += [*loc.openers, *loc.bodies, *loc.closers, *loc.bios, *loc.contacts, *loc.comments, *loc.sponsor_lines]
    for content in SAFETY_CONTENT.values():
        templates += [*content.captions, *(c for caps in content.local.values() for c in caps)]
    for template in templates:
        assert _slots(template) <= set(SLOTS), template
        assert template.format_map(SLOTS)


def test_platform_affinities_and_competitors_are_known() -> None:
    for niche in NICHES:
        assert {p for p, _ in niche.platform_affinity} <= set(PLATFORMS)
    assert set(COMPETITORS_BY_NICHE) <= set(NICHE_BY_ID)
    assert {b for bs in COMPETITORS_BY_NICHE.values() for b in bs} <= set(COMPETITOR_BRANDS)
    invented = {s for n in NICHES for s in n.sponsors}
    assert not invented & set(COMPETITOR_BRANDS)


def test_every_niche_has_vocabulary_in_every_language() -> None:
    for niche in NICHES:
        for loc in LOCALES:
            if loc.code == "en":
                continue
            phrases, tags = local_terms(niche.id, loc.code)
            assert len(phrases) >= 3 and len(tags) >= 2, (niche.id, loc.code)


def test_safety_content_covers_the_fixed_categories() -> None:
    assert set(SAFETY_CONTENT) == set(SAFETY_CATEGORIES)
    assert set(CATEGORY_WEIGHTS) == set(SAFETY_CATEGORIES)
    for category, content in SAFETY_CONTENT.items():
        assert content.captions and content.hashtags and content.comments, category


def test_language_shares_put_about_twelve_percent_outside_english() -> None:
    shares = {loc.code: loc.share for loc in LOCALES}
    assert set(shares) == {"en", "de", "es", "fr", "pt", "ja", "zh"}
    assert 0.10 <= 1 - shares["en"] <= 0.14
