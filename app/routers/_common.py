"""Request pieces the routers share: brief checks and path-parameter patterns."""

from __future__ import annotations

from typing import Any

from agents.criteria import CampaignCriteria
from app.problems import invalid
from app.settings import Settings

# Ids we generate are uuid4 hex; thread ids are the caller's, so only plain tokens are taken.
ID_PATTERN = r"^[A-Za-z0-9_-]{1,64}$"


def check_brief(text: str, settings: Settings, field: str = "body.brief") -> str:
    """The brief stripped; empty or over the configured length is a 422 naming the field."""
    stripped = text.strip()
    if not stripped:
        raise invalid(field, "must not be empty", "string_too_short")
    if len(text) > settings.max_brief_chars:
        raise invalid(field, f"is {len(text)} characters; the limit is {settings.max_brief_chars}", "string_too_long")
    return stripped


def overrides_of(criteria: CampaignCriteria | None) -> dict[str, Any] | None:
    """Only the fields the caller set: the rest of the criteria still come from the brief."""
    if criteria is None or not criteria.model_fields_set:
        return None
    return criteria.model_dump(mode="json", include=criteria.model_fields_set)
