"""The creator store's tables: creators, and the per-post vectors kept beside them.

Why per-post vectors are here as well as in the index: topic evidence multiplies each
candidate's post vectors (~150 candidates a brief, up to 24 posts of 256 floats each),
and the Edge binding hands a point's vectors back as Python lists of floats. Reading them
from the index and turning them into arrays cost a first-seen brief 8-9 ms of CPU (1,800
creators); the same float32 rows read as one blob per creator from the database cost
2-3 ms. They are written in the creator's own transaction, so they never disagree with
the stored creator.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np
from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

from retrieval.index.base import PostVectors

metadata = MetaData()

creators_table = Table(
    "creators",
    metadata,
    Column("key", String(140), primary_key=True),
    Column("platform", String(20), nullable=False, index=True),
    Column("handle", String(100), nullable=False),
    # BIGINT: the import format allows up to 10**12 followers; PostgreSQL's INTEGER stops at 2**31.
    Column("followers", BigInteger, nullable=False),
    Column("data", Text, nullable=False),
    Column("features", Text, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

# A new table rather than a column: `create_all` adds it to an existing database, and a
# creator stored before it has no row here (its vectors are read from the index).
post_vectors_table = Table(
    "creator_post_vectors",
    metadata,
    Column("key", String(140), primary_key=True),
    # The static encoder that made them (`StaticPostEncoder.name`): after a switch of
    # model (`castlist reindex`), rows of the other model are not read.
    Column("model", String(200), nullable=False),
    Column("post_ids", Text, nullable=False),
    Column("vectors", LargeBinary, nullable=False),  # float32, row-major, one row per post id
)


@dataclass(frozen=True)
class StoredPostVectors:
    """A batch's per-post vectors, as the index got them, by creator key."""

    model: str
    by_key: dict[str, PostVectors]


def post_vector_values(vectors: StoredPostVectors) -> list[dict]:
    return [{"key": key, "model": vectors.model, "post_ids": json.dumps(pv.post_ids),
             "vectors": np.ascontiguousarray(pv.vectors, dtype=np.float32).tobytes()}
            for key, pv in vectors.by_key.items()]


def read_post_vectors(post_ids: str, blob: bytes) -> PostVectors:
    ids = json.loads(post_ids)
    matrix = np.frombuffer(blob, dtype=np.float32).reshape(len(ids), -1) if ids else np.zeros((0, 0), np.float32)
    # Read-only like the index's (retrieval/index/base.py): shared by every brief that reads it.
    matrix.setflags(write=False)
    return PostVectors.model_construct(post_ids=ids, vectors=matrix)
