"""Ingestion on real data files (sampled into temp files), idempotency and crash safety."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from retrieval.index.base import IndexFilter
from retrieval.index.edge import EdgeCreatorIndex
from retrieval.store import CreatorStore
from tests.retrieval.conftest import real_sample


def test_real_instagram_rows_ingest_and_missing_followers_are_rejected(tmp_path, ingest_env):
    store, index, ingester = ingest_env
    sample = real_sample("instagram_kim2020.jsonl", tmp_path / "ig.jsonl", 150,
                         extra_filter=lambda row: row.get("followers") is None)
    total = sum(1 for _ in sample.open())
    missing = sum(1 for line in sample.open() if json.loads(line).get("followers") is None)
    assert missing == 380  # the data set's known gap (DESIGN 7)
    rejects = io.StringIO()
    summary = ingester.ingest_files([sample], rejects=rejects)
    assert summary.rejected == missing
    assert summary.accepted == total - missing
    lines = [json.loads(line) for line in rejects.getvalue().splitlines()]
    assert len(lines) == missing
    assert all(r["field"] == "followers" and "missing" in r["reason"] and r["line"] >= 1 for r in lines)
    assert store.count() == len(index) == summary.accepted
    stored = store.get(next(iter(store.iter_all())).creator.key)
    assert stored.features.engagement.method is not None


def test_real_tiktok_rows_ingest_with_per_view_engagement(tmp_path, ingest_env):
    store, index, ingester = ingest_env
    sample = real_sample("tiktok_vn2025.jsonl", tmp_path / "tt.jsonl", 120)
    summary = ingester.ingest_files([sample])
    assert summary.accepted == 120 and summary.rejected == 0
    methods = {s.features.engagement.method for s in store.iter_all() if s.features.engagement.method}
    assert any("views" in m for m in methods)
    assert index.count(IndexFilter(platforms=["tiktok"])) == 120


def test_second_ingest_changes_nothing(tmp_path, ingest_env):
    store, index, ingester = ingest_env
    ingester.as_of = datetime(2025, 7, 1, tzinfo=timezone.utc)
    sample = real_sample("tiktok_vn2025.jsonl", tmp_path / "tt.jsonl", 80)
    ingester.ingest_files([sample])
    before = {s.creator.key: (s.creator.model_dump_json(), s.features.model_dump_json()) for s in store.iter_all()}
    payloads = {h.key: h.payload for h in index.get(list(before))}
    ingester.ingest_files([sample])
    after = {s.creator.key: (s.creator.model_dump_json(), s.features.model_dump_json()) for s in store.iter_all()}
    assert after == before
    assert len(index) == len(before)
    assert {h.key: h.payload for h in index.get(list(before))} == payloads


def test_a_resync_embeds_only_creators_whose_profile_text_changed(tmp_path, embedder):
    """Real TikTok rows ingested, then the same file again with new follower counts and one
    creator's captions rewritten: only that creator's profile is embedded again, and every
    kept vector is the one the first ingest stored."""
    import numpy as np

    from retrieval.ingest import Ingester

    class Counting:
        """The real embedder (and its per-post encoder), counting the texts it embeds."""

        def __init__(self, inner) -> None:
            self.inner, self.texts = inner, 0
            self.dim, self.name = inner.dim, inner.name

        def embed(self, texts):
            self.texts += len(texts)
            return self.inner.embed(texts)

        @property
        def posts(self):
            return counting_posts

    counting_posts = Counting(embedder.posts)
    counting = Counting(embedder)
    store = CreatorStore.open(f"sqlite:///{tmp_path / 'castlist.db'}")
    index = EdgeCreatorIndex(tmp_path / "edge", embedder.dim)
    ingester = Ingester(store, index, counting, batch_size=32)
    sample = real_sample("tiktok_vn2025.jsonl", tmp_path / "tt.jsonl", 60)
    assert ingester.ingest_files([sample]).accepted == 60 and counting.texts == 60
    before = index.vectors([s.creator.key for s in store.iter_all()])

    rows = [json.loads(line) for line in sample.open()]
    for row in rows:
        row["followers"] = int(row["followers"]) + 1000
    rows[5]["posts"] = [{**post, "text": "Brand new sourdough baking series, week one"} for post in rows[5]["posts"]]
    resync = tmp_path / "resync.jsonl"
    resync.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows))
    counting.texts = counting_posts.texts = 0
    assert ingester.ingest_files([resync]).accepted == 60
    assert counting.texts == 1
    assert counting_posts.texts == len(rows[5]["posts"]) > 0  # only the rewritten creator's posts
    after = index.vectors(list(before))
    assert all(np.array_equal(store.post_vectors([k], embedder.posts.name)[k].vectors, v.vectors)
               for k, v in index.post_vectors(list(before)).items())
    moved = [k for k in before if before[k] != after[k]]
    assert len(moved) == 1 and store.get(moved[0]).creator.posts[0].text.startswith("Brand new sourdough")
    assert not np.allclose(before[moved[0]], after[moved[0]])
    assert sorted(s.creator.followers for s in store.iter_all()) == sorted(int(r["followers"]) for r in rows)
    index.close()
    store.close()


def test_duplicate_rows_in_one_file_keep_the_last(tmp_path, ingest_env):
    store, index, ingester = ingest_env
    path = tmp_path / "dupes.jsonl"
    path.write_text("\n".join(json.dumps({"platform": "instagram", "handle": "Same", "followers": n}) for n in (10, 20, 30)))
    summary = ingester.ingest_files([path])
    assert len(index) == 1 and store.get("instagram:same").creator.followers == 30
    assert summary.accepted == 1


_CRASH_SCRIPT = """
import sys
from pathlib import Path
from retrieval.embedder import SentenceTransformerEmbedder
from retrieval.index.edge import EdgeCreatorIndex
from retrieval.ingest import Ingester
from retrieval.store import CreatorStore
data = Path(sys.argv[1])
emb = SentenceTransformerEmbedder()
store = CreatorStore.open(f"sqlite:///{data / 'castlist.db'}")
index = EdgeCreatorIndex(data / "edge", emb.dim)
def ack(accepted, rejected):
    print(f"ACK {accepted}", flush=True)
Ingester(store, index, emb, batch_size=32).ingest_files([Path(sys.argv[2])], on_progress=ack)
print("FINISHED", flush=True)
"""


def test_acknowledged_rows_survive_kill_9(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    sample = real_sample("tiktok_vn2025.jsonl", tmp_path / "tt.jsonl", 600)
    repo = Path(__file__).resolve().parents[2]
    proc = subprocess.Popen([sys.executable, "-c", _CRASH_SCRIPT, str(data), str(sample)],
                            stdout=subprocess.PIPE, text=True, cwd=repo, env={**os.environ, "PYTHONPATH": str(repo)})
    acked = 0
    deadline = time.monotonic() + 300
    for line in proc.stdout:
        if line.startswith("ACK"):
            acked = int(line.split()[1])
            if acked >= 96:
                break
        assert time.monotonic() < deadline, "ingest made no progress"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert 96 <= acked < 600, "the kill must land mid-run"

    store = CreatorStore.open(f"sqlite:///{data / 'castlist.db'}")
    index = EdgeCreatorIndex(data / "edge", 384)
    try:
        assert store.count() >= acked
        assert len(index) >= acked
        from retrieval.embedder import SentenceTransformerEmbedder
        from retrieval.ingest import Ingester

        Ingester(store, index, SentenceTransformerEmbedder(), batch_size=64).ingest_files([sample])
        assert store.count() == len(index) == 600
    finally:
        index.close()
        store.close()
