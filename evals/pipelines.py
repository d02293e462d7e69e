"""The systems `castlist eval` compares, built over one opened corpus.

The baselines share the agent's parser and hard filters, so the comparison isolates what
ranking and vetting add: BM25-only, dense-only, hybrid (RRF) without vetting, and the
full agent.
"""

from __future__ import annotations

import asyncio
import json
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from agents.context import AgentContext
from agents.criteria import CampaignCriteria
from agents.filters import index_filter
from agents.nodes.retrieve import query_text
from agents.runner import AgentRunner
from evals.corpus import EvalCorpus
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


# The demo corpus's own reference time (the generator's "now"): activity features and
# the faithfulness check both use it, so results do not drift with the wall clock.
DEMO_AS_OF = datetime(2026, 11, 1, tzinfo=timezone.utc)


def latest_post_time(path: Path) -> datetime | None:
    """A historical data set is judged as of its own last post, not today: otherwise
    every creator in it reads as inactive."""
    from retrieval.schema import parse_timestamp

    latest = None
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            for post in json.loads(line).get("posts") or []:
                try:
                    when = parse_timestamp(post.get("created_at"))
                except ValueError:
                    continue
                if isinstance(when, datetime) and (latest is None or when > latest):
                    latest = when
    return latest


def systems_factory(embedder: Embedder, default_count: int, opened: list,
                    echo: Callable[[str], None] | None = print) -> Callable[[EvalCorpus], list]:
    """Index a corpus into a fresh store and Edge index, then build the four systems over it.

    Shared by `castlist eval` and the pooling of judgments (evals.pooling), so the systems
    that are pooled are exactly the systems that are scored. Opened resources are appended
    to `opened`; the caller closes them.
    """
    from agents.brief_parser import OfflineBriefParser
    from retrieval.index.edge import EdgeCreatorIndex
    from retrieval.ingest import Ingester
    from retrieval.store import CreatorStore

    def factory(corpus: EvalCorpus) -> list:
        store = CreatorStore.open(f"sqlite:///{corpus.work_dir / 'castlist.db'}")
        index = EdgeCreatorIndex(corpus.work_dir / "edge", embedder.dim)
        opened.extend([index, store])
        as_of = DEMO_AS_OF if corpus.name == "demo" else (latest_post_time(corpus.path) or DEMO_AS_OF)
        started = time.perf_counter()
        summary = Ingester(store, index, embedder, as_of=as_of).ingest_files([corpus.path])
        index.optimize()
        if echo:
            echo(f"{corpus.name}: indexed {summary.line()} (as of {as_of.date()}) in {time.perf_counter() - started:.1f}s")
        context = AgentContext(store=store, index=index, embedder=embedder, parser=OfflineBriefParser(),
                               now=as_of, default_count=default_count)
        return build_systems(context)

    return factory
