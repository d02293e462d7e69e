"""The creator import format (DESIGN 5.1, a contract).

One creator per JSON line (or CSV row with the flat fields). Only `platform`, `handle`
and `followers` are required; anything unknown stays None and is never guessed.
Identity is `(platform, handle)`: see `Creator.key`.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from datetime import date, datetime, timezone
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Platform = Literal[
    "instagram", "tiktok", "youtube", "x", "linkedin",
    "xiaohongshu", "twitch", "pinterest", "facebook", "threads",
]
PLATFORMS: tuple[str, ...] = Platform.__args__  # type: ignore[attr-defined]
AGE_BUCKETS: tuple[str, ...] = ("13-17", "18-24", "25-34", "35-44", "45-54", "55+")

# A fixed namespace so point ids are stable across runs, machines and backends.
_POINT_NAMESPACE = uuid.UUID("6f1c9a52-4d0e-4d43-9a57-0c8e7f6b3a21")

CountryCode = Annotated[str, Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2")]
LanguageCode = Annotated[str, Field(pattern=r"^[a-z]{2}$", description="ISO 639-1")]
CurrencyCode = Annotated[str, Field(pattern=r"^[A-Z]{3}$", description="ISO 4217")]
# Every number has a documented, finite range: the store keeps counts in 64-bit integers
# and features multiply them, so an unbounded value (10**30, 1.7e308) would overflow there
# instead of being rejected here with a reason. The largest accounts have about 10**9
# followers and the most viewed videos about 2 * 10**10 views, so 10**12 leaves room.
MAX_COUNT = 10**12
# Budgets in low-value currencies run to 10**11 (IDR, VND); 10**12 is the ceiling.
MAX_AMOUNT = 1e12
Share = Annotated[float, Field(ge=0.0, le=1.0, allow_inf_nan=False)]
Count = Annotated[int, Field(ge=0, le=MAX_COUNT)]


class _Model(BaseModel):
    # Unknown fields are ignored rather than rejected: partners add their own columns.
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)


def _upper(value: Any) -> Any:
    return value.upper() if isinstance(value, str) else value


class Audience(_Model):
    countries: dict[CountryCode, Share] | None = None
    ages: dict[str, Share] | None = None
    genders: dict[Literal["female", "male", "other"], Share] | None = None

    @field_validator("countries", mode="before")
    @classmethod
    def _upper_countries(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {_upper(k): v for k, v in value.items()}
        return value

    @field_validator("ages")
    @classmethod
    def _known_buckets(cls, value: dict[str, float] | None) -> dict[str, float] | None:
        if value:
            unknown = sorted(set(value) - set(AGE_BUCKETS))
            if unknown:
                raise ValueError(f"unknown age bucket(s) {unknown}; use {list(AGE_BUCKETS)}")
        return value


class Money(_Model):
    amount: float = Field(ge=0, le=MAX_AMOUNT, allow_inf_nan=False)
    currency: CurrencyCode = "USD"

    _upper_currency = field_validator("currency", mode="before")(classmethod(lambda cls, v: _upper(v)))


class RateCard(Money):
    per: str = "post"


class FollowerSnapshot(_Model):
    date: date
    followers: Count


class Location(_Model):
    country: CountryCode | None = None
    city: str | None = None

    _upper_country = field_validator("country", mode="before")(classmethod(lambda cls, v: _upper(v)))


def parse_timestamp(value: Any) -> Any:
    """Accept ISO 8601 with or without zone or 'T'; naive times are read as UTC."""
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        text = text.replace("Z", "+00:00")
        parsed = datetime.fromisoformat(text)
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value


class Post(_Model):
    id: str | None = None
    url: str | None = None
    created_at: datetime | None = None
    format: str | None = None
    text: str | None = None
    hashtags: list[str] = Field(default_factory=list)
    mentions: list[str] = Field(default_factory=list)
    views: Count | None = None
    likes: Count | None = None
    comments: Count | None = None
    shares: Count | None = None
    saves: Count | None = None
    sponsored: bool | None = None
    sponsors: list[str] = Field(default_factory=list)
    location: Location | None = None
    comments_sample: list[str] = Field(default_factory=list)

    @field_validator("id", mode="before")
    @classmethod
    def _id_as_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int) else value

    @field_validator("created_at", mode="before")
    @classmethod
    def _timestamp(cls, value: Any) -> Any:
        return parse_timestamp(value)

    @field_validator("hashtags", "mentions", "sponsors", mode="before")
    @classmethod
    def _tags(cls, value: Any) -> Any:
        if value is None:
            return []
        if isinstance(value, list):
            return [str(v).lstrip("#@").strip() for v in value if str(v).strip()]
        return value

    @field_validator("comments_sample", mode="before")
    @classmethod
    def _none_list(cls, value: Any) -> Any:
        return [] if value is None else value


_HANDLE = re.compile(r"^[\w.\-]{1,100}$", re.UNICODE)


class Creator(_Model):
    platform: Platform
    handle: str = Field(min_length=1, max_length=100)
    followers: Count = Field(description="Followers; subscribers on YouTube, connections on LinkedIn")
    display_name: str | None = None
    bio: str | None = None
    following: Count | None = None
    posts_count: Count | None = None
    verified: bool | None = None
    country: CountryCode | None = None
    city: str | None = None
    languages: list[LanguageCode] = Field(default_factory=list)
    categories: list[str] = Field(default_factory=list)
    audience: Audience | None = None
    rate_card: RateCard | None = None
    follower_history: list[FollowerSnapshot] = Field(default_factory=list)
    posts: list[Post] = Field(default_factory=list)
    source: dict[str, Any] | None = None

    @field_validator("platform", mode="before")
    @classmethod
    def _platform_lower(cls, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("handle", mode="before")
    @classmethod
    def _handle(cls, value: Any) -> Any:
        if isinstance(value, str):
            # NFKC folds full-width and compatibility forms ("ＡＰＩ" -> "API") before the check.
            value = normalize_handle(value)
            if not _HANDLE.match(value):
                raise ValueError("handle may hold letters, digits, '.', '_' and '-' only (1-100 chars)")
        return value

    @field_validator("country", mode="before")
    @classmethod
    def _country(cls, value: Any) -> Any:
        return _upper(value) or None

    @field_validator("languages", mode="before")
    @classmethod
    def _languages(cls, value: Any) -> Any:
        if value is None:
            return []
        if isinstance(value, str):
            value = [v for v in re.split(r"[,;| ]+", value) if v]
        return [v.lower() if isinstance(v, str) else v for v in value]

    @field_validator("categories", "follower_history", "posts", mode="before")
    @classmethod
    def _none_list(cls, value: Any) -> Any:
        if value is None:
            return []
        if isinstance(value, str):
            return [v for v in re.split(r"[,;|]+", value) if v.strip()]
        return value

    @property
    def key(self) -> str:
        """Identity `(platform, handle)`; handles compare case-insensitively."""
        return creator_key(self.platform, self.handle)

    @property
    def point_id(self) -> str:
        return point_id_for(self.key)


def normalize_handle(handle: str) -> str:
    """The handle as stored: NFKC (full-width and compatibility forms folded), no '@'."""
    return unicodedata.normalize("NFKC", handle).strip().lstrip("@")


def creator_key(platform: str, handle: str) -> str:
    # casefold, not lower: identity must not depend on case in any script ("Straße" == "STRASSE").
    return f"{platform.lower()}:{normalize_handle(handle).casefold()}"


def point_id_for(key: str) -> str:
    return str(uuid.uuid5(_POINT_NAMESPACE, key))


def creator_json_schema() -> dict[str, Any]:
    """The JSON Schema partners validate against (`castlist schema`)."""
    schema = Creator.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "castlist creator (import format, one per JSON line)"
    return schema
