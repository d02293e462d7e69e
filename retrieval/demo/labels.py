"""Ground truth of the demo corpus: one `DemoLabel` per creator, written to
`FILE.labels.jsonl` in the same order as FILE. For evals only: vetting never reads it."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

FraudKind = Literal["bought_followers", "engagement_pod"]


class DemoLabel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    platform: str
    handle: str
    person_id: int = Field(description="Same number for the accounts of one person on different platforms (same handle)")
    niche: str = Field(description="Niche id from retrieval.demo.niches")
    subtopic: str = Field(description="Main sub-topic id")
    subtopics: list[str] = Field(description="All sub-topics the creator posts about (main first)")
    related_niches: list[str] = Field(description="Niches graded relevance 1 for this creator's niche")
    language: str = Field(description="Main content language, ISO 639-1")
    country: str
    tier: str = Field(description="Tier of the shown follower count on this platform")
    fraud: list[FraudKind] = Field(default_factory=list)
    safety: list[str] = Field(default_factory=list, description="Brand-safety categories present in posts or comments")
    safety_in_comments_only: bool = False
    safety_post_ids: list[str] = Field(default_factory=list, description="Posts whose text or comments carry the safety problem")
    over_sponsored: bool = False
    undisclosed_ads: bool = False
    undisclosed_post_ids: list[str] = Field(default_factory=list)
    inactive: bool = False
    injection: bool = False
    brands: list[str] = Field(default_factory=list, description="Sponsors named on sponsored posts, as written")
