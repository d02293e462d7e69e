"""The offensive / hate classifier: packaged artefact, what it adds to the lexicon, what it
leaves alone, and its false-positive rate on clean captions."""

import json

import numpy as np
import pytest

from evals.safety import DATASET
from retrieval.demo.generator import generate
from retrieval.schema import Creator
from retrieval.signals.safety_lexicon import scan_text
from retrieval.signals.safety_model import (
    GROUPS,
    HEADS,
    MODEL_PATH,
    SCORED_GROUPS,
    WORD_FEATURES,
    group_of,
    load,
    text_hits,
    worst_sentence,
)

OFFENSIVE = {"profanity", "hate"}


def test_loads_from_the_packaged_artefact():
    assert MODEL_PATH.parent.parent.name == "signals" and MODEL_PATH.exists()
    assert MODEL_PATH.stat().st_size < 5_000_000  # a few MB at most, shipped in the wheel
    model = load()
    assert model.coef.shape == (len(HEADS), WORD_FEATURES)
    assert model.thresholds.shape == (len(GROUPS), len(HEADS)) == model.strong.shape
    assert np.all(model.thresholds > 0.5) and np.all(model.strong >= model.thresholds)
    assert len(model.gate) > 50


# Vietnamese captions the lexicon has no word for; the classifier is what flags them.
INSULT_VI = "bọn nó ngu"          # "they are stupid"
GROUP_INSULT_VI = "bọn gays ngu"  # an insult at a group named with a hate-rule word ("gays")


def test_adds_vietnamese_insults_and_group_hate_the_lexicon_has_no_word_for():
    assert not {c for c, _ in scan_text(INSULT_VI)} & OFFENSIVE
    assert not {c for c, _ in scan_text(GROUP_INSULT_VI)} & OFFENSIVE
    hits = text_hits([INSULT_VI, GROUP_INSULT_VI])
    assert {c for c, _, _ in hits[0]} == {"profanity"}
    assert {c for c, _, _ in hits[1]} == {"profanity", "hate"}
    for cat, severity, p in hits[0] + hits[1]:
        assert severity in ("mild", "strong") and 0.5 < p <= 1.0


@pytest.mark.parametrize("text", ["Isn't it typical of a woman to be that stupid?", "I absolutely abhor all women."])
def test_the_word_model_leaves_english_to_the_embedding_head(text):
    """SCORED_GROUPS: outside Vietnamese the word model is not consulted, even for a text it
    scores above its own threshold (these two were its English examples); English goes to
    the embedding head (`safety_embedding`) instead."""
    model = load()
    assert GROUPS[group_of(text)] not in SCORED_GROUPS
    assert np.any(model.probabilities([text])[0] >= model.thresholds[group_of(text)])
    assert not model.scores(text)


def test_everyday_hyperbole_and_clean_text_are_not_flagged():
    texts = ["Killing it at the gym today, new PR!", "kill it at the gym", "Lovely sunset at the beach with my dog",
             "This cake is to die for", "Dieser Workout hat mich fertig gemacht, aber es hat sich gelohnt"]
    assert text_hits(texts) == [[] for _ in texts]
    assert not load().scores("Lovely sunset at the beach with my dog")  # no model call at all


def test_quotes_the_sentence_it_scores_highest():
    text = "Hôm nay đi biển. Mày ngu thế. Hẹn gặp lại!"  # "Beach today. You're so stupid. See you!"
    assert text_hits([text])[0]
    assert worst_sentence(text, "offensive") == "Mày ngu thế."


def test_false_positive_rate_on_clean_captions_stays_under_one_percent():
    """Demo creators of another seed than the training captions, with no planted safety
    content, plus every hand-written near miss of safety_v1 (should-not-hit cases)."""
    captions = [p.text for raw, label in generate(300, seed=2024) if not label.safety
                for p in Creator.model_validate(raw).posts if p.text]
    near_misses = [c["text"] for c in map(json.loads, DATASET.read_text(encoding="utf-8").splitlines())
                   if not c["expected"]]
    assert len(captions) > 1000 and len(near_misses) >= 200
    for texts in (captions, near_misses):
        flagged = sum(bool(h) for h in text_hits(texts))
        assert flagged / len(texts) <= 0.01, (flagged, len(texts))


@pytest.mark.parametrize("text", ["mày là thằng ngu", "bọn nó ngu", "mày ngu thế"])
def test_reads_vietnamese(text):
    assert "profanity" in {c for c, _, _ in text_hits([text])[0]}
