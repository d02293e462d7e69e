"""The bad-input corpus (issue 10), each case the exact input that once broke the service,
sent to a real uvicorn over real HTTP. Grows with every hole found.

Every answer must be a 4xx problem (or a per-row reason inside a 207) for the bad part,
the good rows of the same batch must land, and the database and the index must agree
afterwards (/readyz counts both).
"""

from __future__ import annotations

import base64
import json
import re
import uuid

import httpx
import pytest

from tests.app.test_creators import creator


@pytest.fixture
def http(live_server):
    with httpx.Client(base_url=live_server.base_url, timeout=60) as client:
        yield client


def assert_consistent(http: httpx.Client) -> dict:
    ready = http.get("/readyz")
    assert ready.status_code == 200, ready.text
    body = ready.json()
    assert body["creators"] == body["indexed"], body
    return body


def storage_errors(http: httpx.Client) -> float:
    text = http.get("/metrics").text
    match = re.search(r'^castlist_errors_total\{kind="storage"\} (\S+)$', text, re.M)
    return float(match.group(1)) if match else 0.0


def upsert(http: httpx.Client, rows: list) -> httpx.Response:
    return http.post("/v1/creators", json=rows)


# ---- 1 and 2: huge but finite numbers, huge integers --------------------------------------


@pytest.mark.parametrize(("bad", "field"), [
    ({"rate_card": {"amount": 1.7e308, "currency": "USD"}}, "rate_card.amount"),
    ({"followers": 9223372036854775808}, "followers"),
    ({"followers": 10**30}, "followers"),
    ({"posts": [{"id": "p", "views": 10**30}]}, "posts.0.views"),
    ({"audience": {"countries": {"DE": 1e308}}}, "audience.countries.DE"),
])
def test_huge_numbers_are_rejected_per_row_and_the_good_rows_land(http, bad, field):
    before = assert_consistent(http)
    tag = uuid.uuid4().hex[:10]
    good, huge = f"huge.good.{tag}", f"huge.bad.{tag}"
    response = upsert(http, [creator(huge, **bad), creator(good)])
    assert response.status_code == 207, response.text
    body = response.json()
    assert body["accepted"] == 1 and body["rejected"] == 1
    assert body["errors"][0]["index"] == 0 and body["errors"][0]["field"] == field
    assert body["errors"][0]["handle"] == huge
    assert http.get(f"/v1/creators/instagram/{good}").status_code == 200
    assert http.get(f"/v1/creators/instagram/{huge}").status_code == 404
    after = assert_consistent(http)
    assert after["creators"] == before["creators"] + 1


def test_the_documented_maximum_is_accepted_and_readable(http):
    response = upsert(http, [creator("max.counts", followers=10**12, rate_card={"amount": 1e12, "currency": "USD"})])
    assert response.status_code == 200, response.text
    got = http.get("/v1/creators/instagram/max.counts")
    assert got.status_code == 200 and got.json()["creator"]["followers"] == 10**12
    assert_consistent(http)


# ---- 3: deep nesting -------------------------------------------------------------------------


def test_json_array_nested_3000_levels_is_400(http):
    response = http.post("/v1/creators", content=b"[" * 3000 + b"]" * 3000,
                         headers={"Content-Type": "application/json"})
    assert response.status_code == 400, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert "nested" in response.json()["detail"]


def test_ndjson_line_nested_3000_levels_costs_only_that_line(http):
    deep = "{\"a\":" * 3000 + "1" + "}" * 3000
    body = "\n".join([json.dumps(creator("deep.nd.good")), deep]).encode()
    response = http.post("/v1/creators", content=body, headers={"Content-Type": "application/x-ndjson"})
    assert response.status_code == 207, response.text
    errors = response.json()["errors"]
    assert [(e["line"], "nested" in e["reason"]) for e in errors] == [(2, True)]
    assert http.get("/v1/creators/instagram/deep.nd.good").status_code == 200


def test_a_row_nested_deeper_than_the_limit_is_a_row_error(http):
    nested: object = 1
    for _ in range(200):
        nested = {"x": nested}
    response = upsert(http, [creator("deep.source.bad", source=nested), creator("deep.source.good")])
    assert response.status_code == 207, response.text
    error = response.json()["errors"][0]
    assert error["index"] == 0 and "nested deeper" in error["reason"] and error["field"].startswith("source.x")


