"""Running the graph: one-off shortlists and chat threads, as a stream of typed events.

The service maps these events to Server-Sent Events; the CLI prints them.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from typing import Any, AsyncIterator

from langgraph.checkpoint.base import BaseCheckpointSaver
from pydantic import BaseModel

from agents.context import AgentContext
from agents.criteria import CampaignCriteria
from agents.events import DoneEvent, ErrorEvent, RunEvent
from agents.graph import build_graph
from agents.shortlist import Shortlist

log = logging.getLogger(__name__)


class ThreadView(BaseModel):
    thread_id: str
    brief: str
    criteria: CampaignCriteria | None
    shortlist: Shortlist | None
    messages: list[str]
    turns: list[dict[str, Any]] = []


def checkpoint_serializer():
    """The checkpoint's own pydantic types, registered so a stricter LangGraph release
    (msgpack allow-lists) still loads saved threads instead of refusing them."""
    from langgraph.checkpoint.serde.jsonplus import JsonPlusSerializer

    from agents.shortlist import AppliedRelaxation, Evidence, PriceRange, Relaxation, ShortlistedCreator, VettingResult
    from retrieval.schema import Money

    types = (CampaignCriteria, Money, Shortlist, ShortlistedCreator, Evidence, VettingResult, PriceRange, Relaxation,
             AppliedRelaxation)
    return JsonPlusSerializer(allowed_msgpack_modules=[(t.__module__, t.__name__) for t in types])


@dataclass
class AgentRunner:
    """Holds the compiled graphs: one without memory for one-off briefs, one with the
    checkpointer for threads (so one-off runs leave nothing behind in thread storage)."""

    context: AgentContext
    checkpointer: BaseCheckpointSaver | None = None

    def __post_init__(self) -> None:
        if self.checkpointer is not None:
            self.checkpointer.serde = checkpoint_serializer()
        self._oneoff = build_graph(None)
        self._threads = build_graph(self.checkpointer) if self.checkpointer is not None else None

    async def stream(
        self,
        message: str,
        *,
        thread_id: str | None = None,
        overrides: dict[str, Any] | None = None,
        limit: int | None = None,
        shortlist_id: str | None = None,
        label: str | None = None,
    ) -> AsyncIterator[RunEvent]:
        shortlist_id = shortlist_id or uuid.uuid4().hex
        payload: dict[str, Any] = {"message": message, "overrides": overrides, "limit": limit,
                                   "shortlist_id": shortlist_id, "label": label}
        if thread_id is not None:
            if self._threads is None:
                raise RuntimeError("threads need a checkpointer")
            graph, config = self._threads, {"configurable": {"thread_id": thread_id}}
        else:
            graph, config = self._oneoff, {}
        # Each vetting batch is three steps of the graph (agents/graph.py); batches double,
        # so this bound is far above any real run and only stops a runaway loop.
        config = {**config, "recursion_limit": 100}
        final: dict[str, Any] | None = None
        # Threads persist once per run, at the end: intermediate candidate lists are large
        # and a half-finished run has nothing worth resuming.
        extra = {"durability": "exit"} if thread_id is not None else {}
        try:
            async for mode, chunk in graph.astream(payload, config, context=self.context,
                                                   stream_mode=["custom", "values"], **extra):
                if mode == "custom":
                    yield chunk
                else:
                    final = chunk
        except Exception as exc:  # a failed run is an event, not a dropped stream
            log.exception("shortlist run failed")
            yield ErrorEvent(message=f"the run failed: {type(exc).__name__}", code="internal")
            return
        if not final or "shortlist" not in final:
            yield ErrorEvent(message="the run ended without a shortlist", code="internal")
            return
        shortlist: Shortlist = final["shortlist"]
        if thread_id is not None:
            shortlist = shortlist.model_copy(update={"thread_id": thread_id})
        yield DoneEvent(shortlist_id=shortlist.id, shortlist=shortlist)

    async def run(self, message: str, **kwargs: Any) -> Shortlist:
        """The whole run without streaming; raises on failure."""
        async for event in self.stream(message, **kwargs):
            if isinstance(event, DoneEvent):
                return event.shortlist
            if isinstance(event, ErrorEvent):
                raise RuntimeError(event.message)
        raise RuntimeError("no shortlist produced")

    async def thread(self, thread_id: str) -> ThreadView | None:
        if self._threads is None:
            return None
        snapshot = await self._threads.aget_state({"configurable": {"thread_id": thread_id}})
        values = snapshot.values if snapshot else None
        if not values:
            return None
        brief = values.get("brief", "")
        # Threads from before `messages` existed kept only the joined brief, one message a line.
        messages = values.get("messages") or [m for m in brief.split("\n") if m]
        return ThreadView(thread_id=thread_id, brief=brief, criteria=values.get("criteria"),
                          shortlist=values.get("shortlist"), messages=messages,
                          turns=[dict(t) for t in values.get("turns") or []])
