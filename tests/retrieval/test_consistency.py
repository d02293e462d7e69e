"""Row-level atomicity across the database and the index, per-row failures, and the
reconciliation that repairs what a crash between the two writes leaves (issue 10)."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from retrieval.documents import build_indexed, dense_text
from retrieval.features import compute_features
from retrieval.index.edge import EdgeCreatorIndex
from retrieval.ingest import Ingester, reconcile
from retrieval.schema import Creator
from retrieval.store import CreatorStore

NOW = datetime(2026, 11, 1, tzinfo=timezone.utc)


def make(handle: str, followers: int = 5_000) -> Creator:
    return Creator.model_validate({"platform": "instagram", "handle": handle, "followers": followers,
                                   "bio": "vegan baking", "categories": ["food"]})


@pytest.fixture
def broken_index_env(tmp_path, embedder):
    """A real store and a real Edge index whose vectors are the wrong size: every index
    write fails the way a real index failure does, after the database write was issued."""
    store = CreatorStore.open(f"sqlite:///{tmp_path / 'castlist.db'}")
    index = EdgeCreatorIndex(tmp_path / "edge-wrong-dim", 8)
    yield store, index, Ingester(store, index, embedder)
    index.close()
    store.close()


def test_a_failed_index_write_leaves_no_database_row(broken_index_env):
    store, index, ingester = broken_index_env
    with pytest.raises(Exception):
        ingester.upsert_rows([(0, make("never.half")), (1, make("never.half.two"))])
    assert store.count() == 0 and len(index) == 0


def test_a_failed_index_write_keeps_the_previous_version(tmp_path, embedder, broken_index_env):
    store, broken, _ = broken_index_env
    store.upsert([(c := make("kept.old", 1_000), compute_features(c, NOW))])
    with pytest.raises(Exception):
        Ingester(store, broken, embedder).upsert_rows([(0, make("kept.old", 9_999))])
    assert store.get("instagram:kept.old").creator.followers == 1_000


def test_a_row_that_fails_alone_costs_only_itself(ingest_env):
    store, index, ingester = ingest_env
    # Built without validation, as a bug upstream could: SQLite cannot hold 10**30.
    poisoned = make("poisoned").model_copy(update={"followers": 10**30})
    written, failures = ingester.upsert_rows([(0, make("fine.one")), (1, poisoned), (2, make("fine.two"))])
    assert written == 2
    assert [(f.origin, f.handle) for f in failures] == [(1, "poisoned")]
    assert "could not" in failures[0].reason
    assert store.count() == len(index) == 2
    assert store.get("instagram:poisoned") is None and not index.get(["instagram:poisoned"])


def test_ingest_files_reports_rows_lost_at_write_with_their_line(tmp_path, ingest_env):
    store, index, ingester = ingest_env
    path = tmp_path / "rows.jsonl"
    path.write_text("\n".join([
        json.dumps({"platform": "instagram", "handle": "line.one", "followers": 10}),
        json.dumps({"platform": "instagram", "handle": "line.two", "followers": 10**30}),
        "[" * 3000 + "]" * 3000,
        json.dumps({"platform": "instagram", "handle": "line.four", "followers": 10, "bio": "a\ud800"}),
        json.dumps({"platform": "instagram", "handle": "line.five", "followers": 10}),
    ]) + "\n")
    rejects: list = []
    summary = ingester.ingest_files([path], on_reject=rejects.append)
    assert summary.accepted == 2 and summary.rejected == 3
    assert [(r.line, r.field) for r in rejects] == [(2, "followers"), (3, None), (4, "bio")]
    assert "nested" in rejects[1].reason and "surrogate" in rejects[2].reason
    assert store.count() == len(index) == 2


def test_reconcile_indexes_missing_rows_and_drops_orphan_points(ingest_env, embedder):
    store, index, ingester = ingest_env
    ingester.upsert_creators([make("both.one"), make("both.two")])
    # What a crash between the two writes leaves: a row only in the database ...
    store.upsert([(c := make("db.only"), compute_features(c, NOW))])
    # ... and a point only in the index.
    orphan = make("index.only")
    features = compute_features(orphan, NOW)
    index.upsert([build_indexed(orphan, features, embedder.embed([dense_text(orphan, features)])[0].tolist())])
    assert store.count() == 3 and len(index) == 3  # equal counts, yet they disagree

    quick = reconcile(store, index, embedder)
    assert quick.consistent and not quick.repaired  # counts alone cannot see this one
    report = reconcile(store, index, embedder, full=True)
    assert (report.missing_from_index, report.orphans_in_index, report.repaired) == (1, 1, True)
    assert sorted(h.key for h in index.get(sorted(store.keys()))) == sorted(store.keys())
    assert len(index) == store.count() == 3
    assert reconcile(store, index, embedder, full=True).consistent


def test_reconcile_runs_the_full_check_when_counts_differ(ingest_env, embedder):
    store, index, ingester = ingest_env
    ingester.upsert_creators([make("count.one")])
    store.upsert([(c := make("count.db.only"), compute_features(c, NOW))])
    report = reconcile(store, index, embedder)
    assert report.repaired and report.missing_from_index == 1
    assert len(index) == store.count() == 2
