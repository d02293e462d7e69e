"""Alembic environment for the service's own tables (app/db.py's metadata).

Run by app.migrate.upgrade() on the connection it passes in (the normal path: every
process migrates its database on open), or by the `alembic` command from the repository
root, which reads the database URL from the settings (CASTLIST_DATABASE_URL or the SQLite
file in CASTLIST_DATA_DIR).

Only tables of app/db.py are compared and migrated: the creator store (retrieval layer)
and LangGraph's checkpoint tables share the database but keep their own schemas.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from app.db import metadata

config = context.config


def _ours(obj, name, type_, reflected, compare_to) -> bool:  # noqa: ANN001 - Alembic's hook signature
    return type_ != "table" or name in metadata.tables


def _run(connection) -> None:  # noqa: ANN001 - a SQLAlchemy Connection
    context.configure(
        connection=connection,
        target_metadata=metadata,
        include_object=_ours,
        # SQLite cannot ALTER most things: batch mode copies the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    from app.settings import get_settings

    engine = create_engine(get_settings().resolved_database_url)
    with engine.begin() as conn:
        _run(conn)
    engine.dispose()
