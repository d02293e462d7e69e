"""A bounded, thread-safe, least-recently-used cache of values read from storage, by key.

Briefs read the same creators again and again (parsed store rows, per-post vector
matrices), and rebuilding those values costs more than the read. The owner drops the keys
it writes. A reader that read a row before such a write could otherwise put the old value
back after the drop; so a reader takes `epoch()` before it reads, and `put_many` ignores
its values if any drop happened since. Writes are rare beside reads, so this errs on the
side of not caching.

Per process: a second process writing the same storage is not seen, so only an owner
that sees every write may use it (the Edge shard is owned by one process; the creator
store's cache has the same limit, see retrieval/store.py).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from typing import Generic, TypeVar

V = TypeVar("V")


class KeyedCache(Generic[V]):
    """At most `capacity` units of weight (`weight(value)`; 1 per value unless given)."""

    def __init__(self, capacity: int, weight: Callable[[V], int] = lambda value: 1) -> None:
        self.capacity = capacity
        self._weight = weight
        self._items: OrderedDict[str, tuple[V, int]] = OrderedDict()
        self._used = 0
        self._epoch = 0
        self._lock = threading.Lock()

    def epoch(self) -> int:
        with self._lock:
            return self._epoch

    def get_many(self, keys: Iterable[str]) -> dict[str, V]:
        found: dict[str, V] = {}
        with self._lock:
            for key in keys:
                entry = self._items.get(key)
                if entry is not None:
                    self._items.move_to_end(key)
                    found[key] = entry[0]
        return found

    def put_many(self, items: dict[str, V], epoch: int) -> None:
        """Keeps `items`, read after `epoch()` returned `epoch`, unless a drop came since."""
        if self.capacity <= 0 or not items:
            return
        with self._lock:
            if epoch != self._epoch:
                return
            for key, value in items.items():
                weight = self._weight(value)
                if weight > self.capacity:
                    continue
                old = self._items.pop(key, None)
                if old is not None:
                    self._used -= old[1]
                self._items[key] = (value, weight)
                self._used += weight
            while self._used > self.capacity:
                _, (_, weight) = self._items.popitem(last=False)
                self._used -= weight

    def get_or_read(self, keys: Sequence[str], read: Callable[[list[str]], dict[str, V]]) -> dict[str, V]:
        """Values of `keys`: kept ones from memory, the rest from `read(missing)` (kept unless a
        drop came meanwhile). A key `read` does not return has no value."""
        found = self.get_many(keys)
        missing = [key for key in keys if key not in found]
        if missing:
            epoch = self.epoch()  # before the read: a write after it keeps these out
            fetched = read(missing)
            self.put_many(fetched, epoch)
            found.update(fetched)
        return found

    def drop(self, keys: Iterable[str]) -> None:
        """After a write of `keys`: their values go, and reads begun before it are not kept."""
        with self._lock:
            self._epoch += 1
            for key in keys:
                old = self._items.pop(key, None)
                if old is not None:
                    self._used -= old[1]

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)
