"""castlist eval --llm over real HTTP with the scripted server: the comparison's bookkeeping,
and that a model answering nonsense never pulls LLM mode below offline."""

from __future__ import annotations

import json

from agents.followup.dialogues import load_dialogues
from agents.llm.brief_parser import LLMBriefParser
from agents.llm.client import OpenAICompatibleClient
from agents.llm.followup_parser import LLMFollowupParser
from agents.parsing.offline import parse_offline
from app.cli import main
from evals.cases import PARSE_V1, ParseCase, load_cases
from evals.llm_eval import DIALOGUES_V1, compare_dialogues, compare_parse, markdown, LLMEvalReport
from tests.support.openai_server import OpenAITestServer, Reply

# A confident model that reads every brief the same way: Instagram, the US, men.
WRONG = {"platforms": ["instagram"], "topics": ["lifestyle"], "creator_countries": ["US"], "audience_gender": "male"}


async def test_a_wrong_model_never_pulls_a_field_below_offline():
    cases = load_cases(PARSE_V1, ParseCase)[:12]
    with OpenAITestServer(default=Reply.json(WRONG)) as server:
        client = OpenAICompatibleClient(server.base_url, "m", timeout_s=5.0, max_attempts=1)
        result = await compare_parse(cases, LLMBriefParser(client, fallback=parse_offline), client, say=lambda _: None)
        await client.aclose()

    assert result.cases == 12 and result.worse_fields == []
    assert result.llm.accuracy >= result.offline.accuracy
    assert result.invented_in_result == []
    assert result.first_try_valid == 1.0
    assert any("audience_gender=male" in v for v in result.model_invented)
    assert "| **overall** |" in markdown(LLMEvalReport(model="m", parse=result))


async def test_fallbacks_are_counted_by_reason():
    cases = load_cases(PARSE_V1, ParseCase)[:3]
    with OpenAITestServer(default=Reply.error(500)) as server:
        client = OpenAICompatibleClient(server.base_url, "m", timeout_s=5.0, max_attempts=1)
        result = await compare_parse(cases, LLMBriefParser(client, fallback=parse_offline), client, say=lambda _: None)
        await client.aclose()

    assert result.llm_used == 0 and result.fallbacks == {"server error": 3}
    assert result.first_try_valid == 0.0
    assert result.llm.per_field == result.offline.per_field


async def test_dialogues_side_by_side():
    dialogues = load_dialogues(DIALOGUES_V1)[:2]
    with OpenAITestServer(default=Reply.error(500)) as server:
        client = OpenAICompatibleClient(server.base_url, "m", timeout_s=5.0, max_attempts=1)
        sides = await compare_dialogues(dialogues, LLMBriefParser(client, fallback=parse_offline),
                                        LLMFollowupParser(client), say=lambda _: None)
        await client.aclose()

    assert sides["llm"].fields == sides["offline"].fields > 0
    assert sides["llm"].accuracy == sides["offline"].accuracy  # every LLM call failed: the rules answered
    assert sides["llm"].followup_fallbacks == sum(len(d.turns) - 1 for d in dialogues)


def test_cli_writes_the_report(tmp_path, monkeypatch, capsys):
    with OpenAITestServer(default=Reply.json(WRONG)) as server:
        monkeypatch.setenv("CASTLIST_LLM_BASE_URL", server.base_url)
        from app.settings import get_settings
        get_settings.cache_clear()
        try:
            code = main(["eval", "--llm", "--llm-cases", "2", "--llm-dialogues", "0", "--llm-explanations", "0",
                         "--report-dir", str(tmp_path), "--data-dir", str(tmp_path / "data")])
        finally:
            get_settings.cache_clear()

    assert code == 0
    report = json.loads((tmp_path / "llm_eval.json").read_text())
    assert report["parse"]["cases"] == 2 and "offline" in report["parse"]
    assert "| field | offline | LLM mode |" in capsys.readouterr().out
