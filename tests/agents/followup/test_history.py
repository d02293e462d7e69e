"""Undo and start over over a thread's recorded turns (pure)."""

from __future__ import annotations

from agents.criteria import CampaignCriteria
from agents.followup.history import is_rewind, rewind

BRIEF = CampaignCriteria(topics=["vegan food"], platforms=["instagram"])
TIKTOK = BRIEF.model_copy(update={"platforms": ["instagram", "tiktok"]})
COUNTED = TIKTOK.model_copy(update={"creators_count": 25})

TURNS = [
    {"message": "vegan food creators on Instagram", "changes": []},
    {"message": "also TikTok", "changes": ["platforms: added TikTok"], "criteria_before": BRIEF.model_dump(mode="json")},
    {"message": "why?", "changes": []},  # changed nothing: no criteria_before, nothing to undo
    {"message": "make it 25", "changes": ["creator count now 25"], "criteria_before": TIKTOK.model_dump(mode="json")},
]


def test_commands_are_recognised_in_four_languages():
    for text in ("undo", "undo that", "Go back!", "rückgängig", "deshacer", "annuler", "start over", "reset",
                 "back to the original brief"):
        assert is_rewind(text), text
    for text in ("undo the budget and add TikTok", "go back to Germany", "reset the budget to 5k"):
        assert not is_rewind(text), text


def test_undo_twice_goes_back_two_changes():
    first = rewind("undo", TURNS)
    assert first.criteria == TIKTOK and "make it 25" in first.note
    second = rewind("undo", [*first.turns, {"message": "undo", "changes": [first.note], "rewind": True}])
    assert second.criteria == BRIEF and "also TikTok" in second.note
    third = rewind("undo", [*second.turns, {"message": "undo", "changes": [second.note], "rewind": True}])
    assert third.criteria is None and "Nothing to undo" in third.note


def test_start_over_returns_to_the_brief_as_first_read():
    back = rewind("start over", TURNS)
    assert back.criteria == BRIEF and all(t.get("undone") for t in back.turns if t.get("criteria_before"))
    assert rewind("start over", TURNS[:1]).criteria is None
