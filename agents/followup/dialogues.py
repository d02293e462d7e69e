"""Scoring multi-turn dialogues: after every turn, the criteria fields a turn expects.

A dialogue is a brief and follow-ups, each turn with the fields it must leave in the
criteria (and `more_like` when it points at a creator). Field accuracy is the share of
expected fields that match exactly, after every turn; instruction words in topics are
counted apart, since none is ever acceptable.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from agents.criteria import CampaignCriteria
from agents.followup.patch import apply_patch
from agents.followup.rules import parse_followup
from agents.followup.vocabulary import INSTRUCTION_WORDS
from agents.parsing.offline import parse_offline
from retrieval.schema import PLATFORMS


class DialogueTurn(BaseModel):
    message: str
    intent: str
    expect: dict[str, Any]


class Dialogue(BaseModel):
    id: str
    lang: str
    turns: list[DialogueTurn] = Field(min_length=2, max_length=4)


class DialogueScore(BaseModel):
    fields: int = 0
    correct: int = 0
    by_language: dict[str, list[int]] = Field(default_factory=dict)  # lang -> [correct, total]
    by_intent: dict[str, list[int]] = Field(default_factory=dict)
    instruction_topics: list[str] = Field(default_factory=list)
    misses: list[str] = Field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.correct / self.fields if self.fields else 0.0


def load_dialogues(path: Path) -> list[Dialogue]:
    return [Dialogue.model_validate_json(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _value(criteria: CampaignCriteria, field: str, more_like: list[str]) -> Any:
    if field == "more_like":
        return more_like
    value = getattr(criteria, field)
    return json.loads(json.dumps(value.model_dump() if hasattr(value, "model_dump") else value))


def _same(got: Any, want: Any) -> bool:
    if isinstance(want, dict) and isinstance(got, dict):
        return all(_same(got.get(k), v) for k, v in want.items())
    if isinstance(want, (int, float)) and isinstance(got, (int, float)):
        return abs(got - want) < 1e-9
    return got == want


def score_dialogues(dialogues: list[Dialogue]) -> DialogueScore:
    score = DialogueScore()
    tallies: dict[str, dict[str, list[int]]] = {"lang": defaultdict(lambda: [0, 0]), "intent": defaultdict(lambda: [0, 0])}
    for d in dialogues:
        criteria: CampaignCriteria | None = None
        for i, turn in enumerate(d.turns):
            more_like: list[str] = []
            if criteria is None:
                criteria = parse_offline(turn.message).criteria
            else:
                patch = parse_followup(turn.message, criteria, PLATFORMS)
                more_like = patch.more_like
                criteria = apply_patch(criteria, patch, PLATFORMS).criteria
            for topic in criteria.topics:
                if set(topic.split()) & INSTRUCTION_WORDS:
                    score.instruction_topics.append(f"{d.id} turn {i + 1}: {topic!r}")
            for field, want in turn.expect.items():
                got = _value(criteria, field, more_like)
                ok = _same(got, want)
                score.fields += 1
                score.correct += ok
                for kind, key in (("lang", d.lang), ("intent", turn.intent)):
                    tallies[kind][key][0] += ok
                    tallies[kind][key][1] += 1
                if not ok:
                    score.misses.append(f"{d.id} turn {i + 1} {turn.message!r}: {field} = {got!r}, expected {want!r}")
    score.by_language = dict(tallies["lang"])
    score.by_intent = dict(tallies["intent"])
    return score
