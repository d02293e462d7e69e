"""Opening the retrieval resources (store, index, embedder) from explicit parameters."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from retrieval.embedder import Embedder, open_embedder
from retrieval.index.base import CreatorIndex
from retrieval.store import CreatorStore, PoolOptions

if TYPE_CHECKING:
    from retrieval.index.qdrant_server import ServerOptions


@dataclass
class Retrieval:
    store: CreatorStore
    index: CreatorIndex
    embedder: Embedder

    def close(self) -> None:
        self.index.close()
        self.store.close()


def open_index(dim: int, edge_path: Path | None = None, qdrant_url: str | None = None,
               qdrant_api_key: str | None = None, qdrant_options: ServerOptions | None = None) -> CreatorIndex:
    if qdrant_url:
        from retrieval.index.qdrant_server import QdrantServerCreatorIndex

        if qdrant_url == ":memory:":
            return QdrantServerCreatorIndex.local(dim)
        return QdrantServerCreatorIndex.connect(qdrant_url, dim, api_key=qdrant_api_key, options=qdrant_options)
    from retrieval.index.edge import EdgeCreatorIndex

    assert edge_path is not None, "an Edge index needs a directory"
    return EdgeCreatorIndex(edge_path, dim)


def open_retrieval(database_url: str, edge_path: Path, qdrant_url: str | None = None,
                   qdrant_api_key: str | None = None, embedder: Embedder | None = None,
                   model: str = "all-MiniLM-L6-v2", max_tokens: int = 64, pool: PoolOptions | None = None,
                   qdrant_options: ServerOptions | None = None, backend: str = "torch") -> Retrieval:
    """Raises IndexModelMismatch when the index was built by another embedding model."""
    from retrieval.backfill import backfill_payload
    from retrieval.index_model import check_index_model

    embedder = embedder or open_embedder(model, max_tokens=max_tokens, backend=backend)
    index = open_index(embedder.dim, edge_path, qdrant_url, qdrant_api_key, qdrant_options)
    if qdrant_url != ":memory:":
        try:
            check_index_model(edge_path, embedder.name, embedder.dim, len(index))
        except Exception:
            index.close()
            raise
    try:
        store = CreatorStore.open(database_url, pool)
    except Exception:
        index.close()
        raise
    try:
        backfill_payload(store, index)  # fields a newer version filters on (retrieval/backfill.py)
    except Exception:
        store.close()
        index.close()
        raise
    return Retrieval(store=store, index=index, embedder=embedder)


def prefill_caches(retrieval: Retrieval) -> int:
    """Reads a data dir that fits this process's caches (up to 2,000 creators) into them
    before the first brief; the number of creators read, 0 when it does not fit.

    Why: a brief on creators no brief of this process has touched parses them, reads their
    hit records and per-post vectors: about twice the CPU of a brief on known ones (77-86
    against 35-43 ms at 1,800 creators). With brief workers, the first burst after a start
    met a service process whose caches were empty while the worker's were not. A larger
    data dir warms by use, as before."""
    keys = retrieval.store.keys()
    read = retrieval.store.prefill(keys, retrieval.embedder.posts.name)
    prefill_hits = getattr(retrieval.index, "prefill", None)  # the embedded index keeps hit records
    if read and prefill_hits is not None:
        prefill_hits(keys)
    return read

