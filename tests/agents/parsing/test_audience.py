"""Audience gender and ages."""

from __future__ import annotations

import pytest

from agents.parsing import parse_offline
from tests.agents.parsing.helpers import crit


@pytest.mark.parametrize(
    ("brief", "gender", "lo", "hi"),
    [
        ("targeting women 25-34", "female", 25, 34),
        ("men 18-34", "male", 18, 34),
        ("women aged 25–34", "female", 25, 34),
        ("audience: female 18-24", "female", 18, 24),
        ("a mostly female audience", "female", None, None),
        ("70% female audience", "female", None, None),
        ("predominantly male followers", "male", None, None),
        ("audience 21+", None, 21, None),
        ("18-34 year olds", None, 18, 34),
        ("ages 18 to 24", None, 18, 24),
        ("audience over 21", None, 21, None),
        ("18 and older", None, 18, None),
        ("men and women 25-44", None, 25, 44),
    ],
)
def test_explicit_audience(brief: str, gender: str | None, lo: int | None, hi: int | None) -> None:
    c = crit(brief)
    assert (c.audience_gender, c.audience_age_min, c.audience_age_max) == (gender, lo, hi)
    if gender:
        assert "audience_gender" in c.hard


def test_gen_z_is_assumed_adult() -> None:
    c = crit("Gen Z audience")
    assert (c.audience_age_min, c.audience_age_max) == (18, 28)
    assert any("Gen Z" in a and "18" in a for a in c.assumptions)
    assert "audience_age_min" not in c.hard  # inferred, so a preference


def test_millennials() -> None:
    c = crit("reach millennials")
    assert (c.audience_age_min, c.audience_age_max) == (29, 44)
    assert any("millennials" in a for a in c.assumptions)


def test_moms_mean_female_with_assumption() -> None:
    c = crit("creators who speak to moms")
    assert c.audience_gender == "female"
    assert any("moms" in a for a in c.assumptions)
    assert "audience_gender" not in c.hard


def test_teens() -> None:
    c = crit("teens audience")
    assert (c.audience_age_min, c.audience_age_max) == (13, 17)
    assert any("teens" in a for a in c.assumptions)


def test_legal_drinking_age_in_the_us_is_21() -> None:
    c = crit("audience of legal drinking age in the US")
    assert c.audience_age_min == 21


def test_female_creators_is_the_creators_gender_not_the_audiences() -> None:
    r = parse_offline("female creators in fitness")
    assert r.criteria.audience_gender is None
    assert r.criteria.creator_gender == "female"
    assert any("creator gender is not in the creator data" in a for a in r.criteria.assumptions)
    assert r.criteria.topics == ["fitness"]


def test_contradictory_genders_are_a_conflict() -> None:
    c = crit("mostly female audience. Audience should be mostly male.")
    assert c.audience_gender is None
    assert any("female" in x and "male" in x for x in c.conflicts)


def test_explicit_ages_win_over_generation() -> None:
    c = crit("Gen Z, ages 18-24")
    assert (c.audience_age_min, c.audience_age_max) == (18, 24)


@pytest.mark.parametrize(("brief", "gender"), [
    ("20 female fitness creators on Instagram", "female"),
    ("looking for women creators who post about personal finance", "female"),
    ("gaming creators on twitch, only women", "female"),
    ("Fitness app: men only, TikTok", "male"),
    ("male influencers on YouTube", "male"),
    ("lifestyle creators (female) for a boot brand", "female"),
    ("10 weibliche Fitness-Creator", "female"),
    ("Beauty-Influencerinnen auf TikTok", "female"),
    ("creadoras de moda en Madrid", "female"),
    ("Influencers masculinos de fitness", "male"),
    ("des influenceuses lifestyle", "female"),
])
def test_the_creators_gender(brief: str, gender: str) -> None:
    c = crit(brief)
    assert c.creator_gender == gender
    assert c.audience_gender is None
    assert "creator_gender" in c.hard


@pytest.mark.parametrize("brief", ["parenting creators for moms", "skincare creators targeting women 25-34",
                                   "food creators, audience mostly women", "audience: women only",
                                   "Influencer:innen für Mode"])
def test_an_audience_or_an_inclusive_noun_is_no_creator_gender(brief: str) -> None:
    assert crit(brief).creator_gender is None


def test_both_genders_of_creators_is_a_conflict() -> None:
    c = crit("female creators and male influencers for a unisex perfume")
    assert c.creator_gender is None
    assert any("female and male creators" in x for x in c.conflicts)


def test_a_softened_creator_gender_is_not_hard() -> None:
    c = crit("fitness creators, ideally female creators")
    assert c.creator_gender == "female" and "creator_gender" not in c.hard
