"""CreatorIndex on a Qdrant server or cluster through qdrant-client (the scale-out path).

Selected by `CASTLIST_QDRANT_URL`. CI runs the same contract tests on qdrant-client's
local mode (`location=":memory:"` or a path), which stands in for a server; what only a
server does (timeouts, retries, sharding and replication of the collection, payload
indexes, two processes creating the collection at once) is tested against a small fake of
Qdrant's REST API in tests/retrieval/index/test_qdrant_server_mode.py.

Every call we make is idempotent (upserts by id, deletes by id, reads), so a call that
could not connect, timed out or met a 408/429/502/503/504 is tried again.
"""

from __future__ import annotations

import logging
import threading
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Sequence, TypeVar

from qdrant_client import QdrantClient, models
from qdrant_client.http.exceptions import ResponseHandlingException, UnexpectedResponse
from tenacity import Retrying, retry_if_exception, stop_after_attempt, wait_exponential

from retrieval.index.base import (IndexedCreator, IndexFilter, PostVectors, SearchHit, SearchMode, fusion_arm_limit,
                                  post_vectors_of, search_arms, settle_ties,
                                  FUSION_TIE_MARGIN)
from retrieval.index.conditions import PAYLOAD_INDEXES, AnyOf, Condition, NoneOf, Range, conditions_for
from retrieval.index.edge import DENSE, POSTS, RRF_K, SPARSE, HnswParams
from retrieval.post_encoder import PCA_DIMS
from retrieval.index.sparse import document_vector, query_vector
from retrieval.schema import point_id_for

COLLECTION = "creators"

log = logging.getLogger("castlist.index")
T = TypeVar("T")

# 408: the server's own operation timed out (Qdrant maps its Timeout error to it).
_TRANSIENT_STATUS = frozenset({408, 429, 502, 503, 504})


@dataclass(frozen=True)
class ServerOptions:
    """How to talk to a Qdrant server and how to lay out a collection it creates."""

    timeout_s: int = 10
    retries: int = 3  # attempts in all, for transient failures only
    shards: int = 1  # shard_number: spread the collection over the cluster's nodes
    replicas: int = 1  # replication_factor: copies of each shard (>= 2 survives a node loss)
    retry_wait_s: float = 0.2  # first back-off; doubles per attempt, at most 2 s


def is_transient(exc: BaseException) -> bool:
    """Worth another try: no connection or no answer in time (qdrant-client wraps httpx's
    errors in ResponseHandlingException), or a server saying it is busy or restarting."""
    if isinstance(exc, ResponseHandlingException):
        return True
    return isinstance(exc, UnexpectedResponse) and exc.status_code in _TRANSIENT_STATUS

_SCHEMAS = {
    "keyword": models.PayloadSchemaType.KEYWORD,
    "integer": models.PayloadSchemaType.INTEGER,
    "float": models.PayloadSchemaType.FLOAT,
}


def _condition(cond: Condition) -> tuple[str, models.FieldCondition]:
    if isinstance(cond, AnyOf):
        return "must", models.FieldCondition(key=cond.key, match=models.MatchAny(any=list(cond.values)))
    if isinstance(cond, NoneOf):
        return "must_not", models.FieldCondition(key=cond.key, match=models.MatchAny(any=list(cond.values)))
    assert isinstance(cond, Range)
    return "must", models.FieldCondition(key=cond.key, range=models.Range(gte=cond.gte, lte=cond.lte))


def to_qdrant_filter(flt: IndexFilter) -> models.Filter | None:
    must: list = []
    must_not: list = []
    for cond in conditions_for(flt):
        where, value = _condition(cond)
        (must if where == "must" else must_not).append(value)
    if not must and not must_not:
        return None
    return models.Filter(must=must or None, must_not=must_not or None)


def _sparse(vec) -> models.SparseVector:
    return models.SparseVector(indices=list(vec.indices), values=list(vec.values))


def _dense_of(vector: object) -> list[float] | None:
    if isinstance(vector, dict) and vector.get(DENSE) is not None:
        return list(vector[DENSE])
    return None


