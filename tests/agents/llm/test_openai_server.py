"""The test server itself, through the real SDK: streaming and request-dependent replies."""

from __future__ import annotations

import pytest
from openai import AsyncOpenAI, InternalServerError

from tests.support.openai_server import OpenAITestServer, RecordedRequest, Reply


async def test_streaming_reply_reassembles(openai_server: OpenAITestServer) -> None:
    openai_server.script(Reply.text("Two sentences of prose. Here is the second."))

    async with AsyncOpenAI(base_url=openai_server.base_url, api_key="k", max_retries=0) as sdk:
        stream = await sdk.chat.completions.create(
            model="m", messages=[{"role": "user", "content": "hi"}], stream=True,
        )
        parts = [chunk.choices[0].delta.content or "" async for chunk in stream if chunk.choices]

    assert "".join(parts) == "Two sentences of prose. Here is the second."


async def test_responder_answers_by_request(openai_server_factory) -> None:
    def by_system(request: RecordedRequest) -> Reply:
        return Reply.json({"echo": request.system})

    server: OpenAITestServer = openai_server_factory(default=by_system)

    async with AsyncOpenAI(base_url=server.base_url, api_key="k", max_retries=0) as sdk:
        completion = await sdk.chat.completions.create(
            model="m", messages=[{"role": "system", "content": "route-a"}, {"role": "user", "content": "x"}],
        )

    assert completion.choices[0].message.content == '{"echo": "route-a"}'
    assert server.requests[0].headers["authorization"] == "Bearer k"


async def test_unscripted_request_is_a_clear_500(openai_server: OpenAITestServer) -> None:
    async with AsyncOpenAI(base_url=openai_server.base_url, api_key="k", max_retries=0) as sdk:
        with pytest.raises(InternalServerError, match="no scripted reply left"):
            await sdk.chat.completions.create(model="m", messages=[{"role": "user", "content": "x"}])

    assert openai_server.request_count == 1 and openai_server.pending == 0
