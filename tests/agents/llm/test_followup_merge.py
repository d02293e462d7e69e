"""merge_patch: the rules' reading of a follow-up stands on every field it reads; the model
adds only edits the message's own words support (the never-worse rule of issue 15)."""

from __future__ import annotations

from agents.criteria import CampaignCriteria
from agents.followup.patch import CriteriaPatch, FieldEdit, apply_patch
from agents.followup.rules import parse_followup
from agents.llm.followup_merge import merge_patch
from retrieval.schema import PLATFORMS

CRITERIA = CampaignCriteria(platforms=["instagram", "tiktok"], topics=["vegan food"], creator_countries=["DE"],
                            budget={"amount": 15000, "currency": "USD"}, hard=["platforms", "creator_countries"])


def _merge(message: str, *edits: FieldEdit, more_like: list[str] | None = None):
    rules = parse_followup(message, CRITERIA, PLATFORMS)
    merged = merge_patch(CriteriaPatch(edits=list(edits), more_like=more_like or []), rules, message)
    return merged, apply_patch(CRITERIA, merged.patch, PLATFORMS).criteria


def test_the_rules_win_a_field_they_read():
    merged, after = _merge("raise the budget to $30k",
                           FieldEdit(field="budget", op="set", value={"amount": 300000, "currency": "USD"}))
    assert after.budget.amount == 30000
    assert not merged.model_used and "the rules read this field otherwise" in merged.dropped[0]


def test_agreeing_with_the_rules_counts_as_used():
    merged, after = _merge("drop the budget limit", FieldEdit(field="budget", op="clear"))
    assert after.budget is None and merged.used == ["budget clear"]


def test_a_supported_edit_on_a_field_the_rules_left_alone_is_added_as_the_fields_usual():
    message = "their fans should mostly be women"
    assert parse_followup(message, CRITERIA, PLATFORMS).is_empty()  # a phrasing the rules do not read
    merged, after = _merge(message, FieldEdit(field="audience_gender", op="set", value="female", hard=True))
    assert after.audience_gender == "female" and merged.used == ["audience_gender set"]
    # The model's must/nice-to-have flag is not trusted: the edit takes the field's usual.
    assert next(e for e in merged.patch.edits if e.field == "audience_gender").hard is None


def test_values_the_message_never_mentions_are_dropped():
    merged, after = _merge("make it 20",
                           FieldEdit(field="creator_countries", op="set", values=["FR"]),
                           FieldEdit(field="audience_gender", op="set", value="female"))
    assert after.creator_countries == ["DE"] and after.audience_gender is None
    assert after.creators_count == 20  # the rules' reading stands
    assert len(merged.dropped) == 2


def test_clearing_a_field_needs_the_message_to_name_it():
    merged, after = _merge("show me more", FieldEdit(field="creator_countries", op="clear"))
    assert after.creator_countries == ["DE"] and not merged.model_used


def test_more_like_needs_the_creator_named_in_the_message():
    merged, _ = _merge("these are great", more_like=["#2"])
    assert merged.patch.more_like == [] and not merged.model_used
    merged, _ = _merge("give me creators in the vein of the second one", more_like=["#2"])
    assert merged.patch.more_like == ["#2"] and merged.used == ["more_like"]
