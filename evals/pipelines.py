"""The systems `castlist eval` compares, built over one opened corpus.

The baselines share the agent's parser and hard filters, so the comparison isolates what
ranking and vetting add: BM25-only, dense-only, hybrid (RRF) without vetting, and the
full agent.
"""

from __future__ import annotations

import asyncio
import time

from agents.context import AgentContext
from agents.criteria import CampaignCriteria
from agents.filters import index_filter
from agents.nodes.retrieve import query_text
from agents.runner import AgentRunner
from evals.systems import RankedResult
from retrieval.embedder import Embedder
from retrieval.index.base import CreatorIndex, SearchMode


class RetrievalBaseline:
    """Parse, then one index query in a single mode under the same hard filters."""

    def __init__(self, name: str, mode: SearchMode, context: AgentContext) -> None:
        self.name = name
        self.mode = mode
        self._ctx = context

    async def shortlist(self, brief: str, limit: int) -> RankedResult:
        started = time.perf_counter()
        parsed = await self._ctx.parser.parse(brief)
        criteria: CampaignCriteria = parsed.criteria
        parse_ms = (time.perf_counter() - started) * 1000
        text = query_text(criteria, brief)
        started = time.perf_counter()
        embedder: Embedder = self._ctx.embedder
        vector = None if self.mode == "sparse" else (await asyncio.to_thread(embedder.embed_queries, [text]))[0].tolist()
        index: CreatorIndex = self._ctx.index
        hits = await asyncio.to_thread(index.search, vector, text, index_filter(criteria), limit, self.mode)
        return RankedResult(keys=[h.key for h in hits],
                            stage_ms={"parse": parse_ms, "retrieve": (time.perf_counter() - started) * 1000})


class FullAgent:
    name = "full_agent"

    def __init__(self, context: AgentContext) -> None:
        self._runner = AgentRunner(context)

    async def shortlist(self, brief: str, limit: int) -> RankedResult:
        shortlist = await self._runner.run(brief, limit=limit)
        keys = [f"{c.platform}:{c.handle.lower()}" for c in shortlist.creators]
        return RankedResult(keys=keys, shortlist=shortlist, stage_ms=dict(shortlist.stats.get("timings_ms", {})))


def build_systems(context: AgentContext) -> list:
    return [
        RetrievalBaseline("bm25_only", "sparse", context),
        RetrievalBaseline("dense_only", "dense", context),
        RetrievalBaseline("hybrid_no_vetting", "hybrid", context),
        FullAgent(context),
    ]
