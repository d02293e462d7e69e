"""Ingestion: validate, compute features, embed, and upsert creators in batches.

Two stages overlap: the calling thread reads, validates and computes features for the
next batch while a worker thread embeds and writes the previous one (torch releases the
GIL while it computes). A batch is acknowledged only after both the store and the index
have it, so a crash loses nothing acknowledged; identity (platform, handle) makes a
re-run idempotent.

Row-level atomicity across the two stores: a batch's database transaction commits only
after the index took the batch, and new keys are taken out of the index again when the
commit fails, so a creator is in both or in neither. A row that fails on its own (its
features, or a write that only it breaks) is reported with a reason and never costs the
other rows. `reconcile` finds and repairs what a crash between the two writes left.
"""

from __future__ import annotations

import json
import logging
import math
import time
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable, Sequence, TextIO

import numpy as np
from pydantic import BaseModel

from retrieval.documents import (
    EmbeddedBatch,
    KnownVectors,
    build_indexed_batch,
    dense_text,
    embed_batch,
    post_documents,
)
from retrieval.embedder import Embedder
from retrieval.features import CreatorFeatures, compute_features
from retrieval.index.base import CreatorIndex, IndexFilter
from retrieval.rows import Reject, iter_numbered_creators
from retrieval.schema import Creator
from retrieval.store import CreatorStore

log = logging.getLogger("castlist.ingest")

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


class RowFailure(BaseModel):
    """A validated row that could not be processed or stored; `origin` is the caller's
    position for it (a line number, a request index)."""

    origin: int
    key: str
    handle: str
    reason: str


class ConsistencyReport(BaseModel):
    """Database vs index: what differed and what was repaired."""

    creators: int
    indexed: int
    missing_from_index: int = 0
    orphans_in_index: int = 0
    repaired: bool = False

    @property
    def consistent(self) -> bool:
        return self.creators == self.indexed and not self.missing_from_index and not self.orphans_in_index


@dataclass
class _Batch:
    rows: list[tuple[Creator, CreatorFeatures]] = field(default_factory=list)
    origins: list[int] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)

    def add(self, creator: Creator, features: CreatorFeatures, origin: int = 0) -> None:
        if creator.key in self.keys:
            # The same creator twice in one batch: the later row wins, as it would across batches.
            keep = [i for i, r in enumerate(self.rows) if r[0].key != creator.key]
            self.rows = [self.rows[i] for i in keep]
            self.origins = [self.origins[i] for i in keep]
        self.keys.add(creator.key)
        self.rows.append((creator, features))
        self.origins.append(origin)


