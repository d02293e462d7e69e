"""The versioned eval data sets load, are well-formed, and cover what the issue asks for."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from agents.criteria import CONSTRAINT_FIELDS, CampaignCriteria
from evals.cases import (
    PARSE_V1,
    REAL_INSTAGRAM_V1,
    RETRIEVAL_V1,
    ParseCase,
    RealCase,
    RetrievalCase,
    load_cases,
    select,
)

# Niches DESIGN 7 requires of the demo corpus; the generator's catalog holds these and more.
DESIGN_NICHES = {
    "vegan_food", "baking", "clean_beauty", "sustainable_fashion", "zero_waste", "crossfit", "yoga", "running",
    "home_workouts", "parenting", "budget_travel", "luxury_travel", "gaming", "tech_reviews", "mechanical_keyboards",
    "photography_gear", "vintage_watches", "personal_finance", "b2b_saas_marketing", "developer_tools", "pets",
    "home_decor", "outdoor_hiking", "local_food", "cottagecore",
}
REAL_CATEGORIES = {"fashion", "travel", "family", "food", "beauty", "interior", "fitness", "pet"}
SPEC_KEYS = {"any_of", "in_range", "includes", "within"}


def _catalog() -> dict[str, set[str]] | None:
    """Niche id -> subtopic ids from the generator's catalog, when it is importable."""
    try:
        from retrieval.demo.niches import NICHES
    except ImportError:
        return None
    return {n.id: {s.id for s in n.subtopics} for n in NICHES}


@pytest.fixture(scope="module")
def parse_cases() -> list[ParseCase]:
    return load_cases(PARSE_V1, ParseCase)


@pytest.fixture(scope="module")
def retrieval_cases() -> list[RetrievalCase]:
    return load_cases(RETRIEVAL_V1, RetrievalCase)


def test_parse_set_size_and_languages(parse_cases: list[ParseCase]) -> None:
    assert len(parse_cases) >= 80
    langs = Counter(c.language for c in parse_cases)
    assert langs["de"] + langs["es"] + langs["fr"] >= 10
    assert 10 <= len(select(parse_cases, "quick")) < len(parse_cases)


def test_parse_expectations_are_valid_criteria(parse_cases: list[ParseCase]) -> None:
    allowed = set(CONSTRAINT_FIELDS) | {"creators_count", "has_conflict"}
    for case in parse_cases:
        assert case.expected, case.id
        assert set(case.expected) <= allowed, (case.id, set(case.expected) - allowed)
        plain = {k: v for k, v in case.expected.items()
                 if k != "has_conflict" and not (isinstance(v, dict) and SPEC_KEYS & set(v))}
        CampaignCriteria.model_validate(plain)  # codes, tiers, safety categories, ranges all valid


def test_parse_set_covers_the_hard_parts(parse_cases: list[ParseCase]) -> None:
    exp = [c.expected for c in parse_cases]
    currencies = {e[f]["currency"] for e in exp for f in ("budget", "max_price_per_post") if isinstance(e.get(f), dict) and "currency" in e[f]}
    assert {"USD", "EUR", "GBP", "INR", "CNY", "JPY", "CHF", "MXN"} <= currencies
    assert sum(1 for e in exp if e.get("has_conflict") is True) >= 8
    assert sum(1 for e in exp if e.get("has_conflict") is False) >= 3
    brands = {b for e in exp for b in e.get("exclude_brands", [])}
    assert {"shein", "temu"} <= brands
    assert sum(1 for e in exp if e.get("exclude_handles")) >= 4
    topics = {t for e in exp for t in e.get("exclude_topics", [])}
    assert {"alcohol", "gambling", "politics", "profanity"} <= topics
    text = " ".join(c.brief for c in parse_cases)
    for needle in ("DACH", "Nordics", "Benelux", "LATAM", "UK and Ireland", "Gen Z", "21+", "women 25-34",
                   "1.5M", "10.000", "lakh", "RMB", "¥", "under 50k", "between 250 thousand and 1.2 million"):
        assert needle.lower() in text.lower(), needle


def test_retrieval_set(retrieval_cases: list[RetrievalCase]) -> None:
    assert len(retrieval_cases) >= 40
    assert len(select(retrieval_cases, "quick")) >= 20
    catalog = _catalog()
    known = set(catalog) if catalog else DESIGN_NICHES
    for case in retrieval_cases:
        ids = set(case.relevant) | set(case.partial)
        assert ids <= known, (case.id, ids - known)
        for niche, subs in case.relevant_subtopics.items():
            assert niche in case.relevant, case.id
            if catalog:
                assert set(subs) <= catalog[niche], (case.id, set(subs) - catalog[niche])
        assert set(case.relevant.values()) == {2} and set(case.partial.values()) <= {1}
        assert not set(case.relevant) & set(case.partial), case.id
        if case.constraints.creators_count:
            assert case.k == min(10, case.constraints.creators_count), case.id
    tags = Counter(t for c in retrieval_cases for t in c.tags)
    assert tags["fraud-sensitive"] >= 5 and tags["brand-safety"] >= 5 and tags["count"] >= 4 and tags["budget"] >= 2
    assert {n for c in retrieval_cases for n in c.relevant} == DESIGN_NICHES  # every DESIGN niche is asked for


