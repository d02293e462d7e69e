"""Graph state: a narrow input, the full internal state, an explicit output."""

from __future__ import annotations

import operator
from typing import Annotated, Any, TypedDict

from agents.criteria import CampaignCriteria
from agents.shortlist import Shortlist, ShortlistedCreator
from agents.topicality import TopicEvidence


class Candidate(TypedDict):
    key: str
    retrieval_score: float
    retrieval_rank: int
    similarity: float
    payload: dict[str, Any]
    evidence: TopicEvidence | None  # None only when the brief names no topic


# A node returning warnings starting with this marker starts the turn's list afresh: the
# checkpointer keeps state between turns, and one turn's warnings are not the next one's.
TURN_START = "\x00turn-start"


def turn_warnings(old: list[str] | None, new: list[str] | None) -> list[str]:
    """Warnings add up within a turn; the first node of a turn resets them."""
    new = new or []
    if new and new[0] == TURN_START:
        return list(new[1:])
    return (old or []) + new


class Turn(TypedDict, total=False):
    """What a thread remembers of one message: the text, what it changed, its shortlist."""

    message: str
    changes: list[str]
    rejected: list[str]
    shortlist_id: str
    parser: str
    criteria_before: dict[str, Any]  # a follow-up's starting criteria (JSON), for undo
    undone: bool  # undo or start over has taken this turn's changes back
    rewind: bool  # this turn was an undo or a start over


class ShortlistInput(TypedDict, total=False):
    message: str  # a brief, or a follow-up in a thread
    overrides: dict[str, Any] | None
    limit: int | None
    shortlist_id: str
    label: str | None  # how the thread shows an edit sent without a message


class ShortlistState(TypedDict, total=False):
    message: str
    overrides: dict[str, Any] | None
    limit: int | None
    shortlist_id: str
    label: str | None
    brief: str  # the thread's messages so far, joined (the shortlist's `brief`)
    messages: list[str]  # the thread's messages, one item each (a message may span lines)
    turns: list[Turn]  # thread memory: one item per message
    criteria: CampaignCriteria
    parser: str
    similar_to: list[str]  # creator keys a follow-up asked for "more like"
    kept: list[dict[str, Any]]  # "more like #2": #2's scored entry from the last turn, kept at the top
    shown_before: list[str]  # "more like": creators of the last list, not shown again
    query_text: str
    query_vector: list[float]
    candidates: list[Candidate]
    scored: list[dict[str, Any]]  # passed vetting, best first
    rejected: dict[str, str]  # key -> reason
    vetted: int  # candidates vetted so far, from the top of `candidates`
    selected: list[str]  # settled creators in rank order; grows while vetting goes on
    settled: bool  # the whole list is decided: vetting stops, the shortlist is assembled
    explained: list[ShortlistedCreator]  # the creators streamed so far, in rank order
    relaxations: list[dict[str, Any]]
    # Preferences first (agents/nodes/relax.py): soft constraints applied as filters until relaxed.
    preferred: list[str]  # preferences still applied as filters
    user_hard: list[str] | None  # the criteria's own `hard`, restored on the shortlist
    relax_round: int
    relaxed: list[dict[str, Any]]  # relaxation steps taken this turn
    spend_usd: dict[str, float]
    shortlist: Shortlist
    previous: list[dict[str, Any]]  # last shortlist's (rank, key) for "number 3" follow-ups
    warnings: Annotated[list[str], turn_warnings]
    timings: Annotated[dict[str, float], operator.or_]


class ShortlistOutput(TypedDict):
    shortlist: Shortlist
