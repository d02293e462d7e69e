"""Preferences first, then relaxed one at a time: the graph's `select → relax → retrieve` loop.

`hard` fields are musts and are never touched here. The other constraints a brief sets
(its preferences: "ideally in Germany", "reels preferred", an inferred audience gender)
are applied as index filters on the first search, so creators who meet them come first.
When selection settles short of the count, one preference is dropped: the one whose
removal lets the most on-topic creators in, counted in the index (agents/relax.py), and
the graph searches again; creators already chosen stay at the top. The loop is bounded
by the number of preferences and `AgentContext.max_relax_rounds`; the last allowed
round drops every remaining preference, so the list is never shorter than a search that
ignored them. Each step is streamed (progress and warning) and recorded in the shortlist.
"""

from __future__ import annotations

import asyncio
from typing import Any

from langgraph.runtime import Runtime

from agents.context import AgentContext
from agents.criteria import CampaignCriteria
from agents.events import WarningEvent
from agents.filters import index_filter
from agents.nodes.common import emit, progress, stage
from agents.relax import suggest_relaxations
from agents.state import ShortlistState

# relax.py's names for an index-filter change -> the criteria fields behind it.
FILTER_FIELDS: dict[str, tuple[str, ...]] = {
    "platforms": ("platforms",),
    "followers": ("followers_min", "followers_max"),
    "creator_countries": ("creator_countries",),
    "audience_countries": ("audience_countries",),
    "languages": ("languages",),
    "min_engagement_rate": ("min_engagement_rate",),
    "max_price_per_post": ("max_price_per_post",),
    "formats": ("formats",),
    "audience_gender": ("audience_gender",),
}
_FIELD_GROUP = {field: group for group, fields in FILTER_FIELDS.items() for field in fields}


def _set(value: object) -> bool:
    return value is not None and value != []


def preferences(criteria: CampaignCriteria) -> list[str]:
    """The index-filterable constraints the brief set without making them musts."""
    return [f for f in _FIELD_GROUP if _set(getattr(criteria, f)) and f not in criteria.hard]


def wanted(state: ShortlistState, runtime: Runtime[AgentContext]) -> int:
    return state["criteria"].creators_count or runtime.context.default_count


def will_relax(state: ShortlistState, runtime: Runtime[AgentContext], selected: int) -> bool:
    """Short of the count with a preference still applied and a round left."""
    return (bool(state.get("preferred")) and (state.get("relax_round") or 0) < runtime.context.max_relax_rounds
            and selected < wanted(state, runtime))


# after_select's answers: the labels of the edges in the graph diagram.
SHORT = "short, a preference left"
OTHERWISE = "otherwise"


# async although it awaits nothing: LangGraph runs a plain function on an edge in a thread
# pool, a round trip through another thread for each call.
async def after_select(state: ShortlistState, runtime: Runtime[AgentContext]) -> str:
    """Settled short of the count with a preference left to relax: relax; otherwise explain."""
    if state.get("settled") and will_relax(state, runtime, len(state.get("selected") or [])):
        return SHORT
    return OTHERWISE


async def prefer_node(state: ShortlistState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    criteria = state["criteria"]
    soft = preferences(criteria) if runtime.context.max_relax_rounds > 0 else []
    reset: dict[str, Any] = {"preferred": soft, "relax_round": 0, "relaxed": [], "user_hard": None}
    if not soft:
        return reset
    timings: dict[str, float] = {}
    with stage(runtime, "prefer", timings):
        searched = criteria.model_copy(update={"hard": [*criteria.hard, *soft]})
    progress(runtime, "prefer", f"Searching with your preferences applied first ({', '.join(_groups(soft))}); "
             "each is relaxed only if too few creators meet it", timings)
    return {**reset, "criteria": searched, "user_hard": list(criteria.hard), "timings": timings}


async def relax_node(state: ShortlistState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    ctx = runtime.context
    criteria = state["criteria"]
    preferred = list(state.get("preferred") or [])
    round_no = (state.get("relax_round") or 0) + 1
    selected = state.get("selected") or []
    count = wanted(state, runtime)
    timings: dict[str, float] = {}
    with stage(runtime, "relax", timings):
        found = await asyncio.to_thread(suggest_relaxations, ctx.index, state.get("query_vector"),
                                        index_filter(criteria), ctx.topic_calibration().profile_threshold)
    fields, adds, change = _choose(found, preferred, criteria)
    if not fields or round_no >= ctx.max_relax_rounds:
        # Nothing counted helps on its own, or the last round: every preference goes, so the
        # list is never shorter than a search that ignored them.
        adds = adds if sorted(fields) == sorted(preferred) else None
        fields = list(preferred)
        change = "drop every remaining preference (" + ", ".join(_groups(fields)) + ")"
    remaining = [f for f in preferred if f not in fields]
    relaxed = criteria.model_copy(update={"hard": [h for h in criteria.hard if h not in fields]})
    counted = f" (+{adds} on-topic creators counted in the index)" if adds else ""
    message = (f"Only {len(selected)} of {count} creators met your preferences; relaxed a preference, "
               f"not a must: {change}{counted}.")
    emit(runtime, WarningEvent(code="relaxed", message=message))
    progress(runtime, "relax", f"Round {round_no}: {change}; searching again", timings)
    # Creators already chosen meet more than the relaxed criteria ask: they stay first.
    entries = {s["key"]: s for s in [*(state.get("scored") or []), *(state.get("kept") or [])]}
    kept = [entries[k] for k in selected if k in entries]
    step = {"fields": fields, "change": change, "counted": adds, "selected_before": len(selected)}
    return {"criteria": relaxed, "preferred": remaining, "relax_round": round_no,
            "relaxed": [*(state.get("relaxed") or []), step], "kept": kept,
            "candidates": [], "scored": [], "rejected": {}, "vetted": 0, "selected": [], "settled": False,
            "warnings": [message], "timings": timings}


def _choose(found, preferred: list[str], criteria: CampaignCriteria) -> tuple[list[str], int | None, str]:
    """The counted change (best first) that adds creators and touches preferences only:
    a change that would also loosen a must is never taken."""
    for relaxation in found:
        fields = [f for group in relaxation.field.split("+") for f in FILTER_FIELDS.get(group, ())
                  if _set(getattr(criteria, f))]
        if relaxation.adds > 0 and fields and all(f in preferred for f in fields):
            return fields, relaxation.adds, "drop the preference for " + ", ".join(_groups(fields))
    return [], None, ""


def _groups(fields: list[str]) -> list[str]:
    return list(dict.fromkeys(_FIELD_GROUP.get(f, f).replace("_", " ") for f in fields))


def user_criteria(state: ShortlistState) -> CampaignCriteria:
    """The criteria as the user gave them: preferences applied as filters go back to preferences."""
    criteria = state["criteria"]
    user_hard = state.get("user_hard")
    if user_hard is None:
        return criteria
    return criteria.model_copy(update={"hard": list(user_hard)})


def applied_relaxations(state: ShortlistState, final_count: int) -> list[dict[str, Any]]:
    """Each relaxation with how many creators it added to the list."""
    steps = list(state.get("relaxed") or [])
    out = []
    for i, step in enumerate(steps):
        after = steps[i + 1]["selected_before"] if i + 1 < len(steps) else final_count
        out.append({"fields": step["fields"], "change": step["change"], "counted": step["counted"],
                    "added": max(0, after - step["selected_before"])})
    return out
