"""The contextual reader (transformer sentence vectors, gated): packaged artefact and its
probe check, what it adds over the static heads, what it leaves alone, and that the gate
keeps the transformer away from clean captions and Vietnamese text."""

import numpy as np
import pytest

from retrieval.signals import safety_reader
from retrieval.signals.safety_embedding import load as load_static
from retrieval.signals.safety_lexicon import scan_text
from retrieval.signals.safety_model import text_hits
from retrieval.signals.safety_reader import HEADS, READER_PATH, Reader, load, read, save


@pytest.fixture
def reader_off():
    safety_reader.set_enabled(False)
    yield
    safety_reader.set_enabled(True)


@pytest.fixture
def reader_calls(monkeypatch):
    """Every text the reader's transformer is asked about (the real reader still answers)."""
    asked: list[str] = []
    real = Reader.probabilities

    def spy(self, texts):
        asked.extend(texts)
        return real(self, texts)

    monkeypatch.setattr(Reader, "probabilities", spy)
    return asked


def test_loads_from_the_packaged_artefact_and_this_machines_encoder_reproduces_its_probes():
    assert READER_PATH.exists() and READER_PATH.stat().st_size < 100_000
    reader = read()
    assert reader.coef.shape[0] == len(HEADS) and reader.intercept.shape == (len(HEADS),)
    assert np.all(reader.thresholds >= 0.3) and np.all(reader.thresholds < 1.0)  # the choice rule's range
    assert 0.0 < reader.gate < 1.0
    assert len(reader.probe_texts) >= 8 and reader.probe_probs.shape == (len(reader.probe_texts), len(HEADS))
    assert reader.probes_agree()
    assert load() is not None


def test_a_reader_whose_probes_disagree_is_left_off(tmp_path):
    """Weights for another encoder must not score captions."""
    reader = read()
    path = tmp_path / "reader.npz"
    other = Reader(**{**reader.__dict__, "probe_probs": 1.0 - reader.probe_probs})
    save(path, other)
    assert not read(path).probes_agree()
    assert safety_reader._load(path) is None
    assert safety_reader._load(tmp_path / "missing.npz") is None


# Hand-written: hate in ordinary words, where the word order carries the meaning.
CONTEXTUAL_HATE = [
    "Immigrants should all be sent back to where they came from",
    "Jews control the banks and the media",
    "Los inmigrantes solo vienen a robar y vivir de ayudas",  # Spanish: the encoder is multilingual
]


def test_flags_contextual_hate_the_static_heads_and_lexicon_miss(reader_off):
    before = text_hits(CONTEXTUAL_HATE)
    safety_reader.set_enabled(True)
    after = text_hits(CONTEXTUAL_HATE)
    for text, b, a in zip(CONTEXTUAL_HATE, before, after):
        assert not {c for c, _ in scan_text(text)} & {"profanity", "hate"}, text
        assert b == [], text
        assert ("hate", "strong") in {(c, s) for c, s, _ in a}, text


BENIGN_WITH_GROUP = [
    "My Muslim neighbours brought us dinner for Eid",
    "Proud of the women on my team who shipped this launch",
    "Celebrating Black History Month with my students this week",
]


def test_benign_text_about_a_group_is_not_flagged(reader_calls):
    hits = text_hits(BENIGN_WITH_GROUP)
    assert all(h == [] for h in hits), hits
    # "women" names a group, which opens the gate: the reader read it and found nothing
    assert BENIGN_WITH_GROUP[1] in reader_calls


CLEAN = ["Lovely sunset at the beach with my dog", "New recipe on the blog, link in bio",
         "Killing it at the gym today, new PR!", "Dieser Workout hat mich fertig gemacht"]


def test_the_gate_keeps_clean_captions_away_from_the_transformer(reader_calls):
    static = load_static().probabilities(CLEAN)
    assert not read().gated(static, [False] * len(CLEAN)).any()
    safety_reader._load.cache_clear()
    assert text_hits(CLEAN) == [[] for _ in CLEAN]
    assert reader_calls == []
    # nor is the transformer loaded (probe check included) for captions that do not pass
    assert safety_reader._load.cache_info().currsize == 0


def test_vietnamese_goes_to_the_word_model_not_the_reader(reader_calls):
    hits = text_hits(["bọn gays ngu"])  # "gays are stupid": a named group, yet not the reader's
    assert {c for c, _, _ in hits[0]} == {"profanity", "hate"}
    assert reader_calls == []
