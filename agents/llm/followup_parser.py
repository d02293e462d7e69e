"""The LLM follow-up parser: the model writes the CriteriaPatch, the rules and the thread's criteria check it.

The model answers with the patch schema (structured output). An answer that does not
validate, names values the criteria do not hold (removing "TikTok" from a thread that
never had it), or changes nothing the message could mean, falls back to the rule parser,
with a warning that says why. A usable answer is merged with the rules' reading
(agents/llm/followup_merge.py): the rules stand on every field they read, the model adds
only edits the message's own words support.
"""

from __future__ import annotations

import json
import logging
import re

from agents.criteria import CampaignCriteria
from agents.followup.parser import OfflineFollowupParser, PatchReading
from agents.followup.patch import CriteriaPatch, apply_patch
from agents.followup.vocabulary import INSTRUCTION_WORDS
from agents.llm.client import LLMClient, LLMUnavailable
from agents.llm.followup_merge import merge_patch
from prompts import load_prompt
from retrieval.schema import PLATFORMS

log = logging.getLogger(__name__)

_DELIMITER_LOOKALIKE = re.compile(r"<(\s*/?\s*(?:message|criteria)\s*)>", re.IGNORECASE)


class LLMFollowupParser:
    def __init__(self, client: LLMClient, fallback: OfflineFollowupParser | None = None) -> None:
        self._client = client
        self._fallback = fallback or OfflineFollowupParser()

    async def read(self, message: str, criteria: CampaignCriteria) -> PatchReading:
        try:
            patch = await self._ask(message, criteria)
            problem = check_patch(patch, criteria)
        except LLMUnavailable as exc:
            problem = exc.reason
        except Exception as exc:  # noqa: BLE001 - a bug on the LLM path must not cost the user the follow-up
            log.exception("LLM follow-up parser failed")
            problem = f"error: {type(exc).__name__}"
        offline = await self._fallback.read(message, criteria)
        if problem is None:
            merged = merge_patch(patch, offline.patch, message)
            if merged.dropped:
                log.info("LLM follow-up edits left out: %s", "; ".join(merged.dropped))
            if merged.model_used:
                return PatchReading(patch=merged.patch, parser="llm")
            problem = "nothing the message's words support"
        return offline.model_copy(update={"warnings": [f"LLM follow-up reading unusable ({problem}); used the rules"]})

    async def _ask(self, message: str, criteria: CampaignCriteria) -> CriteriaPatch:
        shown = criteria.model_dump(mode="json", exclude={"assumptions", "conflicts"})
        user = load_prompt("followup_patch_user",
                           criteria=json.dumps(shown, ensure_ascii=False),
                           message=_DELIMITER_LOOKALIKE.sub(r"‹\1›", message))
        return await self._client.complete_json(load_prompt("followup_patch"), user, CriteriaPatch)


def check_patch(patch: CriteriaPatch, criteria: CampaignCriteria) -> str | None:
    """Why a schema-valid patch cannot be used against these criteria, or None."""
    if patch.is_empty():
        return "the model found no change"
    for edit in patch.edits:
        if edit.field == "topics" and edit.op in ("set", "add", "replace"):
            bad = [t for t in edit.values if any(w in INSTRUCTION_WORDS for w in t.lower().split())]
            if bad:
                return f"instruction words as topics: {bad}"
    result = apply_patch(criteria, patch, PLATFORMS)
    if result.rejected:
        return "; ".join(result.rejected)
    return None
