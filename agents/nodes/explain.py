"""Explain node: each selected creator with reasons, evidence and risks, streamed as it
is final; then the whole shortlist."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from langgraph.runtime import Runtime

from agents.context import AgentContext
from agents.events import CreatorEvent
from agents.explain import explain_creator
from agents.nodes.common import emit, progress
from agents.shortlist import Relaxation, Shortlist
from agents.state import ShortlistState


async def explain_node(state: ShortlistState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    ctx = runtime.context
    criteria = state["criteria"]
    started = time.perf_counter()
    selected = state.get("selected") or []
    scored = {s["key"]: s for s in state.get("scored") or []}
    stored = await asyncio.to_thread(ctx.store.get_many, selected)
    creators = []
    for rank, key in enumerate(selected, start=1):
        if key not in stored:
            continue
        creator = explain_creator(rank, stored[key], scored[key], criteria)
        creators.append(creator)
        emit(runtime, CreatorEvent(creator=creator))
    timings = {"explain": round((time.perf_counter() - started) * 1000, 2)}
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
        weights=ctx.weights.normalised(),
        stats={
            "candidates": len(state.get("candidates") or []),
            "passed_vetting": len(scored),
            "rejected": len(rejected),
            "rejected_by": _count_reasons(rejected),
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
    return {"shortlist": shortlist, "previous": previous, "timings": timings}


def _count_reasons(rejected: dict[str, str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for reason in rejected.values():
        tool = reason.split(":")[0]
        counts[tool] = counts.get(tool, 0) + 1
    return counts
