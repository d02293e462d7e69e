"""Optional LLM prose for a shortlisted creator, held to the stored facts (DESIGN 2, Explain).

The model sees only a JSON data block built from the creator's stored facts, never raw
instructions from creator text, and its prose is accepted only when every number in it is
one of the facts' numbers (rounding allowed) and it names no other creator. Otherwise the
template explanation the pipeline already wrote stands.
"""

from __future__ import annotations

import json
import logging
import math
import re
from collections.abc import Iterable, Sequence
from typing import Any, Literal

from pydantic import BaseModel, Field

from agents.llm.client import LLMClient, LLMUnavailable
from agents.shortlist import ShortlistedCreator
from prompts import load_prompt

__all__ = ["Explanation", "ExplanationResult", "LLMExplainer", "check_numbers", "numbers_in"]

log = logging.getLogger(__name__)

# A number as prose writes it: 15,300 / 15300 / 3.86 / 3.9% / 15.3k / 1.2M / 2 million.
# Not inside words or handles (jane99, p1) and not ordinals (3rd): those are not quantities.
_NUMBER = re.compile(
    r"(?<![\w.])(?P<digits>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<fraction>\d+))?"
    r"(?:\s?(?P<suffix>%|percent\b|[kKmMbB](?![a-zA-Z])|thousand\b|million\b|billion\b))?"
    r"(?![\w%])"
)
_MULTIPLIERS = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "b": 1e9, "billion": 1e9}
_MENTION = re.compile(r"@([A-Za-z0-9_.]+[A-Za-z0-9_])")
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")

# Prose longer than this is not "two sentences" whatever its punctuation.
_MAX_CHARS = 600
_MAX_SENTENCES = 3  # two asked for; one spare for an abbreviation the splitter miscounts


class Explanation(BaseModel):
    """What the model returns."""

    text: str = Field(description="Exactly two plain sentences explaining the creator, using only the given facts")


class ExplanationResult(BaseModel):
    text: str
    source: Literal["llm", "template"]
    rejected: list[str] = Field(default_factory=list, description="Why LLM prose was not used, if it wasn't")


class _Number(BaseModel):
    text: str
    value: float  # in the prose's units: 3.9 for "3.9%"
    step: float  # the precision written: 0.1 for "3.9%", 1000 for "15k"
    percent: bool


def numbers_in(text: str) -> list[_Number]:
    found = []
    for match in _NUMBER.finditer(text):
        digits, fraction, suffix = match["digits"], match["fraction"] or "", (match["suffix"] or "").lower()
        value = float(digits.replace(",", "") + ("." + fraction if fraction else ""))
        step = 10.0 ** -len(fraction)
        percent = suffix in ("%", "percent")
        multiplier = _MULTIPLIERS.get(suffix, 1.0)
        found.append(_Number(
            text=match.group(0), value=value * multiplier, step=step * multiplier, percent=percent,
        ))
    return found


def check_numbers(prose: str, allowed_numbers: Iterable[float]) -> list[str]:
    """The numbers in `prose` that are not, even rounded as written, any allowed number.

    A prose number matches a fact when the fact rounds to it at the precision the prose
    shows ("15.3k" matches 15,300 and 15,340; "15,000" does not match 15,300). A
    percentage also matches a fraction (3.9% matches 0.039), since rates are stored as
    fractions. An empty list means the prose is safe to show.
    """
    allowed = [float(a) for a in allowed_numbers if a is not None and math.isfinite(float(a))]
    bad = []
    for number in numbers_in(prose):
        candidates = allowed + [a * 100 for a in allowed] if number.percent else allowed
        # Half a step either way is "rounds to"; the epsilon absorbs float representation.
        tolerance = number.step / 2 + 1e-9 * max(1.0, abs(number.value))
        if not any(abs(number.value - a) <= tolerance for a in candidates):
            bad.append(number.text.strip())
    return bad


class LLMExplainer:
    """Rewrites a creator's stored reasons as two sentences, or keeps the template text."""

    def __init__(self, client: LLMClient) -> None:
        self._client = client

    async def explain(self, creator: ShortlistedCreator, topics: Sequence[str] = ()) -> ExplanationResult:
        facts = facts_for(creator, topics)
        user = load_prompt("explain_creator_user", facts=_json_block(facts))
        try:
            answer = await self._client.complete_json(load_prompt("explain_creator"), user, Explanation)
        except LLMUnavailable as exc:
            return _template(creator, f"LLM unavailable ({exc.reason})")
        problems = review(answer.text, creator, facts)
        if problems:
            log.info("LLM explanation for @%s rejected: %s", creator.handle, problems)
            return _template(creator, *problems)
        return ExplanationResult(text=answer.text.strip(), source="llm")


def facts_for(creator: ShortlistedCreator, topics: Sequence[str] = ()) -> dict[str, Any]:
    """The stored facts the model may use: ranking output and metrics, not raw post text."""
    return {
        "handle": creator.handle,
        "platform": creator.platform,
        "display_name": creator.display_name,
        "followers": creator.followers,
        "country": creator.country,
        "engagement_rate": creator.engagement_rate,
        "engagement_rate_percent": None if creator.engagement_rate is None else round(creator.engagement_rate * 100, 2),
        "engagement_method": creator.engagement_method,
        "price_estimate": creator.price_estimate.model_dump() if creator.price_estimate else None,
        "campaign_topics": list(topics),
        "subtopic": creator.subtopic,
        "reasons": creator.reasons,
        "risks": creator.risks,
        "metrics": [
            {"metric": e.metric, "value": e.value, "method": e.method}
            for e in creator.evidence if e.kind == "metric"
        ],
    }


def review(prose: str, creator: ShortlistedCreator, facts: dict[str, Any]) -> list[str]:
    """Reasons to reject model prose; empty when it may be shown."""
    problems = []
    text = prose.strip()
    if not text:
        return ["empty prose"]
    if len(text) > _MAX_CHARS or len(_SENTENCE_END.findall(text)) > _MAX_SENTENCES:
        problems.append("prose too long")
    unsupported = check_numbers(text, allowed_numbers(facts))
    if unsupported:
        problems.append(f"numbers not in the facts: {', '.join(unsupported)}")
    others = {m.lower() for m in _MENTION.findall(text)} - {creator.handle.lower()}
    if others:
        problems.append(f"mentions other accounts: {', '.join(sorted(others))}")
    return problems


def allowed_numbers(facts: Any) -> list[float]:
    """Every number in the facts, including those written inside reason and risk texts."""
    found: list[float] = []
    if isinstance(facts, bool) or facts is None:
        return found
    if isinstance(facts, (int, float)):
        found.append(float(facts))
    elif isinstance(facts, str):
        for number in numbers_in(facts):
            # A percentage written in a fact is also the fraction it stands for.
            found.extend([number.value, number.value / 100] if number.percent else [number.value])
    elif isinstance(facts, dict):
        for value in facts.values():
            found.extend(allowed_numbers(value))
    elif isinstance(facts, (list, tuple)):
        for value in facts:
            found.extend(allowed_numbers(value))
    return found


def _json_block(facts: dict[str, Any]) -> str:
    # "<" as \u003c is the same JSON, but creator text can then never spell "</facts>"
    # and end the data block early.
    return json.dumps(facts, ensure_ascii=False, indent=1).replace("<", "\\u003c")


def _template(creator: ShortlistedCreator, *problems: str) -> ExplanationResult:
    return ExplanationResult(text=creator.explanation, source="template", rejected=list(problems))
