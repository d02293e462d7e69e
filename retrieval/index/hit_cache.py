"""Search hits' payloads and dense vectors, kept in memory by point id.

Measured on the 1,500-creator service index, a hybrid search for 220 hits costs ~1 ms of
CPU in the engine when it returns ids and scores only, and ~7 ms when it also returns each
point's payload and dense vector: the shard reads and decodes every payload whole, and
the binding builds 384 Python floats per vector. A brief searches twice, and briefs
overlap in the creators they rank. So the engine is asked for ids and scores, and the
rest comes from here, read from the shard only for points not kept yet.

The records are kept in a `KeyedCache` by point id; the owner of the shard drops a point's
record whenever it writes the point (the same rule as the per-post vector cache).
"""

from __future__ import annotations

from dataclasses import dataclass
import numpy as np

# A record holds ~1.5 KiB of vector and a payload dict of ~2-5 KiB: 16,384 of them are
# under 100 MiB, every creator of the demo sizes most briefs reach and the hot part of 100k.
HIT_CACHE_ROWS = 16_384


@dataclass(frozen=True, slots=True)
class HitRecord:
    key: str
    payload: dict  # shared by every hit of this point: read, never modified
    vector: np.ndarray | None  # float32
