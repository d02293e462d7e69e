"""The service's tables on SQLite and PostgreSQL (the `database_url` fixture): rows round
trip the same on both, the Alembic migrations build exactly the tables app/db.py declares,
a data dir made by the old metadata.create_all() upgrades in place, and several processes
opening one PostgreSQL database at once migrate it once."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, insert, inspect, select

from agents.criteria import CampaignCriteria
from agents.shortlist import Shortlist
from app.db import (
    BadCursor, Database, api_keys_table, metadata, saved_list_items_table, saved_lists_table, shortlists_table,
    threads_table,
)
from app.migrate import current_revision, head_revision

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=timezone.utc)


def shortlist(n: int, thread: str | None = None) -> Shortlist:
    return Shortlist(id=f"s{n}", brief=f"brief {n} / more", criteria=CampaignCriteria(topics=["baking"]),
                     thread_id=thread, created_at=NOW + timedelta(minutes=n))


def test_shortlists_threads_and_keys_round_trip(database_url):
    db = Database.open(database_url)
    try:
        for n in range(5):
            db.save_shortlist(shortlist(n, thread="t1" if n in (1, 3) else None))
        db.save_shortlist(shortlist(2))  # idempotent by id
        assert db.count_shortlists() == 5
        assert db.get_shortlist("s3") == shortlist(3, thread="t1")
        page, cursor = db.list_shortlists(limit=2)
        assert [s.id for s in page] == ["s4", "s3"] and cursor
        page, cursor = db.list_shortlists(limit=2, cursor=cursor)
        assert [s.id for s in page] == ["s2", "s1"]
        page, cursor = db.list_shortlists(limit=2, cursor=cursor)
        assert [s.id for s in page] == ["s0"] and cursor is None
        assert page[0].created_at == NOW  # time zone kept on both databases
        assert [s.id for s in db.list_shortlists(limit=10, thread_id="t1")[0]] == ["s3", "s1"]
        with pytest.raises(BadCursor):
            db.list_shortlists(limit=2, cursor="bm90LW91cnM")

        db.record_thread_message("t1", "s1")
        db.record_thread_message("t1", None)  # a turn without a new list keeps the latest
        db.record_thread_message("t1", "s3")
        row = db.get_thread("t1")
        assert row.messages == 3 and row.latest_shortlist_id == "s3" and row.updated_at.tzinfo is not None
        [summary] = db.list_threads()
        assert (summary.title, summary.last_count, summary.messages) == ("brief 1", 0, 3)

        db.add_key("ab12", "ci", "salt", "hash")
        db.add_key("cd34", "other", "salt", "hash")
        assert db.active_key_count() == 2
        assert db.revoke_key("ab12") and not db.revoke_key("ab12")
        assert db.active_key_count() == 1
        assert db.get_key("ab12").revoked_at is not None and db.get_key("zz") is None
        assert [k.prefix for k in db.list_keys()] == ["ab12", "cd34"]
    finally:
        db.close()


def _ours(obj, name, type_, reflected, compare_to) -> bool:  # noqa: ANN001 - Alembic's hook signature
    return type_ != "table" or name in metadata.tables


def test_migrations_build_exactly_the_declared_tables(database_url):
    db = Database.open(database_url)
    try:
        assert current_revision(db.engine) == head_revision()
        with db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"include_object": _ours, "compare_type": True})
            assert compare_metadata(context, metadata) == []
        columns = {c["name"]: c for c in inspect(db.engine).get_columns("saved_list_items")}
        assert list(columns) == ["list_id", "platform", "handle", "note", "status", "added_at", "updated_at"]
        assert columns["note"]["nullable"] and not columns["status"]["nullable"]
        [fk] = inspect(db.engine).get_foreign_keys("saved_list_items")
        assert fk["referred_table"] == "saved_lists" and fk["options"].get("ondelete") == "CASCADE"
        with db.engine.begin() as conn:
            conn.execute(insert(saved_lists_table).values(id="l1", name="Autumn", created_at=NOW, updated_at=NOW))
            conn.execute(insert(saved_list_items_table).values(list_id="l1", platform="tiktok", handle="jane",
                                                               added_at=NOW, updated_at=NOW))
            status = conn.execute(select(saved_list_items_table.c.status)).scalar_one()
        assert status == "shortlisted"  # the server default, on both databases
    finally:
        db.close()


def test_a_data_dir_made_by_create_all_upgrades_in_place(database_url):
    # What Database() did before migrations: create_all of the three tables of that time.
    engine = create_engine(database_url)
    metadata.create_all(engine, tables=[shortlists_table, threads_table, api_keys_table])
    with engine.begin() as conn:
        conn.execute(insert(api_keys_table).values(prefix="old1", name="kept", salt="s", hash="h", created_at=NOW))
    engine.dispose()

    db = Database.open(database_url)
    try:
        assert current_revision(db.engine) == head_revision()
        assert {"saved_lists", "saved_list_items"} <= set(inspect(db.engine).get_table_names())
        assert db.get_key("old1").name == "kept"
        db.save_shortlist(shortlist(1))
        assert db.count_shortlists() == 1
    finally:
        db.close()


def test_processes_opening_a_new_database_together_migrate_it_once(database_url):
    if database_url.startswith("sqlite"):
        pytest.skip("several openers at once is the PostgreSQL case (workers on a shared server); "
                    "`castlist serve` migrates a SQLite file before any worker starts")
    errors: list[BaseException] = []
    start = threading.Barrier(4)

    def open_one() -> None:
        try:
            start.wait()
            Database.open(database_url).close()
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=open_one) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    db = Database.open(database_url)
    try:
        assert current_revision(db.engine) == head_revision()
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM alembic_version").scalar_one() == 1
    finally:
        db.close()
