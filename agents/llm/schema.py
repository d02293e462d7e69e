"""The answer schema the model fills for a brief: small, closed and enforceable by a grammar.

`CampaignCriteria` is the contract and stays permissive for other clients; the model gets
this narrower shape instead. Every choice is an enum (platforms, tiers, formats, brand-safety
categories, the names in `hard`, ISO country and language codes), every array and string has
a length limit, and numbers have ranges, so a grammar-constrained server (llama.cpp,
vLLM, OpenAI strict mode) cannot produce "UK", "pt-br", "only" in `hard` or a list that
never ends. What it says is then checked against the brief (agents/llm/merge.py).
"""

from __future__ import annotations

from typing import Annotated, Literal

from babel import Locale
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from agents.llm.checks import CHECKS, CheckName
from agents.criteria import CONSTRAINT_FIELDS, CampaignCriteria, SafetyCategory, Tier
from agents.parsing.geo_data import ISO_CODES
from retrieval.schema import PLATFORMS

# Formats the offline parser and the vetting tools know (agents/parsing/formats.py).
FORMATS: tuple[str, ...] = ("reel", "short", "video", "story", "live", "image", "carousel", "text", "post")
# Currencies a brief is likely to name; anything else is left to the offline parser.
CURRENCIES: tuple[str, ...] = ("USD", "EUR", "GBP", "CHF", "SEK", "NOK", "DKK", "PLN", "CAD", "AUD", "NZD", "JPY",
                               "CNY", "INR", "BRL", "MXN", "KRW", "SGD", "AED")
# ISO 639-1: the two-letter languages babel knows (no regional tags such as "pt-br").
LANGUAGE_CODES: tuple[str, ...] = tuple(sorted(
    code for code in Locale("en").languages if len(code) == 2 and code.isalpha() and code.islower()))
COUNTRY_CODES: tuple[str, ...] = tuple(sorted(ISO_CODES))

Platform = Literal[PLATFORMS]  # type: ignore[valid-type]
Format = Literal[FORMATS]  # type: ignore[valid-type]
Currency = Literal[CURRENCIES]  # type: ignore[valid-type]
Country = Literal[COUNTRY_CODES]  # type: ignore[valid-type]
Language = Literal[LANGUAGE_CODES]  # type: ignore[valid-type]
HardField = Literal[CONSTRAINT_FIELDS]  # type: ignore[valid-type]
Phrase = Annotated[str, StringConstraints(min_length=1, max_length=40)]
Handle = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.]{1,30}$")]
Sentence = Annotated[str, StringConstraints(min_length=1, max_length=160)]


class LLMMoney(BaseModel):
    model_config = ConfigDict(extra="forbid")

    amount: float = Field(ge=0, le=1e9, description="The amount as a plain number, in the brief's currency")
    currency: Currency = Field(description="ISO 4217 code of the currency the brief wrote")


class LLMCriteria(BaseModel):
    """The model's reading of a brief; fields it cannot read from the brief stay empty."""

    model_config = ConfigDict(extra="forbid")

    # Descriptions are short on purpose: they are the field guide in the prompt, and every
    # prompt token is paid on each uncached request. Field names are the contract's.
    platforms: list[Platform] = Field(default_factory=list, max_length=len(PLATFORMS), description="Platforms the brief names")
    followers_min: int | None = Field(None, ge=0, le=1_000_000_000, description="Lowest follower count the brief writes")
    followers_max: int | None = Field(None, ge=0, le=1_000_000_000, description="Highest follower count the brief writes")
    tiers: list[Tier] = Field(default_factory=list, max_length=5, description="Size words the brief writes (nano, micro, mid, macro, mega)")
    topics: list[Phrase] = Field(default_factory=list, max_length=5, description="What the creators post about, in the brief's words")
    creator_countries: list[Country] = Field(default_factory=list, max_length=12, description="ISO 3166-1 alpha-2 codes of where creators are based (United Kingdom = GB)")
    audience_countries: list[Country] = Field(default_factory=list, max_length=12, description="ISO 3166-1 alpha-2 codes of where the audience is, only if the brief says so of the audience")
    languages: list[Language] = Field(default_factory=list, max_length=6, description="ISO 639-1 codes of languages the brief names")
    audience_gender: Literal["female", "male"] | None = Field(None, description="The audience's gender, if the brief says it")
    audience_age_min: int | None = Field(None, ge=13, le=100, description="Youngest audience age the brief writes")
    audience_age_max: int | None = Field(None, ge=13, le=100, description="Oldest audience age the brief writes")
    min_engagement_rate: float | None = Field(None, ge=0, le=0.5, description="Engagement floor the brief writes, as a fraction of 1")
    budget: LLMMoney | None = Field(None, description="Total budget the brief writes")
    max_price_per_post: LLMMoney | None = Field(None, description="Price cap per post or per creator the brief writes")
    creators_count: int | None = Field(None, ge=1, le=200, description="How many creators the brief asks for")
    formats: list[Format] = Field(default_factory=list, max_length=len(FORMATS), description="Content formats the brief names")
    exclude_topics: list[SafetyCategory] = Field(default_factory=list, max_length=10, description="Brand-safety categories the brief rules out")
    exclude_brands: list[Phrase] = Field(default_factory=list, max_length=8, description="Brands creators must not have promoted")
    exclude_handles: list[Handle] = Field(default_factory=list, max_length=8, description="Handles the brief writes with @ to leave out, without the @")
    exclude_keywords: list[Phrase] = Field(default_factory=list, max_length=8, description="Other content the brief rules out, in its words, lower case ('crypto', 'fast food'); not a brand-safety category")
    exclude_countries: list[Country] = Field(default_factory=list, max_length=8, description="ISO 3166-1 alpha-2 codes of where creators must not be based ('not in France', 'except Spain')")
    creator_gender: Literal["female", "male"] | None = Field(None, description="The creators' own gender, only if the brief asks for female or male creators; not the audience's")
    creator_cities: list[Phrase] = Field(default_factory=list, max_length=8, description="Cities where creators are based, English names ('Munich', 'New York')")
    # Short: only the names of fields the model's own supported values fill are used (merge.py);
    # a long list let the model repeat names until the token cap.
    hard: list[HardField] = Field(default_factory=list, max_length=4, description="Fields the brief calls non-negotiable")
    checks: list[CheckName] = Field(default_factory=list, max_length=len(CHECKS),
                                    description="audience_age if the product has a legal age limit, "
                                                "brand_safety if it targets children")

    def to_criteria(self) -> CampaignCriteria:
        """The contract model; raises when the combination is invalid (min above max)."""
        data = self.model_dump(exclude={"checks"})
        data["hard"] = [h for h in data["hard"] if data.get(h) not in (None, [])]
        return CampaignCriteria.model_validate(data)


def field_guide() -> str:
    """One line per field from the schema's own descriptions: a grammar makes the model
    follow the shape, but only the prompt tells it what each field means."""
    return "\n".join(f"- `{name}`: {info.description}" for name, info in LLMCriteria.model_fields.items())
