"""Fixtures shared across the suite: the real embedding model, loaded once."""

from __future__ import annotations

import os
from collections.abc import Iterator

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import pytest  # noqa: E402


@pytest.fixture(scope="session")
def embedder():
    from retrieval.embedder import SentenceTransformerEmbedder

    return SentenceTransformerEmbedder()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:  # noqa: ANN001
    """A fresh, empty database: a SQLite file, or a new database on the PostgreSQL test
    server (skipped, saying why, when there is none)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'castlist.db'}"
        return
    from tests.support import postgres

    url = postgres.create_database("unit")
    yield url
    postgres.drop_database(url)