def _non_finite(value: object) -> bool:
    """True when a nested dump holds inf or NaN (JSON would store null and reading fails)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, float) and not math.isfinite(item):
            return True
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)):
            stack.extend(item)
    return False


def _reason(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"[:300]


class Ingester:
    def __init__(
        self,
        store: CreatorStore,
        index: CreatorIndex,
        embedder: Embedder,
        as_of: datetime | None = None,
        batch_size: int = DEFAULT_BATCH,
        write_lock: AbstractContextManager | None = None,
    ) -> None:
        # Held around each batch's two writes only (not the embedding), so a reader that
        # takes it (the service's /readyz) never sees one store ahead of the other.
        self.write_lock = write_lock if write_lock is not None else nullcontext()
        self.store = store
        self.index = index
        self.embedder = embedder
        self.as_of = as_of
        self.batch_size = batch_size
        self.embed_seconds = 0.0

    def _now(self) -> datetime:
        return self.as_of or datetime.now(timezone.utc)

    def prepare(self, creator: Creator) -> tuple[Creator, CreatorFeatures]:
        features = compute_features(creator, self._now())
        if _non_finite(features.model_dump()):
            raise ValueError("a computed feature is not a finite number; check the row's counts and prices")
        return creator, features

    def _try_prepare(self, creator: Creator, origin: int) -> tuple[Creator, CreatorFeatures] | RowFailure:
        try:
            return self.prepare(creator)
        except Exception as exc:  # noqa: BLE001 - one row's data must not stop the others
            return RowFailure(origin=origin, key=creator.key, handle=creator.handle,
                              reason=f"could not compute features: {_reason(exc)}")

    def _unchanged(self, rows: Sequence[tuple[Creator, CreatorFeatures]]) -> KnownVectors:
        """Stored vectors of the creators whose texts are what is stored already: a partner's
        re-sync of the same creators with new counts embeds none of them again. Profile
        vectors where the profile text (`dense_text`) is the same, per-post vectors where
        the post documents are. The index was built by this embedder's model (checked when
        it is opened), so a kept vector is the one embedding would give, up to the backend."""
        stored = self.store.get_many([c.key for c, _ in rows])
        old = [(c, f, stored[c.key]) for c, f in rows if c.key in stored]
        same_profile = [c.key for c, f, s in old if dense_text(s.creator, s.features) == dense_text(c, f)]
        same_posts = [c.key for c, _, s in old if post_documents(s.creator) == post_documents(c)]
        profiles = {key: np.asarray(vector, dtype=np.float32) for key, vector in self.index.vectors(same_profile).items()}
        posts = self.store.post_vectors(same_posts, self.embedder.posts.name) if same_posts else {}
        return KnownVectors(profiles, posts)

    def _write_batch(self, embedded: EmbeddedBatch, rows: Sequence[tuple[Creator, CreatorFeatures]]) -> None:
        with self.write_lock:
            self.store.upsert_then(rows, also=lambda: self.index.upsert(embedded.indexed), undo=self.index.delete,
                                   post_vectors=embedded.post_vectors)

    def write(self, rows: Sequence[tuple[Creator, CreatorFeatures]],
              origins: Sequence[int] | None = None) -> list[RowFailure]:
        """Embed and persist one batch; returns once it is durable in store and index.

        When the batch write fails, each row is written alone so that only the rows that
        fail by themselves are lost (returned with their reason). When every row fails
        alone too, the fault is not in the rows (a full disk, a closed index): it is raised.
        """
        if not rows:
            return []
        origins = list(origins) if origins is not None else list(range(len(rows)))
        started = time.perf_counter()
        embedded = embed_batch(rows, self.embedder, known=self._unchanged(rows))
        self.embed_seconds += time.perf_counter() - started
        try:
            self._write_batch(embedded, rows)
            return []
        except Exception as batch_error:  # noqa: BLE001 - isolated row by row below
            if len(rows) == 1:
                raise
            log.warning("batch write failed; writing its %d rows one by one", len(rows), exc_info=True)
            failures = []
            for i, row in enumerate(rows):
                try:
                    self._write_batch(embedded.row(i), [row])
                except Exception as exc:  # noqa: BLE001
                    failures.append(RowFailure(origin=origins[i], key=row[0].key, handle=row[0].handle,
                                               reason=f"could not be stored: {_reason(exc)}"))
            if len(failures) == len(rows):
                raise batch_error
            return failures

    def upsert_rows(self, creators: Iterable[tuple[int, Creator]]) -> tuple[int, list[RowFailure]]:
        """Synchronous path for API bulk upserts: (origin, validated creator) pairs in;
        the number of rows written and the rows that failed (with reasons) out."""
        batch = _Batch()
        written = 0
        failures: list[RowFailure] = []

        def flush(b: _Batch) -> None:
            nonlocal written
            lost = self.write(b.rows, b.origins)
            failures.extend(lost)
            written += len(b.rows) - len(lost)

        for origin, creator in creators:
            prepared = self._try_prepare(creator, origin)
            if isinstance(prepared, RowFailure):
                failures.append(prepared)
                continue
            batch.add(*prepared, origin=origin)
            if len(batch.rows) >= self.batch_size:
                flush(batch)
                batch = _Batch()
        flush(batch)
        return written, sorted(failures, key=lambda f: f.origin)

    def upsert_creators(self, creators: Iterable[Creator]) -> int:
        """Synchronous upsert of already validated creators; the number written."""
        written, failures = self.upsert_rows(enumerate(creators))
        for failure in failures:
            log.warning("creator not written", extra={"key": failure.key, "reason": failure.reason})
        return written

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
        pending_file = ""

        def reject(item: Reject) -> None:
            summary.rejected += 1
            if rejects is not None:
                rejects.write(json.dumps(item.model_dump(), ensure_ascii=False) + "\n")
            if on_reject:
                on_reject(item)

        def failed(file: str, failure: RowFailure) -> None:
            reject(Reject(file=file, line=failure.origin, field=None, reason=failure.reason, handle=failure.handle))

        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="ingest-write") as pool:

            def acknowledge() -> None:
                nonlocal pending, pending_size
                if pending is not None:
                    lost = pending.result()  # re-raises a write failure: never acknowledge it
                    summary.accepted += pending_size - len(lost)
                    for failure in lost:
                        failed(pending_file, failure)
                    pending, pending_size = None, 0
                    if on_progress:
                        on_progress(summary.accepted, summary.rejected)

            def submit(batch: _Batch, file: str) -> None:
                nonlocal pending, pending_size, pending_file
                acknowledge()
                pending = pool.submit(self.write, batch.rows, batch.origins)
                pending_size, pending_file = len(batch.rows), file

            for path in paths:
                # One batch per file at most in flight, so a failed row's line names its file.
                batch = _Batch()
                for line, item in iter_numbered_creators(Path(path)):
                    if isinstance(item, Reject):
                        reject(item)
                        continue
                    prepared = self._try_prepare(item, line)
                    if isinstance(prepared, RowFailure):
                        failed(str(path), prepared)
                        continue
                    batch.add(*prepared, origin=line)
                    if len(batch.rows) >= self.batch_size:
                        submit(batch, str(path))
                        batch = _Batch()
                submit(batch, str(path))
            acknowledge()
        self.index.flush() if hasattr(self.index, "flush") else None
        summary.seconds = time.perf_counter() - started
        summary.embed_seconds = self.embed_seconds
        summary.creators_per_s = summary.accepted / summary.seconds if summary.seconds else 0.0
        return summary


def reconcile(store: CreatorStore, index: CreatorIndex, embedder: Embedder, *, repair: bool = True,
              full: bool = False, batch: int = 500) -> ConsistencyReport:
    """Compares the database with the index and, with `repair`, makes them agree: rows the
    index lacks are indexed again from the database (the database holds the full record),
    and index points with no database row are deleted.

    Without `full`, equal counts are taken as agreement (a crash between the two writes
    always changes one count); the key-by-key comparison runs when they differ. Runs at
    start-up; /readyz compares the counts on every call.
    """
    indexed = len(index)
    if not full and store.count() == indexed:
        return ConsistencyReport(creators=indexed, indexed=indexed)
    keys = sorted(store.keys())
    report = ConsistencyReport(creators=len(keys), indexed=indexed)
    present: set[str] = set()
    for start in range(0, len(keys), batch):
        present.update(hit.key for hit in index.get(keys[start:start + batch]))
    missing = [k for k in keys if k not in present]
    orphans: list[str] = []
    if indexed > len(present):
        # Only a full listing finds points without a row; an unranked search under an
        # empty filter returns every point (largest audience first).
        everything = index.search(None, None, IndexFilter(), limit=indexed)
        stored = set(keys)
        orphans = sorted({hit.key for hit in everything} - stored)
    report.missing_from_index, report.orphans_in_index = len(missing), len(orphans)
    if not repair or (not missing and not orphans):
        return report
    if orphans:
        index.delete(orphans)
    for start in range(0, len(missing), batch):
        stored_rows = store.get_many(missing[start:start + batch])
        rows = [(s.creator, s.features) for s in stored_rows.values()]
        if rows:
            index.upsert(build_indexed_batch(rows, embedder))
    if hasattr(index, "flush"):
        index.flush()
    report.repaired = True
    report.indexed = len(index)
    return report
