"""Graph state: a narrow input, the full internal state, an explicit output."""

from __future__ import annotations

import operator
from typing import Annotated, Any, TypedDict

from agents.criteria import CampaignCriteria
from agents.shortlist import Shortlist
from agents.topicality import TopicEvidence


class Candidate(TypedDict):
    key: str
    retrieval_score: float
    retrieval_rank: int
    similarity: float
    payload: dict[str, Any]
    evidence: TopicEvidence | None  # None only when the brief names no topic


class ShortlistInput(TypedDict, total=False):
    message: str  # a brief, or a follow-up in a thread
    overrides: dict[str, Any] | None
    limit: int | None
    shortlist_id: str


class ShortlistState(TypedDict, total=False):
    message: str
    overrides: dict[str, Any] | None
    limit: int | None
    shortlist_id: str
    brief: str  # the thread's briefs and follow-ups so far, joined
    criteria: CampaignCriteria
    parser: str
    similar_to: list[str]  # creator keys a follow-up asked for "more like"
    query_text: str
    query_vector: list[float]
    candidates: list[Candidate]
    scored: list[dict[str, Any]]  # passed vetting, best first
    rejected: dict[str, str]  # key -> reason
    selected: list[str]
    relaxations: list[dict[str, Any]]
    spend_usd: dict[str, float]
    shortlist: Shortlist
    previous: list[dict[str, Any]]  # last shortlist's (rank, key) for "number 3" follow-ups
    warnings: Annotated[list[str], operator.add]
    timings: Annotated[dict[str, float], operator.or_]


class ShortlistOutput(TypedDict):
    shortlist: Shortlist
