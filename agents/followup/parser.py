"""One interface for reading a follow-up as a CriteriaPatch, whichever parser does it.

The graph depends on `FollowupParser` only; settings decide whether it gets the rule
parser (the default) or the LLM parser (which falls back to the rules).
"""

from __future__ import annotations

import asyncio
from typing import Literal, Protocol

from pydantic import BaseModel, Field

from agents.criteria import CampaignCriteria
from agents.followup.patch import CriteriaPatch
from retrieval.schema import PLATFORMS


class PatchReading(BaseModel):
    patch: CriteriaPatch
    parser: Literal["offline", "llm"] = "offline"
    warnings: list[str] = Field(default_factory=list)


class FollowupParser(Protocol):
    async def read(self, message: str, criteria: CampaignCriteria) -> PatchReading:
        """The patch a follow-up asks for, against the thread's criteria."""
        ...


class OfflineFollowupParser:
    async def read(self, message: str, criteria: CampaignCriteria) -> PatchReading:
        from agents.followup.rules import parse_followup

        # A worker thread: the rules call the brief parser, CPU work that would stall the loop.
        patch = await asyncio.to_thread(parse_followup, message, criteria, PLATFORMS)
        return PatchReading(patch=patch, parser="offline")
