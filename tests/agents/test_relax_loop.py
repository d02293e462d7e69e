"""select → relax → retrieve on the real demo corpus: preferences first, relaxed when short,
musts never; every step streamed and recorded in the shortlist."""

from __future__ import annotations

from agents.events import CreatorEvent, DoneEvent, ProgressEvent, WarningEvent
from agents.graph import build_graph
from agents.runner import AgentRunner


async def collect(runner: AgentRunner, message: str, **kw):
    return [event async for event in runner.stream(message, **kw)]


def final(events):
    return next(e for e in events if isinstance(e, DoneEvent)).shortlist


def key(c) -> str:
    return f"{c.platform}:{c.handle.lower()}"


async def test_a_preference_nobody_meets_is_relaxed_and_recorded(demo, embedder):
    events = await collect(AgentRunner(demo.context(embedder)), "12 vegan food creators, ideally based in Iceland")
    shortlist = final(events)

    relaxed = [e for e in events if isinstance(e, WarningEvent) and e.code == "relaxed"]
    assert len(relaxed) == 1 and "creator countries" in relaxed[0].message
    assert [e.stage for e in events if isinstance(e, ProgressEvent)].count("relax") == 1
    assert [r.fields for r in shortlist.relaxed] == [["creator_countries"]]
    assert shortlist.relaxed[0].added == len(shortlist.creators) == 12
    assert "creator_countries" not in shortlist.criteria.hard  # still the user's preference, not a must
    assert any("relaxed a preference" in w for w in shortlist.warnings)
    streamed = [e.creator for e in events if isinstance(e, CreatorEvent)]
    assert [c.handle for c in streamed] == [c.handle for c in shortlist.creators]
    assert [c.rank for c in streamed] == list(range(1, 13))


async def test_a_must_is_never_relaxed(demo, embedder):
    events = await collect(AgentRunner(demo.context(embedder)), "12 vegan food creators on TikTok, ideally based in Iceland")
    shortlist = final(events)

    assert [r.fields for r in shortlist.relaxed] == [["creator_countries"]]
    assert shortlist.creators and all(c.platform == "tiktok" for c in shortlist.creators)
    assert shortlist.criteria.hard == ["platforms", "topics"]


async def test_a_must_that_keeps_the_list_short_is_stated_not_relaxed(demo, embedder):
    events = await collect(AgentRunner(demo.context(embedder)), "12 vegan food creators based in Iceland")
    shortlist = final(events)

    assert shortlist.relaxed == []
    assert not any(isinstance(e, WarningEvent) and e.code == "relaxed" for e in events)
    assert all(demo.store.get(key(c)).creator.country == "IS" for c in shortlist.creators)
    short = [e for e in events if isinstance(e, WarningEvent) and e.code == "short"]
    said = f"Only {len(shortlist.creators)} of 12" if shortlist.creators else "No creator matched every constraint (you asked for 12)"
    assert len(short) == 1 and said in short[0].message


async def test_a_preference_that_is_met_ranks_its_creators_only(demo, embedder):
    events = await collect(AgentRunner(demo.context(embedder)), "5 vegan food creators, ideally on Instagram")
    shortlist = final(events)

    assert shortlist.relaxed == []
    assert [c.platform for c in shortlist.creators] == ["instagram"] * 5
    assert shortlist.criteria.hard == ["topics"]


async def test_relaxing_is_bounded_by_the_context(demo, embedder):
    events = await collect(AgentRunner(demo.context(embedder, max_relax_rounds=0)),
                           "12 vegan food creators, ideally based in Iceland")
    shortlist = final(events)

    assert shortlist.relaxed == [] and len(shortlist.creators) == 12  # a preference only ranks


def test_the_diagram_shows_the_decisions():
    diagram = build_graph().get_graph().draw_mermaid()
    assert "select -. &nbsp;short, a preference left&nbsp; .-> relax;" in diagram
    assert "relax --> retrieve;" in diagram
    assert "explain -. &nbsp;LLM configured&nbsp; .-> polish;" in diagram
