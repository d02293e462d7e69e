"""`castlist reindex` and the embedding-model record of an index, end to end through the
CLI on a sample of the real Vietnamese TikTok file (copied to a temp dir at test time)."""

from __future__ import annotations

import json

import pytest

from app.cli import main
from app.settings import get_settings
from retrieval.index_model import IndexModelMismatch, check_index_model, read_index_model, recorded_mismatch
from tests.retrieval.conftest import real_sample


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("CASTLIST_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("CASTLIST_EMBEDDING_MODEL", raising=False)
    get_settings.cache_clear()
    yield tmp_path / "data"
    get_settings.cache_clear()


def test_switching_models_needs_reindex(data_dir, tmp_path, monkeypatch, capsys):
    sample = real_sample("tiktok_vn2025.jsonl", tmp_path / "vn.jsonl", 80)
    assert main(["ingest", str(sample)]) == 0
    index_dir = get_settings().index_path
    assert read_index_model(index_dir).model == "all-MiniLM-L6-v2"

    monkeypatch.setenv("CASTLIST_EMBEDDING_MODEL", "multilingual-e5-small")
    get_settings.cache_clear()
    capsys.readouterr()
    assert main(["search", "nấu ăn"]) == 2
    err = capsys.readouterr().err
    assert "all-MiniLM-L6-v2" in err and "castlist reindex" in err
    assert main(["serve", "--port", "8765"]) == 2  # refused before the server starts
    assert "castlist reindex" in capsys.readouterr().err

    # The per-post encoder's distillation (minutes for e5) is covered in tests/retrieval/test_e5.py.
    assert main(["reindex", "--batch-size", "32", "--skip-post-encoder"]) == 0
    out = capsys.readouterr().out
    record = read_index_model(index_dir)
    assert record.model == "multilingual-e5-small" and record.dim == 384
    assert "multilingual-e5-small" in out

    assert main(["search", "nấu ăn", "--limit", "5"]) == 0
    hits = [line for line in capsys.readouterr().out.splitlines() if line.strip()[:1].isdigit()]
    assert len(hits) == 5

    # The store kept every creator, with languages from the new detector.
    from retrieval.store import CreatorStore

    store = CreatorStore.open(get_settings().resolved_database_url)
    try:
        stored = list(store.iter_all())
    finally:
        store.close()
    expected = sum(1 for line in sample.read_text().splitlines() if json.loads(line).get("followers") is not None)
    assert len(stored) == expected
    with_text = [s for s in stored if any(p.text for p in s.creator.posts)]
    vietnamese = [s for s in with_text if s.features.languages_detected[:1] == ["vi"]]
    assert len(vietnamese) >= 0.6 * len(with_text)


def test_index_model_record(tmp_path):
    index_dir = tmp_path / "index" / "edge"
    # A new, empty index takes the configured model.
    assert check_index_model(index_dir, "multilingual-e5-small", 384, index_size=0).model == "multilingual-e5-small"
    with pytest.raises(IndexModelMismatch, match="castlist reindex"):
        check_index_model(index_dir, "all-MiniLM-L6-v2", 384, index_size=10)
    assert recorded_mismatch(index_dir, "intfloat/multilingual-e5-small") is None
    assert "castlist reindex" in recorded_mismatch(index_dir, "all-MiniLM-L6-v2")
    # An index that predates the record was built by MiniLM, the only model then.
    legacy = tmp_path / "legacy" / "edge"
    with pytest.raises(IndexModelMismatch, match="all-MiniLM-L6-v2"):
        check_index_model(legacy, "multilingual-e5-small", 384, index_size=10)
    assert check_index_model(legacy, "all-MiniLM-L6-v2", 384, index_size=10).model == "all-MiniLM-L6-v2"
