"""torch-bf16 (bfloat16 weights and activations on CPUs that compute them natively)
against fp32 torch, the reference, on texts written for these tests."""

from __future__ import annotations

import numpy as np
import pytest

from retrieval.embedder import native_bf16, open_embedder
from tests.retrieval.test_onnx_embedder import LONG, TEXTS

pytestmark = pytest.mark.skipif(not native_bf16(), reason="this CPU has no native bfloat16 (AMX/AVX512-BF16)")


@pytest.fixture(scope="module")
def bf16():
    return open_embedder(backend="torch-bf16")


def test_bf16_vectors_are_torchs_to_four_decimals(bf16, embedder):
    texts = TEXTS + [LONG]
    ours, reference = bf16.embed(texts), embedder.embed(texts)
    assert bf16.backend == "torch-bf16" and bf16.name == embedder.name
    assert ours.dtype == np.float32 and ours.shape == reference.shape
    np.testing.assert_allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    assert np.sum(ours * reference, axis=1).min() > 0.999


def test_bf16_ranks_captions_like_torch(bf16, embedder):
    queries = ["gym workout", "bread baking", "travel in Portugal", "dog adoption", "running a marathon",
               "skin care", "keyboard review"]

    def order(model):
        return np.argsort(-(model.embed_queries(queries) @ model.embed(TEXTS).T), axis=1)[:, :3].tolist()

    assert order(bf16) == order(embedder)


def test_bf16_rows_do_not_depend_on_their_batch(bf16):
    together = bf16.embed(TEXTS)
    alone = np.vstack([bf16.embed([t]) for t in TEXTS])
    assert np.sum(together * alone, axis=1).min() > 0.999
    assert bf16.embed([]).shape == (0, 384)
