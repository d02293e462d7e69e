"""Embedder backends on the same texts: throughput beside torch (the reference) and how
close each backend's vectors are to torch's."""

from __future__ import annotations

import time
from typing import Sequence

import numpy as np

from retrieval.embedder import BACKENDS, Embedder, open_embedder


def compare_backends(texts: Sequence[str], model: str, max_tokens: int, *,
                     reference: Embedder | None = None, rounds: int = 2) -> dict[str, dict]:
    """Per backend: texts/s (best of `rounds`, interleaved so machine load hits every
    backend alike), speed-up over torch, cosine to torch (min, 1st percentile, mean)."""
    embedders = {b: (reference if b == "torch" and reference is not None and getattr(reference, "backend", "") == "torch"
                     else open_embedder(model, max_tokens=max_tokens, backend=b)) for b in BACKENDS}
    for embedder in embedders.values():
        embedder.embed(list(texts[:64]))  # warm-up: first-run allocations are not throughput
    best = {b: float("inf") for b in BACKENDS}
    vectors: dict[str, np.ndarray] = {}
    for _ in range(rounds):
        for backend, embedder in embedders.items():
            started = time.perf_counter()
            vectors[backend] = embedder.embed(list(texts))
            best[backend] = min(best[backend], time.perf_counter() - started)
    out = {}
    for backend in BACKENDS:
        cosine = np.sum(vectors[backend] * vectors["torch"], axis=1)
        out[backend] = {
            "texts_per_s": round(len(texts) / best[backend], 1),
            "speedup_over_torch": round(best["torch"] / best[backend], 2),
            "cosine_to_torch_min": round(float(cosine.min()), 4),
            "cosine_to_torch_p1": round(float(np.percentile(cosine, 1)), 4),
            "cosine_to_torch_mean": round(float(cosine.mean()), 5),
        }
    return out


def sample_texts(store, profiles: int = 1_000, captions: int = 1_000) -> list[str]:
    """What ingest embeds (creator profile texts) and what posts say (captions), from a store."""
    from retrieval.documents import dense_text

    dense: list[str] = []
    posts: list[str] = []
    for stored in store.iter_all():
        if len(dense) < profiles:
            dense.append(dense_text(stored.creator, stored.features))
        posts.extend(p.text for p in stored.creator.posts if p.text and len(posts) < captions)
        if len(dense) >= profiles and len(posts) >= captions:
            break
    return dense + posts
