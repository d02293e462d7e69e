"""explain → polish on the real demo corpus with the LLM explainer over real HTTP (the
scripted server): prose is kept only when its numbers are the creator's stored facts."""

from __future__ import annotations

import json

from agents.events import DoneEvent, ProgressEvent, WarningEvent
from agents.llm.client import OpenAICompatibleClient
from agents.llm.explainer import LLMExplainer
from agents.runner import AgentRunner
from tests.support.openai_server import OpenAITestServer, RecordedRequest, Reply

BRIEF = "4 vegan food creators on Instagram"


def facts(request: RecordedRequest) -> dict:
    text = request.user
    return json.loads(text[text.index("<facts>") + len("<facts>"):text.index("</facts>")])


def faithful(request: RecordedRequest) -> Reply:
    f = facts(request)
    return Reply.json({"text": f"@{f['handle']} posts about {', '.join(f['campaign_topics'])} to "
                               f"{f['followers']:,} followers. Their content is on {f['platform']}."})


def inflated(request: RecordedRequest) -> Reply:
    f = facts(request)
    return Reply.json({"text": f"@{f['handle']} reaches {f['followers'] * 3 + 7:,} followers. A strong pick."})


async def run(demo, embedder, responder) -> tuple[list, object]:
    with OpenAITestServer(default=responder) as server:
        client = OpenAICompatibleClient(server.base_url, "m", timeout_s=5.0, max_attempts=1)
        runner = AgentRunner(demo.context(embedder, explainer=LLMExplainer(client)))
        events = [e async for e in runner.stream(BRIEF)]
        await client.aclose()
    return events, next(e for e in events if isinstance(e, DoneEvent)).shortlist


async def test_faithful_prose_replaces_the_template(demo, embedder):
    events, shortlist = await run(demo, embedder, faithful)

    assert shortlist.creators
    for c in shortlist.creators:
        assert c.explanation.startswith(f"@{c.handle} posts about vegan food to {c.followers:,} followers")
    assert shortlist.stats["explanations"] == {"llm": len(shortlist.creators), "template": 0}
    assert [e.stage for e in events if isinstance(e, ProgressEvent)][-1] == "polish"


async def test_prose_with_numbers_not_in_the_facts_falls_back_with_a_warning(demo, embedder):
    events, shortlist = await run(demo, embedder, inflated)

    assert shortlist.creators
    assert all("reaches" not in c.explanation for c in shortlist.creators)
    assert shortlist.stats["explanations"]["llm"] == 0
    warning = [e for e in events if isinstance(e, WarningEvent) and e.code == "llm_explain"]
    assert len(warning) == 1 and "numbers not in the facts" in warning[0].message


async def test_server_down_keeps_every_template(demo, embedder):
    events, shortlist = await run(demo, embedder, Reply.error(500))

    assert shortlist.creators and shortlist.stats["explanations"]["template"] == len(shortlist.creators)
    assert any(isinstance(e, WarningEvent) and "LLM unavailable" in e.message for e in events)
