"""Chat threads on PostgreSQL: LangGraph's AsyncPostgresSaver over a psycopg pool.

A pool (not one connection) because every worker serves many threads at once; the
connection settings are the ones langgraph-checkpoint-postgres requires (autocommit,
dict rows, no server-side prepared statements so a transaction-mode PgBouncer also
works). The saver's own migrations run under an advisory lock: several workers starting
together would otherwise race on CREATE TABLE IF NOT EXISTS, which PostgreSQL does not
make safe against concurrent callers.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy.engine import make_url

from retrieval.store import DatabaseUnavailable

_SETUP_LOCK_KEY = 0x6C67_6370  # "lgcp": any constant shared by every castlist process


def libpq_url(sqlalchemy_url: str) -> str:
    """postgresql+psycopg://... (SQLAlchemy) -> postgresql://... (libpq, psycopg)."""
    return make_url(sqlalchemy_url).set(drivername="postgresql").render_as_string(hide_password=False)


@asynccontextmanager
async def open_postgres_checkpointer(url: str, pool_size: int, connect_timeout_s: int) -> AsyncIterator[object]:
    from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver
    from psycopg.rows import dict_row
    from psycopg_pool import AsyncConnectionPool, PoolTimeout

    pool = AsyncConnectionPool(
        libpq_url(url), min_size=1, max_size=pool_size, open=False, name="castlist-checkpoints",
        timeout=connect_timeout_s * 2,
        # A connection is checked before it is handed out: after the server restarts, the
        # pool replaces dead connections instead of failing one request per dead one.
        check=AsyncConnectionPool.check_connection,
        kwargs={"autocommit": True, "prepare_threshold": None, "row_factory": dict_row,
                "connect_timeout": connect_timeout_s, "application_name": "castlist-checkpoints"},
    )
    try:
        await pool.open(wait=True, timeout=connect_timeout_s * 2)
    except PoolTimeout as exc:
        await pool.close()
        raise DatabaseUnavailable(f"cannot reach the database at {make_url(url).render_as_string(hide_password=True)} "
                                  "for chat threads: no connection within "
                                  f"{connect_timeout_s * 2} s") from exc
    try:
        saver = AsyncPostgresSaver(pool)
        async with pool.connection() as lock_conn:
            await lock_conn.execute("SELECT pg_advisory_lock(%s)", (_SETUP_LOCK_KEY,))
            try:
                await saver.setup()
            finally:
                await lock_conn.execute("SELECT pg_advisory_unlock(%s)", (_SETUP_LOCK_KEY,))
        yield saver
    finally:
        await pool.close()
