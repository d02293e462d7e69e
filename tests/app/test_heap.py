"""app/heap.py: what a server process freezes after start stays out of the cyclic
collector; what it makes later is collected as before."""

from __future__ import annotations

import gc
import weakref

from app.heap import freeze_startup_heap


class _Node:
    pass


def _cycle() -> _Node:
    node = _Node()
    node.self = node  # only the cyclic collector can free it
    return node


def test_the_startup_heap_is_frozen_and_later_cycles_are_still_collected() -> None:
    kept = _cycle()
    try:
        # Not compared with a later get_freeze_count(): frozen objects that other threads
        # release by reference counting leave the count meanwhile.
        assert freeze_startup_heap() > 1_000
        startup = weakref.ref(kept)
        del kept
        later = _cycle()
        made_later = weakref.ref(later)
        del later
        gc.collect()
        assert made_later() is None
        assert startup() is not None  # the trade: a start-up object that becomes a cycle stays
    finally:
        gc.unfreeze()
    gc.collect()
    assert startup() is None
