"""Schema migrations of the service's tables with Alembic, run when a database is opened.

Why Alembic: it is SQLAlchemy's own migration tool (we already describe the tables in
SQLAlchemy Core), it writes one versioned history that runs on both SQLite and PostgreSQL
(batch mode covers SQLite's missing ALTERs), and its autogenerate comparison lets a test
prove that the migrations produce exactly the tables app/db.py declares.

Every process calls upgrade() on open; on PostgreSQL a transaction-scoped advisory lock
makes concurrent starters (several workers, several hosts) take turns, and whoever comes
second finds the schema at head and does nothing.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Engine

MIGRATIONS = Path(__file__).parent / "migrations"
# Any constant shared by every castlist process: the advisory lock key of migrations.
_LOCK_KEY = 0x6361_7374_6C69_7374 & 0x7FFF_FFFF_FFFF_FFFF  # "castlist"


def _config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    return ScriptDirectory.from_config(_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Brings the database to the newest revision (a no-op when it is there)."""
    cfg = _config()
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
