"""The shortlist a run produces (DESIGN 5.4 Shortlist JSON)."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Literal

from pydantic import BaseModel, Field

from agents.criteria import CampaignCriteria

Verdict = Literal["pass", "warn", "fail", "insufficient_data"]


class Evidence(BaseModel):
    """One stored fact behind a claim: a post, or a metric with its method."""

    kind: Literal["post", "metric"]
    post_id: str | None = None
    url: str | None = None
    text: str | None = Field(None, description="Excerpt of the post text, verbatim")
    metric: str | None = None
    value: float | None = None
    method: str | None = None


class VettingResult(BaseModel):
    tool: str
    verdict: Verdict
    confidence: float = Field(ge=0, le=1)
    summary: str
    evidence: list[Evidence] = Field(default_factory=list)


class PriceRange(BaseModel):
    low: float
    high: float
    currency: str
    method: str


class ShortlistedCreator(BaseModel):
    rank: int
    platform: str
    handle: str
    display_name: str | None = None
    url: str | None = None
    followers: int
    country: str | None = None
    engagement_rate: float | None = None
    engagement_method: str | None = None
    score: float
    scores: dict[str, float] = Field(default_factory=dict)
    price_estimate: PriceRange | None = None
    explanation: str
    reasons: list[str] = Field(default_factory=list)
    risks: list[str] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    vetting: list[VettingResult] = Field(default_factory=list)
    subtopic: str | None = None
    topic_match: Literal["post_words", "post_meaning", "profile"] | None = Field(
        None, description="What the topical match rests on: the topic's distinguishing word in a quoted post, "
                          "a quoted post close in meaning, or only the overall content profile; None when the brief "
                          "names no topic")
    topic_post_id: str | None = Field(None, description="The quoted post that shows the topic")


class Relaxation(BaseModel):
    field: str
    suggestion: str
    adds: int = Field(description="How many more creators match with this change (counted in the index)")


class AppliedRelaxation(BaseModel):
    """A preference the run relaxed itself because too few creators met it (never a must)."""

    fields: list[str]
    change: str
    counted: int | None = Field(None, description="On-topic creators the change lets in, counted in the index")
    added: int = Field(description="Creators it added to this list")


class Shortlist(BaseModel):
    id: str
    brief: str
    criteria: CampaignCriteria
    creators: list[ShortlistedCreator] = Field(default_factory=list)
    assumptions: list[str] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    relaxations: list[Relaxation] = Field(default_factory=list)
    relaxed: list[AppliedRelaxation] = Field(default_factory=list, description="Preferences relaxed automatically")
    weights: dict[str, float] = Field(default_factory=dict)
    stats: dict[str, Any] = Field(default_factory=dict)
    thread_id: str | None = None
    created_at: datetime = Field(default_factory=lambda: datetime.now(timezone.utc))
