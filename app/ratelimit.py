"""Per-caller rate limits on the `limits` library (moving window).

A moving window admits at most N requests in ANY window of the configured length, which is
what "120 per minute" promises; the token bucket it replaces let a caller burst to the
limit and then refill, so 239 requests got through in one minute. Failed authentication is
limited separately per client address, so wrong keys cannot be tried at full speed.

Storage is in memory by default (one worker process, the embedded default); a shared
store (`redis://...`, `memcached://...`, by `CASTLIST_RATE_LIMIT_STORAGE`) serves several
workers or hosts with the same counters.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from limits import RateLimitItemPerSecond, storage, strategies


@dataclass(frozen=True)
class Decision:
    allowed: bool
    remaining: int
    retry_after_s: int  # whole seconds until the window admits one more (0 when allowed)


class RateLimiter:
    """`amount` requests per `window_s` seconds per key, counted by a moving window."""

    def __init__(self, amount: int, window_s: int = 60, storage_uri: str = "memory://",
                 namespace: str = "castlist") -> None:
        if amount < 1 or window_s < 1:
            raise ValueError("a rate limit needs at least 1 request per at least 1 second")
        self.item = RateLimitItemPerSecond(amount, window_s, namespace=namespace)
        self._strategy = strategies.MovingWindowRateLimiter(storage.storage_from_string(storage_uri))

    def _denied(self, key: str) -> Decision:
        reset_at, _ = self._strategy.get_window_stats(self.item, key)
        return Decision(False, 0, max(1, math.ceil(reset_at - time.time())))

    def take(self, key: str) -> Decision:
        """Counts one request for `key`; denied (not counted) when its window is full."""
        if not self._strategy.hit(self.item, key):
            return self._denied(key)
        _, remaining = self._strategy.get_window_stats(self.item, key)
        return Decision(True, remaining, 0)

    def check(self, key: str) -> Decision:
        """Whether `key` may go on, without counting anything."""
        if self._strategy.test(self.item, key):
            return Decision(True, 0, 0)
        return self._denied(key)
