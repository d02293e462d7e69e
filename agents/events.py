"""Events a run streams (DESIGN 5.4 event names are a contract).

The graph writes these through LangGraph's custom stream; the service maps each to one
Server-Sent Event whose `event` is `type`.
"""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import BaseModel, Field

from agents.criteria import CampaignCriteria
from agents.shortlist import Shortlist, ShortlistedCreator


class CriteriaEvent(BaseModel):
    type: Literal["criteria"] = "criteria"
    criteria: CampaignCriteria
    parser: str
    assumptions: list[str] = Field(default_factory=list)
    changes: list[str] = Field(default_factory=list, description="In a thread: what this message changed, in words")


class ProgressEvent(BaseModel):
    type: Literal["progress"] = "progress"
    stage: str
    message: str
    elapsed_ms: float


class CreatorEvent(BaseModel):
    type: Literal["creator"] = "creator"
    creator: ShortlistedCreator


class WarningEvent(BaseModel):
    type: Literal["warning"] = "warning"
    message: str
    code: str = "warning"


class DoneEvent(BaseModel):
    type: Literal["done"] = "done"
    shortlist_id: str
    shortlist: Shortlist


class ErrorEvent(BaseModel):
    type: Literal["error"] = "error"
    message: str
    code: str = "internal"


RunEvent = Annotated[
    Union[CriteriaEvent, ProgressEvent, CreatorEvent, WarningEvent, DoneEvent, ErrorEvent],
    Field(discriminator="type"),
]
