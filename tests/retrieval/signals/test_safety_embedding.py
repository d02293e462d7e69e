"""The embedding heads (static MiniLM vectors): packaged artefact, the probe check that
guards against another vector space, what they add in English, and what they leave alone."""

import numpy as np

from retrieval.signals import safety_embedding
from retrieval.signals.safety_embedding import (
    HEAD_PATH,
    HEADS,
    encode,
    load,
    read,
    save,
)
from retrieval.signals.safety_lexicon import scan_text
from retrieval.signals.safety_model import text_hits
from retrieval.signals.text import tagged_words

OFFENSIVE = {"profanity", "hate"}


def test_loads_from_the_packaged_artefact_and_this_machines_vectors_reproduce_its_probes():
    assert HEAD_PATH.exists() and HEAD_PATH.stat().st_size < 100_000
    head = read()
    dim = encode(["x"]).shape[1]
    assert head.coef.shape == (len(HEADS), dim) and head.intercept.shape == (len(HEADS),)
    assert np.all(head.thresholds > 0.5) and np.all(head.thresholds < 1.0)
    assert len(head.probe_texts) >= 6 and head.probe_probs.shape == (len(head.probe_texts), len(HEADS))
    assert head.probes_agree()
    assert load() is not None


def test_a_head_whose_probes_disagree_is_left_off(tmp_path):
    """Weights for another vector space (another distillation) must not score captions."""
    head = read()
    path = tmp_path / "head.npz"
    save(path, head.coef, head.intercept, head.thresholds, head.probe_texts, 1.0 - head.probe_probs)
    assert not read(path).probes_agree()
    assert load(path) is None
    assert load(tmp_path / "missing.npz") is None


# English insults with no word of the lexicon: what the head adds. Hand-written here.
INSULTS_EN = ["you are a worthless idiot", "shut up you stupid clown", "what a pathetic loser you are"]


def test_flags_english_insults_the_lexicon_has_no_word_for():
    for text, hits in zip(INSULTS_EN, text_hits(INSULTS_EN)):
        assert not {c for c, _ in scan_text(text)} & OFFENSIVE, text
        assert [(c, s) for c, s, _ in hits] == [("profanity", "mild")], text
        assert 0.5 < hits[0][2] <= 1.0


def test_hate_needs_a_named_group():
    group, no_group = text_hits(["women are too stupid to vote", "you are a worthless idiot"])
    assert {c for c, _, _ in group} == {"profanity", "hate"}
    assert {c for c, _, _ in no_group} == {"profanity"}


def test_word_vectors_match_model2vec_closely():
    """The heads read a cached word-piece mean (no punctuation or emoji pieces), not
    model2vec's `encode`; on ordinary text the two are the same direction."""
    texts = ["Lovely sunset at the beach with my dog", "shut up you stupid clown", "Baking sourdough #bread"]
    cos = (encode(texts) * safety_embedding.encoder().embed(texts)).sum(axis=1)
    assert np.all(cos > 0.98), cos
    # the scan passes the caption tokens it already has; the vectors are the same
    assert np.allclose(encode(texts), encode(texts, [tagged_words(t) for t in texts]))


def test_vietnamese_is_not_read_by_the_head(monkeypatch):
    """Vietnamese text goes to the word model only; the head is not asked."""
    asked: list[list[str]] = []
    real = safety_embedding.EmbeddingHead.probabilities

    def spy(self, texts, tokens=None):
        asked.append(list(texts))
        return real(self, texts, tokens)

    monkeypatch.setattr(safety_embedding.EmbeddingHead, "probabilities", spy)
    text_hits(["bọn nó ngu", "Lovely sunset at the beach"])
    assert asked == [["Lovely sunset at the beach"]]
