"""The creator store: the full creator record and its features, by key.

The vector index holds only what it filters and ranks on; explanations, vetting and the
API read whole creators from here. SQLite (WAL) by default; any SQLAlchemy URL (e.g.
PostgreSQL) works the same way.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Iterable, Iterator, Sequence

from sqlalchemy import create_engine, event, func, select
from sqlalchemy.engine import URL, Engine

from retrieval.features import CreatorFeatures, with_post_hits
from retrieval.index.base import PostVectors
from retrieval.keyed_cache import KeyedCache
from retrieval.schema import Creator
from retrieval.store_tables import (
    StoredPostVectors,
    creators_table,
    metadata,
    post_vector_values,
    post_vectors_table,
    read_post_vectors,
)

log = logging.getLogger("castlist.store")


class StoredCreator:
    __slots__ = ("creator", "features", "derived")

    def __init__(self, creator: Creator, features: CreatorFeatures) -> None:
        self.creator = creator
        self.features = features
        # What readers derive from this record and keep with it (topic evidence's post
        # texts): it lives as long as the parsed record, which the cache drops on a write.
        self.derived: dict[str, object] = {}


@dataclass(frozen=True)
class PoolOptions:
    """Connection pool of a server database (PostgreSQL); SQLite files ignore it.

    Each engine keeps up to `size + max_overflow` connections: a serving process has two
    engines (service tables, creator store) plus the chat checkpointer's pool, so a server
    needs about workers x (2 x (size + max_overflow) + checkpoint pool) connections.
    """

    size: int = 5
    max_overflow: int = 5
    timeout_s: float = 10.0  # waiting for a free pooled connection
    recycle_s: int = 1800  # reconnect before a proxy or firewall silently drops an idle one
    connect_timeout_s: int = 5  # a server that does not answer fails fast instead of hanging a request


class DatabaseUnavailable(RuntimeError):
    """The database server cannot be reached (down, refused, wrong host or port)."""


def describe_unavailable(url: URL, exc: BaseException) -> str:
    """One line: which database (password hidden) and the driver's first line of why."""
    reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return f"cannot reach the database at {url.render_as_string(hide_password=True)}: " + (
        reason[0].strip() if reason else type(exc).__name__)


def make_engine(url: str, pool: PoolOptions | None = None) -> Engine:
    pool = pool or PoolOptions()
    if url.startswith("postgresql"):
        engine = create_engine(
            url, future=True, pool_pre_ping=True, pool_size=pool.size, max_overflow=pool.max_overflow,
            pool_timeout=pool.timeout_s, pool_recycle=pool.recycle_s,
            connect_args={"connect_timeout": pool.connect_timeout_s, "application_name": "castlist"},
        )
    else:
        engine = create_engine(url, future=True, pool_pre_ping=True)
    if engine.dialect.name == "sqlite":
        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record) -> None:  # noqa: ANN001
            cur = dbapi_conn.cursor()
            # WAL lets readers run during an ingest; NORMAL keeps commits durable across
            # a process crash (kill -9), which is what acknowledged rows promise.
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA busy_timeout=10000")
            cur.close()
    return engine


def open_engine(url: str, pool: PoolOptions | None = None) -> Engine:
    """An engine whose server answered once; DatabaseUnavailable (one clear line) if not."""
    from sqlalchemy.exc import OperationalError

    engine = make_engine(url, pool)
    try:
        with engine.connect():
            pass
    except OperationalError as exc:
        engine.dispose()
        raise DatabaseUnavailable(describe_unavailable(engine.url, exc)) from exc
    return engine


def _upsert_statement(engine: Engine):
    stmt = _dialect_insert(engine)(creators_table)
    return stmt.on_conflict_do_update(
        index_elements=[creators_table.c.key],
        set_={c: stmt.excluded[c] for c in ("platform", "handle", "followers", "data", "features", "updated_at")},
    )


def _insert_missing(engine: Engine, table):
    insert = _dialect_insert(engine)
    return insert(table).on_conflict_do_nothing(index_elements=[table.c.key])


