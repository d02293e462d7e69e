"""Retrieve node: hybrid search under hard filters, over-fetching for vetting.

The query is the brief's own topic words. One round of pseudo-relevance feedback adds
hashtags that most of the first results share, so the lexical arm also finds creators
who say "#plantbased" when the brief said "dairy-free"; the dense arm already handles
paraphrase.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from typing import Any

import numpy as np
from langgraph.runtime import Runtime

from agents.context import AgentContext
from agents.criteria import CampaignCriteria
from agents.filters import index_filter
from agents.nodes.common import progress, stage
from agents.state import Candidate, ShortlistState
from agents.topicality import FEEDBACK_MIN_SIMILARITY, on_topic, similarity
from retrieval.documents import dense_text

FEEDBACK_DOCS = 10
FEEDBACK_MIN_SHARE = 0.4
FEEDBACK_MAX_TERMS = 6


def query_text(criteria: CampaignCriteria, brief: str) -> str:
    return " ".join(criteria.topics).strip() or brief.strip()


def feedback_terms(top_hashtags: list[list[str]], query: str) -> list[str]:
    """Hashtags shared by a large share of the first results, not already in the query."""
    if not top_hashtags:
        return []
    counts = Counter(tag for tags in top_hashtags for tag in set(tags))
    needed = max(2, int(len(top_hashtags) * FEEDBACK_MIN_SHARE))
    words = set(query.lower().split())
    # Ties broken by the tag itself: set iteration order depends on the process's hash
    # seed, and the same brief must give the same shortlist in every process.
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    terms = [tag for tag, n in ranked if n >= needed and tag not in words]
    return terms[:FEEDBACK_MAX_TERMS]


def relevance(cosine: float, rank: int, total: int, lexical: bool) -> float:
    """Cosine rescaled over MiniLM's useful range, blended with the fused rank and a
    small bonus for using the brief's own words."""
    semantic = min(1.0, max(0.0, (cosine - 0.2) / 0.4))
    fused = 1.0 - rank / max(total, 1)
    return round(0.5 * semantic + 0.4 * fused + (0.1 if lexical else 0.0), 4)


async def retrieve_node(state: ShortlistState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    ctx = runtime.context
    criteria = state["criteria"]
    timings: dict[str, float] = {}
    count = criteria.creators_count or ctx.default_count
    limit = max(ctx.min_candidates, count * ctx.overfetch)
    flt = index_filter(criteria)
    text = query_text(criteria, state.get("brief", state["message"]))
    with stage(runtime, "retrieve", timings):
        vector = (await asyncio.to_thread(ctx.embedder.embed, [text]))[0]
        seeds = state.get("similar_to") or []
        if seeds:
            stored = await asyncio.to_thread(ctx.store.get_many, seeds)
            seed_texts = [dense_text(s.creator, s.features) for s in stored.values()]
            if seed_texts:
                seed_vecs = await asyncio.to_thread(ctx.embedder.embed, seed_texts)
                blended = seed_vecs.mean(axis=0) + (vector if criteria.topics else 0)
                vector = blended / np.linalg.norm(blended)
                flt = flt.model_copy(update={"exclude_keys": flt.exclude_keys + seeds})
        vec_list = vector.tolist()
        hits = await asyncio.to_thread(ctx.index.search, vec_list, text, flt, limit, "hybrid", False, None, True)
        confident = [h.key for h in hits[:FEEDBACK_DOCS * 2] if similarity(vector, h.vector) >= FEEDBACK_MIN_SIMILARITY]
        expansion: list[str] = []
        if len(confident) >= 3:
            top = await asyncio.to_thread(ctx.store.get_many, confident[:FEEDBACK_DOCS])
            expansion = feedback_terms([s.features.top_hashtags for s in top.values()], text)
        original = text
        if expansion:
            text = f"{text} {' '.join(expansion)}"
            hits = await asyncio.to_thread(ctx.index.search, vec_list, text, flt, limit, "hybrid", False, None, True)
        # Which candidates use the brief's own words (before expansion).
        lexical = {h.key for h in await asyncio.to_thread(ctx.index.search, None, original, flt, limit, "sparse")}
    gate = bool(criteria.topics) or bool(seeds)
    candidates: list[Candidate] = []
    off_topic = 0
    for i, h in enumerate(hits):
        cosine = similarity(vector, h.vector)
        if gate and not on_topic(cosine, h.key in lexical):
            off_topic += 1
            continue
        candidates.append(Candidate(key=h.key, retrieval_score=relevance(cosine, i, len(hits), h.key in lexical),
                                    retrieval_rank=i + 1, similarity=round(cosine, 4), payload=h.payload))
    note = f" (query expanded with {', '.join('#' + t for t in expansion)})" if expansion else ""
    dropped = f"; {off_topic} more matched the filters but not the topic" if off_topic else ""
    progress(runtime, "retrieve", f"Found {len(candidates)} on-topic candidates under the hard filters{note}{dropped}", timings)
    return {"candidates": candidates, "query_text": text, "query_vector": vec_list, "timings": timings}
