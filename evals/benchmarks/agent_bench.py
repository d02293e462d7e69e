"""The in-process agent: brief -> complete shortlist and time to the first creator,
beside the floor of embedding the query plus one index query."""

from __future__ import annotations

import time

from agents.brief_parser import OfflineBriefParser
from agents.context import AgentContext
from agents.events import CreatorEvent, DoneEvent
from agents.filters import index_filter
from agents.parsing.offline import parse_offline
from agents.runner import AgentRunner
from evals.benchmarks.stats import summary_ms
from evals.benchmarks.workload import BRIEFS
from retrieval.embedder import Embedder
from retrieval.index.base import CreatorIndex
from retrieval.store import CreatorStore


async def bench_agent(store: CreatorStore, index: CreatorIndex, embedder: Embedder, rounds: int) -> dict:
    runner = AgentRunner(AgentContext(store=store, index=index, embedder=embedder, parser=OfflineBriefParser()))
    totals, firsts, floors, sizes, parses = [], [], [], [], []
    for i in range(rounds + 2):
        brief = BRIEFS[i % len(BRIEFS)]
        started = time.perf_counter()
        first = None
        async for event in runner.stream(brief):
            if isinstance(event, CreatorEvent) and first is None:
                first = time.perf_counter() - started
            if isinstance(event, DoneEvent):
                sizes.append(len(event.shortlist.creators))
        total = time.perf_counter() - started
        # The floor for the same brief: embed its topic text, one hybrid query.
        started = time.perf_counter()
        criteria = parse_offline(brief).criteria
        parse_s = time.perf_counter() - started
        text = " ".join(criteria.topics) or brief
        started = time.perf_counter()
        vector = embedder.embed_queries([text])[0].tolist()
        index.search(vector, text, index_filter(criteria), 100, mode="hybrid")
        floor = time.perf_counter() - started
        if i >= 2:  # the first two warm caches
            totals.append(total)
            floors.append(floor)
            parses.append(parse_s)
            if first is not None:
                firsts.append(first)
    total_s, floor_s = summary_ms(totals), summary_ms(floors)
    return {
        "brief_to_shortlist": total_s,
        "first_creator_event": summary_ms(firsts),
        "floor_embed_plus_query": floor_s,
        "offline_parse": summary_ms(parses),  # the parser's share of a brief
        "overhead_ratio_p50": round(total_s["p50_ms"] / floor_s["p50_ms"], 2) if floor_s["p50_ms"] else None,
        "mean_shortlist_size": round(sum(sizes) / len(sizes), 1) if sizes else 0,
    }
