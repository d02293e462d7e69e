"""Replaying recorded model answers through the current merge (evals/llm_replay.py)."""

from __future__ import annotations

from evals.llm_replay import replay


def test_replay_rescores_recorded_answers_without_a_model() -> None:
    usage = {"prompt_tokens": 590, "cached_tokens": 551, "completion_tokens": 100, "prompt_ms": 2000.0,
             "generation_ms": 40000.0, "wall_s": 42.0}
    rows = [
        # parse-009 as recorded: GB from "english speaking" (dropped by the current merge).
        {"id": "parse-009", "seconds": 42.0, "attempts": 1, "cut": True, "load": 8.0, "usage": [usage],
         "answer": {"platforms": ["youtube"], "followers_min": 250000, "followers_max": 1200000,
                    "topics": ["tech"], "creator_countries": ["GB"], "languages": ["en"]}},
        {"id": "parse-001", "seconds": 30.0, "attempts": 2, "problem": "timeout after 2 attempts", "answer": None,
         "usage": []},
    ]

    result = replay(rows)

    assert result.cases == 2 and result.llm_used == 1 and result.fallbacks == {"timeout": 1}
    assert result.invented_in_result == [] and result.worse_fields == []
    assert "parse-009: creator_countries=GB" in result.model_invented
    assert result.cut_at_cap == 1 and result.first_try_valid == 0.5
    assert result.tokens.generation_tokens_per_s == 2.5 and result.tokens.uncached_prompt_tokens_mean == 39
