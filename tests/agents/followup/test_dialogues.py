"""dialogues_v1: multi-turn dialogues in EN/DE/ES/FR, scored by field accuracy after every turn."""

from __future__ import annotations

from pathlib import Path

from agents.followup.dialogues import load_dialogues, score_dialogues

DATA = Path(__file__).parent / "data" / "dialogues_v1.jsonl"
TARGET = 0.95


def test_dialogue_set_shape():
    dialogues = load_dialogues(DATA)
    assert len(dialogues) >= 40
    assert {d.lang for d in dialogues} >= {"en", "de", "es", "fr"}
    assert len({d.id for d in dialogues}) == len(dialogues)


def test_dialogue_field_accuracy():
    score = score_dialogues(load_dialogues(DATA))
    assert not score.instruction_topics, score.instruction_topics
    assert score.accuracy >= TARGET, (score.accuracy, score.misses)
    for lang, (correct, total) in score.by_language.items():
        assert correct / total >= 0.9, (lang, score.misses)
