"""The in-process agent: brief -> complete shortlist, time to the first creator and CPU
per brief, beside the floor of embedding the query plus one index query."""

from __future__ import annotations

import time

from agents.brief_parser import OfflineBriefParser
from agents.context import AgentContext
from agents.events import CreatorEvent, DoneEvent
from agents.filters import index_filter
from agents.parsing.offline import parse_offline
from agents.runner import AgentRunner
from evals.benchmarks.stats import summary_ms
from evals.benchmarks.workload import BRIEFS, QUERIES
from retrieval.embedder import Embedder
from retrieval.index.base import CreatorIndex
from retrieval.store import CreatorStore


# Warms what any first brief loads (word frequencies, the per-post encoder); in neither set.
WARM_UP_BRIEF = "coffee and latte art creators, 10 creators"
# Briefs each run once, before the cycled ones: what a brief costs when the per-creator
# caches (parsed creators, post vectors) hold little of it. The cycled BRIEFS see the
# same creators again and again, which flatters those caches.
VARIED_BRIEFS = [f"{topic}, 10 creators" for topic, _ in QUERIES]


async def _run(runner: AgentRunner, brief: str) -> tuple[float, float | None, float, int | None]:
    """Wall time, time to the first creator, CPU time of the whole process, shortlist size."""
    started, cpu = time.perf_counter(), time.process_time()
    first = size = None
    async for event in runner.stream(brief):
        if isinstance(event, CreatorEvent) and first is None:
            first = time.perf_counter() - started
        if isinstance(event, DoneEvent):
            size = len(event.shortlist.creators)
    return time.perf_counter() - started, first, time.process_time() - cpu, size


def _cpu_ms(samples_s: list[float]) -> float:
    # CPU of every thread of the process (the embedder's too) over the briefs, per brief.
    return round(sum(samples_s) / len(samples_s) * 1000, 1) if samples_s else float("nan")


async def bench_agent(store: CreatorStore, index: CreatorIndex, embedder: Embedder, rounds: int) -> dict:
    runner = AgentRunner(AgentContext(store=store, index=index, embedder=embedder, parser=OfflineBriefParser()))
    await _run(runner, WARM_UP_BRIEF)
    varied = [await _run(runner, brief) for brief in VARIED_BRIEFS]
    totals, firsts, floors, sizes, parses, cpus = [], [], [], [], [], []
    for i in range(rounds + 2):
        brief = BRIEFS[i % len(BRIEFS)]
        total, first, cpu, size = await _run(runner, brief)
        if size is not None:
            sizes.append(size)
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
            cpus.append(cpu)
            floors.append(floor)
            parses.append(parse_s)
            if first is not None:
                firsts.append(first)
    total_s, floor_s = summary_ms(totals), summary_ms(floors)
    return {
        "brief_to_shortlist": total_s,
        "first_creator_event": summary_ms(firsts),
        "cpu_ms_per_brief": _cpu_ms(cpus),
        "varied_briefs_once": {"brief_to_shortlist": summary_ms([v[0] for v in varied]),
                               "cpu_ms_per_brief": _cpu_ms([v[2] for v in varied])},
        "floor_embed_plus_query": floor_s,
        "offline_parse": summary_ms(parses),  # the parser's share of a brief
        "overhead_ratio_p50": round(total_s["p50_ms"] / floor_s["p50_ms"], 2) if floor_s["p50_ms"] else None,
        "mean_shortlist_size": round(sum(sizes) / len(sizes), 1) if sizes else 0,
    }
