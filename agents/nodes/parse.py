"""Parse node: a brief -> CampaignCriteria; in a thread, a follow-up -> a patch of the criteria.

The first message of a thread is a brief. Every later one is read as a CriteriaPatch
(offline rules or the LLM) and applied to the thread's criteria; explicit field edits
from the client (chip edits) are a patch of their own and win. The `criteria` event
says what the turn changed, in words.
"""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from agents.context import AgentContext
from agents.criteria import CampaignCriteria
from agents.events import CriteriaEvent, WarningEvent
from agents.followup.patch import CriteriaPatch, PatchResult, apply_patch, describe, patch_from_overrides
from agents.followup.history import is_rewind, rewind
from agents.followup.questions import answer, asked_about
from agents.nodes.common import emit, progress, stage
from agents.state import TURN_START, ShortlistState, Turn
from retrieval.schema import PLATFORMS

# Working fields of a turn: they start empty every turn and are not thread memory.
_WORKING: dict[str, Any] = {"candidates": [], "scored": [], "rejected": {}, "selected": [], "relaxations": [],
                            "vetted": 0, "settled": False, "explained": [],
                            "similar_to": [], "query_text": "", "query_vector": [], "kept": [], "shown_before": []}


def apply_overrides(criteria: CampaignCriteria, overrides: dict[str, Any] | None) -> CampaignCriteria:
    """Explicit overrides win (null clears a field); hard unless the caller says which fields are hard."""
    if not overrides:
        return criteria
    result = apply_patch(criteria, patch_from_overrides(overrides), PLATFORMS)
    data = result.criteria.model_dump()
    for name in ("assumptions", "conflicts"):
        if name in overrides and overrides[name] is not None:
            data[name] = overrides[name]
    if overrides.get("hard") is not None:
        data["hard"] = [h for h in overrides["hard"] if data.get(h) not in (None, [])]
    return CampaignCriteria.model_validate(data)


def topics_are_a_must(criteria: CampaignCriteria) -> CampaignCriteria:
    """Retrieval lists only creators whose posts show the topic (agents/topicality.py),
    whatever the parser made of the wording; the criteria say so, so a client shows the
    topic as a must."""
    if criteria.topics and "topics" not in criteria.hard:
        return criteria.model_copy(update={"hard": [*criteria.hard, "topics"]})
    if not criteria.topics and "topics" in criteria.hard:
        return criteria.model_copy(update={"hard": [h for h in criteria.hard if h != "topics"]})
    return criteria


_FILTER_FIELDS = ("platforms", "creator_countries", "audience_countries", "languages", "followers_min", "followers_max",
                  "tiers", "audience_gender", "audience_age_min", "audience_age_max", "min_engagement_rate", "formats")


def no_topic_warning(criteria: CampaignCriteria) -> str | None:
    """A brief without a topic ranks on filters alone; one without filters either lists
    whoever vets best. Said, with what to add (recorded: "influencers" gave 20 arbitrary
    creators without a word)."""
    if criteria.topics:
        return None
    if not any(getattr(criteria, f) not in (None, []) for f in _FILTER_FIELDS):
        return ("The brief names no topic and no filter, so this list is simply the best-vetted creators in the "
                "index. Say what they post about (“vegan food”), where (“in Germany”) and on which platform.")
    return "The brief names no topic: creators are listed on your filters alone. Add what they should post about."


def similar_to(more_like: list[str], previous: list[dict]) -> list[str]:
    """Creator keys a patch points at by rank ("#3") or handle ("@x") in the last shortlist."""
    keys: list[str] = []
    for ref in more_like:
        if ref.startswith("#") and ref[1:].isdigit():
            keys += [p["key"] for p in previous if p.get("rank") == int(ref[1:])]
        elif ref.startswith("@"):
            keys += [p["key"] for p in previous if p.get("handle", "").lower() == ref[1:].lower()]
    return list(dict.fromkeys(keys))


