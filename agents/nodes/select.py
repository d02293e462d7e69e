"""Select node: the requested count within budget, with variety; advice when short.

It runs after every vetting batch and settles the head of the list that no candidate
still unvetted can change (agents/tools/selection.settled), so those creators can be
explained and streamed while vetting goes on; once the whole list is settled, vetting stops.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from langgraph.runtime import Runtime

from agents.budget import Pick, budget_warnings
from agents.context import AgentContext
from agents.events import WarningEvent
from agents.filters import index_filter
from agents.followup.locale_names import field_labels
from agents.money import money_usd
from agents.nodes.common import (
    add_earlier_rounds,
    count_rejections,
    emit,
    first_round,
    progress,
    stage,
)
from agents.nodes.relax import will_relax
from agents.relax import suggest_relaxations
from agents.state import Candidate, ShortlistState
from agents.tools.scoring import ScoringWeights, score_ceiling
from agents.tools.selection import Option, settled

log = logging.getLogger(__name__)


def frontier(unvetted: list[Candidate], avoid: set[str], weights: ScoringWeights) -> tuple[bool, float] | None:
    """The best selection order any unvetted candidate could still reach: its near-miss
    flag is known from retrieval, its score is at most the ceiling of its relevance."""
    keys = [(_route(c) == "profile", -score_ceiling(c["retrieval_score"], weights))
            for c in unvetted if c["key"] not in avoid]
    return min(keys) if keys else None


def _route(candidate: Candidate) -> str | None:
    evidence = candidate.get("evidence")
    if evidence is None:
        return None
    # A model in a live run, plain data once a checkpoint has held it.
    return evidence.get("route") if isinstance(evidence, dict) else evidence.route


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
    wanted = max(count - len(kept), 0)
    candidates = state.get("candidates") or []
    with stage(runtime, "select", timings):
        options = [
            Option(key=s["key"], score=s["score"], platform=s["platform"], handle=s["handle"],
                   subtopic=s["subtopic"], price_low_usd=s["price_low_usd"], price_high_usd=s["price_high_usd"],
                   near_miss=(s.get("evidence") or {}).get("route") == "profile")
            for s in state.get("scored") or [] if s["key"] not in avoid
        ]
        edge = frontier(candidates[state.get("vetted") or 0:], avoid, ctx.weights)
        chosen = settled(options, edge, wanted, budget, criteria.platforms)
        done = edge is None or len(chosen.chosen) >= wanted
        relaxations: list[dict[str, Any]] = []
        relaxing = done and will_relax(state, runtime, len(chosen.chosen) + len(kept))
        if done and len(chosen.chosen) + len(kept) < count and not relaxing:
            found = await asyncio.to_thread(
                suggest_relaxations, ctx.index, state.get("query_vector"), index_filter(criteria),
                ctx.topic_calibration().profile_threshold)
            relaxations = [r.model_dump() for r in found]
    selected = [k["key"] for k in kept] + [o.key for o in chosen.chosen]
    before = state.get("selected") or []
    if selected[:len(before)] != before:  # settled() guarantees this; a break would split stream and list
        log.error("settled head changed: streamed %s, now %s", before, selected)
    short_notes: list[str] = []
    if done and len(selected) < count and not relaxing:
        advice = "; ".join(f"{r['suggestion']} (+{r['adds']})" for r in relaxations[:3]) or \
            "no single change of a constraint adds on-topic creators: loosen several at once, or use broader topic words"
        head = f"No creator matched every constraint (you asked for {count})" if not selected else \
            f"Only {len(selected)} of {count} creators matched every constraint"
        short_notes = [f"{head}{_failed_vetting(state.get('rejected') or {})}. To find more: {advice}."]
        emit(runtime, WarningEvent(code="short", message=short_notes[0]))
    budget_notes = _budget_notes(state, criteria, count, selected) if done else []
    for note in budget_notes:
        emit(runtime, WarningEvent(code="budget", message=note))
    unchecked = _unchecked_country_note(state, criteria, selected) if done else None
    if unchecked:
        emit(runtime, WarningEvent(code="unchecked", message=unchecked))
    late_notes = budget_notes + ([unchecked] if unchecked else [])
    add_earlier_rounds(state, timings, "select", first_round(state, runtime))
    if done:
        progress(runtime, "select", f"Selected {len(selected)} of {count} requested", timings)
    changed: dict[str, Any] = {"scored": [*(state.get("scored") or []), *kept]} if kept and done else {}
    return {
        **changed,
        "selected": selected,
        "settled": done,
        "relaxations": relaxations,
        "spend_usd": {"low": round(chosen.spend_low_usd, 2), "high": round(chosen.spend_high_usd, 2)},
        "timings": timings,
        **({"warnings": short_notes + late_notes} if short_notes or late_notes else {}),
    }


def _failed_vetting(rejected: dict[str, str]) -> str:
    """Why found candidates are missing from a short list: the checks they failed."""
    if not rejected:
        return ""
    checks = count_rejections(rejected)
    named = ", ".join(f"{check.replace('_', ' ')} {n}"
                      for check, n in sorted(checks.items(), key=lambda item: (-item[1], item[0])))
    were = "was" if len(rejected) == 1 else "were"
    return f" ({len(rejected)} more {were} found but failed vetting: {named})"


def _unchecked_country_note(state: ShortlistState, criteria: Any, selected: list[str]) -> str | None:
    """An excluded country cannot rule out a creator whose country is unknown (the index keeps
    them: unknown is never guessed), so the marketer is told how many of the list that is."""
    if not criteria.exclude_countries or not selected:
        return None
    country = {c["key"]: (c.get("payload") or {}).get("country") for c in state.get("candidates") or []}
    unknown = sum(1 for key in selected if key in country and not country[key])
    if not unknown:
        return None
    names = field_labels("countries", criteria.exclude_countries)
    return (f"{unknown} of the {len(selected)} listed creators have no country in the data, so "
            f"'not based in {names}' could not be checked for them")


def _budget_notes(state: ShortlistState, criteria: Any, count: int, selected: list[str]) -> list[str]:
    """agents/budget.py on the settled list: the reach bought and the count affordable."""
    if criteria.budget is None:
        return []
    followers = {c["key"]: (c.get("payload") or {}).get("followers") for c in state.get("candidates") or []}
    scored = {s["key"]: s for s in state.get("scored") or []}
    picks = [Pick(platform=scored[k]["platform"], followers=int(followers.get(k) or 0),
                  price_low_usd=scored[k]["price_low_usd"]) for k in selected if k in scored]
    lows = [s["price_low_usd"] for s in scored.values() if s["price_low_usd"] is not None]
    return budget_warnings(criteria, state.get("brief") or state.get("message") or "", count, picks, lows)
