"""Fixtures for retrieval tests: real store, real Edge index, real model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from retrieval.index.edge import EdgeCreatorIndex
from retrieval.ingest import Ingester
from retrieval.store import CreatorStore

REAL_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "real"


def real_sample(name: str, out: Path, rows: int, extra_filter=None) -> Path:
    """The first `rows` lines of a real data file (plus any lines matching extra_filter),
    copied to a temp file: real data stays out of the repository."""
    source = REAL_DATA / name
    if not source.exists():
        pytest.skip(f"real data file {source} is not present")
    with source.open(encoding="utf-8") as fh, out.open("w", encoding="utf-8") as dst:
        for number, line in enumerate(fh):
            if number < rows or (extra_filter and extra_filter(json.loads(line))):
                dst.write(line)
    return out


@pytest.fixture
def ingest_env(tmp_path, embedder):
    store = CreatorStore.open(f"sqlite:///{tmp_path / 'castlist.db'}")
    index = EdgeCreatorIndex(tmp_path / "edge", embedder.dim)
    yield store, index, Ingester(store, index, embedder, batch_size=64)
    index.close()
    store.close()
