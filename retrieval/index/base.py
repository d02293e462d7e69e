"""The CreatorIndex contract shared by every vector-index backend.

Filters are expressed in a backend-neutral model (`IndexFilter`) that each backend
translates into its own payload filter, so hard constraints are always applied inside
the index, never as post-filters that silently shrink a result.
"""

from __future__ import annotations

from typing import Literal, Protocol, Sequence

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

SearchMode = Literal["hybrid", "dense", "sparse"]


class IndexFilter(BaseModel):
    platforms: list[str] = Field(default_factory=list)
    followers_min: int | None = None
    followers_max: int | None = None
    countries: list[str] = Field(default_factory=list, description="creator country (ISO alpha-2)")
    exclude_countries: list[str] = Field(default_factory=list, description="creator countries to leave out")
    city_keys: list[str] = Field(default_factory=list, description="any of these keys of the creator's city "
                                 "(retrieval/cities.py)")
    audience_countries: list[str] = Field(default_factory=list, description="any of the creator's main audience countries")
    languages: list[str] = Field(default_factory=list)
    audience_gender: Literal["female", "male"] | None = None
    min_engagement_rate: float | None = None
    max_price_low: float | None = Field(None, description="USD; creator's lowest price estimate must be at or under this")
    formats: list[str] = Field(default_factory=list)
    exclude_safety: list[str] = Field(default_factory=list, description="drop creators with any of these brand-safety hits")
    exclude_brands: list[str] = Field(default_factory=list)
    exclude_keys: list[str] = Field(default_factory=list, description="creator keys 'platform:handle' to leave out")
    exclude_handles: list[str] = Field(default_factory=list)


class IndexedCreator(BaseModel):
    """What goes into the index for one creator."""

    key: str
    point_id: str
    dense: list[float]
    sparse_text: str = Field(description="Text the backend turns into a BM25 sparse vector")
    payload: dict
    posts: list[list[float]] = Field(default_factory=list, description="one vector per post, aligned with payload['post_ids']")


class PostVectors(BaseModel):
    """A creator's per-post vectors as stored, with the post each row belongs to."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    post_ids: list[str]
    vectors: np.ndarray = Field(description="float32, one row per post (what topic evidence multiplies)")


def post_vectors_of(records: Sequence[object], name: str) -> dict[str, PostVectors]:
    """Retrieved points (Edge or qdrant-client records: `.payload`, `.vector`) -> per-post
    vectors by creator key; creators without posts are left out."""
    out: dict[str, PostVectors] = {}
    for r in records:
        vector = r.vector  # type: ignore[attr-defined]  # read once: a binding may build it on each read
        vectors = vector.get(name) if isinstance(vector, dict) else None
        if vectors:
            payload = r.payload  # type: ignore[attr-defined]
            # Not validated: the index hands back lists of floats already, and checking
            # ~6,000 floats per creator for 100-300 creators a brief was measurable.
            matrix = np.asarray(vectors, dtype=np.float32)
            matrix.setflags(write=False)  # shared by every brief that reads it (retrieval/index/edge.py caches it)
            out[payload["key"]] = PostVectors.model_construct(post_ids=payload.get("post_ids") or [], vectors=matrix)
    return out


class IndexOutdated(RuntimeError):
    """The index on disk was built by an older castlist without per-post vectors."""


class SearchHit(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)

    key: str
    score: float
    payload: dict = Field(description="The point's payload, shared with the index's cache: read, do not modify")
    vector: list[float] | np.ndarray | None = Field(None, description="The dense vector (with_vectors), as stored")


def search_arms(dense: list[float] | None, text: str | None, mode: SearchMode) -> tuple[bool, bool]:
    """Which arms a search runs: (dense, sparse). An arm runs only if asked for and fed."""
    return (mode in ("hybrid", "dense") and dense is not None,
            mode in ("hybrid", "sparse") and bool(text and text.strip()))


def fusion_arm_limit(limit: int) -> int:
    """Each arm over-fetches so fusion sees candidates that rank well in only one arm."""
    return max(limit * 2, 100)


# RRF scores tie exactly (two points at the same pair of ranks), and the fused order of
# tied points differed from one process to the next: same index, query and code, other
# shortlists. The fused search fetches this many more and orders ties by key.
FUSION_TIE_MARGIN = 20


def settle_ties(hits: list[SearchHit], limit: int) -> list[SearchHit]:
    """Best score first, ties by key (stable across processes), cut to `limit`."""
    return sorted(hits, key=lambda h: (-h.score, h.key))[:limit]


class CreatorIndex(Protocol):
    """A vector index of creators: dense + BM25, payload filters, RRF fusion."""

    def upsert(self, creators: Sequence[IndexedCreator]) -> None: ...

    def delete(self, keys: Sequence[str]) -> None: ...

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
        """Top hits under the filter. `min_score` applies to single-arm (dense or sparse)
        searches; `with_vectors` returns each hit's dense vector."""
        ...

    def count(self, flt: IndexFilter) -> int: ...

    def post_vectors(self, keys: Sequence[str]) -> dict[str, PostVectors]:
        """Stored per-post vectors by creator key (creators without posts are absent)."""
        ...

    def get(self, keys: Sequence[str]) -> list[SearchHit]: ...

    def vectors(self, keys: Sequence[str]) -> dict[str, list[float]]:
        """Stored dense (profile) vectors by creator key."""
        ...

    def set_payload(self, keys: Sequence[str], values: dict) -> None: ...

    def pending_payload(self) -> set[str]:
        """Payload fields added after points were stored: retrieval.ingest.backfill_payload sets them."""
        ...

    def payload_done(self, field: str) -> None: ...

    def optimize(self) -> None: ...

    def close(self) -> None: ...

    def __len__(self) -> int: ...
