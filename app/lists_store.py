"""A marketer's saved lists (issue 12): named lists of creators, each with a note and a status.

Two tables of the service database (declared in app/db.py, created by its migrations):
`saved_lists` and `saved_list_items`. An item
is a creator by identity (platform, handle); its numbers are read from the creator store
when the list is shown, so a list never holds a stale copy of a profile.
All methods are blocking; the service calls them from worker threads.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal, get_args

from sqlalchemy import (
    delete,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Engine

from app.db import _aware, saved_list_items_table, saved_lists_table

STATUSES = ("shortlisted", "contacted", "negotiating", "booked", "declined")
Status = Literal["shortlisted", "contacted", "negotiating", "booked", "declined"]
assert get_args(Status) == STATUSES  # one list of statuses for the model and the checks

NAME_MAX = 200
NOTE_MAX = 2_000


@dataclass(frozen=True)
class ListItemRow:
    platform: str
    handle: str
    note: str | None
    status: str
    added_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class SavedListRow:
    id: str
    name: str
    created_at: datetime
    updated_at: datetime
    count: int = 0
    items: list[ListItemRow] = field(default_factory=list)


class ListStore:
    def __init__(self, engine: Engine) -> None:
        # The tables come with the service database's migrations (app/db.py, migrations/).
        self.engine = engine

    def create(self, name: str) -> SavedListRow:
        now = datetime.now(UTC)
        list_id = uuid.uuid4().hex
        with self.engine.begin() as conn:
            conn.execute(insert(saved_lists_table).values(id=list_id, name=name, created_at=now, updated_at=now))
        return SavedListRow(id=list_id, name=name, created_at=now, updated_at=now)

    def all(self) -> list[SavedListRow]:
        """Most recently changed first, each with its number of creators."""
        t, i = saved_lists_table, saved_list_items_table
        count = select(func.count()).where(i.c.list_id == t.c.id).correlate(t).scalar_subquery()
        with self.engine.connect() as conn:
            rows = conn.execute(select(t, count.label("count")).order_by(t.c.updated_at.desc(), t.c.id)).all()
        return [SavedListRow(id=r.id, name=r.name, created_at=_aware(r.created_at), updated_at=_aware(r.updated_at),
                             count=int(r.count)) for r in rows]

    def get(self, list_id: str) -> SavedListRow | None:
        t, i = saved_lists_table, saved_list_items_table
        with self.engine.connect() as conn:
            row = conn.execute(select(t).where(t.c.id == list_id)).first()
            if row is None:
                return None
            items = conn.execute(select(i).where(i.c.list_id == list_id).order_by(i.c.added_at, i.c.handle)).all()
        out = [ListItemRow(platform=r.platform, handle=r.handle, note=r.note, status=r.status,
                           added_at=_aware(r.added_at), updated_at=_aware(r.updated_at)) for r in items]
        return SavedListRow(id=row.id, name=row.name, created_at=_aware(row.created_at),
                            updated_at=_aware(row.updated_at), count=len(out), items=out)

    def rename(self, list_id: str, name: str) -> bool:
        with self.engine.begin() as conn:
            result = conn.execute(update(saved_lists_table).where(saved_lists_table.c.id == list_id)
                                  .values(name=name, updated_at=datetime.now(UTC)))
        return bool(result.rowcount)

    def delete(self, list_id: str) -> bool:
        with self.engine.begin() as conn:
            # SQLite enforces ON DELETE CASCADE only with PRAGMA foreign_keys on; deleting
            # the items first gives the same result on every engine.
            conn.execute(delete(saved_list_items_table).where(saved_list_items_table.c.list_id == list_id))
            result = conn.execute(delete(saved_lists_table).where(saved_lists_table.c.id == list_id))
        return bool(result.rowcount)

    def put_item(self, list_id: str, platform: str, handle: str, *, note: str | None, status: str | None,
                 fields: set[str]) -> tuple[ListItemRow, bool] | None:
        """Adds a creator, or updates the fields given (`fields`: which of note/status the
        caller sent; others keep their value). None when the list does not exist; else the
        item and whether it was new."""
        now = datetime.now(UTC)
        i = saved_list_items_table
        key = (i.c.list_id == list_id) & (i.c.platform == platform) & (i.c.handle == handle)
        with self.engine.begin() as conn:
            touched = conn.execute(update(saved_lists_table).where(saved_lists_table.c.id == list_id)
                                   .values(updated_at=now)).rowcount
            if not touched:
                return None
            row = conn.execute(select(i).where(key)).first()
            if row is None:
                values = {"note": note, "status": status or "shortlisted"}
                conn.execute(insert(i).values(list_id=list_id, platform=platform, handle=handle, added_at=now,
                                              updated_at=now, **values))
                return ListItemRow(platform, handle, values["note"], values["status"], now, now), True
            changes = {name: value for name, value in (("note", note), ("status", status))
                       if name in fields and not (name == "status" and value is None)}
            if changes:
                conn.execute(update(i).where(key).values(updated_at=now, **changes))
            merged = {"note": row.note, "status": row.status, **changes}
            return ListItemRow(platform, handle, merged["note"], merged["status"], _aware(row.added_at),
                               now if changes else _aware(row.updated_at)), False

    def remove_item(self, list_id: str, platform: str, handle: str) -> bool | None:
        """None when the list does not exist; else whether the creator was on it."""
        i = saved_list_items_table
        now = datetime.now(UTC)
        with self.engine.begin() as conn:
            touched = conn.execute(update(saved_lists_table).where(saved_lists_table.c.id == list_id)
                                   .values(updated_at=now)).rowcount
            if not touched:
                return None
            result = conn.execute(delete(i).where((i.c.list_id == list_id) & (i.c.platform == platform)
                                                  & (i.c.handle == handle)))
        return bool(result.rowcount)