class QdrantServerCreatorIndex:
    def __init__(self, client: QdrantClient, dim: int, collection: str = COLLECTION, post_dim: int = PCA_DIMS,
                 options: ServerOptions | None = None) -> None:
        """`options` None = qdrant-client's local mode (in-process, nothing to retry or shard)."""
        self._client = client
        self.dim = dim
        self.collection = collection
        self._options = options
        self._lock = threading.RLock()
        self._pending: set[str] = set()
        self._bootstrap(post_dim)

    def _call(self, fn: Callable[..., T], *args, **kwargs) -> T:
        if self._options is None or self._options.retries <= 1:
            return fn(*args, **kwargs)
        retrying = Retrying(
            stop=stop_after_attempt(self._options.retries),
            wait=wait_exponential(multiplier=self._options.retry_wait_s, max=2),
            retry=retry_if_exception(is_transient),
            before_sleep=lambda state: log.warning(
                "qdrant call failed; retrying", extra={"call": getattr(fn, "__name__", "?"),
                                                       "attempt": state.attempt_number,
                                                       "error": repr(state.outcome.exception())}),
            reraise=True,
        )
        return retrying(fn, *args, **kwargs)

    def _bootstrap(self, post_dim: int) -> None:
        """Creates the collection with its payload indexes when it is missing. Several
        workers may start at once: a 409 means another one created it first. Payload
        indexes are (re)asserted whenever one is missing, so a worker that died between
        creating the collection and its indexes is repaired by the next start."""
        client, collection = self._client, self.collection
        if not self._call(client.collection_exists, collection):
            layout = {} if self._options is None else {
                "shard_number": self._options.shards,
                "replication_factor": self._options.replicas,
            }
            try:
                self._call(
                    client.create_collection,
                    collection,
                    vectors_config={
                        DENSE: models.VectorParams(size=self.dim, distance=models.Distance.COSINE),
                        # Read back for evidence only: no HNSW graph over every post (m=0),
                        # and kept on disk (the bulk of the index: one vector per post).
                        POSTS: models.VectorParams(
                            size=post_dim, distance=models.Distance.COSINE, on_disk=True,
                            multivector_config=models.MultiVectorConfig(
                                comparator=models.MultiVectorComparator.MAX_SIM),
                            hnsw_config=models.HnswConfigDiff(m=0)),
                    },
                    sparse_vectors_config={SPARSE: models.SparseVectorParams(modifier=models.Modifier.IDF)},
                    hnsw_config=models.HnswConfigDiff(m=HnswParams.m, ef_construct=HnswParams.ef_construct),
                    **layout,
                )
            except UnexpectedResponse as exc:
                if exc.status_code != 409:
                    raise
                log.info("collection created by another process meanwhile", extra={"collection": collection})
            have: set[str] = set()
        else:
            info = self._call(client.get_collection, collection)
            have = set((info.payload_schema or {}).keys())
        with warnings.catch_warnings():
            # Local mode (CI's stand-in for a server) ignores payload indexes and says so.
            warnings.simplefilter("ignore", UserWarning)
            for field, kind in PAYLOAD_INDEXES.items():
                if field not in have:
                    if have:  # an existing collection: its points lack the new field
                        self._pending.add(field)
                    self._call(client.create_payload_index, collection, field, field_schema=_SCHEMAS[kind], wait=True)

    @classmethod
    def connect(cls, url: str, dim: int, api_key: str | None = None,
                options: ServerOptions | None = None) -> "QdrantServerCreatorIndex":
        options = options or ServerOptions()
        client = QdrantClient(url=url, api_key=api_key, timeout=options.timeout_s)
        return cls(client, dim, options=options)

    @classmethod
    def local(cls, dim: int, path: str | None = None) -> "QdrantServerCreatorIndex":
        client = QdrantClient(path=path) if path else QdrantClient(location=":memory:")
        return cls(client, dim)

    def upsert(self, creators: Sequence[IndexedCreator]) -> None:
        if not creators:
            return
        points = [
            models.PointStruct(
                id=c.point_id,
                vector={DENSE: list(c.dense), SPARSE: _sparse(document_vector(c.sparse_text)),
                        **({POSTS: c.posts} if c.posts else {})},
                payload=c.payload,
            )
            for c in creators
        ]
        with self._lock:
            self._call(self._client.upsert, self.collection, points=points, wait=True)

    def pending_payload(self) -> set[str]:
        """Payload fields added to a collection that had points (this process's start only)."""
        return set(self._pending)

    def payload_done(self, field: str) -> None:
        self._pending.discard(field)

    def set_payload(self, keys: Sequence[str], values: dict) -> None:
        if keys:
            with self._lock:
                self._call(self._client.set_payload, self.collection, payload=values,
                           points=[point_id_for(k) for k in keys], wait=True)

    def delete(self, keys: Sequence[str]) -> None:
        if keys:
            with self._lock:
                self._call(self._client.delete, self.collection,
                           points_selector=[point_id_for(k) for k in keys], wait=True)

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
        with_vector = [DENSE] if with_vectors else False
        qfilter = to_qdrant_filter(flt)
        params = models.SearchParams(hnsw_ef=HnswParams.hnsw_ef, exact=exact)
        use_dense, use_sparse = search_arms(dense, text, mode)
        with self._lock:
            if use_dense and use_sparse:
                arm = fusion_arm_limit(limit)
                response = self._call(
                    self._client.query_points,
                    self.collection,
                    prefetch=[
                        models.Prefetch(query=list(dense), using=DENSE, limit=arm, filter=qfilter, params=params),
                        models.Prefetch(query=_sparse(query_vector(text)), using=SPARSE, limit=arm, filter=qfilter),
                    ],
                    query=models.RrfQuery(rrf=models.Rrf(k=RRF_K)),
                    query_filter=qfilter,
                    limit=limit + FUSION_TIE_MARGIN,
                    with_payload=True,
                    with_vectors=with_vector,
                )
            elif use_dense:
                response = self._call(
                    self._client.query_points,
                    self.collection, query=list(dense), using=DENSE, query_filter=qfilter,
                    limit=limit, search_params=params, with_payload=True,
                    score_threshold=min_score, with_vectors=with_vector,
                )
            elif use_sparse:
                response = self._call(
                    self._client.query_points,
                    self.collection, query=_sparse(query_vector(text)), using=SPARSE,
                    query_filter=qfilter, limit=limit, with_payload=True,
                    score_threshold=min_score, with_vectors=with_vector,
                )
            else:
                response = self._call(
                    self._client.query_points,
                    self.collection,
                    query=models.OrderByQuery(order_by=models.OrderBy(key="followers", direction=models.Direction.DESC)),
                    query_filter=qfilter, limit=limit, with_payload=True, with_vectors=with_vector,
                )
        hits = [SearchHit(key=p.payload["key"], score=float(p.score), payload=p.payload,
                          vector=_dense_of(p.vector)) for p in response.points]
        return settle_ties(hits, limit) if use_dense and use_sparse else hits

    def count(self, flt: IndexFilter) -> int:
        with self._lock:
            return self._call(self._client.count, self.collection, count_filter=to_qdrant_filter(flt), exact=True).count

    def get(self, keys: Sequence[str]) -> list[SearchHit]:
        if not keys:
            return []
        with self._lock:
            records = self._call(self._client.retrieve, self.collection, ids=[point_id_for(k) for k in keys],
                                 with_payload=True)
        return [SearchHit(key=r.payload["key"], score=0.0, payload=r.payload) for r in records]

    def vectors(self, keys: Sequence[str]) -> dict[str, list[float]]:
        if not keys:
            return {}
        with self._lock:
            records = self._call(self._client.retrieve, self.collection, ids=[point_id_for(k) for k in keys],
                                 with_payload=["key"], with_vectors=[DENSE])
        return {r.payload["key"]: list(r.vector[DENSE]) for r in records
                if isinstance(r.vector, dict) and r.vector.get(DENSE) is not None}

    def post_vectors(self, keys: Sequence[str]) -> dict[str, PostVectors]:
        if not keys:
            return {}
        with self._lock:
            records = self._call(self._client.retrieve, self.collection, ids=[point_id_for(k) for k in keys],
                                            with_payload=["key", "post_ids"], with_vectors=[POSTS])
        return post_vectors_of(records, POSTS)

    def optimize(self) -> None:
        """The server optimises in the background; nothing to do in-process."""

    def flush(self) -> None:
        """Writes are acknowledged with wait=True; nothing is buffered here."""

    def close(self) -> None:
        with self._lock:
            self._client.close()

    def __len__(self) -> int:
        with self._lock:
            return self._call(self._client.count, self.collection, exact=True).count
