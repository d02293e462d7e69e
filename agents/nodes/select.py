"""Select node: the requested count within budget, with variety; advice when short."""

from __future__ import annotations

import asyncio
from typing import Any

from langgraph.runtime import Runtime

from agents.context import AgentContext
from agents.events import WarningEvent
from agents.filters import index_filter
from agents.money import money_usd
from agents.nodes.common import emit, progress, stage
from agents.relax import suggest_relaxations
from agents.state import ShortlistState
from agents.tools.selection import Option, select


async def select_node(state: ShortlistState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    ctx = runtime.context
    criteria = state["criteria"]
    timings: dict[str, float] = {}
    count = criteria.creators_count or ctx.default_count
    # "More like #2": #2 stays first; the rest are new (the last list's others are not repeated).
    kept = state.get("kept") or []
    kept_keys = {k["key"] for k in kept}
    avoid = set(state.get("shown_before") or []) | kept_keys
    budget = money_usd(criteria.budget)
    if budget is not None and kept:
        budget = max(0.0, budget - sum(k["price_low_usd"] or 0 for k in kept))
    with stage(runtime, "select", timings):
        options = [
            Option(key=s["key"], score=s["score"], platform=s["platform"], handle=s["handle"],
                   subtopic=s["subtopic"], price_low_usd=s["price_low_usd"], price_high_usd=s["price_high_usd"],
                   near_miss=(s.get("evidence") or {}).get("route") == "profile")
            for s in state.get("scored") or [] if s["key"] not in avoid
        ]
        chosen = select(options, max(count - len(kept), 0), budget, criteria.platforms)
        relaxations: list[dict[str, Any]] = []
        if len(chosen.chosen) + len(kept) < count:
            found = await asyncio.to_thread(
                suggest_relaxations, ctx.index, state.get("query_vector"), index_filter(criteria),
                ctx.topic_calibration().profile_threshold)
            relaxations = [r.model_dump() for r in found]
    if len(chosen.chosen) + len(kept) < count:
        advice = "; ".join(f"{r['suggestion']} (+{r['adds']})" for r in relaxations[:3]) or \
            "no single constraint change adds on-topic creators: try broader topic words"
        emit(runtime, WarningEvent(
            code="short",
            message=f"Only {len(chosen.chosen) + len(kept)} of {count} creators matched every constraint. To find more: {advice}.",
        ))
    progress(runtime, "select", f"Selected {len(chosen.chosen) + len(kept)} of {count} requested", timings)
    changed: dict[str, Any] = {"scored": [*(state.get("scored") or []), *kept]} if kept else {}
    return {
        **changed,
        "selected": [k["key"] for k in kept] + [o.key for o in chosen.chosen],
        "relaxations": relaxations,
        "spend_usd": {"low": round(chosen.spend_low_usd, 2), "high": round(chosen.spend_high_usd, 2)},
        "timings": timings,
    }
