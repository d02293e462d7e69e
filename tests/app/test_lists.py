"""/v1/lists: saved lists through the real app and real SQLite, across a restart."""

from __future__ import annotations

import json

from app.export import BOM, list_table_rows
from app.lists_store import NOTE_MAX


def _creators(app, n: int = 3):
    store = app.state.retrieval.store
    keys = sorted(store.keys())[:n]
    return [store.get(k) for k in keys]


async def _new_list(client, name: str = "Vegan launch DE") -> dict:
    response = await client.post("/v1/lists", json={"name": name})
    assert response.status_code == 201, response.text
    return response.json()


def _path(list_id: str, stored) -> str:
    return f"/v1/lists/{list_id}/creators/{stored.creator.platform}/{stored.creator.handle}"


async def test_create_add_note_status_remove(app, client) -> None:
    saved = await _new_list(client)
    assert saved["name"] == "Vegan launch DE" and saved["count"] == 0
    first, second = _creators(app, 2)

    added = await client.put(_path(saved["id"], first), json={"note": "asked for rates"})
    assert added.status_code == 201, added.text
    body = added.json()
    assert body["status"] == "shortlisted" and body["note"] == "asked for rates"
    assert body["followers"] == first.creator.followers and body["in_store"] is True
    assert body["engagement_rate"] == first.features.engagement.median

    # A status change keeps the note; re-adding with another handle case is the same item.
    upper = f"/v1/lists/{saved['id']}/creators/{first.creator.platform}/{first.creator.handle.upper()}"
    changed = await client.put(upper, json={"status": "contacted"})
    assert changed.status_code == 200, changed.text
    assert changed.json()["status"] == "contacted" and changed.json()["note"] == "asked for rates"
    assert (await client.put(_path(saved["id"], second))).status_code == 201

    got = (await client.get(f"/v1/lists/{saved['id']}")).json()
    assert [(c["handle"], c["status"]) for c in got["creators"]] == [
        (first.creator.handle, "contacted"), (second.creator.handle, "shortlisted")]
    assert got["count"] == 2

    cleared = await client.put(_path(saved["id"], first), json={"note": None})
    assert cleared.json()["note"] is None and cleared.json()["status"] == "contacted"

    assert (await client.delete(_path(saved["id"], second))).status_code == 204
    again = await client.delete(_path(saved["id"], second))
    assert again.status_code == 404 and "is not on list" in again.json()["detail"]
    got = (await client.get(f"/v1/lists/{saved['id']}")).json()
    assert [c["handle"] for c in got["creators"]] == [first.creator.handle]


async def test_rename_list_and_delete(client) -> None:
    saved = await _new_list(client, "Draft")
    renamed = await client.patch(f"/v1/lists/{saved['id']}", json={"name": "  Q1 fitness  "})
    assert renamed.status_code == 200 and renamed.json()["name"] == "Q1 fitness"
    listed = (await client.get("/v1/lists")).json()["items"]
    assert listed[0]["id"] == saved["id"] and listed[0]["name"] == "Q1 fitness"
    assert (await client.delete(f"/v1/lists/{saved['id']}")).status_code == 204
    assert saved["id"] not in {i["id"] for i in (await client.get("/v1/lists")).json()["items"]}
    gone = await client.get(f"/v1/lists/{saved['id']}")
    assert gone.status_code == 404 and gone.headers["content-type"].startswith("application/problem+json")


async def test_bad_input_is_a_clear_4xx(app, client) -> None:
    saved = await _new_list(client)
    (creator,) = _creators(app, 1)

    unknown = await client.put(_path("nosuchlist", creator), json={})
    assert unknown.status_code == 404 and "No saved list 'nosuchlist'" in unknown.json()["detail"]

    status = await client.put(_path(saved["id"], creator), json={"status": "hired-maybe"})
    assert status.status_code == 422
    assert status.json()["errors"][0]["field"] == "body.status"
    assert "shortlisted" in status.json()["detail"]

    note = await client.put(_path(saved["id"], creator), json={"note": "x" * (NOTE_MAX + 1)})
    assert note.status_code == 422 and note.json()["errors"][0]["field"] == "body.note"
    assert str(NOTE_MAX) in note.json()["detail"]

    nobody = await client.put(f"/v1/lists/{saved['id']}/creators/instagram/no.such.creator.zz", json={})
    assert nobody.status_code == 404 and "creator store" in nobody.json()["detail"]

    for name in ("", "   ", "n" * 201):
        bad = await client.post("/v1/lists", json={"name": name})
        assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "body.name", name
    extra = await client.post("/v1/lists", json={"name": "ok", "owner": "me"})
    assert extra.status_code == 422

    platform = await client.put(f"/v1/lists/{saved['id']}/creators/myspace/someone", json={})
    assert platform.status_code == 422

    empty_csv = await client.get(f"/v1/lists/{saved['id']}?format=csv")
    assert empty_csv.status_code == 409 and "nothing to export" in empty_csv.json()["detail"]
    # Nothing half-written: the failed calls left the list empty.
    assert (await client.get(f"/v1/lists/{saved['id']}")).json()["count"] == 0


async def test_export_csv_and_json(app, client) -> None:
    saved = await _new_list(client, "=cmd|' /C calc'!A0")  # a name that would be a formula
    creators = _creators(app, 3)
    for i, stored in enumerate(creators):
        await client.put(_path(saved["id"], stored), json={"note": f"note {i}, with a comma", "status": "booked"})

    response = await client.get(f"/v1/lists/{saved['id']}?format=csv")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    text = response.text
    assert text.startswith(BOM)
    assert "'=cmd" in text  # CSV-injection guard on the list name
    rows = list_table_rows(text)
    assert [r["handle"] for r in rows] == [s.creator.handle for s in creators]
    for row, stored in zip(rows, creators):
        c, f = stored.creator, stored.features
        assert row["followers"] == str(c.followers)
        assert row["status"] == "booked" and row["note"].startswith("note ")
        assert row["price_currency"] == f.price.currency and row["price_method"] == f.price.method
        if f.engagement.median is not None:
            assert row["engagement_rate"] == f"{f.engagement.median * 100:.2f}%"
            assert row["engagement_method"] == f.engagement.method
        if c.audience and c.audience.countries:
            top = max(c.audience.countries.items(), key=lambda kv: kv[1])
            assert row["top_audience_country"] == f"{top[0]} {top[1] * 100:.0f}%"

    as_json = await client.get(f"/v1/lists/{saved['id']}?format=json")
    assert "attachment" in as_json.headers["content-disposition"]
    data = json.loads(as_json.text)
    assert [c["handle"] for c in data["creators"]] == [s.creator.handle for s in creators]
    assert all(c["status"] == "booked" for c in data["creators"])


async def test_lists_survive_a_restart(app_factory, data_dir_factory) -> None:
    data_dir = data_dir_factory()
    async with app_factory(data_dir) as (app, client):
        saved = await _new_list(client, "Survives restarts")
        first, second = _creators(app, 2)
        await client.put(_path(saved["id"], first), json={"note": "keep", "status": "negotiating"})
        await client.put(_path(saved["id"], second))
    async with app_factory(data_dir) as (_app, client):
        got = await client.get(f"/v1/lists/{saved['id']}")
        assert got.status_code == 200
        body = got.json()
        assert body["name"] == "Survives restarts"
        assert [(c["handle"], c["status"], c["note"]) for c in body["creators"]] == [
            (first.creator.handle, "negotiating", "keep"), (second.creator.handle, "shortlisted", None)]
