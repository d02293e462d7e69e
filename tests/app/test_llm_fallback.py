"""An LLM that hangs costs a timeout, not the request: the offline parser takes over and the
stream says so in a `warning` event."""

from __future__ import annotations

from tests.app.helpers import BRIEF, stream_events
from tests.support.openai_server import OpenAITestServer, Reply


async def test_hanging_llm_falls_back_with_a_warning(app_factory):
    with OpenAITestServer(default=Reply.hang(seconds=30)) as llm:
        async with app_factory(llm_base_url=llm.base_url, llm_timeout_s=0.5, llm_max_attempts=1) as (_, client):
            response, events = await stream_events(client, "/v1/shortlists", {"brief": BRIEF, "limit": 5})
            assert response.status_code == 200
            names = [e.event for e in events]
            assert names[0] == "criteria" and names[-1] == "done", names
            assert events[0].data["parser"] == "offline"
            warnings = [e.data for e in events if e.event == "warning"]
            assert any(w["code"] == "parser" and "LLM" in w["message"] for w in warnings), warnings
            assert events[-1].data["shortlist"]["creators"]
            assert llm.request_count >= 1

            plain = await client.post("/v1/shortlists", json={"brief": BRIEF, "limit": 3})
            assert plain.status_code == 201
            assert any("LLM" in w for w in plain.json()["warnings"])

            parsed = await client.post("/v1/briefs/parse", json={"brief": BRIEF})
            assert parsed.status_code == 200 and parsed.json()["parser"] == "offline"
            assert any("LLM" in w for w in parsed.json()["warnings"])

            metrics = (await client.get("/metrics")).text
            fallbacks = [line for line in metrics.splitlines() if line.startswith("castlist_llm_fallbacks_total ")]
            assert fallbacks and float(fallbacks[0].split()[1]) >= 3