async def parse_node(state: ShortlistState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    ctx = runtime.context
    timings: dict[str, float] = {}
    message = state.get("message", "")
    overrides = state.get("overrides")
    warnings: list[str] = []
    previous: CampaignCriteria | None = state.get("criteria")
    notes: list[str] = []
    similar: list[str] = []
    turn = Turn(message=message, changes=[], rejected=[], shortlist_id=state.get("shortlist_id", ""))
    earlier_turns: list[Turn] = list(state.get("turns") or [])
    with stage(runtime, "parse", timings):
        if previous is None:
            result = await ctx.parser.parse(message)
            warnings += result.warnings
            parser = result.parser
            criteria = apply_overrides(result.criteria, overrides)
        elif is_rewind(message) and not overrides:
            back = rewind(message, state.get("turns") or [])
            parser = "edit"
            criteria = back.criteria or previous
            earlier_turns = back.turns
            notes = [back.note] if back.criteria is not None else []
            if back.criteria is None:
                warnings.append(back.note)
            turn["changes"], turn["rewind"] = notes, True
        elif (question := asked_about(message)) and not overrides:
            # A question about the last list, not an edit (recorded: "why is @x listed" excluded @x).
            parser, criteria = "edit", previous
            turn["changes"] = notes = [answer(question, state.get("shortlist"))]
        else:
            turn["criteria_before"] = previous.model_dump(mode="json")
            patch, parser = CriteriaPatch(), "edit"
            if message.strip():
                reading = await ctx.followups.read(message, previous)
                patch, parser = reading.patch, reading.parser
                warnings += reading.warnings
            if overrides:
                edits = patch_from_overrides(overrides)
                patch = CriteriaPatch(edits=patch.edits + edits.edits, more_like=patch.more_like)
                if not message.strip():
                    turn["message"] = message = state.get("label") or describe(edits) or "edit"
            applied: PatchResult = apply_patch(previous, patch, PLATFORMS)
            criteria = applied.criteria
            similar = similar_to(patch.more_like, state.get("previous") or [])
            notes = applied.changes + [f"kept {ref}'s niche and style: more creators like them" for ref in patch.more_like if similar]
            turn["changes"], turn["rejected"] = notes, applied.rejected
            if criteria == previous:
                del turn["criteria_before"]  # nothing changed: nothing for an undo to take back
            warnings += [f"Not applied: {r}" for r in applied.rejected]
            if patch.more_like and not similar:
                warnings.append(f"No creator {', '.join(patch.more_like)} in the last shortlist to find more like")
            if patch.is_empty():
                warnings.append("Nothing in the message changed the criteria; searched again with the same ones")
        limit = state.get("limit")
        if limit is not None:
            criteria = criteria.model_copy(update={"creators_count": limit})
        elif criteria.creators_count is None:
            criteria = criteria.model_copy(update={
                "creators_count": ctx.default_count,
                "assumptions": criteria.assumptions + [f"No count in the brief: aiming for {ctx.default_count} creators."],
            })
        criteria = topics_are_a_must(criteria)
        vague = None if similar else no_topic_warning(criteria)
        if vague:
            warnings.append(vague)
    turn["parser"] = parser
    messages = [*(state.get("messages") or []), turn["message"]]
    # The criteria come first: a client renders them, then the warnings about them.
    emit(runtime, CriteriaEvent(criteria=criteria, parser=parser, assumptions=criteria.assumptions, changes=notes))
    for text in warnings:
        emit(runtime, WarningEvent(message=text, code="parser"))
    for conflict in criteria.conflicts:
        emit(runtime, WarningEvent(message=f"Contradiction in the brief: {conflict}", code="conflict"))
    progress(runtime, "parse", f"Read the {'brief' if previous is None else 'follow-up'} ({parser})", timings)
    more_like: dict[str, Any] = {}
    if similar:
        # "More like #2" keeps #2 (its vetted entry from the last turn) and shows new faces beside it.
        more_like = {"kept": [s for s in state.get("scored") or [] if s["key"] in similar],
                     "shown_before": [p["key"] for p in state.get("previous") or [] if p["key"] not in similar]}
    return {**_WORKING, **more_like, "criteria": criteria, "parser": parser, "brief": " / ".join(messages), "messages": messages,
            "turns": [*earlier_turns, turn], "similar_to": similar,
            "warnings": [TURN_START, *warnings], "timings": timings}
