"""apply_patch: pure, validated edit by edit, with every change and refusal in words."""

from __future__ import annotations

from agents.criteria import CampaignCriteria
from agents.followup.patch import CriteriaPatch, FieldEdit, apply_patch, describe, patch_from_overrides
from retrieval.schema import PLATFORMS

BASE = CampaignCriteria(platforms=["instagram", "tiktok"], topics=["vegan food"], creator_countries=["DE"],
                        followers_min=10_000, followers_max=50_000, budget={"amount": 5000, "currency": "EUR"},
                        hard=["platforms", "creator_countries", "followers_min", "followers_max", "budget"],
                        assumptions=["'Germany' read as where the creators are based", "budget in EUR"])


def test_pure_and_each_op():
    patch = CriteriaPatch(edits=[
        FieldEdit(field="platforms", op="remove", values=["tiktok"]),
        FieldEdit(field="topics", op="add", values=["baking"]),
        FieldEdit(field="creator_countries", op="replace", values=["at"], replaces=["DE"]),
        FieldEdit(field="budget", op="clear"),
        FieldEdit(field="followers_min", op="set", value=80_000),
    ])
    result = apply_patch(BASE, patch, PLATFORMS)
    c = result.criteria
    assert BASE.platforms == ["instagram", "tiktok"]  # input untouched
    assert c.platforms == ["instagram"] and c.topics == ["vegan food", "baking"] and c.creator_countries == ["AT"]
    assert c.budget is None and "budget" not in c.hard
    assert c.followers_min == 80_000 and c.followers_max is None  # the newer end wins
    assert "budget removed" in result.changes and "countries now Austria" in result.changes
    assert c.assumptions == []  # both assumptions explained values that are gone


def test_invalid_edit_refused_alone():
    patch = CriteriaPatch(edits=[FieldEdit(field="platforms", op="add", values=["myspace"]),
                                 FieldEdit(field="topics", op="remove", values=["cats"]),
                                 FieldEdit(field="creators_count", op="set", value=7)])
    result = apply_patch(BASE, patch, PLATFORMS)
    assert result.criteria.creators_count == 7 and result.criteria.platforms == BASE.platforms
    assert len(result.rejected) == 2 and "myspace" in result.rejected[0]


def test_overrides_null_clears_and_exclusions_hard():
    patch = patch_from_overrides({"creator_countries": None, "exclude_brands": ["Oatly"], "budget": None})
    c = apply_patch(BASE, patch, PLATFORMS).criteria
    assert c.creator_countries == [] and c.budget is None and c.exclude_brands == ["Oatly"]
    assert "exclude_brands" in c.hard and "creator_countries" not in c.hard
    assert describe(patch) == "any countries; excluded brands: Oatly; no budget"


def test_removing_from_any_platform_means_all_but_that():
    c = apply_patch(CampaignCriteria(), CriteriaPatch(edits=[FieldEdit(field="platforms", op="remove", values=["pinterest"])]),
                    PLATFORMS).criteria
    assert "pinterest" not in c.platforms and len(c.platforms) == len(PLATFORMS) - 1
