"""CreatorIndex on Qdrant Edge: Qdrant's engine in-process, persisted in a directory.

One process owns a shard (Edge takes a lock on it), so the service runs one worker and
calls these blocking methods from threads.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Sequence

import numpy as np
import qdrant_edge as qe

from retrieval.index.base import (IndexedCreator, IndexFilter, IndexOutdated, PostVectors, SearchHit, SearchMode,
                                  fusion_arm_limit, post_vectors_of, search_arms, settle_ties,
                                  FUSION_TIE_MARGIN)
from retrieval.index.conditions import PAYLOAD_INDEXES, AnyOf, Condition, NoneOf, Range, conditions_for
from retrieval.index.hit_cache import HIT_CACHE_ROWS, HitRecord
from retrieval.index.sparse import document_vector, query_vector
from retrieval.keyed_cache import KeyedCache
from retrieval.post_encoder import PCA_DIMS
from retrieval.schema import point_id_for

DENSE = "dense"
SPARSE = "bm25"
POSTS = "posts"
RRF_K = 60  # the constant from the original RRF paper; robust across query types
# Per-post vector matrices kept in memory, in rows of 256 float32 (1 KiB each): 64 MiB.
# A brief reads the posts of 80-200 creators (a demo creator has 12); this holds about
# 5,000 such creators, the candidates of dozens of distinct briefs, at a size a 2-core
# service can spare.
POST_CACHE_ROWS = 65_536


class HnswParams:
    """HNSW settings chosen by measuring recall@100 against exact search (castlist bench)."""

    m = 32
    ef_construct = 200
    hnsw_ef = 256
    full_scan_threshold = 10_000  # KB; small filtered subsets fall back to exact scoring


def _schema(kind: str) -> qe.PayloadSchemaType:
    return {
        "keyword": qe.PayloadSchemaType.Keyword,
        "integer": qe.PayloadSchemaType.Integer,
        "float": qe.PayloadSchemaType.Float,
    }[kind]


def _condition(cond: Condition) -> tuple[str, object]:
    if isinstance(cond, AnyOf):
        return "must", qe.FieldCondition(key=cond.key, match=qe.MatchAny(list(cond.values)))
    if isinstance(cond, NoneOf):
        return "must_not", qe.FieldCondition(key=cond.key, match=qe.MatchAny(list(cond.values)))
    assert isinstance(cond, Range)
    return "must", qe.FieldCondition(key=cond.key, range=qe.RangeFloat(gte=cond.gte, lte=cond.lte))


def to_edge_filter(flt: IndexFilter) -> qe.Filter | None:
    must: list = []
    must_not: list = []
    for cond in conditions_for(flt):
        where, value = _condition(cond)
        (must if where == "must" else must_not).append(value)
    if not must and not must_not:
        return None
    return qe.Filter(must=must or None, must_not=must_not or None)


def _dense_of(vector: object) -> list[float] | None:
    if isinstance(vector, dict):
        value = vector.get(DENSE)
        return list(value) if value is not None else None
    return None


BACKFILL_PREFIX = "backfill-"

class EdgeCreatorIndex:
    """The embedded default backend."""

    def __init__(self, path: Path, dim: int, post_dim: int = PCA_DIMS, post_cache_rows: int = POST_CACHE_ROWS) -> None:
        self.path = Path(path)
        self.dim = dim
        self._lock = threading.RLock()
        # Writes started (upserts, deletes, optimisations; failed ones too, as they may
        # have landed in part) and writes in flight. A copy of the shard's files is whole
        # when no write was in flight at its start and end and none started in between
        # (retrieval/index/replica.py); it is current while the count has not moved.
        self._writes = 0
        self._writing = 0
        self._count_lock = threading.Lock()  # not the shard lock: reading the count must not wait for a write
        # Safe here because this object sees every write: one process owns the shard.
        self._post_cache: KeyedCache[PostVectors] = KeyedCache(post_cache_rows, weight=lambda pv: max(1, len(pv.vectors)))
        self._hits: KeyedCache[HitRecord] = KeyedCache(HIT_CACHE_ROWS)
        # Per-post vectors are read back for evidence, never searched by HNSW: m=0 keeps
        # ingest from building a graph over every post.
        posts = qe.EdgeVectorParams(
            size=post_dim, distance=qe.Distance.Cosine,
            multivector_config=qe.MultiVectorConfig(comparator=qe.MultiVectorComparator.MaxSim),
            hnsw_config=qe.HnswIndexConfig(m=0, ef_construct=HnswParams.ef_construct,
                                           full_scan_threshold=HnswParams.full_scan_threshold),
        )
        config = qe.EdgeConfig(
            vectors={DENSE: qe.EdgeVectorParams(size=dim, distance=qe.Distance.Cosine), POSTS: posts},
            sparse_vectors={SPARSE: qe.EdgeSparseVectorParams(modifier=qe.Modifier.Idf)},
            hnsw_config=qe.HnswIndexConfig(
                m=HnswParams.m,
                ef_construct=HnswParams.ef_construct,
                full_scan_threshold=HnswParams.full_scan_threshold,
            ),
            payload_memory=qe.Memory.Cached,
        )
        if (self.path / "edge_config.json").exists() or any(self.path.glob("segments*")):
            _require_post_vectors(self.path)
            self._shard = qe.EdgeShard.load(str(self.path))
        else:
            self.path.mkdir(parents=True, exist_ok=True)
            self._shard = qe.EdgeShard.create(str(self.path), config)
        self._ensure_payload_indexes()

    def _ensure_payload_indexes(self) -> None:
        existing = set(self._shard.info().payload_schema)
        for field, kind in PAYLOAD_INDEXES.items():
            if field not in existing:
                if len(self):
                    # A field newer than the points: marked until retrieval.ingest.backfill_payload
                    # has set it on them (the marker survives a crash midway).
                    (self.path / f"{BACKFILL_PREFIX}{field}").touch()
                self._shard.update(qe.UpdateOperation.create_field_index(field, _schema(kind)))

    def pending_payload(self) -> set[str]:
        """Payload fields added after points were stored, not yet set on them."""
        return {p.name.removeprefix(BACKFILL_PREFIX) for p in self.path.glob(f"{BACKFILL_PREFIX}*")}

    def payload_done(self, field: str) -> None:
        self.flush()
        (self.path / f"{BACKFILL_PREFIX}{field}").unlink(missing_ok=True)

    def set_payload(self, keys: Sequence[str], values: dict) -> None:
        """Sets `values` on the points of `keys`, leaving the rest of their payload."""
        if keys:
            ids = [point_id_for(k) for k in keys]
            try:
                with self._writing_now(), self._lock:
                    self._shard.update(qe.UpdateOperation.set_payload(ids, values))
            finally:
                self._hits.drop(ids)

    def upsert(self, creators: Sequence[IndexedCreator]) -> None:
        if not creators:
            return
        points = [
            qe.Point(
                id=c.point_id,
                vector={DENSE: list(c.dense), SPARSE: document_vector(c.sparse_text), **({POSTS: c.posts} if c.posts else {})},
                payload=c.payload,
            )
            for c in creators
        ]
        try:
            with self._writing_now(), self._lock:
                self._shard.update(qe.UpdateOperation.upsert_points(points))
        finally:
            self._post_cache.drop(c.key for c in creators)
            self._hits.drop([c.point_id for c in creators])

    def delete(self, keys: Sequence[str]) -> None:
        if keys:
            try:
                with self._writing_now(), self._lock:
                    self._shard.update(qe.UpdateOperation.delete_points([point_id_for(k) for k in keys]))
            finally:
                self._post_cache.drop(keys)
                self._hits.drop([point_id_for(k) for k in keys])

    def search(
        self,
        dense: list[float] | None,
        text: str | None,
        flt: IndexFilter,
        limit: int,
        mode: SearchMode = "hybrid",
        exact: bool = False,
        min_score: float | None = None,
        with_vectors: bool = False,
    ) -> list[SearchHit]:
        edge_filter = to_edge_filter(flt)
        params = qe.SearchParams(hnsw_ef=HnswParams.hnsw_ef, exact=exact)
        use_dense, use_sparse = search_arms(dense, text, mode)
        dense_q = qe.Query.Nearest(list(dense), using=DENSE) if use_dense else None
        sparse_q = qe.Query.Nearest(query_vector(text), using=SPARSE) if use_sparse else None
        if dense_q and sparse_q:
            arm = fusion_arm_limit(limit)
            request = qe.QueryRequest(
                limit=limit + FUSION_TIE_MARGIN,
                prefetches=[
                    qe.Prefetch(limit=arm, query=dense_q, filter=edge_filter, params=params),
                    qe.Prefetch(limit=arm, query=sparse_q, filter=edge_filter),
                ],
                query=qe.Fusion.Rrf(k=RRF_K),
                filter=edge_filter,
                with_payload=False,
            )
        elif dense_q or sparse_q:
            request = qe.QueryRequest(
                limit=limit, query=dense_q or sparse_q, filter=edge_filter,
                params=params if dense_q else None, with_payload=False, score_threshold=min_score,
            )
        else:
            # Nothing to rank by: largest audiences first, still under the filter.
            request = qe.QueryRequest(
                limit=limit, query=qe.OrderBy("followers", direction=qe.Direction.Desc),
                filter=edge_filter, with_payload=False,
            )
        with self._lock:
            points = self._shard.query(request)
        found = self._hits.get_or_read([str(p.id) for p in points], self._read_records)
        # Built without validation (the records are this module's own): a brief's 100-300
        # hits would otherwise re-check 384 floats each.
        hits = [SearchHit.model_construct(key=r.key, score=float(p.score), payload=r.payload,
                                          vector=r.vector if with_vectors else None)
                for p in points if (r := found.get(str(p.id))) is not None]
        return settle_ties(hits, limit) if dense_q and sparse_q else hits

    def prefill(self, keys: Sequence[str]) -> int:
        """Reads the search-hit records of `keys` into the cache when they all fit; the number read."""
        if len(keys) > self._hits.capacity:
            return 0
        ids = [point_id_for(k) for k in keys]
        for start in range(0, len(ids), 1000):
            self._hits.get_or_read(ids[start:start + 1000], self._read_records)
        return len(keys)

    def _read_records(self, point_ids: list[str]) -> dict[str, HitRecord]:
        with self._lock:
            records = self._shard.retrieve(point_ids, with_payload=True, with_vector=[DENSE])
        out = {}
        for r in records:
            dense = _dense_of(r.vector)
            out[str(r.id)] = HitRecord(r.payload["key"], r.payload,
                                       np.asarray(dense, dtype=np.float32) if dense is not None else None)
        return out

    def count(self, flt: IndexFilter) -> int:
        with self._lock:
            return self._shard.count(qe.CountRequest(filter=to_edge_filter(flt), exact=True))

    def get(self, keys: Sequence[str]) -> list[SearchHit]:
        if not keys:
            return []
        with self._lock:
            records = self._shard.retrieve([point_id_for(k) for k in keys], with_payload=True, with_vector=False)
        return [SearchHit(key=r.payload["key"], score=0.0, payload=r.payload) for r in records]

    def vectors(self, keys: Sequence[str]) -> dict[str, list[float]]:
        """Stored dense vectors by key (ingest keeps a creator's whose profile text is unchanged)."""
        if not keys:
            return {}
        with self._lock:
            records = self._shard.retrieve([point_id_for(k) for k in keys], with_payload=["key"], with_vector=[DENSE])
        dense = {r.payload["key"]: _dense_of(r.vector) for r in records}
        return {key: vector for key, vector in dense.items() if vector is not None}

    def post_vectors(self, keys: Sequence[str]) -> dict[str, PostVectors]:
        """From the cache where it has them: the binding hands back ~3,000 Python floats per
        creator, a brief asks for 80-200 creators, and briefs overlap in the creators they consider."""
        if not keys:
            return {}
        return self._post_cache.get_or_read(keys, self._read_post_vectors)

    def _read_post_vectors(self, keys: list[str]) -> dict[str, PostVectors]:
        with self._lock:
            records = self._shard.retrieve([point_id_for(k) for k in keys], with_payload=["key", "post_ids"],
                                           with_vector=[POSTS])
        return post_vectors_of(records, POSTS)

    def optimize(self) -> None:
        with self._writing_now(), self._lock:
            self._shard.optimize()

    @contextmanager
    def _writing_now(self) -> Iterator[None]:
        with self._count_lock:
            self._writes += 1
            self._writing += 1
        try:
            yield
        finally:
            with self._count_lock:
                self._writing -= 1

    def write_state(self) -> tuple[int, bool]:
        """(writes started so far, whether none is in flight)."""
        with self._count_lock:
            return self._writes, self._writing == 0

    def flush(self) -> None:
        with self._lock:
            self._shard.flush()

    def close(self) -> None:
        with self._lock:
            self._shard.flush()
            self._shard.close()

    def __len__(self) -> int:
        with self._lock:
            return self._shard.info().points_count


def _require_post_vectors(path: Path) -> None:
    import json

    config_file = path / "edge_config.json"
    if config_file.exists() and POSTS not in json.loads(config_file.read_text()).get("vectors", {}):
        raise IndexOutdated(
            f"the index in {path} was built without per-post vectors (an older castlist); "
            "re-index: move the directory away and run `castlist ingest` again (the demo index rebuilds itself)")
