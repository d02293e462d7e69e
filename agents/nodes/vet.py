"""Vet node: every vetting tool on the next batch of candidates (best retrieval score
first), then the named score components. The graph comes back here until selection has
settled the whole list, so candidates that cannot reach it are never vetted."""

from __future__ import annotations

import asyncio
import re
from collections import Counter
from typing import Any

from langgraph.runtime import Runtime

from agents.context import AgentContext
from agents.criteria import CampaignCriteria
from agents.nodes.common import add_earlier_rounds, progress, stage
from agents.state import Candidate, ShortlistState
from agents.tools.scoring import ScoringWeights, score_creator
from agents.tools.vetting import run_all
from agents.tools.vetting.base import VettingInput
from retrieval.store import StoredCreator


def subtopic_of(stored: StoredCreator) -> str | None:
    """What a creator is mostly about within the brief's topic, for variety: their most
    used hashtag that is not a personal signature tag. Not the category: a category is
    usually the brief's topic itself, and capping it would push on-topic creators out."""
    core = re.sub(r"[^a-z0-9]", "", stored.creator.handle.lower())
    for tag in stored.features.top_hashtags:
        if core and core[:6] in re.sub(r"[^a-z0-9]", "", tag.lower()):
            continue
        return tag.lower()
    return None


def vet_and_score(candidates: list[Candidate], stored: dict[str, StoredCreator], criteria: CampaignCriteria,
                  weights: ScoringWeights, now=None) -> tuple[list[dict[str, Any]], dict[str, str]]:
    scored: list[dict[str, Any]] = []
    rejected: dict[str, str] = {}
    for cand in candidates:
        item = stored.get(cand["key"])
        if item is None:
            rejected[cand["key"]] = "indexed but missing from the creator store"
            continue
        vetting = run_all(VettingInput(creator=item.creator, features=item.features, criteria=criteria, now=now))
        result = score_creator(cand["key"], cand["retrieval_score"], item.features, item.creator.platform,
                               item.creator.followers, vetting, criteria, weights)
        if result.rejected_reason:
            rejected[cand["key"]] = result.rejected_reason
            continue
        price = item.features.price
        usd = price is not None and price.currency == "USD"
        scored.append({
            "key": cand["key"], "score": result.score, "components": result.components,
            "vetting": [v.model_dump() for v in vetting], "platform": item.creator.platform,
            "handle": item.creator.handle, "subtopic": subtopic_of(item),
            # Plain data: scored entries live in the thread's checkpoint ("more like #n" reuses them).
            "evidence": ev.model_dump() if (ev := cand.get("evidence")) is not None else None,
            "price_low_usd": price.low if usd else None, "price_high_usd": price.high if usd else None,
        })
    scored.sort(key=lambda s: -s["score"])
    return scored, rejected


def _read_and_vet(ctx: AgentContext, batch: list[Candidate],
                  criteria: CampaignCriteria) -> tuple[list[dict[str, Any]], dict[str, str]]:
    # One thread hop for the read and the vetting: each hop wakes the loop and a thread.
    stored = ctx.store.get_many([c["key"] for c in batch])
    return vet_and_score(batch, stored, criteria, ctx.weights, ctx.now)


def next_batch(vetted: int, first: int) -> int:
    """Small first so the first creators settle early, then doubling, so a brief that needs
    every candidate vetted takes only a few rounds of the graph."""
    return max(first, vetted)


async def vet_node(state: ShortlistState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    ctx = runtime.context
    timings: dict[str, float] = {}
    candidates = state.get("candidates") or []
    start = state.get("vetted") or 0
    batch = candidates[start:start + next_batch(start, ctx.vet_batch)]
    with stage(runtime, "vet", timings):
        new, new_rejected = await asyncio.to_thread(_read_and_vet, ctx, batch, state["criteria"])
    # Earlier batches hold earlier candidates, so a stable sort keeps ties in candidate
    # order, as vetting every candidate at once would.
    scored = sorted([*(state.get("scored") or []), *new], key=lambda s: -s["score"])
    rejected = {**(state.get("rejected") or {}), **new_rejected}
    done = start + len(batch)
    reasons = Counter(reason.split(":")[0] for reason in rejected.values())
    detail = ", ".join(f"{n} by {tool.replace('_', ' ')}" for tool, n in reasons.most_common())
    add_earlier_rounds(state, timings, "vet", first_round=start == 0)
    progress(runtime, "vet", f"Vetted {done} of {len(candidates)} candidates: {len(scored)} passed"
             + (f", {len(rejected)} rejected ({detail})" if rejected else ""), timings)
    return {"scored": scored, "rejected": rejected, "vetted": done, "timings": timings}
