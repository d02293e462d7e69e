"""Payload fields added to the index after creators were stored: set once on all of them.

A new filter (the creator's city, for one) needs a payload field that points indexed by
an older version lack; without it the filter would match nobody. The index marks such
fields when it creates them over existing points, and the service sets them from the
database at start, before the first brief. Values come from the same `payload()` ingest
writes, so a backfilled point equals a freshly ingested one.
"""

from __future__ import annotations

import json
import logging

import numpy as np

from retrieval.documents import payload
from retrieval.index.base import CreatorIndex, PostVectors
from retrieval.store import CreatorStore
from retrieval.store_tables import StoredPostVectors

log = logging.getLogger("castlist.backfill")

BATCH = 1000


def backfill_payload(store: CreatorStore, index: CreatorIndex) -> dict[str, int]:
    """Creators updated per field that was pending."""
    done: dict[str, int] = {}
    for field in sorted(index.pending_payload()):
        groups: dict[str, list[str]] = {}  # one update per distinct value (most are few)
        for stored in store.iter_all():
            value = payload(stored.creator, stored.features)[field]
            groups.setdefault(json.dumps(value, sort_keys=True), []).append(stored.creator.key)
        for value, keys in groups.items():
            for start in range(0, len(keys), BATCH):
                index.set_payload(keys[start:start + BATCH], {field: json.loads(value)})
        index.payload_done(field)
        done[field] = sum(len(keys) for keys in groups.values())
        log.info("payload field set on stored creators", extra={"field": field, "creators": done[field]})
    return done


def backfill_post_vectors(store: CreatorStore, index: CreatorIndex, model: str, batch: int = 500) -> int:
    """Copies the index's per-post vectors into the store for creators stored before it
    kept them (retrieval/store_tables.py); the number copied. A creator written meanwhile
    keeps the vectors its own write stored."""
    copied = 0
    missing = store.keys_without_post_vectors()
    for start in range(0, len(missing), batch):
        keys = missing[start:start + batch]
        found = index.post_vectors(keys)
        # A creator without posts has no per-post vectors in the index: an empty row says so.
        empty = PostVectors.model_construct(post_ids=[], vectors=np.zeros((0, 0), dtype=np.float32))
        copied += store.add_post_vectors(StoredPostVectors(model, {k: found.get(k, empty) for k in keys}))
    if copied:
        log.info("per-post vectors copied from the index to the store", extra={"creators": copied})
    return copied
