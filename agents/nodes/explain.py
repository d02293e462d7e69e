"""Explain node: each settled creator with reasons, evidence and risks, streamed as soon
as selection has settled it (ranks 1, 2, 3 ... in order); once the whole list is settled,
the shortlist, which is exactly the creators streamed."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from langgraph.runtime import Runtime

from agents.context import AgentContext
from agents.events import CreatorEvent
from agents.explain import explain_creator
from agents.nodes.common import (
    add_earlier_rounds,
    count_rejections,
    emit,
    first_round,
    progress,
)
from agents.nodes.relax import applied_relaxations, user_criteria
from agents.shortlist import AppliedRelaxation, Relaxation, Shortlist
from agents.state import ShortlistState


async def explain_node(state: ShortlistState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    ctx = runtime.context
    criteria = user_criteria(state)  # preferences searched as filters are preferences again
    started = time.perf_counter()
    explained = list(state.get("explained") or [])
    streamed = {f"{c.platform}:{c.handle.lower()}" for c in explained}
    fresh = [key for key in (state.get("selected") or []) if key not in streamed]
    scored = {s["key"]: s for s in [*(state.get("scored") or []), *(state.get("kept") or [])]}
    stored = await asyncio.to_thread(ctx.store.get_many, fresh) if fresh else {}
    for key in fresh:
        if key not in stored:
            continue
        creator = explain_creator(len(explained) + 1, stored[key], scored[key], criteria)
        explained.append(creator)
        emit(runtime, CreatorEvent(creator=creator))
    timings = {"explain": round((time.perf_counter() - started) * 1000, 2)}
    add_earlier_rounds(state, timings, "explain", first_round(state, runtime))
    if not state.get("settled"):
        return {"explained": explained, "timings": timings}
    creators = explained
    all_timings = {**(state.get("timings") or {}), **timings}
    rejected = state.get("rejected") or {}
    shortlist = Shortlist(
        id=state["shortlist_id"],
        brief=state.get("brief", state["message"]),
        criteria=criteria,
        creators=creators,
        assumptions=criteria.assumptions,
        warnings=list(state.get("warnings") or []),
        relaxations=[Relaxation.model_validate(r) for r in state.get("relaxations") or []],
        relaxed=[AppliedRelaxation.model_validate(r) for r in applied_relaxations(state, len(creators))],
        weights=ctx.weights.normalised(),
        stats={
            "candidates": len(state.get("candidates") or []),
            "vetted": state.get("vetted") or 0,  # the rest could not reach the list
            "passed_vetting": len(scored),
            "rejected": len(rejected),
            "rejected_by": count_rejections(rejected),
            "requested": criteria.creators_count,
            "selected": len(creators),
            "estimated_spend_usd": state.get("spend_usd"),
            "query": state.get("query_text"),
            "parser": state.get("parser"),
            "timings_ms": all_timings,
        },
    )
    progress(runtime, "explain", f"Explained {len(creators)} creators", timings)
    previous = [{"rank": c.rank, "key": f"{c.platform}:{c.handle.lower()}", "handle": c.handle} for c in creators]
    return {"shortlist": shortlist, "previous": previous, "explained": explained, "timings": timings,
            "criteria": criteria}
