"""Ingestion: validate, compute features, embed, and upsert creators in batches.

Two stages overlap: the calling thread reads, validates and computes features for the
next batch while a worker thread embeds and writes the previous one (torch releases the
GIL while it computes). A batch is acknowledged only after both the store and the index
have it, so a crash loses nothing acknowledged; identity (platform, handle) makes a
re-run idempotent.
"""

from __future__ import annotations

import json
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable, Sequence, TextIO

from pydantic import BaseModel

from retrieval.documents import build_indexed_batch
from retrieval.embedder import Embedder
from retrieval.features import CreatorFeatures, compute_features
from retrieval.index.base import CreatorIndex
from retrieval.rows import Reject, iter_creators
from retrieval.schema import Creator
from retrieval.store import CreatorStore

DEFAULT_BATCH = 256


class IngestSummary(BaseModel):
    accepted: int = 0
    rejected: int = 0
    seconds: float = 0.0
    embed_seconds: float = 0.0
    creators_per_s: float = 0.0
    files: list[str] = []
    rejects_file: str | None = None

    def line(self) -> str:
        return (
            f"accepted {self.accepted}, rejected {self.rejected}, {self.seconds:.1f}s, "
            f"{self.creators_per_s:.0f} creators/s (embedding {self.embed_seconds:.1f}s)"
        )


@dataclass
class _Batch:
    rows: list[tuple[Creator, CreatorFeatures]] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)

    def add(self, creator: Creator, features: CreatorFeatures) -> None:
        if creator.key in self.keys:
            # The same creator twice in one batch: the later row wins, as it would across batches.
            self.rows = [r for r in self.rows if r[0].key != creator.key]
        self.keys.add(creator.key)
        self.rows.append((creator, features))


class Ingester:
    def __init__(
        self,
        store: CreatorStore,
        index: CreatorIndex,
        embedder: Embedder,
        as_of: datetime | None = None,
        batch_size: int = DEFAULT_BATCH,
    ) -> None:
        self.store = store
        self.index = index
        self.embedder = embedder
        self.as_of = as_of
        self.batch_size = batch_size
        self.embed_seconds = 0.0

    def _now(self) -> datetime:
        return self.as_of or datetime.now(timezone.utc)

    def prepare(self, creator: Creator) -> tuple[Creator, CreatorFeatures]:
        return creator, compute_features(creator, self._now())

    def write(self, rows: Sequence[tuple[Creator, CreatorFeatures]]) -> None:
        """Embed and persist one batch; returns once it is durable in store and index."""
        if not rows:
            return
        started = time.perf_counter()
        indexed = build_indexed_batch(rows, self.embedder)
        self.embed_seconds += time.perf_counter() - started
        self.store.upsert(rows)
        self.index.upsert(indexed)

    def upsert_creators(self, creators: Iterable[Creator]) -> int:
        """Synchronous path for API bulk upserts (already validated rows)."""
        batch = _Batch()
        written = 0
        for creator in creators:
            batch.add(*self.prepare(creator))
            if len(batch.rows) >= self.batch_size:
                self.write(batch.rows)
                written += len(batch.rows)
                batch = _Batch()
        self.write(batch.rows)
        return written + len(batch.rows)

    def ingest_files(
        self,
        paths: Sequence[Path],
        rejects: TextIO | None = None,
        on_progress: Callable[[int, int], None] | None = None,
        on_reject: Callable[[Reject], None] | None = None,
    ) -> IngestSummary:
        summary = IngestSummary(files=[str(p) for p in paths])
        started = time.perf_counter()
        self.embed_seconds = 0.0
        pending: Future | None = None
        pending_size = 0
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="ingest-write") as pool:

            def acknowledge() -> None:
                nonlocal pending, pending_size
                if pending is not None:
                    pending.result()  # re-raises a write failure: never acknowledge it
                    summary.accepted += pending_size
                    pending, pending_size = None, 0
                    if on_progress:
                        on_progress(summary.accepted, summary.rejected)

            def submit(batch: _Batch) -> None:
                nonlocal pending, pending_size
                acknowledge()
                pending = pool.submit(self.write, batch.rows)
                pending_size = len(batch.rows)

            batch = _Batch()
            for path in paths:
                for item in iter_creators(Path(path)):
                    if isinstance(item, Reject):
                        summary.rejected += 1
                        if rejects is not None:
                            rejects.write(json.dumps(item.model_dump(), ensure_ascii=False) + "\n")
                        if on_reject:
                            on_reject(item)
                        continue
                    batch.add(*self.prepare(item))
                    if len(batch.rows) >= self.batch_size:
                        submit(batch)
                        batch = _Batch()
            submit(batch)
            acknowledge()
        self.index.flush() if hasattr(self.index, "flush") else None
        summary.seconds = time.perf_counter() - started
        summary.embed_seconds = self.embed_seconds
        summary.creators_per_s = summary.accepted / summary.seconds if summary.seconds else 0.0
        return summary
