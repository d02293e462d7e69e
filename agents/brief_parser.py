"""One interface for turning a brief into criteria, whichever parser does it (DESIGN 2).

The graph depends on `BriefParser` only; settings decide whether it gets the offline
parser (the default) or the LLM parser (which falls back to the offline one).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Protocol

from agents.criteria import ParseResult

__all__ = ["BriefParser", "OfflineBriefParser", "OfflineParseFn", "load_offline_parser"]

OfflineParseFn = Callable[[str], ParseResult]


class BriefParser(Protocol):
    async def parse(self, brief: str) -> ParseResult:
        """The criteria a brief asks for, with how they were obtained."""
        ...


def load_offline_parser() -> OfflineParseFn:
    # Imported on use, not at import time: the offline parser loads gazetteers and an
    # embedding model, which callers that never parse shouldn't pay for.
    from agents.parsing.offline import parse_offline

    return parse_offline


class OfflineBriefParser:
    """`BriefParser` over the synchronous offline parser."""

    def __init__(self, parse: OfflineParseFn | None = None) -> None:
        self._parse = parse

    async def parse(self, brief: str) -> ParseResult:
        parse = self._parse or load_offline_parser()
        # In a worker thread: rules plus an embedding lookup are CPU work that would
        # otherwise stall every other request on the event loop.
        return await asyncio.to_thread(parse, brief)