def test_deep_shortlist_body_is_400(http):
    response = http.post("/v1/shortlists", content=b"[" * 3000 + b"]" * 3000,
                         headers={"Content-Type": "application/json"})
    assert response.status_code == 400, response.text


# ---- 4: lone surrogates ----------------------------------------------------------------------


@pytest.mark.parametrize(("url", "key"), [
    ("/v1/shortlists", "brief"), ("/v1/briefs/parse", "brief"), ("/v1/chat/surrogate-thread/messages", "message"),
])
def test_lone_surrogate_in_a_brief_is_a_clear_422(http, url, key):
    before = storage_errors(http)
    # Written by hand: json.dumps would refuse to build this body, a raw client does not.
    raw = ('{"%s": "vegan \\ud800 food"}' % key).encode()
    response = http.post(url, content=raw, headers={"Content-Type": "application/json"})
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["errors"][0]["field"] == f"body.{key}" and "surrogate" in body["detail"]
    assert storage_errors(http) == before


def test_lone_surrogate_in_criteria_overrides_is_422(http):
    raw = b'{"brief": "vegan food", "criteria": {"topics": ["vegan \\udc00"]}}'
    response = http.post("/v1/shortlists", content=raw, headers={"Content-Type": "application/json"})
    assert response.status_code == 422, response.text


def test_lone_surrogate_in_a_creator_is_a_row_error(http):
    rows = json.dumps([creator("surrogate.good"), creator("surrogate.bad")])
    rows = rows.replace('"Sourdough and vegan baking in Berlin"', '"vegan \\ud800 baking"', 2)
    rows = rows.replace('"Sourdough and vegan baking in Berlin"', '"fine"', 1)
    response = http.post("/v1/creators", content=rows.encode(), headers={"Content-Type": "application/json"})
    assert response.status_code in (207, 422), response.text
    errors = response.json()["errors"]
    assert errors and all(e["field"] == "bio" and "surrogate" in e["reason"] for e in errors)
    assert_consistent(http)


# ---- 5: forged cursors -----------------------------------------------------------------------


@pytest.mark.parametrize("payload", [b"s1:99999999999999999999999", b"s1:-1", b"s1:9223372036854775808", b"s2:1"])
def test_forged_cursor_is_4xx(http, payload):
    cursor = base64.urlsafe_b64encode(payload).decode()
    response = http.get("/v1/shortlists", params={"cursor": cursor})
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["field"] == "query.cursor"


# ---- 7: content types ------------------------------------------------------------------------


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", "application/xml", None])
@pytest.mark.parametrize("url", ["/v1/shortlists", "/v1/briefs/parse", "/v1/chat/ct-thread/messages", "/v1/creators"])
def test_wrong_content_type_is_415(http, url, content_type):
    headers = {"Content-Type": content_type} if content_type else {}
    body = b'{"brief": "vegan food", "message": "vegan food"}'
    request = http.build_request("POST", url, content=body, headers=headers)
    if content_type is None:
        request.headers.pop("content-type", None)
    response = http.send(request)
    assert response.status_code == 415, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert "application/json" in response.json()["detail"]


def test_json_with_charset_and_problem_json_suffix_are_accepted(http):
    response = http.post("/v1/briefs/parse", content=b'{"brief": "vegan food creators"}',
                         headers={"Content-Type": "application/json; charset=utf-8"})
    assert response.status_code == 200, response.text


# ---- 8: briefs without words -----------------------------------------------------------------


@pytest.mark.parametrize("brief", ["🔥🔥🔥", "\u0000\u0000\u0000", "!!! ???", "🌱 \u0000 💚"])
def test_brief_without_words_is_422(http, brief):
    response = http.post("/v1/shortlists", json={"brief": brief})
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["field"] == "body.brief"


# ---- 10: unknown currencies ------------------------------------------------------------------


