"""Read-only copies of a real Edge shard (retrieval/index/replica.py) and the write count
that says whether a copy is whole and current (EdgeCreatorIndex.write_state)."""

from __future__ import annotations

import subprocess
import sys
import threading

from retrieval.index.base import IndexFilter
from retrieval.index.edge import EdgeCreatorIndex
from retrieval.index.replica import prune, publish
from retrieval.schema import creator_key
from tests.retrieval.index.test_edge_post_cache import CAPTIONS, _creator


def _keys(index: EdgeCreatorIndex, embedder, text: str) -> list[str]:
    return [h.key for h in index.search(embedder.embed_queries([text])[0].tolist(), text, IndexFilter(), 3)]


def test_a_copy_answers_like_the_shard_while_the_shard_stays_open(tmp_path, embedder):
    index_dir = tmp_path / "index"
    index = EdgeCreatorIndex(index_dir / "edge", embedder.dim)
    try:
        index.upsert([_creator(embedder, h, c) for h, c in CAPTIONS.items()])
        writes, idle = index.write_state()
        assert (writes, idle) == (1, True)
        index.flush()
        replica = publish(index_dir, tmp_path / "replicas", writes)
        assert replica.writes == 1 and replica.path.name.startswith("000000000001-")
        # The owner keeps its shard open and locked; the copy opens beside it.
        copy = EdgeCreatorIndex(replica.shard, embedder.dim)
        try:
            assert len(copy) == len(index) == 3
            for text in ("vegan breakfast", "mechanical keyboard switches", "hiking in the alps"):
                assert _keys(copy, embedder, text) == _keys(index, embedder, text)
            key = creator_key("instagram", "clack.lab")
            assert copy.post_vectors([key])[key].vectors.tolist() == index.post_vectors([key])[key].vectors.tolist()
        finally:
            copy.close()
    finally:
        index.close()


def test_the_owners_shard_cannot_be_opened_by_a_second_process(tmp_path, embedder):
    # Why copies exist at all: Edge locks the shard for its owner.
    index = EdgeCreatorIndex(tmp_path / "edge", embedder.dim)
    try:
        index.upsert([_creator(embedder, "leafy.kitchen", CAPTIONS["leafy.kitchen"])])
        index.flush()
        opened = subprocess.run([sys.executable, "-c", "import sys, qdrant_edge; qdrant_edge.EdgeShard.load(sys.argv[1])",
                                 str(tmp_path / "edge")], capture_output=True, text=True, timeout=60)
        assert opened.returncode != 0 and "WAL" in opened.stderr, opened.stderr[-500:]
    finally:
        index.close()


def test_every_kind_of_write_moves_the_count_and_is_seen_in_flight(tmp_path, embedder):
    index = EdgeCreatorIndex(tmp_path / "edge", embedder.dim)
    try:
        assert index.write_state() == (0, True)
        index.upsert([_creator(embedder, "trail.miles", CAPTIONS["trail.miles"])])
        index.delete([creator_key("instagram", "trail.miles")])
        index.optimize()
        assert index.write_state() == (3, True)
        # A write holding the shard is counted from its start, and not idle until it ends.
        seen: list[tuple[int, bool]] = []
        with index._lock:  # noqa: SLF001 - hold the shard as a long write would
            writer = threading.Thread(target=index.upsert, args=([_creator(embedder, "clack.lab", CAPTIONS["clack.lab"])],))
            writer.start()
            for _ in range(200):
                if index.write_state()[0] == 4:
                    break
                threading.Event().wait(0.01)
            seen.append(index.write_state())
        writer.join(timeout=30)
        assert seen == [(4, False)]
        assert index.write_state() == (4, True)
    finally:
        index.close()


def test_prune_keeps_only_what_is_in_use(tmp_path):
    replicas = tmp_path / "replicas"
    source = tmp_path / "index"
    (source / "edge").mkdir(parents=True)
    (source / "edge" / "segment").write_text("x")
    kept = publish(source, replicas, 1)
    old = publish(source, replicas, 0)
    (replicas / "000000000002-abc.partial").mkdir()  # a copy cut short by a crash
    removed = prune(replicas, {kept.path})
    assert sorted(p.name for p in removed) == sorted([old.path.name, "000000000002-abc.partial"])
    assert [p.name for p in replicas.iterdir()] == [kept.path.name]
    assert (kept.shard / "segment").read_text() == "x"
