"""parse and shortlist: the agent from the command line."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys

from app.settings import get_settings
from app.wiring import build_agent_context, build_brief_parser, open_retrieval_from_settings


def _print_criteria(criteria, parser: str, warnings: list[str]) -> None:
    data = criteria.model_dump(exclude_defaults=True, exclude={"assumptions", "hard", "conflicts"})
    print(f"Criteria ({parser} parser):")
    for key, value in data.items():
        hard = " (hard)" if key in criteria.hard else ""
        print(f"  {key:<22} {json.dumps(value, ensure_ascii=False)}{hard}")
    for text in criteria.assumptions:
        print(f"  assumed: {text}")
    for text in criteria.conflicts:
        print(f"  CONFLICT: {text}")
    for text in warnings:
        print(f"  warning: {text}")


def parse(args: argparse.Namespace) -> int:
    result = asyncio.run(build_brief_parser(get_settings()).parse(args.brief))
    if args.json:
        print(json.dumps({"criteria": result.criteria.model_dump(mode="json"), "parser": result.parser,
                          "warnings": result.warnings}, indent=2, ensure_ascii=False))
    else:
        _print_criteria(result.criteria, result.parser, result.warnings)
    return 0


def _print_creator(c) -> None:
    er = f"{c.engagement_rate * 100:.1f}% ER" if c.engagement_rate is not None else "ER n/a"
    price = (f"{c.price_estimate.currency} {c.price_estimate.low:,.0f}–{c.price_estimate.high:,.0f}/post"
             if c.price_estimate else "price n/a")
    print(f"\n{c.rank:>2}. @{c.handle} · {c.platform} · {c.followers:,} followers · {er} · {price} · score {c.score:.2f}")
    for reason in c.reasons:
        print(f"      + {reason}")
    for risk in c.risks:
        print(f"      ! {risk}")


async def _shortlist(args: argparse.Namespace) -> int:
    from agents.events import CreatorEvent, CriteriaEvent, DoneEvent, ErrorEvent, WarningEvent
    from agents.runner import AgentRunner

    settings = get_settings()
    retrieval = open_retrieval_from_settings(settings)
    try:
        if len(retrieval.index) == 0:
            print("the index is empty: run `castlist ingest FILE` (or `castlist serve`, which builds the demo index)",
                  file=sys.stderr)
            return 1
        runner = AgentRunner(build_agent_context(settings, retrieval))
        async for event in runner.stream(args.brief, limit=args.limit):
            if isinstance(event, ErrorEvent):
                print(f"error: {event.message}", file=sys.stderr)
                return 1
            if args.json:
                if isinstance(event, DoneEvent):
                    print(event.shortlist.model_dump_json(indent=2))
                continue
            if isinstance(event, CriteriaEvent):
                _print_criteria(event.criteria, event.parser, [])
            elif isinstance(event, WarningEvent):
                print(f"warning: {event.message}")
            elif isinstance(event, CreatorEvent):
                _print_creator(event.creator)
            elif isinstance(event, DoneEvent):
                s = event.shortlist
                print(f"\n{len(s.creators)} creators · shortlist {s.id} · "
                      f"{s.stats.get('timings_ms', {})}")
                for r in s.relaxations:
                    print(f"  to find more: {r.suggestion} (+{r.adds} creators)")
        return 0
    finally:
        retrieval.close()


def shortlist(args: argparse.Namespace) -> int:
    return asyncio.run(_shortlist(args))
