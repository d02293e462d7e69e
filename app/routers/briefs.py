"""/v1/briefs/parse: the CampaignCriteria a brief asks for, without running a search."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from agents.criteria import ParseResult
from app.deps import Caller, ContextDep, MetricsDep, SettingsDep
from app.problems import Problem
from app.routers._common import check_brief

router = APIRouter(prefix="/v1/briefs", tags=["briefs"])


class ParseRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    brief: str = Field(description="The campaign brief in plain English")


_ERRORS = {code: {"model": Problem, "content": {"application/problem+json": {}}} for code in (400, 401, 413, 422, 429)}


@router.post("/parse", response_model=ParseResult, responses=_ERRORS,
             summary="Parse a brief into CampaignCriteria (parser used and its warnings included)")
async def parse_brief(body: ParseRequest, settings: SettingsDep, context: ContextDep, metrics: MetricsDep,
                      _caller: Caller) -> ParseResult:
    brief = check_brief(body.brief, settings)
    # The parsers run their CPU work in threads and bound LLM calls by a deadline, falling
    # back to the offline parser (with a warning) when the model is slow or unavailable.
    result = await context.parser.parse(brief)
    if result.warnings:
        metrics.llm_fallbacks.inc(len(result.warnings))
    return result
