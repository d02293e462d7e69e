"""Graded relevance judgments (TREC qrels) made by reading pooled creators' posts.

A fine-grained brief cannot be judged by a rule over the source's category label
("vegan" is not a label), so its qrels are a file of human/assistant judgments. Real
handles stay out of the repository: a judgment names a creator by `creator_ref`, a
salted-free SHA-256 prefix of its key, which any copy of the data reproduces.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Literal, Mapping

from pydantic import BaseModel, ConfigDict, Field


def creator_ref(key: str) -> str:
    """The stable, non-identifying name of a creator key ('instagram:handle') in qrels files."""
    return "sha256:" + hashlib.sha256(key.lower().encode("utf-8")).hexdigest()[:16]


class Judgment(BaseModel):
    model_config = ConfigDict(extra="forbid")

    case_id: str
    creator_ref: str = Field(pattern=r"^sha256:[0-9a-f]{16}$")
    grade: Literal[0, 1, 2]
    note: str = Field(max_length=120, description="why, in at most 12 words")


def qrels_path(dataset: Path) -> Path:
    """`x.jsonl` -> `x.qrels.jsonl`, next to it."""
    return dataset.with_name(dataset.name.removesuffix(".jsonl") + ".qrels.jsonl")


def load_judgments(path: Path) -> list[Judgment]:
    out: list[Judgment] = []
    seen: set[tuple[str, str]] = set()
    with path.open(encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                j = Judgment.model_validate(json.loads(line))
            except Exception as exc:
                raise ValueError(f"{path.name}:{line_no}: {exc}") from exc
            if len(j.note.split()) > 12:
                raise ValueError(f"{path.name}:{line_no}: note longer than 12 words")
            if (j.case_id, j.creator_ref) in seen:
                raise ValueError(f"{path.name}:{line_no}: duplicate judgment {j.case_id} {j.creator_ref}")
            seen.add((j.case_id, j.creator_ref))
            out.append(j)
    return out


class CaseJudgments(BaseModel):
    """One brief's judgments resolved against a corpus: grades by creator key."""

    grades: dict[str, int] = Field(default_factory=dict, description="creator key -> 0/1/2 (judged creators only)")

    def judged(self, key: str) -> bool:
        return key in self.grades

    def qrels(self, min_grade: int = 1) -> dict[str, int]:
        return {k: g for k, g in self.grades.items() if g >= min_grade}


def resolve(judgments: list[Judgment], keys: Mapping[str, object] | list[str]) -> dict[str, CaseJudgments]:
    """Map each judgment's `creator_ref` back to a key of the corpus (refs not in the corpus
    are dropped: they belong to creators outside this sample)."""
    by_ref = {creator_ref(k): k for k in keys}
    out: dict[str, CaseJudgments] = {}
    for j in judgments:
        key = by_ref.get(j.creator_ref)
        if key is None:
            continue
        out.setdefault(j.case_id, CaseJudgments()).grades[key] = j.grade
    return out
