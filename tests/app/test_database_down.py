"""A database server that is down gives a clear answer: one line from the command line,
a 503 problem (with Retry-After) from the API, and the service recovers by itself when
the server is back. "Down" is a closed loopback port: nothing listens there."""

from __future__ import annotations

import socket

import pytest
from sqlalchemy.engine import make_url

from app.cli import main
from app.settings import get_settings
from tests.app.helpers import DATABASE_URLS, BRIEF
from tests.support.tcp_proxy import TcpProxy


def closed_port() -> int:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    return port


@pytest.fixture
def down_database(monkeypatch, tmp_path) -> str:
    url = f"postgresql+psycopg://castlist:s3cret@127.0.0.1:{closed_port()}/castlist"
    monkeypatch.setenv("CASTLIST_DATABASE_URL", url)
    monkeypatch.setenv("CASTLIST_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("CASTLIST_DATABASE_CONNECT_TIMEOUT_S", "2")
    get_settings.cache_clear()
    yield url
    get_settings.cache_clear()


def test_the_cli_says_in_one_line_that_the_database_is_down(down_database, capsys):
    port = make_url(down_database).port
    assert main(["keys", "list"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    assert err.startswith(f"error: cannot reach the database at postgresql+psycopg://castlist:***@127.0.0.1:{port}/castlist: ")
    assert "refused" in err.lower() and "s3cret" not in err

    assert main(["serve", "--port", str(closed_port())]) == 2  # refused before anything starts
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "cannot reach the database" in err


async def test_the_api_answers_503_while_the_database_is_away(app_factory, data_dir_factory, database_backend):
    if database_backend != "postgresql":
        pytest.skip("a SQLite file has no server to lose")
    data_dir = data_dir_factory()
    real = make_url(DATABASE_URLS[data_dir.resolve()])
    proxy = TcpProxy(real.host, real.port).open()
    proxied = real.set(port=proxy.port).render_as_string(hide_password=False)
    try:
        async with app_factory(data_dir, database_url=proxied, database_connect_timeout_s=2) as (_, client):
            made = await client.post("/v1/shortlists", json={"brief": BRIEF, "limit": 2})
            assert made.status_code == 201

            proxy.close()
            for path in ("/v1/shortlists", made.headers["location"]):
                response = await client.get(path)
                assert response.status_code == 503, response.text
                assert response.headers["content-type"].startswith("application/problem+json")
                assert response.headers["retry-after"] == "5"
                problem = response.json()
                assert problem["type"] == "/problems/database-unavailable" and problem["request_id"]
            assert (await client.get("/healthz")).status_code == 200  # the process itself is alive
            assert (await client.get("/readyz")).status_code == 503

            proxy.open()  # the server is back on the same address
            again = await client.get(made.headers["location"])
            assert again.status_code == 200 and again.json()["id"] == made.json()["id"]
            assert (await client.get("/readyz")).status_code == 200
    finally:
        proxy.close()


async def test_a_sqlite_error_of_ours_stays_a_500_and_is_not_called_an_outage(app_factory, data_dir_factory,
                                                                               database_backend):
    if database_backend != "sqlite":
        pytest.skip("the SQLite side of telling an outage from a bug")
    async with app_factory(data_dir_factory()) as (app, client):
        with app.state.db.engine.begin() as conn:
            conn.exec_driver_sql("DROP TABLE chat_threads")  # "no such table": a bug, not a busy database
        response = await client.get("/v1/chat")
        assert response.status_code == 500
        assert response.json()["type"] == "/problems/internal-error"
