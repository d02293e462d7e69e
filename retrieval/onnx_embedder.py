"""The same sentence-transformer run by ONNX Runtime instead of torch.

Same tokenizer (the model's own `tokenizer.json`), same truncation, same pooling and
normalisation (inside the exported graph, see retrieval/onnx_export.py), so fp32 vectors
match torch's to float rounding and an index built by either backend serves the other.
int8 is close but not equal (cosine ~0.996 on real texts).

Texts are sorted by length before batching: a batch is padded to its longest text and
attention grows with length, so mixing a 5-token query with 64-token profiles wastes most
of the batch.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from retrieval.onnx_export import INPUTS, onnx_model_file
from retrieval.post_encoder import StaticPostEncoder


class OnnxEmbedder:
    """A local sentence-transformer directory run by onnxruntime on the CPU; thread-safe
    (an InferenceSession may be run from several threads at once)."""

    def __init__(self, model_path: str, name: str, *, max_tokens: int = 64, quantized: bool = False,
                 batch_size: int = 64, threads: int = 0, query_prefix: str = "", passage_prefix: str = "",
                 posts: Callable[[], StaticPostEncoder] | None = None) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        self.name = name
        self.backend = "onnx-int8" if quantized else "onnx"
        self._path = model_path
        self._batch_size = batch_size
        self._query_prefix, self._passage_prefix = query_prefix, passage_prefix
        self._posts_factory = posts
        self._posts: StaticPostEncoder | None = None
        self._posts_lock = threading.Lock()
        self._tokenizer = Tokenizer.from_file(str(Path(model_path) / "tokenizer.json"))
        self._tokenizer.enable_truncation(max_tokens)
        self._tokenizer.no_padding()  # padded per batch below, to the batch's own longest text
        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        # Idle pool threads sleep rather than spin (see OMP_WAIT_POLICY in retrieval/embedder.py):
        # spinning threads on busy cores stall every small call.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        if threads:
            options.intra_op_num_threads = threads
        self.model_file = onnx_model_file(model_path, name, quantized)
        self._session = ort.InferenceSession(str(self.model_file), options, providers=["CPUExecutionProvider"])
        self.dim = int(self._session.get_outputs()[0].shape[-1])

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode([self._passage_prefix + t for t in texts])

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode([self._query_prefix + t for t in texts])

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        encodings = self._tokenizer.encode_batch(list(texts))
        order = np.argsort([len(e.ids) for e in encodings], kind="stable")
        for start in range(0, len(order), self._batch_size):
            rows = order[start:start + self._batch_size]
            width = max(len(encodings[i].ids) for i in rows)
            ids = np.zeros((len(rows), width), dtype=np.int64)
            mask = np.zeros((len(rows), width), dtype=np.int64)
            types = np.zeros((len(rows), width), dtype=np.int64)
            for r, i in enumerate(rows):
                e = encodings[i]
                n = len(e.ids)
                # Pad positions are masked out of attention and pooling, so the pad id is moot.
                ids[r, :n], mask[r, :n], types[r, :n] = e.ids, e.attention_mask, e.type_ids
            feed = dict(zip(INPUTS, (ids, mask, types)))
            out[rows] = self._session.run(None, feed)[0]
        return out

    @property
    def posts(self) -> StaticPostEncoder:
        if self._posts is None:
            with self._posts_lock:
                if self._posts is None:
                    factory = self._posts_factory or (lambda: StaticPostEncoder(self._path, self.name))
                    self._posts = factory()
        return self._posts
