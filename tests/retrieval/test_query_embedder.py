"""Queries on ONNX fp32 beside a torch passage embedder (retrieval/query_embedder.py): the
same vectors as torch's, stored texts still on torch, and a model that will not load
leaves queries on torch instead of failing. Real MiniLM on both backends."""

from __future__ import annotations

import logging

import numpy as np

import retrieval.query_embedder as query_embedder_module
from app.settings import Settings
from app.wiring import query_embedder
from retrieval.e5_weights import E5_MODEL
from retrieval.query_embedder import OnnxQueryEmbedder

QUERIES = ["vegan food", "sourdough baking", "home workout fitness", "dog cat", "budget travel vietnam"]


def test_queries_match_torch_and_stored_texts_stay_on_torch(embedder):
    queries = OnnxQueryEmbedder(embedder, max_tokens=64)
    assert queries.backend == "onnx" and queries.name == embedder.name and queries.dim == embedder.dim
    got, reference = queries.embed_queries(QUERIES), embedder.embed_queries(QUERIES)
    assert np.min(np.sum(got * reference, axis=1)) > 0.99999
    assert not np.array_equal(got, reference)  # really another runtime, not torch passed through
    np.testing.assert_array_equal(queries.embed(["tofu scramble"]), embedder.embed(["tofu scramble"]))
    assert queries.posts is embedder.posts


def test_background_load_switches_once_ready(embedder):
    queries = OnnxQueryEmbedder(embedder, max_tokens=64, wait=False)
    queries.loader.join(timeout=300)
    assert queries.backend == "onnx"
    assert np.min(np.sum(queries.embed_queries(QUERIES) * embedder.embed_queries(QUERIES), axis=1)) > 0.99999


def test_a_model_that_fails_to_load_leaves_queries_on_torch(embedder, monkeypatch, caplog):
    def broken(model: str, max_tokens: int):
        raise OSError("no space left on device")

    monkeypatch.setattr(query_embedder_module, "_onnx_queries", broken)
    with caplog.at_level(logging.WARNING, logger="castlist.query_embedder"):
        queries = OnnxQueryEmbedder(embedder, max_tokens=64, wait=False)
        queries.loader.join(timeout=60)
    assert queries.backend == "torch"
    np.testing.assert_array_equal(queries.embed_queries(QUERIES), embedder.embed_queries(QUERIES))
    assert "no space left on device" in caplog.text


def test_settings_choose_the_query_backend(embedder, monkeypatch):
    assert isinstance(query_embedder(Settings(), embedder), OnnxQueryEmbedder)

    class UncheckedModel:  # stands in for e5, whose ONNX export is not checked: no model needed
        name, backend, dim = E5_MODEL, "torch", 384

    unchecked = UncheckedModel()
    assert query_embedder(Settings(), unchecked) is unchecked
    monkeypatch.setenv("CASTLIST_QUERY_EMBEDDER_BACKEND", "same")
    assert query_embedder(Settings(), embedder) is embedder
