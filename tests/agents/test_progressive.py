"""Progressive streaming on the real demo index: creators leave as soon as selection has
settled them, in rank order, and the list is the one vetting every candidate first gives."""

from __future__ import annotations

import pytest

from agents.events import CreatorEvent, DoneEvent, ProgressEvent, WarningEvent
from agents.runner import AgentRunner

BRIEFS = [
    "8 vegan food creators on TikTok and Instagram, 5k-100k followers, no alcohol",
    "sourdough and bread baking creators",
    "fitness and home workout creators in Germany, budget 5000 USD",
    "20 beauty and skincare creators",
    "gaming creators on YouTube and Twitch, at most 300 USD per post",
    "travel creators with a female audience",
    "creators on tiktok",
]


async def run(runner: AgentRunner, brief: str):
    return [event async for event in runner.stream(brief)]


@pytest.mark.parametrize("brief", BRIEFS)
async def test_progressive_list_equals_vetting_everything_first(demo, embedder, brief):
    # Warm-up: right after other tests upsert into the shared demo index, the first search
    # can rank a few hits differently from the next ones (seen on Edge, whatever the vetting
    # batch); the comparison below is about vetting, so both runs see the settled index.
    await run(AgentRunner(demo.context(embedder)), brief)
    progressive = await run(AgentRunner(demo.context(embedder, vet_batch=4)), brief)
    # One batch larger than any candidate list: every candidate vetted before selection.
    whole = await run(AgentRunner(demo.context(embedder, vet_batch=100_000)), brief)
    final, reference = progressive[-1], whole[-1]
    assert isinstance(final, DoneEvent) and isinstance(reference, DoneEvent)
    streamed = [e.creator for e in progressive if isinstance(e, CreatorEvent)]
    assert [c.rank for c in streamed] == list(range(1, len(streamed) + 1))
    assert [c.model_dump() for c in streamed] == [c.model_dump() for c in final.shortlist.creators]
    keys = [(c.rank, c.platform, c.handle) for c in final.shortlist.creators]
    assert keys == [(c.rank, c.platform, c.handle) for c in reference.shortlist.creators]
    # Scores may differ in the third decimal between two searches of the shared index after
    # other tests wrote to it (the fused-rank part of relevance; seen once on a fresh clone).
    assert [c.score for c in final.shortlist.creators] == pytest.approx(
        [c.score for c in reference.shortlist.creators], abs=0.01)
    assert final.shortlist.relaxations == reference.shortlist.relaxations
    short = [e.message for e in progressive if isinstance(e, WarningEvent)]
    assert short == [e.message for e in whole if isinstance(e, WarningEvent)]
    assert final.shortlist.stats["vetted"] <= reference.shortlist.stats["vetted"]


@pytest.mark.parametrize("brief", ["5 sourdough and bread baking creators", "20 beauty and skincare creators"])
async def test_first_creator_streams_before_vetting_ends(demo, embedder, brief):
    events = await run(AgentRunner(demo.context(embedder, vet_batch=4)), brief)
    kinds = ["creator" if isinstance(e, CreatorEvent) else e.stage for e in events
             if isinstance(e, (CreatorEvent, ProgressEvent))]
    first = kinds.index("creator")
    stats = events[-1].shortlist.stats
    # Either vetting went on after the first creator left, or the list was settled
    # before every candidate was vetted (those that could not reach it never were).
    assert "vet" in kinds[first:] or stats["vetted"] < stats["candidates"], (kinds, stats)
