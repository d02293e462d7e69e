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

from retrieval.documents import payload
from retrieval.index.base import CreatorIndex
from retrieval.store import CreatorStore

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
