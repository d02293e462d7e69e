"""Eval cases: the versioned data sets under evals/datasets/, as typed models.

A case states what a good answer is (expected parse fields, or judging rules from which
qrels are derived); it never states what any particular system returns.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from agents.criteria import CampaignCriteria

DATASETS_DIR = Path(__file__).parent / "datasets"
PARSE_V1 = DATASETS_DIR / "parse_v1.jsonl"
PARSE_V2 = DATASETS_DIR / "parse_v2.jsonl"  # parse_v1 plus briefs for the DESIGN 5.3 fields it lacked
RETRIEVAL_V1 = DATASETS_DIR / "retrieval_v1.jsonl"
REAL_INSTAGRAM_V1 = DATASETS_DIR / "real_instagram_v1.jsonl"
REAL_INSTAGRAM_FINE_V1 = DATASETS_DIR / "real_instagram_fine_v1.jsonl"
RETRIEVAL_V2 = DATASETS_DIR / "retrieval_v2.jsonl"

# The fine set is judged on one fixed corpus: the hash-chosen sample of this many creators
# that `evals.corpus.prepare_real` draws (3,000 left too few sneaker, nail-art or
# streetwear creators to fill a top 10; see evals/datasets/README.md).
FINE_SAMPLE_CREATORS = 8_000


class _Case(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    brief: str
    quick: bool = Field(False, description="part of the quick tier")
    tags: list[str] = Field(default_factory=list)


class ParseCase(_Case):
    language: str = "en"
    expected: dict[str, Any] = Field(description="only the fields the brief determines; see evals.metrics.field_matches")


class Judging(BaseModel):
    """Judging rules beyond the brief's stated constraints."""

    model_config = ConfigDict(extra="forbid")

    # A vetted shortlist promises real audiences: a creator with bought followers or an
    # engagement pod is never a good answer, whatever the brief says.
    exclude_fraud: bool = True
    exclude_inactive: bool = False


class RetrievalCase(_Case):
    k: int = Field(10, ge=1, description="cutoff; the requested count when the brief asks for fewer than 10")
    relevant: dict[str, int] = Field(description="niche id -> grade (2)")
    partial: dict[str, int] = Field(default_factory=dict, description="related niche id -> grade (1)")
    relevant_subtopics: dict[str, list[str]] = Field(
        default_factory=dict, description="niche id -> the subtopics that earn the full grade; others in the niche earn 1")
    constraints: CampaignCriteria = Field(default_factory=CampaignCriteria, description="the brief's hard constraints")
    judging: Judging = Field(default_factory=Judging)
    facet_strict: bool = Field(
        False, description="the brief names a distinguishing facet: near niches, related niches and other subtopics earn 0")


class RealCase(_Case):
    k: int = Field(10, ge=1)
    categories: list[str] = Field(min_length=1, description="source category labels that count as relevant")
    constraints: CampaignCriteria = Field(default_factory=CampaignCriteria)


class FineCase(_Case):
    """A fine-grained brief over the real Instagram sample, judged by pooled, graded qrels
    (evals/datasets/*.qrels.jsonl), not by rules."""

    k: int = Field(10, ge=1)
    language: str = Field("en", description="ISO 639-1 of the brief's wording")
    twin_of: str | None = Field(None, description="id of the English brief this one translates")
    facet: str = Field(description="the distinguishing facet a creator must show to earn grade 2")
    domain: str = Field(description="the broad domain that earns grade 1 at most")
    constraints: CampaignCriteria = Field(default_factory=CampaignCriteria)


CaseT = TypeVar("CaseT", bound=_Case)


def load_cases(path: Path, model: type[CaseT]) -> list[CaseT]:
    cases: list[CaseT] = []
    seen: set[str] = set()
    with path.open(encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                case = model.model_validate(json.loads(line))
            except Exception as exc:  # a broken data set must say where
                raise ValueError(f"{path.name}:{line_no}: {exc}") from exc
            if case.id in seen:
                raise ValueError(f"{path.name}:{line_no}: duplicate case id {case.id}")
            seen.add(case.id)
            cases.append(case)
    return cases


def select(cases: list[CaseT], tier: str) -> list[CaseT]:
    return [c for c in cases if c.quick] if tier == "quick" else list(cases)
