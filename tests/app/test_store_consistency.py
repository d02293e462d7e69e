"""The service never serves a database and an index that disagree: /readyz says so
honestly, and start-up repairs it (issue 10)."""

from __future__ import annotations

from datetime import datetime, timezone

from retrieval.features import compute_features
from retrieval.schema import Creator
from retrieval.store import CreatorStore
from tests.app.helpers import settings_for


def _db_only_row(data_dir) -> None:
    """What a crash between the database commit and the index write leaves behind."""
    store = CreatorStore.open(settings_for(data_dir).resolved_database_url)
    creator = Creator.model_validate({"platform": "tiktok", "handle": "crash.leftover", "followers": 4_000,
                                      "bio": "vegan street food"})
    store.upsert([(creator, compute_features(creator, datetime(2026, 11, 1, tzinfo=timezone.utc)))])
    store.close()


async def test_readyz_reports_a_mismatch_honestly(app_factory):
    async with app_factory() as (app, client):
        ready = (await client.get("/readyz")).json()
        assert ready["creators"] == ready["indexed"]
        creator = Creator.model_validate({"platform": "tiktok", "handle": "only.in.db", "followers": 10})
        app.state.retrieval.store.upsert([(creator, compute_features(creator, datetime.now(timezone.utc)))])
        response = await client.get("/readyz")
        assert response.status_code == 503
        assert response.headers["content-type"] == "application/problem+json"
        body = response.json()
        assert body["creators"] == body["indexed"] + 1 and "restart" in body["detail"]


async def test_start_up_repairs_a_row_the_index_lacks(app_factory, data_dir_factory):
    data_dir = data_dir_factory()
    _db_only_row(data_dir)
    async with app_factory(data_dir) as (app, client):
        ready = await client.get("/readyz")
        assert ready.status_code == 200, ready.text
        assert ready.json()["creators"] == ready.json()["indexed"]
        hits = app.state.retrieval.index.get(["tiktok:crash.leftover"])
        assert [h.key for h in hits] == ["tiktok:crash.leftover"]