def test_retrieval_briefs_paraphrase_the_niche(retrieval_cases: list[RetrievalCase]) -> None:
    # The brief must not name its niche the way the generator does, or it tests keyword lookup.
    for case in retrieval_cases:
        for niche in case.relevant:
            phrase = niche.replace("_", " ")
            assert not re.search(rf"\b{re.escape(phrase)}\b", case.brief, re.IGNORECASE), (case.id, niche)


def test_real_set() -> None:
    cases = load_cases(REAL_INSTAGRAM_V1, RealCase)
    assert len(cases) >= 20
    for case in cases:
        assert set(case.categories) <= REAL_CATEGORIES, case.id
        assert case.constraints.platforms == ["instagram"]
        assert not case.constraints.creator_countries and not case.constraints.languages  # the data has neither
    assert {c for case in cases for c in case.categories} == REAL_CATEGORIES


def test_fine_set_briefs_twins_and_judgments() -> None:
    from evals.cases import REAL_INSTAGRAM_FINE_V1, FineCase
    from evals.judgments import load_judgments, qrels_path

    cases = load_cases(REAL_INSTAGRAM_FINE_V1, FineCase)
    by_id = {c.id: c for c in cases}
    english = [c for c in cases if c.language == "en"]
    twins = [c for c in cases if c.twin_of]
    assert len(english) >= 30 and len(twins) >= 6
    assert {c.language for c in twins} <= {"de", "es", "fr"} and len({c.language for c in twins}) == 3
    for t in twins:
        source = by_id[t.twin_of]
        assert source.language == "en" and source.facet == t.facet and source.constraints == t.constraints
    assert all(c.quick for c in cases)  # the whole set is in the quick tier
    judgments = load_judgments(qrels_path(REAL_INSTAGRAM_FINE_V1))
    judged_cases = Counter(j.case_id for j in judgments)
    assert set(judged_cases) <= set(by_id)
    # Every brief the pool reached is judged (fine-026 pooled nothing: see the README).
    assert set(by_id) - set(judged_cases) <= {"fine-026"}
    # A twin's creators share the English brief's grades (one grade per facet and creator).
    grades = {(j.case_id, j.creator_ref): j.grade for j in judgments}
    for (case_id, ref), grade in grades.items():
        twin_of = by_id[case_id].twin_of
        if twin_of and (twin_of, ref) in grades:
            assert grades[(twin_of, ref)] == grade


def test_retrieval_v2_is_facet_strict() -> None:
    from evals.cases import RETRIEVAL_V2
    from evals.labels import CreatorLabel
    from evals.qrels import topical_grade

    v1 = {c.id: c for c in load_cases(RETRIEVAL_V1, RetrievalCase)}
    v2 = load_cases(RETRIEVAL_V2, RetrievalCase)
    copied = [c for c in v2 if c.id.replace("retr2-", "retr-") in v1]
    assert len(copied) == len(v1) and all(c.facet_strict and not c.partial for c in v2)
    assert len(v2) - len(copied) >= 10 and all(c.quick for c in v2 if c not in copied)
    catalog = _catalog()
    if catalog is not None:
        for case in v2:
            assert set(case.relevant) <= set(catalog)
            for niche, subs in case.relevant_subtopics.items():
                assert set(subs) <= catalog[niche], (case.id, niche)
    vegan = next(c for c in v2 if c.id == "retr2-101")
    label = lambda niche, sub=None, related=(): CreatorLabel.model_validate(  # noqa: E731
        {"platform": "instagram", "handle": "x", "niche": niche, "subtopic": sub, "related_niches": list(related)})
    assert topical_grade(vegan, label("vegan_food", "vegan_recipes")) == 2
    assert topical_grade(vegan, label("local_food", "street_food", ["vegan_food"])) == 0  # döner
    cats = next(c for c in v2 if c.id == "retr2-111")
    assert topical_grade(cats, label("pets", "dogs")) == 0 and topical_grade(cats, label("pets", "cats")) == 2
    assert topical_grade(v1["retr-001"], label("local_food", "street_food", ["vegan_food"])) == 1  # v1 unchanged


def test_parse_v2_is_v1_plus_briefs_for_the_new_fields() -> None:
    from evals.cases import PARSE_V2

    v1 = PARSE_V1.read_text(encoding="utf-8")
    v2 = PARSE_V2.read_text(encoding="utf-8")
    assert v2.startswith(v1)  # v1's briefs unchanged, in order: its figures stay comparable
    cases = load_cases(PARSE_V2, ParseCase)
    new = cases[len(load_cases(PARSE_V1, ParseCase)):]
    assert len({c.id for c in cases}) == len(cases)
    assert not any(c.quick for c in new)  # the quick tier and its baseline hold the same briefs
    assert {c.language for c in new} >= {"en", "de", "es", "fr"}
    for name in ("exclude_keywords", "exclude_countries", "creator_gender", "creator_cities"):
        for lang in ("en", "de", "es", "fr"):
            assert any(c.expected.get(name) and c.language == lang for c in new), (name, lang)
    allowed = set(CONSTRAINT_FIELDS) | {"creators_count", "has_conflict"}
    for case in new:
        assert set(case.expected) <= allowed, case.id
        plain = {k: v for k, v in case.expected.items()
                 if k != "has_conflict" and v is not None and not (isinstance(v, dict) and SPEC_KEYS & set(v))}
        CampaignCriteria.model_validate(plain)
