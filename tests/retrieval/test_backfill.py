"""Payload backfill (retrieval/backfill.py): an index built before the city filter gets the
creators' city keys from the database at the next start, and the filter then works."""

from __future__ import annotations

import qdrant_edge as qe

from agents.criteria import CampaignCriteria
from agents.filters import index_filter
from retrieval.backfill import backfill_payload
from retrieval.index.base import IndexFilter
from retrieval.index.edge import EdgeCreatorIndex
from retrieval.ingest import Ingester
from retrieval.schema import Creator, point_id_for
from retrieval.store import CreatorStore


def _creator(handle: str, city: str | None, country: str) -> Creator:
    return Creator.model_validate({
        "platform": "instagram", "handle": handle, "followers": 20_000, "country": country, "city": city,
        "posts": [{"id": f"{handle}-1", "text": "Sourdough bread and pastry recipes from my kitchen"}]})


def _munich(index: EdgeCreatorIndex) -> set[str]:
    criteria = CampaignCriteria(creator_cities=["Munich"], creator_countries=["DE"], hard=["creator_cities"])
    return {hit.key for hit in index.search(None, None, index_filter(criteria), limit=10)}


def test_an_old_index_gets_city_keys_and_the_city_filter_then_matches(tmp_path, embedder):
    store = CreatorStore.open(f"sqlite:///{tmp_path / 'castlist.db'}")
    index = EdgeCreatorIndex(tmp_path / "edge", embedder.dim)
    creators = [_creator("baker.muc", "München", "DE"), _creator("baker.ber", "Berlin", "DE"),
                _creator("baker.none", None, "DE")]
    Ingester(store, index, embedder).upsert_creators(creators)
    assert _munich(index) == {"instagram:baker.muc"}  # a fresh ingest writes the keys
    # What an index built by an older version looks like: no field index, no values.
    ids = [point_id_for(c.key) for c in creators]
    index._shard.update(qe.UpdateOperation.delete_payload(ids, ["city_keys"]))
    index._shard.update(qe.UpdateOperation.delete_field_index("city_keys"))
    index.close()

    index = EdgeCreatorIndex(tmp_path / "edge", embedder.dim)
    assert index.pending_payload() == {"city_keys"}
    assert _munich(index) == set()  # the filter would match nobody
    assert backfill_payload(store, index) == {"city_keys": 3}
    assert index.pending_payload() == set() and _munich(index) == {"instagram:baker.muc"}
    # The rest of each payload is untouched, and a reopened index has nothing pending.
    assert {hit.key for hit in index.search(None, None, IndexFilter(countries=["DE"]), limit=10)} == {
        c.key for c in creators}
    index.close()
    index = EdgeCreatorIndex(tmp_path / "edge", embedder.dim)
    assert index.pending_payload() == set() and backfill_payload(store, index) == {}
    index.close()
    store.close()


def test_a_new_empty_index_has_nothing_to_backfill(tmp_path, embedder):
    index = EdgeCreatorIndex(tmp_path / "edge", embedder.dim)
    assert index.pending_payload() == set()
    index.close()
