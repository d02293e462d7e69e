"""The LLM brief parser: the model reads the brief, the offline parser checks and backs it up.

Both parsers run on every brief (the offline one concurrently, in a thread). The model's
answer wins on every field it sets; the offline reading fills what the model left empty,
and each such decision is written into `assumptions` so the user sees where a value came
from. When the model gives nothing usable, the offline result is returned with a warning
that says why.
"""

from __future__ import annotations

import asyncio
import logging
import re
from typing import Any

import pydantic

from agents.brief_parser import OfflineParseFn, load_offline_parser
from agents.criteria import CONSTRAINT_FIELDS, CampaignCriteria, ParseResult
from agents.llm.client import LLMClient, LLMUnavailable
from prompts import load_prompt

__all__ = ["LLMBriefParser", "merge_criteria"]

log = logging.getLogger(__name__)

# Fields that only make sense together: filled from the offline reading as a unit, and only
# when the model set none of them, so a merge can't pair the model's minimum with the
# offline maximum (or follower numbers with a different tier than the model read).
_GROUPS: tuple[tuple[str, ...], ...] = (
    ("tiers", "followers_min", "followers_max"),
    ("audience_age_min", "audience_age_max"),
)
_NOT_MERGED = frozenset({"hard", "assumptions", "conflicts"})

# Something in the brief that looks like our delimiter would let the brief "close" its own
# data block; such look-alikes are defanged before the brief goes into the prompt.
_DELIMITER_LOOKALIKE = re.compile(r"<(\s*/?\s*brief\s*)>", re.IGNORECASE)


class LLMBriefParser:
    """`BriefParser` that asks a model first and falls back to the offline parser."""

    def __init__(self, client: LLMClient, fallback: OfflineParseFn | None = None) -> None:
        self._client = client
        self._fallback = fallback  # None: the project's offline parser, imported on first use

    async def parse(self, brief: str) -> ParseResult:
        if not brief.strip():
            return await self._parse_offline(brief)  # nothing for a model to read

        offline_task = asyncio.create_task(self._parse_offline(brief))
        llm: CampaignCriteria | None = None
        try:
            llm = await self._ask_model(brief)
            problem = _implausible(llm)
        except LLMUnavailable as exc:
            problem = exc.reason
        except asyncio.CancelledError:
            offline_task.cancel()
            raise
        except Exception as exc:  # noqa: BLE001 - a bug on the LLM path must not cost the user a parse
            log.exception("LLM brief parser failed")
            problem = f"error: {type(exc).__name__}"

        try:
            offline = await offline_task
        except Exception:
            if llm is None or problem is not None:
                raise  # neither parser produced anything: that is a real failure
            log.exception("offline parser failed; using the LLM result unchecked")
            return ParseResult(
                criteria=llm, parser="llm",
                warnings=["The rule-based parser failed; the LLM result was not cross-checked"],
            )

        if llm is None or problem is not None:
            warning = f"LLM parser unavailable ({problem}); used the offline parser"
            return offline.model_copy(update={"warnings": [*offline.warnings, warning]})

        return ParseResult(criteria=merge_criteria(llm, offline.criteria, brief), parser="llm")

    async def _parse_offline(self, brief: str) -> ParseResult:
        # Imported here, inside the task: a broken offline parser then costs the cross-check
        # only, not an LLM answer that is fine on its own.
        fallback = self._fallback or load_offline_parser()
        # A worker thread: the offline parser is CPU work that would stall the event loop.
        return await asyncio.to_thread(fallback, brief)

    async def _ask_model(self, brief: str) -> CampaignCriteria:
        system = load_prompt("parse_brief")
        user = load_prompt("parse_brief_user", brief=_DELIMITER_LOOKALIKE.sub(r"‹\1›", brief))
        return await self._client.complete_json(system, user, CampaignCriteria)


def _implausible(llm: CampaignCriteria) -> str | None:
    """Why a schema-valid answer still can't be used, or None."""
    if not any(_is_set(getattr(llm, name)) for name in CONSTRAINT_FIELDS) and not llm.creators_count:
        return "the model extracted no criteria"
    return None


def merge_criteria(llm: CampaignCriteria, offline: CampaignCriteria, brief: str) -> CampaignCriteria:
    """Combine the model's reading with the offline one; every decision lands in `assumptions`."""
    values: dict[str, Any] = llm.model_dump()
    offline_values: dict[str, Any] = offline.model_dump()
    hard = list(llm.hard)
    notes: list[str] = []

    # Handles to exclude must be in the brief: a model that adds a creator to the exclusion
    # list on its own would silently remove someone from every result.
    lowered = brief.lower()
    invented = [h for h in llm.exclude_handles if h not in lowered]
    if invented:
        values["exclude_handles"] = [h for h in llm.exclude_handles if h not in invented]
        notes.append(f"Ignored excluded handle(s) not named in the brief: {', '.join(invented)}")

    grouped = {name for group in _GROUPS for name in group}
    units: list[tuple[str, ...]] = [*_GROUPS] + [
        (name,) for name in CampaignCriteria.model_fields
        if name not in grouped and name not in _NOT_MERGED
    ]
    for unit in units:
        llm_set = [name for name in unit if _is_set(values[name])]
        offline_set = [name for name in unit if _is_set(offline_values[name])]
        if not offline_set:
            continue
        if not llm_set:
            for name in offline_set:
                values[name] = offline_values[name]
                if offline.is_hard(name) and name not in hard:
                    hard.append(name)
            shown = ", ".join(f"{name} = {_show(offline_values[name])}" for name in offline_set)
            notes.append(f"Taken from the rule-based parser (the LLM left it empty): {shown}")
        elif len(unit) == 1 and not isinstance(values[unit[0]], list) and values[unit[0]] != offline_values[unit[0]]:
            name = unit[0]
            notes.append(
                f"{name}: used the LLM's reading {_show(values[name])} over the "
                f"rule-based parser's {_show(offline_values[name])}"
            )

    values["hard"] = hard
    values["assumptions"] = _unique([*llm.assumptions, *notes])
    values["conflicts"] = _unique([*llm.conflicts, *offline.conflicts])
    try:
        return CampaignCriteria.model_validate(values)
    except pydantic.ValidationError:
        # Each fill is valid on its own; if a combination still isn't, the model's own
        # (already valid) reading is the honest answer.
        log.warning("merged criteria invalid; keeping the LLM reading alone", exc_info=True)
        return llm.model_copy(update={"assumptions": _unique([
            *llm.assumptions, "The rule-based reading could not be combined with the LLM's; used the LLM's alone",
        ])})


def _is_set(value: object) -> bool:
    return value is not None and value != [] and value != ""


def _show(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict) and {"amount", "currency"} <= value.keys():
        return f"{value['amount']:g} {value['currency']}"
    return str(value)


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
