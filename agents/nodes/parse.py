"""Parse node: brief (or follow-up) -> CampaignCriteria, shown back with assumptions."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from agents.context import AgentContext
from agents.criteria import CampaignCriteria
from agents.events import CriteriaEvent, WarningEvent
from agents.nodes.common import emit, progress, stage
from agents.refine import refine, similar_to
from agents.state import ShortlistState


def apply_overrides(criteria: CampaignCriteria, overrides: dict[str, Any] | None) -> CampaignCriteria:
    """Explicit overrides win and are hard unless the caller says which fields are hard."""
    if not overrides:
        return criteria
    data = criteria.model_dump()
    data.update(overrides)
    if "hard" not in overrides:
        data["hard"] = sorted(set(criteria.hard) | {k for k in overrides if k not in ("assumptions", "conflicts", "creators_count", "topics")})
    return CampaignCriteria.model_validate(data)


async def parse_node(state: ShortlistState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    ctx = runtime.context
    timings: dict[str, float] = {}
    message = state["message"]
    warnings: list[str] = []
    previous: CampaignCriteria | None = state.get("criteria")
    with stage(runtime, "parse", timings):
        result = await ctx.parser.parse(message)
        warnings += result.warnings
        if previous is not None:
            criteria, notes = refine(previous, result.criteria, message)
            brief = f"{state.get('brief', '')}\n{message}".strip()
            similar = similar_to(message, state.get("previous") or [])
        else:
            criteria, notes, brief, similar = result.criteria, [], message, []
        criteria = apply_overrides(criteria, state.get("overrides"))
        limit = state.get("limit")
        if limit is not None:
            criteria = criteria.model_copy(update={"creators_count": limit})
        elif criteria.creators_count is None:
            criteria = criteria.model_copy(update={
                "creators_count": ctx.default_count,
                "assumptions": criteria.assumptions + [f"No count in the brief: aiming for {ctx.default_count} creators."],
            })
    # The criteria come first: a client renders them, then the warnings about them.
    emit(runtime, CriteriaEvent(criteria=criteria, parser=result.parser, assumptions=criteria.assumptions + notes))
    for text in warnings:
        emit(runtime, WarningEvent(message=text, code="parser"))
    for conflict in criteria.conflicts:
        emit(runtime, WarningEvent(message=f"Contradiction in the brief: {conflict}", code="conflict"))
    progress(runtime, "parse", f"Parsed the brief with the {result.parser} parser", timings)
    return {"criteria": criteria, "parser": result.parser, "brief": brief, "similar_to": similar,
            "warnings": warnings, "timings": timings}
