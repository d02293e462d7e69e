"""A token bucket per caller (API key, or client address when auth is off).

Each bucket holds up to a minute's worth of requests and refills continuously, so a
caller may burst to the limit and then proceeds at the steady rate. Buckets live in this
process only — right for the one-worker embedded default; a multi-process deployment would
put them in a shared store.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Callable


@dataclass
class _Bucket:
    tokens: float
    updated: float


@dataclass(frozen=True)
class Decision:
    allowed: bool
    remaining: int
    retry_after_s: int  # whole seconds until one token is back (0 when allowed)


class TokenBucketLimiter:
    # Past this many callers, buckets that have refilled completely are forgotten: a full
    # bucket is the same as a new one, so dropping it changes nothing but memory.
    MAX_IDLE_BUCKETS = 10_000

    def __init__(self, per_minute: int, burst: int | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        if per_minute < 1:
            raise ValueError("per_minute must be at least 1")
        self.rate = per_minute / 60.0  # tokens per second
        self.capacity = float(burst if burst is not None else per_minute)
        self._clock = clock
        self._buckets: dict[str, _Bucket] = {}

    def take(self, key: str, cost: float = 1.0) -> Decision:
        # Called on the event loop only (no awaits inside), so no lock is needed.
        now = self._clock()
        bucket = self._buckets.get(key)
        if bucket is None:
            if len(self._buckets) >= self.MAX_IDLE_BUCKETS:
                self._prune(now)
            bucket = self._buckets[key] = _Bucket(tokens=self.capacity, updated=now)
        bucket.tokens = min(self.capacity, bucket.tokens + (now - bucket.updated) * self.rate)
        bucket.updated = now
        if bucket.tokens >= cost:
            bucket.tokens -= cost
            return Decision(True, int(bucket.tokens), 0)
        wait = (cost - bucket.tokens) / self.rate
        return Decision(False, 0, max(1, math.ceil(wait)))

    def _prune(self, now: float) -> None:
        full = [k for k, b in self._buckets.items()
                if b.tokens + (now - b.updated) * self.rate >= self.capacity]
        for key in full:
            del self._buckets[key]
