"""JSON logs with request ids, Prometheus metrics from real runs, and 500s as problems."""

from __future__ import annotations

import json
import logging

import httpx

from app.observability import JsonFormatter
from tests.app.helpers import BRIEF


def test_json_formatter_writes_one_object_with_extras():
    record = logging.LogRecord("castlist.test", logging.WARNING, __file__, 1, "hello %s", ("world",), None)
    record.request_id = "rid-1"
    record.shortlist_id = "abc"
    entry = json.loads(JsonFormatter().format(record))
    assert entry["msg"] == "hello world" and entry["level"] == "warning" and entry["logger"] == "castlist.test"
    assert entry["request_id"] == "rid-1" and entry["shortlist_id"] == "abc" and entry["ts"].endswith("+00:00")


async def test_access_log_carries_the_request_id(client, caplog):
    with caplog.at_level(logging.INFO, logger="castlist.access"):
        response = await client.get("/readyz", headers={"X-Request-ID": "trace-42"})
    records = [r for r in caplog.records if r.name == "castlist.access" and getattr(r, "request_id", None) == "trace-42"]
    assert records, [r.__dict__ for r in caplog.records]
    entry = json.loads(JsonFormatter().format(records[0]))
    assert entry["status"] == response.status_code == 200
    assert entry["route"] == "/readyz" and entry["duration_ms"] >= 0


async def test_metrics_after_a_shortlist(client):
    response = await client.post("/v1/shortlists", json={"brief": BRIEF, "limit": 4})
    assert response.status_code == 201
    text = (await client.get("/metrics")).text
    for stage in ("parse", "retrieve", "vet", "select", "explain"):
        assert f'castlist_agent_stage_duration_seconds_count{{stage="{stage}"}}' in text, stage
    assert 'castlist_shortlists_total{mode="json"}' in text
    count = [line for line in text.splitlines() if line.startswith("castlist_shortlist_size_count")]
    assert count and float(count[0].split()[1]) >= 1
    assert 'route="/v1/shortlists",status="201"' in text


async def test_our_own_fault_is_a_500_problem_with_the_request_id(app):
    async def broken() -> None:
        raise RuntimeError("a bug")

    app.add_api_route("/test-only/broken", broken, methods=["GET"])
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        response = await client.get("/test-only/broken", headers={"X-Request-ID": "boom-1"})
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["request_id"] == "boom-1" and response.headers["x-request-id"] == "boom-1"
    assert "a bug" not in response.text  # no internals leak
