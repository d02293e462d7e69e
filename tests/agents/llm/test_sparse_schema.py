"""The non-strict wire schema: an optional field is left out or given a real value."""

from __future__ import annotations

from agents.followup.patch import CriteriaPatch
from agents.llm.schema import LLMCriteria
from agents.llm.sparse_schema import sparse_json_schema
from tests.support.openai_server import OpenAITestServer, Reply


def test_optional_fields_lose_null_and_empty_lists() -> None:
    schema = sparse_json_schema(LLMCriteria)

    for name, prop in schema["properties"].items():
        assert "null" not in str(prop), name
        if prop.get("type") == "array":
            assert prop["minItems"] == 1 and prop["maxItems"] >= 1, name
    assert schema["properties"]["followers_min"]["type"] == "integer"
    assert schema["properties"]["budget"]["$ref"].endswith("/LLMMoney")  # a nested model stays a reference
    assert not schema.get("required")  # everything may still be left out
    assert LLMCriteria.model_json_schema()["properties"]["followers_min"]["anyOf"][1] == {"type": "null"}  # model unchanged


def test_leaving_a_field_out_reads_as_null_or_empty() -> None:
    assert LLMCriteria.model_validate({}) == LLMCriteria.model_validate(
        {"followers_min": None, "platforms": [], "budget": None, "hard": []})
    assert sparse_json_schema(CriteriaPatch)["properties"]["edits"]["minItems"] == 1
    assert CriteriaPatch.model_validate({}).edits == []


async def test_local_server_mode_sends_the_sparse_schema(openai_server: OpenAITestServer, make_client) -> None:
    openai_server.script(Reply.json({"topics": ["vegan food"], "audience_gender": None}))

    async with make_client(openai_server, strict_schemas=False) as client:
        answer = await client.complete_json("s", "u", LLMCriteria)

    sent = openai_server.requests[0].response_format["json_schema"]["schema"]
    assert sent == sparse_json_schema(LLMCriteria)
    assert answer.topics == ["vegan food"] and answer.audience_gender is None  # a server that still sends null is fine
