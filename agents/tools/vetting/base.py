"""Shared input model and helpers of the vetting tools (DESIGN 2 "Vet").

Each tool is `check_X(inp: VettingInput) -> VettingResult`: a verdict (pass / warn /
fail / insufficient_data), a confidence in [0, 1], a one-sentence summary that carries
the numbers, and evidence (posts with verbatim excerpts, or metrics with value and
method). Tools read only the creator's observable data and its ingest features.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from agents.criteria import CampaignCriteria
from agents.shortlist import Evidence, Verdict, VettingResult
from retrieval.features import CreatorFeatures
from retrieval.schema import Creator, Post

EXCERPT_CHARS = 160


class VettingInput(BaseModel):
    """What every vetting tool sees: one creator, its features and the campaign."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    creator: Creator
    features: CreatorFeatures
    criteria: CampaignCriteria = Field(default_factory=CampaignCriteria)
    now: datetime | None = Field(
        None, description="Reference time for recency; default: the features' ingest-time values"
    )


def result(tool: str, verdict: Verdict, confidence: float, summary: str, evidence: list[Evidence] | None = None) -> VettingResult:
    return VettingResult(
        tool=tool,
        verdict=verdict,
        confidence=round(min(max(confidence, 0.0), 1.0), 2),
        summary=summary,
        evidence=evidence or [],
    )


def metric(name: str, value: float | None, method: str) -> Evidence:
    return Evidence(kind="metric", metric=name, value=None if value is None else round(float(value), 6), method=method)


def post_evidence(post: Post, text: str | None = None, method: str | None = None) -> Evidence:
    """A post as evidence; `text` is a verbatim excerpt (default: the caption's start)."""
    excerpt = text if text is not None else (post.text or "")[:EXCERPT_CHARS]
    return Evidence(kind="post", post_id=post.id, url=post.url, text=excerpt or None, method=method)


def posts_by_id(creator: Creator) -> dict[str, Post]:
    """Posts keyed the way features name them (the id, or '#<index>' when missing)."""
    return {(p.id or f"#{i}"): p for i, p in enumerate(creator.posts)}


def pct(value: float | None, digits: int = 1) -> str:
    return "n/a" if value is None else f"{value * 100:.{digits}f}%"


def worst(verdicts: list[Verdict]) -> Verdict:
    """fail > warn > pass; insufficient_data only when nothing else is known."""
    for v in ("fail", "warn", "pass"):
        if v in verdicts:
            return v  # type: ignore[return-value]
    return "insufficient_data"
