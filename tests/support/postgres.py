"""PostgreSQL for tests: the server from CASTLIST_TEST_DATABASE_URL (scripts/pg-test-cluster.sh
starts a throwaway one), and a fresh database per use so tests never share rows."""

from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ENV = "CASTLIST_TEST_DATABASE_URL"
SKIP_REASON = (f"no PostgreSQL server: set {ENV} (eval \"$(bash scripts/pg-test-cluster.sh start)\" "
               "starts a throwaway cluster; scripts/test.sh does it for CI)")


def server_url() -> str | None:
    return os.environ.get(ENV) or None


def require_server() -> str:
    url = server_url()
    if not url:
        pytest.skip(SKIP_REASON)
    return url


def _admin(url: str):
    # CREATE/DROP DATABASE cannot run inside a transaction.
    return create_engine(url, isolation_level="AUTOCOMMIT", pool_size=1, max_overflow=0)


def create_database(prefix: str = "t", template: str | None = None) -> str:
    """A new empty database (or a copy of `template`, a URL) on the test server; its URL."""
    url = make_url(require_server())
    name = f"castlist_{prefix}_{uuid.uuid4().hex[:10]}"
    engine = _admin(url.render_as_string(hide_password=False))
    try:
        with engine.connect() as conn:
            source = f' TEMPLATE "{make_url(template).database}"' if template else ""
            conn.execute(text(f'CREATE DATABASE "{name}"{source}'))
    finally:
        engine.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


def drop_database(db_url: str) -> None:
    url = make_url(db_url)
    engine = _admin(url.set(database="postgres").render_as_string(hide_password=False))
    try:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)'))
    finally:
        engine.dispose()
