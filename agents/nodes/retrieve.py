"""Retrieve node: hybrid search under hard filters, over-fetching for vetting.

The query is the brief's own topic words. Each hit is then checked for evidence in its
own posts (agents/topicality.py): creators without it are not candidates at all, and
the shortfall is said plainly instead of filled with near misses. One round of pseudo-relevance feedback adds
hashtags that most of the first results share, so the lexical arm also finds creators
who say "#plantbased" when the brief said "dairy-free"; the dense arm already handles
paraphrase.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np
from langgraph.runtime import Runtime

from agents.context import AgentContext
from agents.criteria import CampaignCriteria
from agents.evidence import post_text
from agents.filters import index_filter
from agents.followup.locale_names import english_name
from agents.nodes.common import progress, stage
from agents.parsing.stopwords import brief_language
from agents.state import Candidate, ShortlistState
from agents.topicality import (
    TopicEvidence,
    TopicFacet,
    facets_of,
    readable_in_english,
    relevance,
    topic_evidence,
)
from retrieval.calibration import TopicCalibration
from retrieval.documents import dense_text
from retrieval.e5_weights import E5_MODEL
from retrieval.index.base import PostVectors, SearchHit
from retrieval.store import StoredCreator

FEEDBACK_DOCS = 10
FEEDBACK_MIN_SHARE = 0.4
FEEDBACK_MAX_TERMS = 6
FEEDBACK_MIN_SIMILARITY = 0.4  # profile cosine of the first hits allowed to suggest expansion terms


# What later nodes read of a candidate's index payload (select: the exclusion and audience
# checks). Only these are kept: candidates live in the run's state and a chat thread's
# checkpoints, and a full payload carries every post id.
CANDIDATE_PAYLOAD = ("country", "followers")


def candidate_payload(hit: SearchHit) -> dict[str, Any]:
    return {field: hit.payload.get(field) for field in CANDIDATE_PAYLOAD}


def similarity(query_vec: np.ndarray, vector: list[float] | np.ndarray | None) -> float:
    return float(np.dot(query_vec, np.asarray(vector))) if vector is not None else 0.0


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


def topic_candidates(hits: list[SearchHit], facets: list[TopicFacet], stored: dict[str, StoredCreator],
                     posts: dict[str, PostVectors], focus_dense: np.ndarray, focus_posts: np.ndarray,
                     calibration: TopicCalibration, multilingual: bool = False) -> tuple[list[Candidate], int]:
    """Candidates with post evidence for a facet, best first; and how many had none.

    An English-only model reads a facet in another language on its words alone (closeness
    to a word it does not know means nothing); the words still count, as niche words are
    often shared ("vegane" shows "vegan", "yoga", "espresso")."""
    readable = [multilingual or _readable(f) for f in facets]
    out: list[Candidate] = []
    missing = 0
    for i, h in enumerate(hits):
        profile = np.asarray(h.vector, dtype=np.float32) if h.vector is not None else None
        item = stored.get(h.key)
        pv = posts.get(h.key)
        matrix = np.asarray(pv.vectors, dtype=np.float32) if pv else None
        texts, lowered = _post_texts(item) if item else ({}, {})
        best: TopicEvidence | None = None
        best_profile = 0.0
        shown = 0
        head_shown = False
        for j, facet in enumerate(facets):
            profile_sim = float(profile @ focus_dense[j]) if profile is not None else 0.0
            best_profile = max(best_profile, profile_sim)
            ev = topic_evidence(facet, texts, pv.post_ids if pv else [], matrix, focus_posts[j], profile_sim, calibration,
                                closeness=readable[j], lowered_texts=lowered)
            shown += ev is not None
            head_shown = head_shown or (j == 0 and ev is not None)
            if ev is not None and (best is None or _strength(ev) > _strength(best)):
                best = ev
        if best is None:
            missing += 1
            continue
        score = relevance(best, best_profile, calibration, coverage=shown / len(facets), head_shown=head_shown,
                          fused=1.0 - i / max(len(hits), 1))
        out.append(Candidate(key=h.key, retrieval_score=score, retrieval_rank=i + 1,
                             similarity=round(best_profile, 4), payload=candidate_payload(h), evidence=best))
    out.sort(key=lambda c: (-c["retrieval_score"], c["retrieval_rank"]))
    return out, missing


def _post_texts(item: StoredCreator) -> tuple[dict[str, str], dict[str, str]]:
    """A creator's post texts by post id, and lowered: built once per parsed creator (kept
    with it, so a write drops them too) instead of once per brief, facet and word."""
    texts = item.derived.get("post_texts")
    if texts is None:
        plain = {p.id: post_text(p) for p in item.creator.posts}
        texts = item.derived["post_texts"] = (plain, {pid: text.lower() for pid, text in plain.items()})
    return texts  # type: ignore[return-value]


def _readable(facet: TopicFacet) -> bool:
    return all(readable_in_english(w) for w in facet.focus.split())


def _strength(ev: TopicEvidence) -> tuple[int, float]:
    return ({"post_words": 2, "post_meaning": 1, "profile": 0}[ev.route], ev.post_similarity)


def language_warning(language: str | None, facets: list[TopicFacet], multilingual: bool, model: str) -> str | None:
    """An English-only model matches a brief in another language on its literal words only."""
    if multilingual or language in (None, "en") or all(_readable(f) for f in facets):
        return None
    name = english_name("language", language)
    return (f"Your brief reads as {name}; the index's embedding model ({model}) reads English only, so posts "
            f"are matched on the brief's own words alone (words shared with English, like “yoga”, still work). "
            f"Write the topic in English, or run the service with CASTLIST_EMBEDDING_MODEL={E5_MODEL} and "
            f"`castlist reindex`.")


def unranked_candidates(hits: list[SearchHit], vector: np.ndarray) -> list[Candidate]:
    """No topic named (filters only, or "more like" seeds): the fused order stands."""
    return [Candidate(key=h.key, retrieval_score=round(1.0 - i / max(len(hits), 1), 4), retrieval_rank=i + 1,
                      similarity=round(similarity(vector, h.vector), 4), payload=candidate_payload(h), evidence=None)
            for i, h in enumerate(hits)]


def shortfall_warning(facets: list[TopicFacet], candidates: list[Candidate], wanted: int, missing: int) -> str | None:
    """Fewer creators show posts on the topic than asked for. Creators close by their content
    profile only are counted apart: their cards say "near miss", and a count that included
    them read as if they showed posts too."""
    shown = sum(1 for c in candidates if c["evidence"] is not None and c["evidence"].route != "profile")
    if shown >= wanted or not facets:
        return None
    topic = " / ".join(f"“{f.focus}”" for f in facets)
    near = len(candidates) - shown
    close = (f"; {near}{' more' if shown else ''} {'comes' if near == 1 else 'come'} close by their content "
             f"profile only (listed as near misses)" if near else "")
    more = (f"; {missing} more matched the filters but show no post on it, so they are not listed as on topic"
            if missing else "")
    if shown == 0:
        return f"No creator shows posts on {topic} under your filters (you asked for {wanted}){close}{more}."
    who = "creator shows" if shown == 1 else "creators show"
    return f"Only {shown} {who} posts on {topic} under your filters (you asked for {wanted}){close}{more}."


def post_vectors(ctx: AgentContext, keys: list[str]) -> dict[str, PostVectors]:
    """Per-post vectors from the store's copy, the index for creators it lacks (stored
    before it kept them; retrieval/store_tables.py says why it does); none for creators
    without posts."""
    found = ctx.store.post_vectors(keys, ctx.embedder.posts.name)
    rest = [k for k in keys if k not in found]
    if rest:
        found.update(ctx.index.post_vectors(rest))
    return {k: pv for k, pv in found.items() if pv.post_ids}


@dataclass(frozen=True)
class Retrieved:
    candidates: list[Candidate]
    query_text: str
    query_vector: list[float]
    expansion: list[str]
    missing: int
    warnings: list[str]


def retrieve_candidates(ctx: AgentContext, criteria: CampaignCriteria, brief: str, seeds: list[str]) -> Retrieved:
    """Blocking: embeds, searches and reads evidence. Called in one worker thread: each hop
    between the event loop and a thread costs a wake-up of both, and a brief made a dozen."""
    count = criteria.creators_count or ctx.default_count
    limit = max(ctx.min_candidates, count * ctx.overfetch)
    flt = index_filter(criteria)
    facets = facets_of(criteria.topics)
    text = query_text(criteria, brief)
    focus = " ".join(f.focus for f in facets) or text
    # With one facet the focus is that facet's text: each distinct text is embedded once.
    texts = list(dict.fromkeys([focus] + [f.focus for f in facets]))
    unique = ctx.embedder.embed_queries(texts)
    vectors = unique[[texts.index(t) for t in [focus] + [f.focus for f in facets]]]
    vector = vectors[0]
    if seeds:
        stored = ctx.store.get_many(seeds)
        seed_texts = [dense_text(s.creator, s.features) for s in stored.values()]
        if seed_texts:
            blended = ctx.embedder.embed(seed_texts).mean(axis=0) + (vector if criteria.topics else 0)
            vector = blended / np.linalg.norm(blended)
            flt = flt.model_copy(update={"exclude_keys": flt.exclude_keys + seeds})
    vec_list = vector.tolist()
    hits = ctx.index.search(vec_list, text, flt, limit, "hybrid", False, None, True)
    confident = [h.key for h in hits[:FEEDBACK_DOCS * 2] if similarity(vector, h.vector) >= FEEDBACK_MIN_SIMILARITY]
    expansion: list[str] = []
    if len(confident) >= 3:
        top = ctx.store.get_many(confident[:FEEDBACK_DOCS])
        expansion = feedback_terms([s.features.top_hashtags for s in top.values()], text)
    if expansion:
        text = f"{text} {' '.join(expansion)}"
        hits = ctx.index.search(vec_list, text, flt, limit, "hybrid", False, None, True)
    if not facets:
        return Retrieved(unranked_candidates(hits, vector), text, vec_list, expansion, 0, [])
    keys = [h.key for h in hits]
    multilingual = ctx.embedder.name == E5_MODEL
    language = brief_language(brief)
    candidates, missing = topic_candidates(
        hits, facets, ctx.store.get_many(keys), post_vectors(ctx, keys), vectors[1:],
        ctx.embedder.posts.embed([f.focus for f in facets]), ctx.topic_calibration().for_language(language),
        multilingual)
    warnings = [w for w in (language_warning(language, facets, multilingual, ctx.embedder.name),
                            shortfall_warning(facets, candidates, count, missing)) if w]
    return Retrieved(candidates, text, vec_list, expansion, missing, warnings)


async def retrieve_node(state: ShortlistState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    timings: dict[str, float] = {}
    with stage(runtime, "retrieve", timings):
        found = await asyncio.to_thread(retrieve_candidates, runtime.context, state["criteria"],
                                        state.get("brief", state["message"]), state.get("similar_to") or [])
    note = f" (query expanded with {', '.join('#' + t for t in found.expansion)})" if found.expansion else ""
    dropped = f"; {found.missing} more matched the filters but show no post on the topic" if found.missing else ""
    on_topic = bool(facets_of(state["criteria"].topics))
    progress(runtime, "retrieve", f"Found {len(found.candidates)} candidates with on-topic posts under the hard filters"
             f"{note}{dropped}" if on_topic else f"Found {len(found.candidates)} candidates under the hard filters",
             timings)
    return {"candidates": found.candidates, "query_text": found.query_text, "query_vector": found.query_vector,
            "timings": timings, "warnings": found.warnings}
