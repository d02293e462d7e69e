"""The service's own tables: shortlists, the chat-thread index, API keys and saved lists.

SQLAlchemy Core on `settings.resolved_database_url`: the SQLite file in the data dir by
default (WAL, through the same engine factory as the creator store), PostgreSQL by URL.
The schema is migrated with Alembic when a database is opened (app/migrate.py); a change
to these tables needs a revision in app/migrations/versions.
All methods are blocking; the service calls them from worker threads.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import (
    BigInteger, Column, DateTime, ForeignKey, Integer, MetaData, String, Table, Text, func, insert, select, update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine

from agents.shortlist import Shortlist
from retrieval.store import PoolOptions, open_engine

metadata = MetaData()

# BIGINT on PostgreSQL, but INTEGER on SQLite, where only "INTEGER PRIMARY KEY" is the rowid alias
# that autoincrements.
_SeqType = BigInteger().with_variant(Integer(), "sqlite")

shortlists_table = Table(
    "shortlists",
    metadata,
    # Insertion order: the pagination key (newest first) and never reused.
    Column("seq", _SeqType, primary_key=True, autoincrement=True),
    Column("id", String(64), nullable=False, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("thread_id", String(64), nullable=True, index=True),
    Column("brief", Text, nullable=False),
    Column("creators", Integer, nullable=False),
    Column("data", Text, nullable=False),
)

threads_table = Table(
    "chat_threads",
    metadata,
    Column("thread_id", String(64), primary_key=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("messages", Integer, nullable=False),
    Column("latest_shortlist_id", String(64), nullable=True),
)

api_keys_table = Table(
    "api_keys",
    metadata,
    Column("prefix", String(32), primary_key=True),
    Column("name", String(100), nullable=False),
    Column("salt", String(64), nullable=False),
    Column("hash", String(128), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True), nullable=True),
)

# A marketer's saved lists (issue 12 owns their routes; declared here so one migration
# creates every service table).
saved_lists_table = Table(
    "saved_lists",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

saved_list_items_table = Table(
    "saved_list_items",
    metadata,
    Column("list_id", String(64), ForeignKey("saved_lists.id", ondelete="CASCADE"), primary_key=True),
    Column("platform", String(32), primary_key=True),
    Column("handle", String(200), primary_key=True),
    Column("note", Text, nullable=True),
    Column("status", String(32), nullable=False, server_default="shortlisted"),
    Column("added_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)


class BadCursor(ValueError):
    """A pagination cursor this service did not issue."""


@dataclass(frozen=True)
class ShortlistSummary:
    id: str
    created_at: datetime
    brief: str
    creators: int
    thread_id: str | None


@dataclass(frozen=True)
class ThreadRow:
    thread_id: str
    created_at: datetime
    updated_at: datetime
    messages: int
    latest_shortlist_id: str | None


@dataclass(frozen=True)
class ThreadSummary:
    thread_id: str
    title: str  # the thread's first brief
    created_at: datetime
    updated_at: datetime
    messages: int
    latest_shortlist_id: str | None
    last_count: int | None  # creators in the latest shortlist


@dataclass(frozen=True)
class ApiKeyRow:
    prefix: str
    name: str
    salt: str
    hash: str
    created_at: datetime
    revoked_at: datetime | None


_MAX_SEQ = 2**63 - 1


def encode_cursor(seq: int) -> str:
    return base64.urlsafe_b64encode(f"s1:{seq}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        version, seq = raw.split(":", 1)
        if version != "s1":
            raise ValueError(version)
        value = int(seq)
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadCursor("the cursor is not one this service issued") from exc
    if not 0 <= value <= _MAX_SEQ:
        # Out of the 64-bit range the column holds: the database would fail, not answer.
        raise BadCursor("the cursor is not one this service issued")
    return value


def _aware(value: datetime) -> datetime:
    # SQLite hands back naive datetimes; everything we store is UTC.
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


class Database:
    def __init__(self, engine: Engine) -> None:
        from app.migrate import upgrade

        self.engine = engine
        upgrade(engine)
        dialect = postgresql if engine.dialect.name == "postgresql" else sqlite
        self._insert = dialect.insert
        # Built once, with the values bound per call: building `.values(...)` coerced every
        # value into a new statement for each shortlist, measured at ~4 % of the service's CPU.
        self._save_shortlist = dialect.insert(shortlists_table).on_conflict_do_nothing(
            index_elements=[shortlists_table.c.id])

    @classmethod
    def open(cls, url: str, pool: PoolOptions | None = None) -> "Database":
        """Raises DatabaseUnavailable (one line saying where and why) when the server is down."""
        return cls(open_engine(url, pool))

    def close(self) -> None:
        self.engine.dispose()

    # ---- shortlists ------------------------------------------------------------------

    def save_shortlist(self, shortlist: Shortlist) -> None:
        """Idempotent by id: saving the same shortlist twice keeps one row."""
        row = {"id": shortlist.id, "created_at": shortlist.created_at, "thread_id": shortlist.thread_id,
               "brief": shortlist.brief, "creators": len(shortlist.creators), "data": shortlist.model_dump_json()}
        with self.engine.begin() as conn:
            conn.execute(self._save_shortlist, row)

    def get_shortlist(self, shortlist_id: str) -> Shortlist | None:
        with self.engine.connect() as conn:
            data = conn.execute(
                select(shortlists_table.c.data).where(shortlists_table.c.id == shortlist_id)
            ).scalar_one_or_none()
        return Shortlist.model_validate_json(data) if data is not None else None

    def list_shortlists(self, limit: int, cursor: str | None = None,
                        thread_id: str | None = None) -> tuple[list[ShortlistSummary], str | None]:
        """Newest first; the cursor continues after the last row of the previous page."""
        t = shortlists_table
        stmt = select(t.c.seq, t.c.id, t.c.created_at, t.c.brief, t.c.creators, t.c.thread_id)
        if cursor is not None:
            stmt = stmt.where(t.c.seq < decode_cursor(cursor))
        if thread_id is not None:
            stmt = stmt.where(t.c.thread_id == thread_id)
        stmt = stmt.order_by(t.c.seq.desc()).limit(limit + 1)  # one extra: is there a next page?
        with self.engine.connect() as conn:
            rows = conn.execute(stmt).all()
        page = rows[:limit]
        items = [ShortlistSummary(id=r.id, created_at=_aware(r.created_at), brief=r.brief, creators=r.creators,
                                  thread_id=r.thread_id) for r in page]
        next_cursor = encode_cursor(page[-1].seq) if len(rows) > limit and page else None
        return items, next_cursor

    def count_shortlists(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(shortlists_table)).scalar_one())

    # ---- chat threads ----------------------------------------------------------------

    def record_thread_message(self, thread_id: str, shortlist_id: str | None) -> None:
        now = datetime.now(timezone.utc)
        t = threads_table
        stmt = self._insert(t).values(thread_id=thread_id, created_at=now, updated_at=now, messages=1,
                                      latest_shortlist_id=shortlist_id)
        stmt = stmt.on_conflict_do_update(
            index_elements=[t.c.thread_id],
            set_={"updated_at": now, "messages": t.c.messages + 1,
                  "latest_shortlist_id": func.coalesce(stmt.excluded.latest_shortlist_id, t.c.latest_shortlist_id)},
        )
        with self.engine.begin() as conn:
            conn.execute(stmt)

    def get_thread(self, thread_id: str) -> ThreadRow | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(threads_table).where(threads_table.c.thread_id == thread_id)).first()
        if row is None:
            return None
        return ThreadRow(thread_id=row.thread_id, created_at=_aware(row.created_at), updated_at=_aware(row.updated_at),
                         messages=row.messages, latest_shortlist_id=row.latest_shortlist_id)

    def list_threads(self, limit: int = 50) -> list[ThreadSummary]:
        """Most recently used first, each with its first brief and the size of its latest list."""
        t, s = threads_table, shortlists_table
        first_seq = (select(func.min(s.c.seq)).where(s.c.thread_id == t.c.thread_id).correlate(t).scalar_subquery())
        title = select(s.c.brief).where(s.c.seq == first_seq).scalar_subquery()
        last_count = select(s.c.creators).where(s.c.id == t.c.latest_shortlist_id).correlate(t).scalar_subquery()
        stmt = (select(t, title.label("title"), last_count.label("last_count"))
                .order_by(t.c.updated_at.desc()).limit(limit))
        with self.engine.connect() as conn:
            rows = conn.execute(stmt).all()
        return [ThreadSummary(thread_id=r.thread_id, title=(r.title or "").split(" / ")[0], created_at=_aware(r.created_at),
                              updated_at=_aware(r.updated_at), messages=r.messages,
                              latest_shortlist_id=r.latest_shortlist_id, last_count=r.last_count) for r in rows]

    # ---- API keys --------------------------------------------------------------------

    def add_key(self, prefix: str, name: str, salt: str, digest: str) -> ApiKeyRow:
        now = datetime.now(timezone.utc)
        with self.engine.begin() as conn:
            conn.execute(insert(api_keys_table).values(prefix=prefix, name=name, salt=salt, hash=digest,
                                                       created_at=now, revoked_at=None))
        return ApiKeyRow(prefix=prefix, name=name, salt=salt, hash=digest, created_at=now, revoked_at=None)

    def get_key(self, prefix: str) -> ApiKeyRow | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(api_keys_table).where(api_keys_table.c.prefix == prefix)).first()
        return _key_row(row) if row is not None else None

    def list_keys(self) -> list[ApiKeyRow]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(api_keys_table).order_by(api_keys_table.c.created_at)).all()
        return [_key_row(r) for r in rows]

    def active_key_count(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(
                select(func.count()).select_from(api_keys_table).where(api_keys_table.c.revoked_at.is_(None))
            ).scalar_one())

    def revoke_key(self, prefix: str) -> bool:
        with self.engine.begin() as conn:
            result = conn.execute(
                update(api_keys_table)
                .where(api_keys_table.c.prefix == prefix, api_keys_table.c.revoked_at.is_(None))
                .values(revoked_at=datetime.now(timezone.utc))
            )
        return bool(result.rowcount)


def _key_row(row) -> ApiKeyRow:  # noqa: ANN001 - a SQLAlchemy Row
    return ApiKeyRow(prefix=row.prefix, name=row.name, salt=row.salt, hash=row.hash,
                     created_at=_aware(row.created_at),
                     revoked_at=_aware(row.revoked_at) if row.revoked_at is not None else None)
