"""Chat threads on PostgreSQL: LangGraph's AsyncPostgresSaver over a psycopg pool.

A pool (not one connection) because every worker serves many threads at once; the
connection settings are the ones langgraph-checkpoint-postgres requires (autocommit,
dict rows, no server-side prepared statements so a transaction-mode PgBouncer also
works). The saver's own migrations run under an advisory lock: several workers starting
together would otherwise race on CREATE TABLE IF NOT EXISTS, which PostgreSQL does not
make safe against concurrent callers. The lock is polled, not waited for: the saver's
migrations include CREATE INDEX CONCURRENTLY, which waits for every running statement,
so a worker blocked inside pg_advisory_lock() would deadlock with the worker holding it
(a test with four workers hung this way).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy.engine import make_url

from retrieval.store import DatabaseUnavailable

_SETUP_LOCK_KEY = 0x6C67_6370  # "lgcp": any constant shared by every castlist process


def libpq_url(sqlalchemy_url: str) -> str:
    """postgresql+psycopg://... (SQLAlchemy) -> postgresql://... (libpq, psycopg)."""
    return make_url(sqlalchemy_url).set(drivername="postgresql").render_as_string(hide_password=False)


async def _take_setup_lock(conn, wait_s: float = 300.0) -> None:  # noqa: ANN001 - a psycopg AsyncConnection
    deadline = asyncio.get_running_loop().time() + wait_s
    while True:
        row = await (await conn.execute("SELECT pg_try_advisory_lock(%s) AS ok", (_SETUP_LOCK_KEY,))).fetchone()
        if row["ok"]:
            return
        if asyncio.get_running_loop().time() > deadline:
            raise TimeoutError(f"another process held the chat-checkpoint setup lock for {wait_s:.0f} s")
        await asyncio.sleep(0.2)


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
            await _take_setup_lock(lock_conn)
            try:
                await saver.setup()
            finally:
                await lock_conn.execute("SELECT pg_advisory_unlock(%s)", (_SETUP_LOCK_KEY,))
        yield saver
    finally:
        await pool.close()
