"""API keys: off with no keys on loopback; on when a key exists (or off loopback);
the `keys` command; and `serve` refusing a non-loopback bind without keys."""

from __future__ import annotations

import argparse

import pytest

from app.auth import UnsafeBind, check_bind, create_key, is_loopback, verify_key
from app.commands.keys import keys as keys_command
from app.commands.serve import serve as serve_command
from app.db import Database
from app.settings import get_settings
from tests.app.helpers import settings_for

PROTECTED = [("GET", "/v1/shortlists"), ("POST", "/v1/briefs/parse"), ("GET", "/v1/chat/some-thread"),
             ("GET", "/v1/creators/instagram/someone"), ("POST", "/v1/shortlists"), ("POST", "/v1/creators")]


async def test_no_keys_on_loopback_means_no_auth(client):
    response = await client.get("/v1/shortlists")
    assert response.status_code == 200


async def test_with_a_key_every_v1_route_needs_it(app_factory, data_dir_factory):
    data_dir = data_dir_factory()
    db = Database.open(settings_for(data_dir).resolved_database_url)
    key, row = create_key(db, "partner")
    other_key, _ = create_key(db, "another partner")
    db.close()
    async with app_factory(data_dir) as (_, client):
        for method, path in PROTECTED:
            missing = await client.request(method, path, json={"brief": "x"})
            assert missing.status_code == 401, (method, path)
            assert missing.headers["content-type"] == "application/problem+json"
            assert missing.headers["www-authenticate"].startswith("Bearer")
            wrong = await client.request(method, path, json={"brief": "x"},
                                         headers={"Authorization": f"Bearer cl_{row.prefix}_{'A' * 43}"})
            assert wrong.status_code == 401
            junk = await client.request(method, path, headers={"Authorization": "Basic dXNlcjpwYXNz"})
            assert junk.status_code == 401
        ok = await client.get("/v1/shortlists", headers={"Authorization": f"Bearer {key}"})
        assert ok.status_code == 200
        # A key sent the wrong way is told the right way (user-eyes pass, round 2).
        for headers, says in (({"Authorization": f"Token {key}"}, "scheme 'Token' is not supported"),
                              ({"Authorization": key}, "holds no scheme"),
                              ({"Authorization": "Bearer"}, "holds no key"),
                              ({"X-API-Key": key}, "x-api-key header is not read")):
            refused = await client.get("/v1/shortlists", headers=headers)
            assert refused.status_code == 401
            detail = refused.json()["detail"]
            assert says in detail and "Authorization: Bearer <key>" in detail, detail
        parsed = await client.post("/v1/briefs/parse", json={"brief": "vegan creators on tiktok"},
                                   headers={"Authorization": f"bearer {key}"})
        assert parsed.status_code == 200
        # Probes and metrics stay open for orchestrators and scrapers.
        assert (await client.get("/healthz")).status_code == 200
        assert (await client.get("/readyz")).status_code == 200
        assert (await client.get("/metrics")).status_code == 200

        # A revoked key stops working at once (another key still exists, so auth stays on).
        db = Database.open(settings_for(data_dir).resolved_database_url)
        assert db.revoke_key(row.prefix)
        db.close()
        assert (await client.get("/v1/shortlists", headers={"Authorization": f"Bearer {key}"})).status_code == 401


async def test_public_bind_without_keys_fails_closed(app_factory):
    async with app_factory(host="0.0.0.0") as (_, client):
        assert (await client.get("/v1/shortlists")).status_code == 401


def test_keys_are_stored_hashed(tmp_path):
    db = Database.open(f"sqlite:///{tmp_path / 'k.db'}")
    key, row = create_key(db, "a")
    assert key.startswith(f"cl_{row.prefix}_")
    stored = db.get_key(row.prefix)
    assert stored is not None and key not in (stored.hash, stored.salt) and key.split("_", 2)[2] not in stored.hash
    assert verify_key(db, key) is not None
    assert verify_key(db, key[:-1] + ("B" if key[-1] != "B" else "C")) is None
    assert verify_key(db, "cl_zz_short") is None
    other, _ = create_key(db, "b")
    assert stored.salt != db.get_key(other.split("_")[1]).salt
    db.close()


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2"])
def test_loopback_hosts(host):
    assert is_loopback(host)
    check_bind(host, active_keys=0)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.5", "10.0.0.1", "example.com"])
def test_public_hosts_need_a_key(host):
    assert not is_loopback(host)
    with pytest.raises(UnsafeBind, match="castlist keys create"):
        check_bind(host, active_keys=0)
    check_bind(host, active_keys=1)


@pytest.fixture
def cli_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("CASTLIST_DATA_DIR", str(tmp_path))
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()


def test_keys_command_create_list_revoke(cli_data_dir, capsys):
    assert keys_command(argparse.Namespace(keys_command="create", name="ci")) == 0
    out = capsys.readouterr()
    key = out.out.strip()
    assert key.startswith("cl_") and "shown only now" in out.err
    prefix = key.split("_")[1]
    assert keys_command(argparse.Namespace(keys_command="list")) == 0
    listed = capsys.readouterr().out
    assert prefix in listed and "ci" in listed and "active" in listed and key not in listed
    assert keys_command(argparse.Namespace(keys_command="revoke", prefix=prefix)) == 0
    assert keys_command(argparse.Namespace(keys_command="revoke", prefix=prefix)) == 1
    keys_command(argparse.Namespace(keys_command="list"))
    assert "revoked" in capsys.readouterr().out


def test_serve_refuses_a_public_host_without_keys(cli_data_dir, capsys):
    code = serve_command(argparse.Namespace(host="0.0.0.0", port=8765, demo_creators=100))
    assert code == 2
    err = capsys.readouterr().err
    assert "refusing to listen on '0.0.0.0'" in err and "castlist keys create" in err
    assert not (cli_data_dir / "demo").exists()  # refused before building anything
