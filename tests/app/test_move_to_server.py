"""Moving an embedded data dir onto servers, through the command line: `castlist export`
writes the creator store as import-format JSON Lines that `castlist ingest` reads back into
PostgreSQL, and `castlist reindex` with CASTLIST_QDRANT_URL fills an empty collection on a
Qdrant server (tests/support/fake_qdrant.py) from the store, and refuses a full one."""

from __future__ import annotations

import json

import pytest

from app.cli import main
from app.settings import get_settings
from retrieval.schema import Creator
from retrieval.store import CreatorStore
from tests.support import postgres
from tests.support.fake_qdrant import FakeQdrant

CREATORS = 60
# qdrant-client checks the server version in a background thread that can outlive the fake.
pytestmark = pytest.mark.filterwarnings("ignore:Failed to obtain server version")


@pytest.fixture
def cli_env(monkeypatch):
    def use(**values: str | None) -> None:
        for name in ("CASTLIST_DATA_DIR", "CASTLIST_DATABASE_URL", "CASTLIST_QDRANT_URL"):
            monkeypatch.delenv(name, raising=False)
        for name, value in values.items():
            if value is not None:
                monkeypatch.setenv(name, value)
        get_settings.cache_clear()

    yield use
    get_settings.cache_clear()


def stored(url: str) -> dict[str, Creator]:
    store = CreatorStore.open(url)
    try:
        return {item.creator.key: item.creator for item in store.iter_all()}
    finally:
        store.close()


def test_an_embedded_data_dir_moves_to_postgresql_and_a_qdrant_server(tmp_path, cli_env, capsys):
    corpus = tmp_path / "demo.jsonl"
    assert main(["demo-data", "--out", str(corpus), "--creators", str(CREATORS)]) == 0
    cli_env(CASTLIST_DATA_DIR=str(tmp_path / "embedded"))
    assert main(["ingest", str(corpus), "--as-of", "2026-11-01"]) == 0
    before = stored(get_settings().resolved_database_url)
    assert len(before) == CREATORS

    # The index moves: the store stays, an empty collection on the server is filled from it.
    qdrant = FakeQdrant()
    try:
        cli_env(CASTLIST_DATA_DIR=str(tmp_path / "embedded"), CASTLIST_QDRANT_URL=qdrant.url)
        capsys.readouterr()
        assert main(["reindex", "--batch-size", "25"]) == 0
        assert f"indexed {CREATORS} creators" in capsys.readouterr().out
        assert len(qdrant.points) == CREATORS
        assert {p["key"] for p in qdrant.points.values()} == set(before)
        assert main(["reindex"]) == 2  # a full collection is not overwritten
        assert f"already holds {CREATORS} creators" in capsys.readouterr().err
    finally:
        qdrant.close()

    # The store moves: exported as import-format lines, ingested into PostgreSQL.
    cli_env(CASTLIST_DATA_DIR=str(tmp_path / "embedded"))
    dump = tmp_path / "creators.jsonl"
    assert main(["export", "--out", str(dump)]) == 0
    lines = dump.read_text().splitlines()
    assert len(lines) == CREATORS and all(Creator.model_validate(json.loads(line)) for line in lines)

    database = postgres.create_database("move")
    try:
        cli_env(CASTLIST_DATA_DIR=str(tmp_path / "servers"), CASTLIST_DATABASE_URL=database)
        assert main(["ingest", str(dump), "--as-of", "2026-11-01"]) == 0
        assert stored(database) == before  # every creator, field for field
    finally:
        postgres.drop_database(database)
