"""Every caller mistake is a 4xx application/problem+json naming what was wrong; never a 500."""

from __future__ import annotations

import pytest


def assert_problem(response, status: int, field: str | None = None) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status and body["title"] and body["type"]
    assert body["request_id"] == response.headers["x-request-id"]
    if field is not None:
        assert field in [e["field"] for e in body["errors"]], body
    return body


@pytest.mark.parametrize(("body", "field"), [
    ({"brief": ""}, "body.brief"),
    ({"brief": "   \n\t "}, "body.brief"),
    ({"brief": "x" * 20_000}, "body.brief"),
    ({"brief": 123}, "body.brief"),
    ({"brief": None}, "body.brief"),
    ({}, "body.brief"),
    ({"brief": "vegan creators", "limit": 0}, "body.limit"),
    ({"brief": "vegan creators", "limit": 201}, "body.limit"),
    ({"brief": "vegan creators", "limit": "many"}, "body.limit"),
    ({"brief": "vegan creators", "criteria": {"colour": "blue"}}, "body.criteria.colour"),
    ({"brief": "vegan creators", "criteria": {"platforms": ["myspace"]}}, "body.criteria.platforms"),
    ({"brief": "vegan creators", "criteria": {"followers_min": "lots"}}, "body.criteria.followers_min"),
    ({"brief": "vegan creators", "criteria": {"creator_countries": ["Germany"]}}, "body.criteria.creator_countries"),
    ({"brief": "vegan creators", "criteria": "tiktok"}, "body.criteria"),
    ({"brief": "vegan creators", "extra": 1}, "body.extra"),
])
async def test_bad_shortlist_requests_are_422(client, body, field):
    for accept in ("application/json", "text/event-stream"):
        response = await client.post("/v1/shortlists", json=body, headers={"Accept": accept})
        assert_problem(response, 422, field)


async def test_long_brief_says_the_limit(client, app):
    body = assert_problem(await client.post("/v1/shortlists", json={"brief": "y" * 20_000}), 422, "body.brief")
    assert str(app.state.settings.max_brief_chars) in body["detail"]


async def test_body_that_is_not_an_object_is_422(client):
    assert_problem(await client.post("/v1/shortlists", json=["a brief"]), 422)


async def test_invalid_json_is_400(client):
    response = await client.post("/v1/shortlists", content=b'{"brief": "vegan', headers={"Content-Type": "application/json"})
    body = assert_problem(response, 400)
    assert "JSON" in body["detail"]
    # The offset of the syntax error is a position, not a field called "10".
    assert "at character 10" in body["detail"], body
    assert [e["field"] for e in body["errors"]] == ["body"]


async def test_validator_messages_have_no_pydantic_prefix(client):
    response = await client.post("/v1/shortlists", json={"brief": "vegan", "criteria": {"platforms": ["myspace"]}})
    body = assert_problem(response, 422, "body.criteria.platforms")
    assert body["errors"][0]["message"].startswith("unknown platform"), body
    assert "Value error" not in body["detail"]


async def test_unknown_field_named_in_a_chat_edit_of_hard_is_422(client):
    # `hard` was left out of the edit checks, so this edit was dropped without a word.
    response = await client.post("/v1/chat/thread-hard/messages", json={"message": "vegan food creators",
                                                                        "criteria": {"hard": ["colour"]}})
    body = assert_problem(response, 422, "body.criteria.hard")
    assert "colour" in body["detail"]


@pytest.mark.parametrize("thread_id", ["has space", "x" * 65, "semi;colon", "dots.not.allowed"])
async def test_bad_thread_ids_are_422(client, thread_id):
    response = await client.post(f"/v1/chat/{thread_id}/messages", json={"message": "vegan creators"})
    assert_problem(response, 422, "path.thread_id")
    assert_problem(await client.get(f"/v1/chat/{thread_id}"), 422, "path.thread_id")


@pytest.mark.parametrize(("body", "field"), [
    ({"message": ""}, "body.message"),
    ({"message": "z" * 20_000}, "body.message"),
    ({"text": "hi"}, "body.message"),
    ({"message": "vegan", "criteria": {"nope": 1}}, "body.criteria.nope"),
])
async def test_bad_chat_messages_are_422(client, body, field):
    assert_problem(await client.post("/v1/chat/thread-1/messages", json=body), 422, field)


async def test_bad_parse_requests_are_422(client):
    assert_problem(await client.post("/v1/briefs/parse", json={"brief": ""}), 422, "body.brief")
    assert_problem(await client.post("/v1/briefs/parse", json={"brief": "b" * 20_000}), 422, "body.brief")


async def test_unknown_shortlist_and_thread_are_404(client):
    assert_problem(await client.get("/v1/shortlists/0123456789abcdef"), 404)
    assert_problem(await client.get("/v1/shortlists/0123456789abcdef?format=csv"), 404)
    assert_problem(await client.get("/v1/chat/never-used-thread"), 404)
    assert_problem(await client.get("/v1/creators/tiktok/nobody.here"), 404)


async def test_bad_query_parameters_are_422(client):
    assert_problem(await client.get("/v1/shortlists?cursor=not-a-cursor"), 422, "query.cursor")
    assert_problem(await client.get("/v1/shortlists?limit=0"), 422, "query.limit")
    assert_problem(await client.get("/v1/shortlists/abc?format=xml"), 422, "query.format")
    assert_problem(await client.get("/v1/shortlists/bad$id"), 422, "path.shortlist_id")


async def test_declared_oversized_body_is_413_before_reading(client, app):
    limit = app.state.settings.max_body_bytes
    body = assert_problem(await client.post("/v1/shortlists", content=b"x" * (limit + 1),
                                            headers={"Content-Type": "application/json"}), 413)
    assert str(limit) in body["detail"]
    # Any route, even one that would not read the body, answers 413 from Content-Length.
    assert_problem(await client.post("/v1/nothing", content=b"x" * (limit + 1)), 413)


async def test_streamed_oversized_body_is_413(client, app):
    limit = app.state.settings.max_body_bytes

    async def chunks():
        for _ in range(limit // 10_000 + 2):
            yield b"[" + b" " * 9_998 + b"]"

    response = await client.post("/v1/creators", content=chunks(), headers={"Content-Type": "application/json"})
    assert "content-length" not in response.request.headers
    assert_problem(response, 413)
