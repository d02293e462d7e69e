"""Per-post vectors that are cheap enough to compute for every post of every creator.

A transformer pass per caption costs ~10 ms on two cores (about 100 captions/s), so
embedding every post at ingest would make ingest ten times slower. model2vec distils the
same sentence-transformer into static token vectors (one forward pass over the
vocabulary, once per model, cached on disk): a post vector is then a weighted mean of
token vectors, ~60,000 captions/s, in a space aligned with the dense model's.
It is weaker on paraphrase than the transformer, which is why retrieval keeps the
transformer's profile vector for recall and uses post vectors as evidence.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Sequence

import numpy as np

PCA_DIMS = 256


def default_cache_dir() -> Path:
    return Path(os.environ.get("CASTLIST_CACHE_DIR") or Path.home() / ".cache" / "castlist")


class StaticPostEncoder:
    """model2vec static embeddings distilled from a local sentence-transformer directory."""

    def __init__(self, model_path: str, name: str, cache_dir: Path | None = None) -> None:
        from model2vec import StaticModel

        target = (cache_dir or default_cache_dir()) / "static" / name.replace("/", "__")
        if not (target / "model.safetensors").exists():
            _distill(model_path, target)
        self._model = StaticModel.from_pretrained(str(target))
        self.dim = int(self._model.dim)
        self.name = f"model2vec({name})"

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = np.asarray(self._model.encode(list(texts), show_progress_bar=False), dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.maximum(norms, 1e-9)


_DISTILL_LOCK = threading.Lock()


def _distill(model_path: str, target: Path) -> None:
    """Distil once; written to a temp dir and renamed so a crash never leaves half a model."""
    from model2vec.distill import distill

    with _DISTILL_LOCK:
        if (target / "model.safetensors").exists():
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + f".tmp{os.getpid()}")
        model = distill(model_name=model_path, pca_dims=PCA_DIMS, device="cpu")
        model.save_pretrained(str(tmp))
        try:
            tmp.rename(target)
        except OSError:  # another process finished first
            pass