def _dialect_insert(engine: Engine):
    if engine.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert


class CreatorStore:
    def __init__(self, engine: Engine, cache_size: int = 2000, post_vector_rows: int = 65_536) -> None:
        self.engine = engine
        metadata.create_all(engine)
        self._upsert = _upsert_statement(engine)
        # Parsed creators by key. Parsing a stored creator (pydantic over ~10 KB of JSON)
        # costs more than the SQL that fetched it, and briefs overlap heavily in the
        # creators they consider. Per process: a second process writing the same database
        # (possible with PostgreSQL) is not seen, so the cache is small.
        self._cache: KeyedCache[StoredCreator] = KeyedCache(cache_size)
        self._post_vectors: KeyedCache[tuple[str, PostVectors]] = KeyedCache(
            post_vector_rows, weight=lambda item: max(1, len(item[1].post_ids)))

    @classmethod
    def open(cls, url: str, pool: PoolOptions | None = None) -> "CreatorStore":
        return cls(open_engine(url, pool))

    def upsert(self, rows: Sequence[tuple[Creator, CreatorFeatures]]) -> None:
        self.upsert_then(rows, lambda: None)

    def upsert_then(self, rows: Sequence[tuple[Creator, CreatorFeatures]], also: Callable[[], None],
                    undo: Callable[[list[str]], None] = lambda keys: None,
                    post_vectors: StoredPostVectors | None = None) -> None:
        """Writes `rows` in one transaction that commits only if `also()` (the index write)
        succeeds, so a failed index write leaves the database as it was. Should the commit
        itself fail after `also()` ran, `undo` gets the keys that were new (not stored
        before) so the caller can take them out of the index again. The rows' per-post
        vectors are replaced by `post_vectors` (none kept for a row it lacks)."""
        if not rows:
            return
        now = datetime.now(timezone.utc)
        values = [
            {
                "key": c.key,
                "platform": c.platform,
                "handle": c.handle,
                "followers": c.followers,
                "data": c.model_dump_json(exclude_none=True),
                "features": f.model_dump_json(),
                "updated_at": now,
            }
            for c, f in rows
        ]
        keys = [v["key"] for v in values]
        existing: set[str] | None = None

        def compensate() -> None:
            # An index write can fail part way; new points it left behind go again.
            if existing is None:
                return
            try:
                undo([k for k in keys if k not in existing])
            except Exception:  # noqa: BLE001 - the start-up reconciliation repairs what is left
                log.exception("could not take new keys back out of the index")

        try:
            with self.engine.connect() as conn:
                transaction = conn.begin()
                try:
                    existing = set(conn.execute(
                        select(creators_table.c.key).where(creators_table.c.key.in_(keys))).scalars())
                    conn.execute(self._upsert, values)
                    conn.execute(post_vectors_table.delete().where(post_vectors_table.c.key.in_(keys)))
                    if post_vectors is not None and post_vectors.by_key:
                        conn.execute(post_vectors_table.insert(), post_vector_values(post_vectors))
                    also()
                except BaseException:
                    transaction.rollback()
                    compensate()
                    raise
                try:
                    transaction.commit()
                except BaseException:
                    compensate()
                    raise
        finally:
            self._drop(keys)

    def _drop(self, keys: Sequence[str]) -> None:
        self._cache.drop(keys)
        self._post_vectors.drop(keys)

    def get_many(self, keys: Iterable[str]) -> dict[str, StoredCreator]:
        keys = list(dict.fromkeys(keys))
        if not keys:
            return {}
        cached = self._cache.get_many(keys)
        missing = [key for key in keys if key not in cached]
        if not missing:
            return {key: cached[key] for key in keys}
        epoch = self._cache.epoch()  # before the read: a write after it keeps these out of the cache
        parsed: dict[str, StoredCreator] = {}
        with self.engine.connect() as conn:
            for start in range(0, len(missing), 500):
                chunk = missing[start:start + 500]
                stmt = select(creators_table.c.key, creators_table.c.data, creators_table.c.features).where(
                    creators_table.c.key.in_(chunk)
                )
                for key, data, features in conn.execute(stmt):
                    try:
                        creator = Creator.model_validate_json(data)
                        item = StoredCreator(creator, with_post_hits(creator, CreatorFeatures.model_validate_json(features)))
                    except ValueError:
                        # A row written before today's bounds existed must not fail every
                        # search that meets it: it is skipped, loudly.
                        log.error("stored creator cannot be read; skipped", extra={"key": key}, exc_info=True)
                        continue
                    parsed[key] = item
        self._cache.put_many(parsed, epoch)
        return {**cached, **parsed}

    def post_vectors(self, keys: Sequence[str], model: str) -> dict[str, PostVectors]:
        """The per-post vectors `model` made for `keys`, where this store has them (see
        retrieval/store_tables.py); the caller reads the rest from the index."""
        found = self._post_vectors.get_or_read(list(dict.fromkeys(keys)), self._read_post_vectors)
        return {key: pv for key, (made_by, pv) in found.items() if made_by == model}

    def _read_post_vectors(self, keys: list[str]) -> dict[str, tuple[str, PostVectors]]:
        table = post_vectors_table
        out: dict[str, tuple[str, PostVectors]] = {}
        with self.engine.connect() as conn:
            for start in range(0, len(keys), 500):
                stmt = select(table.c.key, table.c.model, table.c.post_ids, table.c.vectors).where(
                    table.c.key.in_(keys[start:start + 500]))
                for key, model, post_ids, blob in conn.execute(stmt):
                    out[key] = (model, read_post_vectors(post_ids, blob))
        return out

    def keys_without_post_vectors(self) -> list[str]:
        """Stored creators that have no per-post vectors row (stored before rows were kept)."""
        table = post_vectors_table
        with self.engine.connect() as conn:
            return list(conn.execute(
                select(creators_table.c.key).where(~select(table.c.key).where(table.c.key == creators_table.c.key)
                                                   .exists()).order_by(creators_table.c.key)).scalars())

    def add_post_vectors(self, vectors: StoredPostVectors) -> int:
        """Adds rows for creators that have none, leaving any row a write stored meanwhile; the
        number of rows given."""
        values = post_vector_values(vectors)
        if values:
            with self.engine.begin() as conn:
                conn.execute(_insert_missing(self.engine, post_vectors_table), values)
        return len(values)

    def prefill(self, keys: Sequence[str], post_model: str) -> int:
        """Parses `keys` into this process's caches (parsed creators, per-post vectors) when
        they all fit; the number read (0 when they do not fit)."""
        if len(keys) > self._cache.capacity:
            return 0
        for start in range(0, len(keys), 500):
            chunk = list(keys[start:start + 500])
            self.get_many(chunk)
            self.post_vectors(chunk, post_model)
        return len(keys)

    def get(self, key: str) -> StoredCreator | None:
        return self.get_many([key]).get(key)

    def count(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(creators_table)).scalar_one())

    def keys(self) -> list[str]:
        """Every stored key, sorted; lets a caller walk the store in batches while writing to it."""
        with self.engine.connect() as conn:
            return list(conn.execute(select(creators_table.c.key).order_by(creators_table.c.key)).scalars())

    def iter_all(self, batch: int = 1000) -> Iterator[StoredCreator]:
        with self.engine.connect() as conn:
            result = conn.execution_options(stream_results=True, yield_per=batch).execute(
                select(creators_table.c.data, creators_table.c.features).order_by(creators_table.c.key)
            )
            for data, features in result:
                yield StoredCreator(Creator.model_validate_json(data), CreatorFeatures.model_validate_json(features))

    def delete(self, keys: Sequence[str]) -> None:
        with self.engine.begin() as conn:
            conn.execute(creators_table.delete().where(creators_table.c.key.in_(list(keys))))
            conn.execute(post_vectors_table.delete().where(post_vectors_table.c.key.in_(list(keys))))
        self._drop(keys)

    def close(self) -> None:
        self.engine.dispose()
