"""OpenAICompatibleClient against a real local HTTP server (no SDK mocks)."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import pytest
from pydantic import BaseModel, Field

from agents.llm.client import LLMUnavailable, _retry_after_s, strict_schema_supported
from tests.support.openai_server import OpenAITestServer, Reply


class Answer(BaseModel):
    name: str
    count: int = Field(ge=0)


class Loose(BaseModel):
    scores: dict[str, float]


async def test_good_answer_uses_strict_structured_output(openai_server: OpenAITestServer, make_client) -> None:
    openai_server.script(Reply.json({"name": "x", "count": 3}))

    async with make_client(openai_server) as client:
        answer = await client.complete_json("system text", "user text", Answer)

    assert answer == Answer(name="x", count=3)
    assert openai_server.request_count == 1
    sent = openai_server.requests[0]
    assert sent.model == "test-model"
    assert sent.system == "system text" and sent.user == "user text"
    assert sent.response_format["type"] == "json_schema"
    assert sent.response_format["json_schema"]["strict"] is True
    assert sent.response_format["json_schema"]["name"] == "Answer"


async def test_malformed_json_is_retried_with_the_error_fed_back(openai_server: OpenAITestServer, make_client) -> None:
    openai_server.script(Reply.malformed('{"name": "x", "cou'), Reply.json({"name": "y", "count": 1}))

    async with make_client(openai_server) as client:
        answer = await client.complete_json("s", "u", Answer)

    assert answer.name == "y"
    assert openai_server.request_count == 2
    retry = openai_server.requests[1]
    assert retry.contents("user")[0] == "u"
    assert "Invalid JSON" in retry.contents("user")[1]


async def test_schema_violation_counts_as_invalid_output(openai_server: OpenAITestServer, make_client) -> None:
    openai_server.script(Reply.json({"name": "x", "count": -1}), Reply.json({"name": "x"}))

    with pytest.raises(LLMUnavailable) as caught:
        async with make_client(openai_server) as client:
            await client.complete_json("s", "u", Answer)

    assert caught.value.kind == "invalid output"
    assert caught.value.reason == "invalid output after 2 attempts"
    assert "count" in openai_server.requests[1].user  # the validation error names the field


async def test_refusal_is_invalid_output(openai_server: OpenAITestServer, make_client) -> None:
    openai_server.script(Reply.refused(), Reply.json({"name": "ok", "count": 0}))

    async with make_client(openai_server) as client:
        answer = await client.complete_json("s", "u", Answer)

    assert answer.name == "ok" and openai_server.request_count == 2


async def test_rate_limit_waits_for_retry_after(openai_server: OpenAITestServer, make_client) -> None:
    openai_server.script(Reply.rate_limited(0.3), Reply.json({"name": "x", "count": 1}))

    async with make_client(openai_server, retry_after_cap_s=5.0) as client:
        answer = await client.complete_json("s", "u", Answer)

    assert answer.count == 1
    first, second = openai_server.requests
    assert second.received_at - first.received_at >= 0.25  # honoured, not the 0.01s back-off


async def test_retry_after_is_capped(openai_server: OpenAITestServer, make_client) -> None:
    openai_server.script(Reply.rate_limited(3600), Reply.json({"name": "x", "count": 1}))

    async with make_client(openai_server, retry_after_cap_s=0.1) as client:
        answer = await client.complete_json("s", "u", Answer)

    assert answer.count == 1
    first, second = openai_server.requests
    assert second.received_at - first.received_at < 30


async def test_server_errors_exhaust_attempts(openai_server: OpenAITestServer, make_client) -> None:
    openai_server.set_default(Reply.error(500))

    with pytest.raises(LLMUnavailable) as caught:
        async with make_client(openai_server, max_attempts=3) as client:
            await client.complete_json("s", "u", Answer)

    assert caught.value.kind == "server error" and caught.value.attempts == 3
    assert caught.value.reason == "server error after 3 attempts"
    assert openai_server.request_count == 3


async def test_client_errors_are_not_retried(openai_server: OpenAITestServer, make_client) -> None:
    openai_server.set_default(Reply.error(401, "bad key", error_type="invalid_request_error"))

    with pytest.raises(LLMUnavailable) as caught:
        async with make_client(openai_server, max_attempts=3) as client:
            await client.complete_json("s", "u", Answer)

    assert caught.value.kind == "rejected" and caught.value.reason == "request rejected with HTTP 401"
    assert openai_server.request_count == 1


async def test_timeouts_are_retried_then_give_up(openai_server: OpenAITestServer, make_client) -> None:
    openai_server.set_default(Reply.hang(60))
    started = time.monotonic()

    with pytest.raises(LLMUnavailable) as caught:
        # 1 s, not less: on a loaded machine the server may not have read a request that the
        # client gave up on sooner, and the count below would miss it.
        async with make_client(openai_server, timeout_s=1.0, max_attempts=2) as client:
            await client.complete_json("s", "u", Answer)

    assert caught.value.kind == "timeout" and caught.value.reason == "timeout after 2 attempts"
    assert openai_server.request_count == 2
    assert time.monotonic() - started < 30  # bounded by our timeouts, not the server's 60s


async def test_total_deadline_stops_before_max_attempts(openai_server: OpenAITestServer, make_client) -> None:
    openai_server.set_default(Reply.hang(60))

    with pytest.raises(LLMUnavailable):
        async with make_client(openai_server, timeout_s=0.3, max_attempts=50, deadline_s=1.0) as client:
            await client.complete_json("s", "u", Answer)

    assert 1 <= openai_server.request_count < 50


async def test_connection_refused_is_unavailable(make_client) -> None:
    server = OpenAITestServer().start()
    server.stop()  # nothing listens on that port any more

    with pytest.raises(LLMUnavailable) as caught:
        async with make_client(server) as client:
            await client.complete_json("s", "u", Answer)

    assert caught.value.kind == "connection error"


async def test_free_form_schema_uses_json_mode(openai_server: OpenAITestServer, make_client) -> None:
    openai_server.script(Reply.text('```json\n{"scores": {"a": 0.5}}\n```'))

    async with make_client(openai_server) as client:
        answer = await client.complete_json("base system", "u", Loose)

    assert answer.scores == {"a": 0.5}
    sent = openai_server.requests[0]
    assert sent.response_format == {"type": "json_object"}
    assert sent.system.startswith("base system") and '"scores"' in sent.system


def test_strict_schema_detection() -> None:
    assert strict_schema_supported(Answer)
    assert not strict_schema_supported(Loose)


def test_retry_after_header_forms() -> None:
    assert _retry_after_s({"retry-after": "2"}) == 2.0
    assert _retry_after_s({"retry-after-ms": "250", "retry-after": "9"}) == 0.25
    assert _retry_after_s({}) is None
    assert _retry_after_s({"retry-after": "soon"}) is None
    later = format_datetime(datetime.now(timezone.utc) + timedelta(seconds=30), usegmt=True)
    assert 25 <= _retry_after_s({"retry-after": later}) <= 31


async def test_usage_and_server_timings_are_recorded_per_request(openai_server: OpenAITestServer, make_client) -> None:
    # llama.cpp adds `timings` beside OpenAI's `usage`; the eval turns both into tokens/s.
    timings = {"cache_n": 500, "prompt_n": 40, "prompt_ms": 800.0, "predicted_n": 60, "predicted_ms": 6000.0}
    openai_server.script(Reply.malformed('{"name": '), Reply.json({"name": "x", "count": 3}, timings=timings))

    async with make_client(openai_server) as client:
        await client.complete_json("system text", "user text", Answer)

    assert client.last_attempts == 2
    [usage] = client.last_usage  # strict mode: the SDK raises while parsing the malformed one, before usage
    assert usage.prompt_tokens > 0 and usage.completion_tokens > 0
    assert usage.cached_tokens == 500 and usage.prompt_ms == 800.0 and usage.generation_ms == 6000.0
    assert usage.wall_s >= 0


async def test_cache_prompt_is_sent_only_when_asked(openai_server: OpenAITestServer, make_client) -> None:
    openai_server.script(Reply.json({"name": "x", "count": 3}), Reply.json({"name": "x", "count": 3}))

    async with make_client(openai_server, cache_prompt=True) as client:
        await client.complete_json("s", "u", Answer)
    async with make_client(openai_server) as client:
        await client.complete_json("s", "u", Answer)

    first, second = openai_server.requests
    assert first.body["cache_prompt"] is True
    assert "cache_prompt" not in second.body  # not an OpenAI field
    assert client.last_usage[0].prompt_ms is None  # no llama.cpp timings from this server


class Reading(BaseModel):
    topics: list[str] = Field(default_factory=list)
    followers_min: int | None = None
    note: str | None = None


async def test_an_answer_cut_at_the_cap_is_read_up_to_its_last_whole_field(
        openai_server: OpenAITestServer, make_client) -> None:
    # The cut member goes whole: "followers_min": 5 is the start of 50000, not a value.
    openai_server.script(Reply.text('{"topics": ["vegan, \\"plant\\" food"], "note": "a, b", "followers_min": 5',
                                    finish_reason="length"))

    async with make_client(openai_server, strict_schemas=False) as client:
        answer = await client.complete_json("s", "u", Reading, max_tokens=40, cut_ok=True)

    assert answer == Reading(topics=['vegan, "plant" food'], note="a, b")
    assert client.last_cut and openai_server.request_count == 1
    assert openai_server.requests[0].body["max_completion_tokens"] == 40


async def test_a_cut_answer_without_a_whole_field_falls_back_without_a_retry(
        openai_server: OpenAITestServer, make_client) -> None:
    openai_server.script(Reply.text('{"topics": ["veg', finish_reason="length"))

    with pytest.raises(LLMUnavailable) as caught:
        async with make_client(openai_server, strict_schemas=False) as client:
            await client.complete_json("s", "u", Reading, max_tokens=8, cut_ok=True)

    assert caught.value.kind == "invalid output" and openai_server.request_count == 1


async def test_a_cut_answer_is_retried_unless_cut_ok(openai_server: OpenAITestServer, make_client) -> None:
    openai_server.script(Reply.text('{"topics": ["vegan"], "note": "a', finish_reason="length"),
                         Reply.json({"topics": ["vegan"]}))

    async with make_client(openai_server, strict_schemas=False) as client:
        answer = await client.complete_json("s", "u", Reading)

    assert answer.topics == ["vegan"] and openai_server.request_count == 2 and not client.last_cut
