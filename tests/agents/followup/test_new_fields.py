"""Follow-ups on exclude_keywords, exclude_countries, creator_cities and creator_gender
(agents/followup/rules.py, patch.py, vocabulary.py): each edits its field, says so, and
leaves the rest of the brief alone."""

from __future__ import annotations

import pytest

from agents.criteria import CampaignCriteria
from agents.followup.patch import apply_patch
from agents.followup.rules import parse_followup
from agents.parsing.audience import CREATOR_GENDER_NOTE
from agents.parsing.offline import parse_offline
from retrieval.schema import PLATFORMS

BRIEF = ("20 fitness creators on Instagram in Germany, France or Spain, budget €10,000, "
         "no crypto, no fast food, no alcohol")
CITY_BRIEF = "female fitness creators on Instagram based in Berlin or Munich, audience mostly women, no crypto"
KEEP = ("platforms", "topics", "budget", "creators_count", "exclude_topics")


def follow(brief: str, message: str) -> tuple[CampaignCriteria, CampaignCriteria, list[str]]:
    before = parse_offline(brief).criteria
    result = apply_patch(before, parse_followup(message, before, PLATFORMS), PLATFORMS)
    return before, result.criteria, result.changes


def same_otherwise(before: CampaignCriteria, after: CampaignCriteria, *changed: str) -> None:
    for name in KEEP:
        if name not in changed:
            assert getattr(after, name) == getattr(before, name), name


@pytest.mark.parametrize("message", ["drop the crypto exclusion", "crypto is fine now", "crypto is ok now",
                                     "allow crypto again"])
def test_lifting_a_keyword_exclusion(message: str) -> None:
    before, after, changes = follow(BRIEF, message)
    assert before.exclude_keywords == ["crypto", "fast food"]
    assert after.exclude_keywords == ["fast food"]
    assert changes == ["excluded keywords: removed crypto"]
    same_otherwise(before, after)
    assert after.creator_countries == before.creator_countries


@pytest.mark.parametrize("message", ["no gaming content either", "also exclude gaming", "keine Gaming-Inhalte",
                                     "sin gaming", "pas de gaming non plus"])
def test_adding_a_keyword_exclusion(message: str) -> None:
    before, after, changes = follow(BRIEF, message)
    assert after.exclude_keywords == ["crypto", "fast food", "gaming"] or \
        after.exclude_keywords[:2] == ["crypto", "fast food"] and after.exclude_keywords[2].startswith("gaming")
    assert "exclude_keywords" in after.hard
    assert any(c.startswith("excluded keywords: added") for c in changes)
    assert "gaming" not in after.topics
    same_otherwise(before, after)


@pytest.mark.parametrize("message", ["also exclude Spain", "no creators from Spain", "außer Spanien",
                                     "excepto España", "sauf l'Espagne"])
def test_excluding_a_country_also_takes_it_off_the_list(message: str) -> None:
    before, after, changes = follow(BRIEF, message)
    assert after.exclude_countries == ["ES"]
    assert after.creator_countries == ["DE", "FR"]
    assert "excluded countries: added Spain" in changes
    same_otherwise(before, after)


def test_an_excluded_country_allowed_again() -> None:
    before = parse_offline("beauty creators in Europe except Spain, no crypto").criteria
    patch = parse_followup("Spain is ok again", before, PLATFORMS)
    result = apply_patch(before, patch, PLATFORMS)
    assert before.exclude_countries == ["ES"] and result.criteria.exclude_countries == []
    assert result.changes == ["excluded countries: removed Spain (nothing excluded now)"]
    assert result.criteria.exclude_keywords == ["crypto"]


def test_only_one_city() -> None:
    before, after, changes = follow(CITY_BRIEF, "only Berlin")
    assert before.creator_cities == ["Berlin", "Munich"]
    assert after.creator_cities == ["Berlin"] and after.creator_countries == ["DE"]
    assert "creator cities now Berlin" in changes
    assert after.exclude_keywords == ["crypto"] and after.creator_gender == "female"
    assert not any("Munich" in a for a in after.assumptions)


def test_a_city_added() -> None:
    _, after, changes = follow(CITY_BRIEF, "also Hamburg")
    assert after.creator_cities == ["Berlin", "Munich", "Hamburg"]
    assert "creator cities: added Hamburg" in changes


@pytest.mark.parametrize("message", ["any city", "any city is fine", "jede Stadt"])
def test_any_city(message: str) -> None:
    before, after, changes = follow(CITY_BRIEF, message)
    assert after.creator_cities == [] and "creator_cities" not in after.hard
    assert after.creator_countries == ["DE"]
    assert "creator cities removed" in changes


@pytest.mark.parametrize("message", ["female creators only", "only women", "women creators please",
                                     "nur weibliche Creator", "solo creadoras"])
def test_creator_gender_set(message: str) -> None:
    before, after, changes = follow(BRIEF, message)
    assert before.creator_gender is None and after.creator_gender == "female"
    assert "creator gender now female" in changes
    assert CREATOR_GENDER_NOTE in after.assumptions
    assert after.audience_gender is None
    same_otherwise(before, after)


def test_any_gender_clears_the_creators_gender_when_that_is_what_the_thread_holds() -> None:
    before = parse_offline("female fitness creators in Germany, no crypto").criteria
    patch = parse_followup("any gender", before, PLATFORMS)
    after = apply_patch(before, patch, PLATFORMS).criteria
    assert after.creator_gender is None
    assert CREATOR_GENDER_NOTE not in after.assumptions
    assert after.exclude_keywords == ["crypto"] and after.creator_countries == ["DE"]


def test_any_audience_gender_leaves_the_creators_gender() -> None:
    before, after, _ = follow(CITY_BRIEF, "any audience gender")
    assert before.audience_gender == "female" and after.audience_gender is None
    assert after.creator_gender == "female"


def test_a_chip_edit_of_the_new_fields() -> None:
    from agents.followup.patch import patch_from_overrides

    before = parse_offline(CITY_BRIEF).criteria
    patch = patch_from_overrides({"creator_cities": ["münchen"], "exclude_countries": ["at"], "creator_gender": None})
    result = apply_patch(before, patch, PLATFORMS)
    assert result.criteria.creator_cities == ["Munich"]
    assert result.criteria.exclude_countries == ["AT"] and "exclude_countries" in result.criteria.hard
    assert result.criteria.creator_gender is None
