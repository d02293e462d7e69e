"""Ingest, index build, query latency and HNSW recall, each beside its baseline."""

from __future__ import annotations

import json
import time
import warnings
from datetime import datetime, timezone
from pathlib import Path

from evals.benchmarks.stats import peak_rss_mib, summary_ms
from evals.benchmarks.workload import QUERIES
from retrieval.documents import build_indexed, dense_text
from retrieval.embedder import Embedder
from retrieval.features import compute_features
from retrieval.index.base import CreatorIndex
from retrieval.index.edge import EdgeCreatorIndex
from retrieval.ingest import Ingester
from retrieval.store import CreatorStore

RAW_EMBED_SAMPLE = 4_000
RESYNC_ROWS = 10_000


def bench_ingest(corpus: Path, data_dir: Path, embedder: Embedder) -> tuple[dict, CreatorStore, EdgeCreatorIndex]:
    store = CreatorStore.open(f"sqlite:///{data_dir / 'castlist.db'}")
    index = EdgeCreatorIndex(data_dir / "index" / "edge", embedder.dim)  # the layout `serve` opens
    ingester = Ingester(store, index, embedder)
    summary = ingester.ingest_files([corpus])
    # Before the optimisation, like the ingest itself: rewritten points after it would leave
    # later sections searching an unoptimised index.
    resync = ingester.ingest_files([_resync_file(corpus, data_dir / "resync.jsonl")])
    started = time.perf_counter()
    index.optimize()
    build_s = time.perf_counter() - started
    peak = peak_rss_mib()

    # The floor: embedding the same per-creator texts and nothing else.
    texts = []
    for stored in store.iter_all():
        texts.append(dense_text(stored.creator, stored.features))
        if len(texts) >= RAW_EMBED_SAMPLE:
            break
    started = time.perf_counter()
    embedder.embed(texts)
    raw_per_s = len(texts) / (time.perf_counter() - started)
    ingest_per_s = summary.accepted / summary.seconds
    features_ms = _features_ms_per_creator(store)
    return {
        "creators": summary.accepted,
        "ingest_creators_per_s": round(ingest_per_s, 1),
        "ingest_seconds": round(summary.seconds, 1),
        "embedding_seconds_inside_ingest": round(summary.embed_seconds, 1),
        "raw_embedding_texts_per_s": round(raw_per_s, 1),
        "ingest_time_over_raw_embedding": round(raw_per_s / ingest_per_s, 2),
        "index_optimize_seconds": round(build_s, 1),
        "peak_rss_mib_after_ingest": peak,
        # What one creator's features (signals, safety scan, languages) cost, and their share
        # of a creator's ingest time: the budget the scan must stay within.
        "features_ms_per_creator": features_ms,
        "features_share_of_ingest": round(features_ms / (1000 / ingest_per_s), 3) if ingest_per_s else None,
        # The first creators again (up to RESYNC_ROWS) with new follower counts and every 20th
        # one's captions rewritten: a partner's periodic re-sync, where only changed texts are embedded.
        "resync_creators": resync.accepted,
        "resync_creators_per_s": round(resync.accepted / resync.seconds, 1) if resync.seconds else None,
        "resync_embedding_seconds": round(resync.embed_seconds, 1),
    }, store, index


def _resync_file(corpus: Path, out: Path) -> Path:
    with corpus.open(encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        for number, line in enumerate(src):
            if number >= RESYNC_ROWS:
                break
            row = json.loads(line)
            row["followers"] = int(row["followers"] * 1.01) + 1
            if number % 20 == 0:
                for post in row.get("posts") or []:
                    post["text"] = f"New series, part {number}: " + (post.get("text") or "")
            dst.write(json.dumps(row, ensure_ascii=False) + "\n")
    return out


def _features_ms_per_creator(store: CreatorStore, sample: int = 500) -> float:
    creators = []
    for stored in store.iter_all():
        creators.append(stored.creator)
        if len(creators) >= sample:
            break
    if not creators:
        return 0.0
    now = datetime.now(timezone.utc)
    started = time.perf_counter()
    for creator in creators:
        compute_features(creator, now)
    return round((time.perf_counter() - started) * 1000 / len(creators), 3)


def _queries(embedder: Embedder, rounds: int) -> list[tuple[list[float], str, object]]:
    vectors = embedder.embed_queries([q for q, _ in QUERIES])
    items = [(v.tolist(), q, f) for v, (q, f) in zip(vectors, QUERIES)]
    return [items[i % len(items)] for i in range(rounds)]


def time_queries(index: CreatorIndex, queries, limit: int = 100) -> dict:
    samples = []
    for vector, text, flt in queries:
        started = time.perf_counter()
        index.search(vector, text, flt, limit, mode="hybrid")
        samples.append(time.perf_counter() - started)
    return summary_ms(samples)


def bench_queries(index: CreatorIndex, embedder: Embedder, rounds: int) -> dict:
    queries = _queries(embedder, rounds)
    time_queries(index, queries[:10])  # warm caches
    started = time.perf_counter()
    for _ in range(20):
        embedder.embed_queries([QUERIES[0][0]])
    return {
        "edge_hybrid_filtered_top100": time_queries(index, queries),
        "query_embedding_ms": round((time.perf_counter() - started) / 20 * 1000, 2),
    }


def bench_local_mode(store: CreatorStore, edge: EdgeCreatorIndex, embedder: Embedder, rounds: int,
                     max_points: int) -> dict:
    """The same points (vectors copied from Edge, not re-embedded) and the same queries
    through qdrant-client's local mode."""
    from retrieval.index.qdrant_server import QdrantServerCreatorIndex

    warnings.filterwarnings("ignore", module="qdrant_client")
    local = QdrantServerCreatorIndex.local(embedder.dim)
    batch, loaded = [], 0
    started = time.perf_counter()
    for stored in store.iter_all():
        batch.append(stored)
        if len(batch) == 1024:
            loaded += _load(local, edge, batch)
            batch = []
        if loaded >= max_points:
            break
    if batch:
        loaded += _load(local, edge, batch)
    load_s = time.perf_counter() - started
    queries = _queries(embedder, rounds)
    result = {"points": loaded, "upsert_seconds": round(load_s, 1),
              "local_hybrid_filtered_top100": time_queries(local, queries)}
    local.close()
    return result


def _load(local, edge: EdgeCreatorIndex, batch) -> int:
    vectors = edge.vectors([s.creator.key for s in batch])
    local.upsert([build_indexed(s.creator, s.features, vectors[s.creator.key]) for s in batch if s.creator.key in vectors])
    return len(batch)


def bench_recall(index: CreatorIndex, embedder: Embedder, k: int = 100) -> dict:
    """HNSW recall@k against exact search on the same (real) embeddings and filters."""
    from retrieval.index.base import IndexFilter

    vectors = embedder.embed_queries([q for q, _ in QUERIES])
    out = {}
    for label, use_filter in (("unfiltered", False), ("filtered", True)):
        recalls = []
        for vector, (_, flt) in zip(vectors, QUERIES):
            f = flt if use_filter else IndexFilter()
            approx = {h.key for h in index.search(vector.tolist(), None, f, k, mode="dense")}
            exact = {h.key for h in index.search(vector.tolist(), None, f, k, mode="dense", exact=True)}
            if exact:
                recalls.append(len(approx & exact) / len(exact))
        out[f"recall@{k}_{label}"] = round(sum(recalls) / len(recalls), 4) if recalls else None
    return out
