"""Offensive / hate heads on sentence vectors: two logistic regressions over the static
(model2vec) vectors of the shipped MiniLM, for text that is not Vietnamese.

Why vectors and not only words: the hashed word n-gram model (`safety_model`) knows the
words it was trained on; without a licensed English offensive set it added almost nothing
in English (HateCheck hate recall +0.016) and was switched off outside Vietnamese. Word
vectors place "worthless", "pathetic" and "idiot" near each other, so a linear head over
them generalises from the small licensed sets to insults they never contain (HateCheck
hate recall 0.24 -> 0.43; model card: `model/MODEL_CARD.md`, training:
`scripts/train_safety_head.py`).

Why the static vectors: a transformer pass per caption costs ~10-15 ms on this project's
two cores, ten times the whole scan; the word-piece table of the model2vec distillation
of the same MiniLM (`post_encoder.StaticPostEncoder`, the one ingest already uses for
per-post vectors with the default model), averaged over a caption's words, costs ~0.02 ms
per caption (`_WordVectors`). It is distilled once, locally, on first use and cached
(`CASTLIST_CACHE_DIR`), so nothing is downloaded.

The distillation runs on the machine that uses it. The artefact therefore keeps probe
texts with the probabilities the training machine gave them; `load` checks them once and
leaves the head off (lexicon and Vietnamese model only, with a warning) when the local
vectors disagree, rather than scoring with weights for another vector space.

Vietnamese is left to the word model: MiniLM's English vocabulary splits it into pieces
that carry no meaning (ViHOS test recall 0.35 against the word model's 0.46).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from pathlib import Path

import numpy as np

HEAD_PATH = Path(__file__).with_name("model") / "safety_head.npz"
HEADS: tuple[str, ...] = ("offensive", "hate")
ENCODER_MODEL = "all-MiniLM-L6-v2"
# Largest absolute difference between a probe's stored and recomputed probability that
# still counts as the same vector space (float noise is ~1e-6; another space is ~0.1+).
PROBE_TOLERANCE = 0.01

log = logging.getLogger(__name__)
_lock = threading.Lock()


@lru_cache(maxsize=1)
def encoder():
    """The static MiniLM encoder (distilled once per cache dir, then loaded from disk)."""
    from retrieval.embedder import DEFAULT_MODEL, _model_path
    from retrieval.post_encoder import StaticPostEncoder

    assert ENCODER_MODEL == DEFAULT_MODEL
    with _lock:
        return StaticPostEncoder(_model_path(ENCODER_MODEL), ENCODER_MODEL)


MAX_TOKENS = 512         # model2vec's own cut for this model (its `max_length`)
_CACHE_LIMIT = 200_000   # distinct words kept; replaced by an empty cache when full


class _WordVectors:
    """A caption's static vector: the mean of the word-piece vectors of its words, unit
    length. The words are the scan's own tokens (`text.tagged_words`, already computed
    per caption for the lexicon), each tokenized into MiniLM word pieces once and cached.
    Tokenizing whole captions with model2vec was most of the heads' cost (1.1 of 1.5 ms per
    creator of 12 long captions). Unlike model2vec's `encode`, punctuation and emoji are
    not pieces (cosine with model2vec's vector 0.998 on average on real captions); the
    heads are trained on this same function."""

    def __init__(self, model) -> None:
        self.table = np.asarray(model.embedding, dtype=np.float32)
        self.tokenizer = model.tokenizer
        self.unk = model.unk_token_id
        self.pieces: dict[str, tuple[int, ...]] = {}
        self._lock = threading.Lock()

    def embed(self, tokens: Sequence[Sequence[str]]) -> np.ndarray:
        unique = {w for words in tokens for w in words}
        with self._lock:  # a full cache is replaced, never emptied under another caller
            pieces = self.pieces
            new = [w for w in unique if w not in pieces]
            if len(pieces) + len(new) > _CACHE_LIMIT:
                pieces = self.pieces = {}
                new = list(unique)
            if new:
                for word, enc in zip(new, self.tokenizer.encode_batch_fast(new, add_special_tokens=False)):
                    pieces[word] = tuple(i for i in enc.ids if i != self.unk)
        get = pieces.__getitem__
        out = np.zeros((len(tokens), self.table.shape[1]), dtype=np.float32)
        for k, words in enumerate(tokens):
            ids = list(chain.from_iterable(map(get, words)))[:MAX_TOKENS]
            if ids:
                out[k] = self.table[ids].sum(axis=0)
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)


@lru_cache(maxsize=1)
def _word_vectors() -> _WordVectors:
    return _WordVectors(encoder()._model)  # the distilled StaticModel behind the post encoder


def encode(texts: Sequence[str], tokens: Sequence[Sequence[str]] | None = None) -> np.ndarray:
    """(len(texts), dim) unit vectors; shared by training and inference. `tokens`, when
    given, are `tagged_words(text)` per text (the scan has them already)."""
    from retrieval.signals.text import tagged_words

    return _word_vectors().embed(tokens if tokens is not None else [tagged_words(t) for t in texts])


@dataclass(frozen=True)
class EmbeddingHead:
    coef: np.ndarray        # (heads, dim)
    intercept: np.ndarray   # (heads,)
    thresholds: np.ndarray  # (heads,) probability at or above which a text is flagged
    probe_texts: tuple[str, ...]
    probe_probs: np.ndarray  # (probes, heads) as computed when the head was trained

    def probabilities_of(self, vectors: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-(vectors @ self.coef.T + self.intercept)))

    def probabilities(self, texts: Sequence[str], tokens: Sequence[Sequence[str]] | None = None) -> np.ndarray:
        """(len(texts), heads) probabilities (`tokens` as for `encode`)."""
        if not texts:
            return np.zeros((0, len(HEADS)), dtype=np.float32)
        return self.probabilities_of(encode(texts, tokens))

    def probes_agree(self) -> bool:
        """True when this machine's vectors give the probes the probabilities stored at training."""
        diff = np.abs(self.probabilities(list(self.probe_texts)) - self.probe_probs)
        return bool(diff.max() <= PROBE_TOLERANCE)


def save(path: Path, coef: np.ndarray, intercept: np.ndarray, thresholds: np.ndarray,
         probe_texts: Sequence[str], probe_probs: np.ndarray) -> None:
    np.savez_compressed(path, coef=coef.astype(np.float32), intercept=intercept.astype(np.float32),
                        thresholds=thresholds.astype(np.float32), probe_texts=np.array(list(probe_texts), dtype=str),
                        probe_probs=probe_probs.astype(np.float32))


def read(path: Path = HEAD_PATH) -> EmbeddingHead:
    """The stored head, unchecked."""
    with np.load(path, allow_pickle=False) as z:
        return EmbeddingHead(coef=z["coef"], intercept=z["intercept"], thresholds=z["thresholds"],
                             probe_texts=tuple(z["probe_texts"].tolist()), probe_probs=z["probe_probs"])


@lru_cache(maxsize=1)
def load(path: Path = HEAD_PATH) -> EmbeddingHead | None:
    """The head, or None (off) when its file is missing or the probes disagree."""
    if not path.exists():
        log.warning("brand-safety embedding head %s missing: English offensive text is the lexicon's alone", path)
        return None
    head = read(path)
    if not head.probes_agree():
        log.warning("brand-safety embedding head off: this machine's %s static vectors do not reproduce "
                    "the probes stored with %s (another distillation?)", ENCODER_MODEL, path.name)
        return None
    return head
