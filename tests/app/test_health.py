"""Probes, metrics, docs, the web page, request ids and problem answers for unknown routes."""

from __future__ import annotations

from app.main import WEB_DIR
from tests.app.conftest import DEMO_CREATORS


async def test_healthz(client):
    response = await client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_readyz_counts_the_demo_index(client):
    response = await client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ready"
    # The demo index, plus whatever the bulk-upsert tests added to this shared app.
    assert body["creators"] >= DEMO_CREATORS
    assert body["indexed"] == body["creators"]


async def test_metrics_are_prometheus_text(client):
    await client.get("/healthz")
    response = await client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    text = response.text
    assert 'castlist_http_request_duration_seconds_count{method="GET",route="/healthz",status="200"}' in text
    for name in ("castlist_agent_stage_duration_seconds", "castlist_shortlist_size", "castlist_llm_fallbacks_total",
                 "castlist_errors_total"):
        assert f"# TYPE {name}" in text


async def test_docs_and_openapi(client):
    docs = await client.get("/docs")
    assert docs.status_code == 200 and "swagger" in docs.text.lower()
    schema = (await client.get("/openapi.json")).json()
    for path in ("/v1/shortlists", "/v1/shortlists/{shortlist_id}", "/v1/chat/{thread_id}/messages",
                 "/v1/chat/{thread_id}", "/v1/briefs/parse", "/v1/creators", "/v1/creators/{platform}/{handle}",
                 "/healthz", "/readyz", "/metrics"):
        assert path in schema["paths"], path
    post = schema["paths"]["/v1/shortlists"]["post"]
    assert "text/event-stream" in post["responses"]["200"]["content"]
    assert "201" in post["responses"]


async def test_web_page_and_static_files(client):
    response = await client.get("/")
    if not (WEB_DIR / "index.html").is_file():
        assert response.status_code == 404
        return
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    static = sorted(p for p in (WEB_DIR / "static").glob("*.js"))
    if static:
        asset = await client.get(f"/static/{static[0].name}")
        assert asset.status_code == 200 and asset.text == static[0].read_text()


async def test_request_id_is_echoed_or_made(client):
    mine = await client.get("/healthz", headers={"X-Request-ID": "abc-123"})
    assert mine.headers["x-request-id"] == "abc-123"
    made = await client.get("/healthz", headers={"X-Request-ID": "bad id with spaces"})
    assert made.headers["x-request-id"] != "bad id with spaces" and len(made.headers["x-request-id"]) == 32


async def test_unknown_route_is_a_404_problem(client):
    response = await client.get("/v1/nothing-here")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 404 and body["title"] == "Not Found"
    assert body["request_id"] == response.headers["x-request-id"]


async def test_wrong_method_is_a_405_problem(client):
    response = await client.delete("/v1/shortlists")
    assert response.status_code == 405
    assert response.headers["content-type"] == "application/problem+json"
    assert "POST" in response.headers["allow"]
    assert response.json()["status"] == 405
