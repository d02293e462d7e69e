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


def _merged(case_id: str, answer: dict):
    case = CASES[case_id]
    offline = parse_offline(case.brief).criteria
    return offline, merge(LLMCriteria.model_validate(answer), offline, case.brief)


def test_a_language_name_is_not_a_place() -> None:
    # Recorded (parse-009, "english speaking"): creator_countries GB was adopted as named in the brief.
    offline, outcome = _merged("parse-009", {
        "platforms": ["youtube"], "followers_min": 250000, "followers_max": 1200000, "topics": ["tech", "reviewers"],
        "creator_countries": ["GB"], "languages": ["en"]})

    assert outcome.criteria.creator_countries == offline.creator_countries == []
    assert "creator_countries=GB" in outcome.invented and outcome.criteria.languages == ["en"]


def test_a_number_the_offline_reading_gave_any_other_field_is_not_support() -> None:
    # Recorded: "¥50,000 per post max" read as a follower cap (parse-008) and "12 people" as
    # 12 followers (parse-013); the offline reading has them as a price cap and a count.
    _, price = _merged("parse-008", {"platforms": ["instagram"], "followers_max": 50000, "topics": ["cafe"],
                                     "creator_countries": ["JP"]})
    _, count = _merged("parse-013", {"platforms": ["instagram", "tiktok"], "followers_min": 12, "followers_max": 12,
                                     "topics": ["slow fashion", "sustainable fashion"]})

    assert price.criteria.followers_max is None and price.criteria.max_price_per_post.amount == 50000
    assert count.criteria.followers_min is None and count.criteria.followers_max is None
    assert count.criteria.creators_count == 12


def test_words_for_other_fields_are_not_topics() -> None:
    # Recorded (parse-011): "insta", "dutch" and "french" were added to the topics.
    offline, outcome = _merged("parse-011", {
        "platforms": ["instagram"], "followers_min": 5000, "followers_max": 30000,
        "topics": [" parenting", "insta", "dutch", "french"], "creator_countries": ["NL", "BE"]})

    assert not {"insta", "dutch", "french"} & set(outcome.criteria.topics)
    assert set(outcome.criteria.topics) >= set(offline.topics)
    # Recorded (parse-091, "creators from the DACH region, German speaking"): topics german, dach, youtube.
    _, region = _merged("parse-091", {"platforms": ["youtube"], "topics": ["german", "dach", "youtube"]})
    assert not {"german", "dach", "youtube"} & set(region.criteria.topics)


def test_a_format_word_the_rules_read_as_something_else_is_not_a_format() -> None:
    # Recorded (parse-033): formats ["video"] from "price no more than $5k per video".
    offline, outcome = _merged("parse-033", {
        "platforms": ["youtube"], "followers_min": 100000, "followers_max": 500000,
        "topics": ["camera gear", "review"], "formats": ["video"]})
    _, refused = _merged("parse-033", {"platforms": ["youtube"], "formats": ["video"]})

    assert offline.formats == [] and outcome.criteria.formats == [] and refused.criteria.formats == []
    assert "formats=video" in outcome.invented


def test_a_kind_of_brand_is_not_a_brand() -> None:
    # Recorded (parse-050): exclude_brands ["meat", "alcohol"] from "avoid anyone promoting meat brands or alcohol".
    offline, outcome = _merged("parse-050", {"tiers": ["micro"], "topics": ["vegan cheese"], "creator_countries": ["GB"],
                                             "exclude_brands": ["meat", "alcohol"]})

    assert outcome.criteria.exclude_brands == [] and offline.exclude_topics == ["alcohol"]
    _, named = _merged("parse-013", {"exclude_brands": ["Shein", "Temu"], "topics": ["sustainable fashion"]})
    assert {b.lower() for b in named.criteria.exclude_brands} == {"shein", "temu"}
