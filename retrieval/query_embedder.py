"""Search queries embedded by ONNX Runtime, whatever runs the stored texts.

A brief embeds one to three queries of two to five words. For texts that short the cost
is the framework's, not the model's: measured on the bench briefs' own queries,
sentence-transformers on torch spent 12-17 ms of CPU per brief, the same MiniLM exported
to ONNX (retrieval/onnx_export.py, fp32, fused) 3-4 ms, with vectors equal to float
rounding (cosine 1.0000). So the query side runs on ONNX fp32 while ingest keeps its own
backend, and an index built by either is searched the same.

The model file is exported on first use (~10 s on a quiet 2-core machine, up to ~50 s on
a loaded one). `wait=False` (the service) exports in a background thread and lets the
passage embedder answer queries until the file is loaded, so a first start is not held
up; otherwise the constructor waits, so every query of a run (an eval, a CLI shortlist)
comes from one backend.
"""

from __future__ import annotations

import functools
import logging
import threading
from typing import Sequence

import numpy as np

from retrieval.embedder import Embedder
from retrieval.post_encoder import StaticPostEncoder

log = logging.getLogger("castlist.query_embedder")


@functools.lru_cache(maxsize=4)
def _onnx_queries(model: str, max_tokens: int) -> Embedder:
    """One session per process and model: sessions are thread-safe, and loading one costs
    more than a hundred queries."""
    from retrieval.embedder import open_embedder

    return open_embedder(model, max_tokens=max_tokens, backend="onnx")


class OnnxQueryEmbedder:
    """`embed` and `posts` from `inner`; `embed_queries` from ONNX fp32 once loaded."""

    def __init__(self, inner: Embedder, max_tokens: int, *, wait: bool = True) -> None:
        self.inner = inner
        self.dim = inner.dim
        self.name = inner.name
        self._max_tokens = max_tokens
        self._fast: Embedder | None = None
        self.loader: threading.Thread | None = None  # the background load (wait=False), joinable
        if wait:
            self._load()
        else:
            self.loader = threading.Thread(target=self._load, name="castlist-query-model", daemon=True)
            self.loader.start()

    @property
    def backend(self) -> str:
        return "onnx" if self._fast is not None else getattr(self.inner, "backend", "torch")

    def _load(self) -> None:
        try:
            self._fast = _onnx_queries(self.name, self._max_tokens)
        except Exception as exc:  # noqa: BLE001 - the passage embedder still answers
            log.warning("queries stay on %s: the ONNX query model did not load (%s)",
                        getattr(self.inner, "backend", "torch"), exc)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        return self.inner.embed(texts)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return (self._fast or self.inner).embed_queries(texts)

    @property
    def posts(self) -> StaticPostEncoder:
        return self.inner.posts
