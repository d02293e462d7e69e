"""Fixtures shared across the suite: the real embedding model, loaded once."""

from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import pytest  # noqa: E402


@pytest.fixture(scope="session")
def embedder():
    from retrieval.embedder import SentenceTransformerEmbedder

    return SentenceTransformerEmbedder()
