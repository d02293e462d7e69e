"""The LLM brief parser: the model reads the brief, the offline parser checks and backs it up.

Both parsers run on every brief (the offline one concurrently, in a thread). The model
answers a grammar-enforceable schema (agents/llm/schema.py) and the merge
(agents/llm/merge.py) keeps the offline reading wherever the two disagree unless the
brief's own text supports the model's value, and drops values the brief never mentions.
When the model gives nothing usable, the offline result is returned with a warning that
says why.
"""

from __future__ import annotations

import asyncio
import logging
import re

from agents.brief_parser import OfflineParseFn, load_offline_parser
from agents.criteria import CampaignCriteria, ParseResult
from agents.llm.client import LLMClient, LLMUnavailable
from agents.llm.merge import MergeOutcome, merge
from agents.llm.schema import LLMCriteria, field_guide
from prompts import load_prompt

__all__ = ["LLMBriefParser", "merge_criteria"]

log = logging.getLogger(__name__)

# Something in the brief that looks like our delimiter would let the brief "close" its own
# data block; such look-alikes are defanged before the brief goes into the prompt.
_DELIMITER_LOOKALIKE = re.compile(r"<(\s*/?\s*brief\s*)>", re.IGNORECASE)


class LLMBriefParser:
    """`BriefParser` that asks a model first and falls back to the offline parser."""

    def __init__(self, client: LLMClient, fallback: OfflineParseFn | None = None, *,
                 answer_tokens: int | None = None) -> None:
        self._client = client
        self._fallback = fallback  # None: the project's offline parser, imported on first use
        # The model's answer is cut here and read up to its last whole field: a small model
        # tends to go on filling every field with guesses the merge then drops, and each
        # token costs 0.1-0.4 s on a CPU. None: the client's cap, and a cut answer is retried.
        self._answer_tokens = answer_tokens
        # The last parse's merge decisions and failure, for `castlist eval --llm` (informational:
        # concurrent parses overwrite it).
        self.last_outcome: MergeOutcome | None = None
        self.last_problem: str | None = None
        self.last_answer: LLMCriteria | None = None  # the model's schema-valid answer, for replaying it in tests

    async def parse(self, brief: str) -> ParseResult:
        if not brief.strip():
            return await self._parse_offline(brief)  # nothing for a model to read

        offline_task = asyncio.create_task(self._parse_offline(brief))
        self.last_outcome, self.last_problem, self.last_answer = None, None, None
        llm: LLMCriteria | None = None
        try:
            llm = self.last_answer = await self._ask_model(brief)
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
            log.exception("offline parser failed; using the LLM values the brief supports")
            outcome = merge(llm, CampaignCriteria(), brief)
            if outcome.rejected:
                raise
            return ParseResult(
                criteria=outcome.criteria, parser="llm",
                warnings=["The rule-based parser failed; only the LLM values the brief's text supports were used"],
            )

        self.last_problem = problem
        if llm is None or problem is not None:
            warning = f"LLM parser unavailable ({problem}); used the offline parser"
            return offline.model_copy(update={"warnings": [*offline.warnings, warning]})

        outcome = merge(llm, offline.criteria, brief)
        self.last_outcome = outcome
        if outcome.rejected:
            warning = f"LLM answer not used ({outcome.rejected}); used the offline parser"
            return offline.model_copy(update={"warnings": [*offline.warnings, warning]})
        return ParseResult(criteria=outcome.criteria, parser="llm", warnings=[*offline.warnings, *outcome.advice])

    async def _parse_offline(self, brief: str) -> ParseResult:
        # Imported here, inside the task: a broken offline parser then costs the cross-check
        # only, not an LLM answer that is fine on its own.
        fallback = self._fallback or load_offline_parser()
        # A worker thread: the offline parser is CPU work that would stall the event loop.
        return await asyncio.to_thread(fallback, brief)

    async def _ask_model(self, brief: str) -> LLMCriteria:
        system = load_prompt("parse_brief", fields=field_guide())
        user = load_prompt("parse_brief_user", brief=_DELIMITER_LOOKALIKE.sub(r"‹\1›", brief))
        if self._answer_tokens is None:
            return await self._client.complete_json(system, user, LLMCriteria)
        return await self._client.complete_json(system, user, LLMCriteria, max_tokens=self._answer_tokens, cut_ok=True)


def _implausible(llm: LLMCriteria) -> str | None:
    """Why a schema-valid answer still can't be used, or None."""
    if not any(_is_set(v) for k, v in llm.model_dump().items() if k not in ("hard", "conflicts", "checks")):
        return "the model extracted no criteria"
    return None


def merge_criteria(llm: LLMCriteria, offline: CampaignCriteria, brief: str) -> MergeOutcome:
    """The merge (agents/llm/merge.py); kept under this name for callers of the parser module."""
    return merge(llm, offline, brief)


def _is_set(value: object) -> bool:
    return value is not None and value != [] and value != ""
