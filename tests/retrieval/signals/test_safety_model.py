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
    WORD_FEATURES,
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


def test_adds_insults_and_group_hate_the_lexicon_has_no_word_for():
    # Since OLID (no licence) left the training data, plain English insults with no listed
    # word ("shut up you idiot") are no longer caught (model card); these still are.
    insult, sexist = "Isn't it typical of a woman to be that stupid?", "I absolutely abhor all women."
    assert not {c for c, _ in scan_text(insult)} & OFFENSIVE
    assert not {c for c, _ in scan_text(sexist)} & OFFENSIVE
    hits = text_hits([insult, sexist])
    assert "profanity" in {c for c, _, _ in hits[0]}
    assert "hate" in {c for c, _, _ in hits[1]}
    for cat, severity, p in hits[0] + hits[1]:
        assert severity in ("mild", "strong") and 0.5 < p <= 1.0


def test_everyday_hyperbole_and_clean_text_are_not_flagged():
    texts = ["Killing it at the gym today, new PR!", "kill it at the gym", "Lovely sunset at the beach with my dog",
             "This cake is to die for", "Dieser Workout hat mich fertig gemacht, aber es hat sich gelohnt"]
    assert text_hits(texts) == [[] for _ in texts]
    assert not load().gated("Lovely sunset at the beach with my dog")  # no model call at all


def test_quotes_the_sentence_it_scores_highest():
    text = "Great day at the beach. Shut up you idiot. See you all tomorrow!"
    assert worst_sentence(text, "offensive") == "Shut up you idiot."


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


# German insults without a listed word ("Du bist so ein Idiot") are not caught since the
# retraining without OLID (model card): only Vietnamese is tested for insults the lexicon lacks.
@pytest.mark.parametrize("text", ["mày là thằng ngu", "bọn nó ngu"])
def test_reads_vietnamese(text):
    assert "profanity" in {c for c, _, _ in text_hits([text])[0]}