@pytest.mark.parametrize("name", ["budget", "max_price_per_post"])
def test_unknown_currency_in_overrides_is_422(http, name):
    response = http.post("/v1/shortlists", json={"brief": "vegan food creators",
                                                 "criteria": {name: {"amount": 5000, "currency": "XYZ"}}})
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["field"] == f"body.criteria.{name}.currency"
    assert "XYZ" in response.json()["detail"]


# ---- 12: handles -----------------------------------------------------------------------------


def test_full_width_handles_are_the_same_creator(http):
    assert upsert(http, [creator("ＡＰＩ．ｗｉｄｅ")]).status_code == 200
    got = http.get("/v1/creators/instagram/api.wide")
    assert got.status_code == 200, got.text
    assert got.json()["key"] == "instagram:api.wide"
    assert got.json()["creator"]["handle"] == "API.wide"
    # Re-importing in plain ASCII replaces the same creator rather than adding one.
    before = assert_consistent(http)["creators"]
    assert upsert(http, [creator("api.WIDE", followers=77_000)]).status_code == 200
    after = assert_consistent(http)
    assert after["creators"] == before
    assert http.get("/v1/creators/instagram/ＡＰＩ.wide").json()["creator"]["followers"] == 77_000


# ---- after everything: the stores agree ------------------------------------------------------


def test_zz_database_and_index_agree_after_the_corpus(http):
    assert_consistent(http)


# ---- 6: a response that ends the connection says so ------------------------------------------


def test_a_500_says_connection_close_and_a_pooled_client_goes_on(data_dir_factory, embedder):
    from app.main import create_app
    from tests.app.conftest import start_uvicorn
    from tests.app.helpers import settings_for

    app = create_app(settings_for(data_dir_factory()), embedder=embedder)

    @app.get("/boom", include_in_schema=False)
    async def boom() -> None:  # a fault of ours, as any bug would raise it
        raise RuntimeError("injected fault")

    server, thread, port = start_uvicorn(app)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            failures = 0
            for _ in range(40):
                broken = client.get("/boom")
                assert broken.status_code == 500
                assert broken.headers["connection"] == "close"
                try:
                    assert client.get("/healthz").status_code == 200
                except httpx.TransportError:
                    failures += 1
            assert failures == 0
            # The same for a refused content type: the body stays unread.
            refused = client.post("/v1/shortlists", content=b"brief=x", headers={"Content-Type": "text/plain"})
            assert refused.status_code == 415 and refused.headers["connection"] == "close"
            assert client.get("/healthz").status_code == 200
    finally:
        server.should_exit = True
        thread.join(timeout=20)


# ---- 11: the OpenAPI document says what the service does -------------------------------------


def test_openapi_declares_lengths_bodies_streams_and_415(http):
    doc = http.get("/openapi.json").json()
    schemas = doc["components"]["schemas"]
    for component, prop in (("ShortlistRequest", "brief"), ("ParseRequest", "brief"), ("MessageRequest", "message")):
        assert schemas[component]["properties"][prop]["maxLength"] == 4_000
        assert schemas[component]["properties"][prop]["minLength"] == 1
    body = doc["paths"]["/v1/creators"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert body["items"] == {"$ref": "#/components/schemas/CreatorImport"}
    assert set(schemas["CreatorImport"]["required"]) == {"platform", "handle", "followers"}
    assert schemas["CreatorImport"]["properties"]["followers"]["maximum"] == 10**12
    sse = doc["paths"]["/v1/shortlists"]["post"]["responses"]["200"]["content"]["text/event-stream"]["schema"]
    assert set(sse["properties"]["event"]["enum"]) == {"criteria", "progress", "creator", "warning", "done", "error"}
    assert sse["properties"]["data"]["contentMediaType"] == "application/json"
    assert len(sse["properties"]["data"]["contentSchema"]["oneOf"]) == 6
    for path in ("/v1/shortlists", "/v1/creators", "/v1/briefs/parse", "/v1/chat/{thread_id}/messages"):
        assert "415" in doc["paths"][path]["post"]["responses"], path


def test_405_allows_every_method_of_the_path(http):
    response = http.delete("/v1/shortlists")
    assert response.status_code == 405
    assert {m.strip() for m in response.headers["allow"].split(",")} == {"GET", "HEAD", "POST"}
