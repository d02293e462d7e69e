"""Token buckets per caller: 429 problem with Retry-After once a caller's bucket is empty."""

from __future__ import annotations

from app.ratelimit import TokenBucketLimiter


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_bucket_bursts_then_refills_at_the_rate():
    clock = FakeClock()
    limiter = TokenBucketLimiter(per_minute=6, clock=clock)  # one token every 10 s
    assert all(limiter.take("a").allowed for _ in range(6))
    denied = limiter.take("a")
    assert not denied.allowed and denied.retry_after_s == 10
    assert limiter.take("b").allowed  # buckets are per caller
    clock.now += 4
    assert limiter.take("a").retry_after_s == 6
    clock.now += 6
    assert limiter.take("a").allowed
    assert not limiter.take("a").allowed


def test_idle_full_buckets_are_pruned():
    clock = FakeClock()
    limiter = TokenBucketLimiter(per_minute=60, clock=clock)
    limiter.MAX_IDLE_BUCKETS = 10
    for i in range(10):
        limiter.take(f"c{i}")
    clock.now += 5  # every bucket refilled
    limiter.take("new")
    assert len(limiter._buckets) == 1


async def test_429_with_retry_after(app_factory):
    async with app_factory(rate_limit_per_minute=2) as (_, client):
        assert (await client.get("/v1/shortlists")).status_code == 200
        assert (await client.get("/v1/shortlists")).status_code == 200
        limited = await client.get("/v1/shortlists")
        assert limited.status_code == 429
        assert limited.headers["content-type"] == "application/problem+json"
        assert 1 <= int(limited.headers["retry-after"]) <= 30
        assert limited.json()["status"] == 429
        # Probes are not rate limited.
        assert (await client.get("/healthz")).status_code == 200
        metrics = (await client.get("/metrics")).text
        assert 'castlist_errors_total{kind="http_4xx"}' in metrics
