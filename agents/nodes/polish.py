"""Polish node: with an LLM configured, each explanation becomes two sentences of prose.

The model sees the creator's stored facts as a quoted JSON block (creator text is data,
never instructions) and its prose is kept only when every number in it is one of those
facts and it names no other creator (agents/llm/explainer.py); otherwise the template
explanation stands and a warning says how many fell back. The creators were already
streamed with the template text; the `done` shortlist carries the prose.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from typing import Any

from langgraph.runtime import Runtime

from agents.context import AgentContext
from agents.events import WarningEvent
from agents.nodes.common import emit, progress
from agents.state import ShortlistState

# One request at a time: a local model serves one stream well, several badly.
CONCURRENCY = 2


# after_explain's answers: the labels of the edges in the graph diagram.
NOT_SETTLED = "list not settled"
LLM = "LLM configured"
DONE = "done"


# async although it awaits nothing: LangGraph runs a plain function on an edge in a thread
# pool, a round trip through another thread for each call.
async def after_explain(state: ShortlistState, runtime: Runtime[AgentContext]) -> str:
    """Back to vetting until the list is settled; then polish when an LLM explainer is configured."""
    if not state.get("settled"):
        return NOT_SETTLED
    return LLM if runtime.context.explainer is not None and state.get("shortlist") else DONE


async def polish_node(state: ShortlistState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    explainer = runtime.context.explainer
    shortlist = state["shortlist"]
    started = time.perf_counter()
    gate = asyncio.Semaphore(CONCURRENCY)
    topics = shortlist.criteria.topics

    async def one(creator):
        async with gate:
            return await explainer.explain(creator, topics)

    results = await asyncio.gather(*(one(c) for c in shortlist.creators))
    creators = [c.model_copy(update={"explanation": r.text}) if r.source == "llm" else c
                for c, r in zip(shortlist.creators, results)]
    fallbacks = Counter(reason.split(":")[0].split(" (")[0] for r in results if r.source != "llm" for reason in r.rejected[:1])
    written = sum(r.source == "llm" for r in results)
    timings = {"polish": round((time.perf_counter() - started) * 1000, 2)}
    warnings: list[str] = []
    if fallbacks:
        detail = ", ".join(f"{n} {why}" for why, n in fallbacks.most_common())
        warnings.append(f"{len(results) - written} of {len(results)} explanations kept the template text ({detail})")
        emit(runtime, WarningEvent(code="llm_explain", message=warnings[-1]))
    progress(runtime, "polish", f"Wrote {written} of {len(results)} explanations as checked prose", timings)
    stats = {**shortlist.stats, "explanations": {"llm": written, "template": len(results) - written},
             "timings_ms": {**shortlist.stats.get("timings_ms", {}), **timings}}
    polished = shortlist.model_copy(update={"creators": creators, "stats": stats,
                                            "warnings": [*shortlist.warnings, *warnings]})
    return {"shortlist": polished, "timings": timings, "warnings": warnings}
