"""initial: shortlists, chat threads, API keys, saved lists

Revision ID: 0001
Revises:
Create Date: 2026-12-01

Also the baseline for data dirs made before migrations existed, when Database() ran
metadata.create_all(): their tables are the same, so a table that already exists is kept
as it is and only the missing ones (the saved lists) are created. Stamping alone would
have left those out; recreating would have lost data.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# BIGINT on PostgreSQL; INTEGER on SQLite, where only "INTEGER PRIMARY KEY" autoincrements.
_SEQ = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
_TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    existing = set(sa.inspect(op.get_bind()).get_table_names())

    if "shortlists" not in existing:
        op.create_table(
            "shortlists",
            sa.Column("seq", _SEQ, primary_key=True, autoincrement=True),
            sa.Column("id", sa.String(64), nullable=False, unique=True),
            sa.Column("created_at", _TZ, nullable=False),
            sa.Column("thread_id", sa.String(64), nullable=True),
            sa.Column("brief", sa.Text, nullable=False),
            sa.Column("creators", sa.Integer, nullable=False),
            sa.Column("data", sa.Text, nullable=False),
        )
        op.create_index("ix_shortlists_thread_id", "shortlists", ["thread_id"])

    if "chat_threads" not in existing:
        op.create_table(
            "chat_threads",
            sa.Column("thread_id", sa.String(64), primary_key=True),
            sa.Column("created_at", _TZ, nullable=False),
            sa.Column("updated_at", _TZ, nullable=False),
            sa.Column("messages", sa.Integer, nullable=False),
            sa.Column("latest_shortlist_id", sa.String(64), nullable=True),
        )

    if "api_keys" not in existing:
        op.create_table(
            "api_keys",
            sa.Column("prefix", sa.String(32), primary_key=True),
            sa.Column("name", sa.String(100), nullable=False),
            sa.Column("salt", sa.String(64), nullable=False),
            sa.Column("hash", sa.String(128), nullable=False),
            sa.Column("created_at", _TZ, nullable=False),
            sa.Column("revoked_at", _TZ, nullable=True),
        )

    if "saved_lists" not in existing:
        op.create_table(
            "saved_lists",
            sa.Column("id", sa.String(64), primary_key=True),
            sa.Column("name", sa.String(200), nullable=False),
            sa.Column("created_at", _TZ, nullable=False),
            sa.Column("updated_at", _TZ, nullable=False),
        )

    if "saved_list_items" not in existing:
        op.create_table(
            "saved_list_items",
            sa.Column("list_id", sa.String(64), sa.ForeignKey("saved_lists.id", ondelete="CASCADE"), primary_key=True),
            sa.Column("platform", sa.String(32), primary_key=True),
            sa.Column("handle", sa.String(200), primary_key=True),
            sa.Column("note", sa.Text, nullable=True),
            sa.Column("status", sa.String(32), nullable=False, server_default="shortlisted"),
            sa.Column("added_at", _TZ, nullable=False),
            sa.Column("updated_at", _TZ, nullable=False),
        )


def downgrade() -> None:
    for table in ("saved_list_items", "saved_lists", "api_keys", "chat_threads", "shortlists"):
        op.drop_table(table)
