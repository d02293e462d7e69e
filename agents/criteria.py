"""CampaignCriteria: what a brief asks for (DESIGN 5.3; field names are a contract).

Every parser (offline rules, LLM) produces this model; the field descriptions double as
the LLM's output schema, so they say precisely what each field means.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from retrieval.schema import PLATFORMS, Money

Tier = Literal["nano", "micro", "mid", "macro", "mega"]
TIERS: tuple[str, ...] = Tier.__args__  # type: ignore[attr-defined]

# Fixed brand-safety categories (DESIGN 5.3).
SafetyCategory = Literal[
    "alcohol", "gambling", "tobacco", "drugs", "adult",
    "violence", "weapons", "politics", "profanity", "hate",
]
SAFETY_CATEGORIES: tuple[str, ...] = SafetyCategory.__args__  # type: ignore[attr-defined]

# Field names a brief may mark as hard constraints (filters in the index or hard vetting).
CONSTRAINT_FIELDS: tuple[str, ...] = (
    "platforms", "followers_min", "followers_max", "tiers", "topics", "creator_countries",
    "audience_countries", "languages", "audience_gender", "audience_age_min",
    "audience_age_max", "min_engagement_rate", "budget", "max_price_per_post",
    "formats", "exclude_topics", "exclude_brands", "exclude_handles",
    "exclude_keywords", "exclude_countries", "creator_gender", "creator_cities",
)


class CampaignCriteria(BaseModel):
    """Structured campaign criteria parsed from a plain-English brief."""

    model_config = ConfigDict(extra="forbid")

    platforms: list[str] = Field(default_factory=list, description="Platforms to search; empty means any. Values: " + ", ".join(PLATFORMS))
    followers_min: int | None = Field(None, ge=0, description="Minimum followers (inclusive)")
    followers_max: int | None = Field(None, ge=0, description="Maximum followers (inclusive)")
    tiers: list[Tier] = Field(default_factory=list, description="Creator size tiers named in the brief")
    topics: list[str] = Field(default_factory=list, description="What the creators make content about, in the brief's own words")
    creator_countries: list[str] = Field(default_factory=list, description="ISO 3166-1 alpha-2 codes of where creators are based")
    audience_countries: list[str] = Field(default_factory=list, description="ISO 3166-1 alpha-2 codes of where the audience is")
    languages: list[str] = Field(default_factory=list, description="ISO 639-1 codes of the content language")
    audience_gender: Literal["female", "male"] | None = Field(None, description="Required majority audience gender")
    audience_age_min: int | None = Field(None, ge=13, le=100, description="Youngest audience age wanted")
    audience_age_max: int | None = Field(None, ge=13, le=100, description="Oldest audience age wanted")
    min_engagement_rate: float | None = Field(None, ge=0, le=1, description="Engagement floor as a fraction: 0.03 is 3%")
    budget: Money | None = Field(None, description="Total campaign budget")
    max_price_per_post: Money | None = Field(None, description="Price cap per creator post")
    creators_count: int | None = Field(None, ge=1, le=1000, description="How many creators are wanted")
    formats: list[str] = Field(default_factory=list, description="Content formats: reel, short, video, story, live, image, carousel, text")
    exclude_topics: list[SafetyCategory] = Field(default_factory=list, description="Brand-safety categories to exclude")
    exclude_brands: list[str] = Field(default_factory=list, description="Brands the creators must not have promoted")
    exclude_handles: list[str] = Field(default_factory=list, description="Creator handles to leave out, without '@'")
    exclude_keywords: list[str] = Field(default_factory=list, description="Content the creators must not post about "
                                        "that is not a brand-safety category, in the brief's words: 'crypto', 'fast food'")
    exclude_countries: list[str] = Field(default_factory=list, description="ISO 3166-1 alpha-2 codes of where creators "
                                         "must not be based")
    creator_gender: Literal["female", "male"] | None = Field(None, description="The creator's own gender, only when the "
                                                              "brief asks for it ('female creators'); not the audience's")
    creator_cities: list[str] = Field(default_factory=list, description="Cities where the creators are based, in English "
                                      "('Munich', not 'München'), when the brief names cities")
    hard: list[str] = Field(default_factory=list, description="Names of the fields above that are hard constraints")
    assumptions: list[str] = Field(default_factory=list, description="What was inferred, in words")
    conflicts: list[str] = Field(default_factory=list, description="Contradictions found in the brief, in words; not silently resolved")

    @field_validator("platforms")
    @classmethod
    def _known_platforms(cls, value: list[str]) -> list[str]:
        value = [v.strip().lower() for v in value]
        unknown = [v for v in value if v not in PLATFORMS]
        if unknown:
            raise ValueError(f"unknown platform(s) {unknown}; use {list(PLATFORMS)}")
        return list(dict.fromkeys(value))

    @field_validator("creator_countries", "audience_countries", "exclude_countries")
    @classmethod
    def _countries(cls, value: list[str]) -> list[str]:
        value = [v.strip().upper() for v in value]
        bad = [v for v in value if len(v) != 2 or not v.isalpha()]
        if bad:
            raise ValueError(f"country codes must be ISO 3166-1 alpha-2, got {bad}")
        return list(dict.fromkeys(value))

    @field_validator("languages")
    @classmethod
    def _languages(cls, value: list[str]) -> list[str]:
        value = [v.strip().lower() for v in value]
        bad = [v for v in value if len(v) != 2 or not v.isalpha()]
        if bad:
            raise ValueError(f"language codes must be ISO 639-1, got {bad}")
        return list(dict.fromkeys(value))

    @field_validator("exclude_handles")
    @classmethod
    def _handles(cls, value: list[str]) -> list[str]:
        return list(dict.fromkeys(v.strip().lstrip("@").lower() for v in value if v.strip()))

    @field_validator("exclude_keywords", "creator_cities")
    @classmethod
    def _words(cls, value: list[str]) -> list[str]:
        return list(dict.fromkeys(v.strip() for v in value if v.strip()))

    @field_validator("hard")
    @classmethod
    def _hard_fields(cls, value: list[str]) -> list[str]:
        unknown = [v for v in value if v not in CONSTRAINT_FIELDS]
        if unknown:
            raise ValueError(f"hard names unknown field(s) {unknown}")
        return list(dict.fromkeys(value))

    @model_validator(mode="after")
    def _ranges(self) -> "CampaignCriteria":
        if self.followers_min is not None and self.followers_max is not None and self.followers_min > self.followers_max:
            raise ValueError(f"followers_min {self.followers_min} is above followers_max {self.followers_max}")
        if self.audience_age_min is not None and self.audience_age_max is not None and self.audience_age_min > self.audience_age_max:
            raise ValueError(f"audience_age_min {self.audience_age_min} is above audience_age_max {self.audience_age_max}")
        return self

    def is_hard(self, field: str) -> bool:
        return field in self.hard


class ParseResult(BaseModel):
    """A parser's answer: the criteria plus how they were obtained."""

    criteria: CampaignCriteria
    parser: Literal["offline", "llm"] = "offline"
    warnings: list[str] = Field(default_factory=list)
