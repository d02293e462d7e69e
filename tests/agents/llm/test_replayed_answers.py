"""The merge on answers the real model gave (Qwen2.5-Coder 1.5B Instruct Q4_K_M through
llama-server, recorded by `castlist eval --llm` in llm_parse_cases.jsonl): whatever it
said, LLM mode is never below offline on a scored field and invents no constraint.

Replayed offline, so the merge rules stay tested without the model; the figures of a run
are the eval's (README, LLM section)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from agents.criteria import CONSTRAINT_FIELDS
from agents.llm.merge import merge
from agents.llm.schema import LLMCriteria
from agents.parsing.offline import parse_offline
from evals import metrics as m
from evals.cases import PARSE_V1, ParseCase, load_cases

ANSWERS = Path(__file__).parent / "data" / "qwen_parse_answers.jsonl"
CASES = {c.id: c for c in load_cases(PARSE_V1, ParseCase)}
RECORDED = [json.loads(line) for line in ANSWERS.read_text(encoding="utf-8").splitlines() if line.strip()]


def _set(value: object) -> bool:
    return value is not None and value != [] and value != ""


@pytest.mark.parametrize("row", RECORDED, ids=[f"{r['id']}-{i}" for i, r in enumerate(RECORDED)])
def test_a_recorded_answer_never_makes_the_parse_worse(row: dict) -> None:
    case = CASES[row["id"]]
    offline = parse_offline(case.brief).criteria
    outcome = merge(LLMCriteria.model_validate(row["answer"]), offline, case.brief)
    merged = offline if outcome.rejected else outcome.criteria

    off_scores = m.parse_field_scores(case.expected, offline)
    worse = [name for name, ok in m.parse_field_scores(case.expected, merged).items() if off_scores[name] and not ok]
    assert worse == [], outcome
    from_checks = {"audience_age_min"} if "audience_age" in outcome.checks else set()
    invented = [name for name in (*CONSTRAINT_FIELDS, "creators_count")
                if _set(getattr(merged, name)) and not _set(getattr(offline, name))
                and name not in case.expected and name not in from_checks]
    assert invented == [], {name: getattr(merged, name) for name in invented}


def test_the_recording_is_from_the_current_parse_set() -> None:
    assert RECORDED and all(r["id"] in CASES and r["brief"] == CASES[r["id"]].brief for r in RECORDED)


def test_a_repeated_value_counts_once() -> None:
    # Recorded (parse-006): the model wrote India twice in both country lists.
    case = CASES["parse-006"]
    answer = LLMCriteria.model_validate({"platforms": ["instagram"], "creator_countries": ["IN", "IN"],
                                         "audience_countries": ["IN", "IN"], "topics": ["snack"]})
    outcome = merge(answer, parse_offline(case.brief).criteria, case.brief)

    assert outcome.invented.count("audience_countries=IN") == 1
    assert outcome.criteria.creator_countries.count("IN") <= 1
