"""The ONNX Runtime backends against torch (the reference), on the real MiniLM and on
caption-style texts written for these tests (none copied from the real data)."""

from __future__ import annotations

import numpy as np
import pytest

from retrieval.embedder import BACKENDS, open_embedder

TEXTS = [
    "Leg day done 💪 5x5 squats and some hip thrusts to finish #gym",
    "vegan",
    "My sourdough starter is finally bubbly after a week of feeding it rye flour, the first loaf "
    "came out with an open crumb and a crackling crust, recipe in the highlights #sourdough #baking",
    "Sunset over Lisbon from the Miradouro da Graça, best pastel de nata on the way down ☀️",
    "skincare routine for oily skin: cleanser, niacinamide serum, light gel moisturiser, SPF 50",
    "unboxing the new mechanical keyboard, linear switches, thock test at the end",
    "We adopted a rescue greyhound!! Meet Pepper 🐶",
    "Budget travel in Vietnam: 2 weeks, 600 dollars, hostels, night buses and street food",
    "Q&A: how I edit my reels on my phone",
    "marathon training week 12 — 80 km, long run 32 km at easy pace, feeling strong",
]
# Far past the 64-token cap: both backends must truncate it the same way.
LONG = " ".join(["plant-based meal prep ideas for busy weeknights with tofu, lentils and rice"] * 12)


@pytest.fixture(scope="module")
def backends(embedder):
    # torch-bf16 has its own tests (test_bf16_embedder.py).
    return {"torch": embedder} | {b: open_embedder(backend=b) for b in BACKENDS if b not in ("torch", "torch-bf16")}


def _cosine(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.sum(a * b, axis=1)


def test_fp32_gives_torchs_vectors_in_mixed_length_batches(backends):
    texts = TEXTS + [LONG]
    reference = backends["torch"].embed(texts)
    onnx = backends["onnx"].embed(texts)
    assert onnx.shape == reference.shape == (len(texts), 384)
    assert _cosine(onnx, reference).min() > 0.9999
    np.testing.assert_allclose(np.linalg.norm(onnx, axis=1), 1.0, atol=1e-5)


def test_int8_stays_close_to_torch(backends):
    texts = TEXTS + [LONG]
    cosine = _cosine(backends["onnx-int8"].embed(texts), backends["torch"].embed(texts))
    assert cosine.mean() >= 0.99, cosine
    assert cosine.min() >= 0.97, cosine


@pytest.mark.parametrize(("backend", "floor"), [("onnx", 0.9999), ("onnx-int8", 0.98)])
def test_length_sorting_keeps_each_text_in_its_row(backends, backend, floor):
    # int8 quantises activations with one scale per batch, so a text's vector moves a
    # little with its batch mates (cosine 0.989-0.996 measured); fp32 does not.
    model = backends[backend]
    together = model.embed(TEXTS)
    alone = np.vstack([model.embed([t]) for t in TEXTS])
    assert _cosine(together, alone).min() > floor
    assert np.argmax(together @ alone.T, axis=1).tolist() == list(range(len(TEXTS)))


@pytest.mark.parametrize("backend", ["onnx", "onnx-int8"])
def test_nearest_caption_for_each_query_matches_torch(backends, backend):
    queries = ["gym workout", "bread baking", "travel in Portugal", "dog adoption", "running a marathon"]
    def nearest(model):
        return np.argmax(model.embed_queries(queries) @ model.embed(TEXTS).T, axis=1).tolist()
    assert nearest(backends[backend]) == nearest(backends["torch"])


def test_backends_share_the_model_name_so_an_index_serves_either(backends):
    assert {m.name for m in backends.values()} == {"all-MiniLM-L6-v2"}
    assert {m.backend for m in backends.values()} == set(BACKENDS) - {"torch-bf16"}


def test_empty_input_and_unknown_backend(backends):
    assert backends["onnx"].embed([]).shape == (0, 384)
    with pytest.raises(ValueError, match="unknown embedder backend"):
        open_embedder(backend="tensorflow")


def test_settings_choose_the_backend(monkeypatch):
    from pydantic import ValidationError

    from app.settings import Settings

    assert Settings().embedder_backend == "torch"
    monkeypatch.setenv("CASTLIST_EMBEDDER_BACKEND", "onnx-int8")
    assert Settings().embedder_backend == "onnx-int8"
    monkeypatch.setenv("CASTLIST_EMBEDDER_BACKEND", "gpu")
    with pytest.raises(ValidationError):
        Settings()


def test_export_on_first_use_is_cached_in_the_cache_dir(tmp_path, backends):
    from retrieval.embedder import _model_path
    from retrieval.onnx_export import onnx_model_file

    path = _model_path("all-MiniLM-L6-v2")
    fp32 = onnx_model_file(path, "all-MiniLM-L6-v2", quantized=False, cache_dir=tmp_path)
    int8 = onnx_model_file(path, "all-MiniLM-L6-v2", quantized=True, cache_dir=tmp_path)
    assert fp32.parent == int8.parent and fp32.parent.parent == tmp_path / "onnx"
    assert int8.stat().st_size < fp32.stat().st_size  # int8 weights
    assert not list(fp32.parent.glob("*.part"))  # written atomically
    stamp = fp32.stat().st_mtime_ns
    assert onnx_model_file(path, "all-MiniLM-L6-v2", quantized=False, cache_dir=tmp_path) == fp32
    assert fp32.stat().st_mtime_ns == stamp  # reused, not exported again
    # A fresh export gives the cached file's vectors.
    import onnxruntime as ort

    session = ort.InferenceSession(str(fp32), providers=["CPUExecutionProvider"])
    ids = np.array([[101, 7592, 2088, 102]], dtype=np.int64)
    fresh = session.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids),
                               "token_type_ids": np.zeros_like(ids)})[0]
    cached = backends["onnx"]._session.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids),
                                                  "token_type_ids": np.zeros_like(ids)})[0]
    np.testing.assert_allclose(fresh, cached, atol=1e-5)
