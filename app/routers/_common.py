"""Request pieces the routers share: brief checks and path-parameter patterns."""

from __future__ import annotations

import json
import unicodedata
from typing import Any

from agents.criteria import CampaignCriteria
from app.problems import invalid
from app.settings import Settings
from retrieval.rows import has_surrogate
from retrieval.signals.pricing import FX_TO_USD

# Ids we generate are uuid4 hex; thread ids are the caller's, so only plain tokens are taken.
ID_PATTERN = r"^[A-Za-z0-9_-]{1,64}$"


def _without_controls(text: str) -> str:
    # NUL and other control characters carry no meaning in a brief; newlines and tabs do.
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")


def check_brief(text: str, settings: Settings, field: str = "body.brief") -> str:
    """The brief stripped of control characters; a 422 naming the field when it is empty,
    over the configured length, not valid Unicode, or holds no word at all."""
    if len(text) > settings.max_brief_chars:
        raise invalid(field, f"is {len(text)} characters; the limit is {settings.max_brief_chars}", "string_too_long")
    if has_surrogate(text):
        # A lone UTF-16 surrogate (JSON "\ud800") cannot be stored or sent back.
        raise invalid(field, "holds an unpaired UTF-16 surrogate (e.g. \\ud800); send valid Unicode", "unicode_error")
    stripped = _without_controls(text).strip()
    if not stripped:
        raise invalid(field, "must not be empty", "string_too_short")
    if not any(unicodedata.category(ch)[0] in "LN" for ch in stripped):
        # Emoji or punctuation alone: any shortlist would be arbitrary.
        raise invalid(field, "has no words to search for; describe the creators you want", "no_words")
    return stripped


def check_criteria(criteria: CampaignCriteria | None, field: str = "body.criteria") -> None:
    """Overrides must be storable text, and money in a currency we convert (else the
    budget would be silently ignored)."""
    if criteria is None:
        return
    if has_surrogate(json.dumps(criteria.model_dump(mode="python"), ensure_ascii=False, default=str)):
        raise invalid(field, "holds an unpaired UTF-16 surrogate (e.g. \\ud800); send valid Unicode", "unicode_error")
    for name in ("budget", "max_price_per_post"):
        money = getattr(criteria, name, None)
        if money is not None and money.currency.upper() not in FX_TO_USD:
            raise invalid(f"{field}.{name}.currency",
                          f"{money.currency!r} is not a currency this service converts; use one of "
                          f"{', '.join(sorted(FX_TO_USD))}", "unknown_currency")


def overrides_of(criteria: CampaignCriteria | None) -> dict[str, Any] | None:
    """Only the fields the caller set: the rest of the criteria still come from the brief."""
    if criteria is None or not criteria.model_fields_set:
        return None
    return criteria.model_dump(mode="json", include=criteria.model_fields_set)
