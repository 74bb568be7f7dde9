"""Retry-After parsing, the TTL cache and the rate limiter, on fake clocks (no sleeping)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from salesdesk.server.lookups import AsyncRateLimiter, TTLCache, parse_retry_after

NOW = datetime(2026, 3, 2, 12, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("7", 7.0),
        (" 120 ", 120.0),
        ("0", 0.0),
        (format_datetime(NOW + timedelta(seconds=90), usegmt=True), 90.0),
        ("Mon, 02 Mar 2026 12:05:00 GMT", 300.0),
        (format_datetime(NOW - timedelta(minutes=5), usegmt=True), 0.0),  # already past
        ("999999999", 86_400.0),  # capped
        ("soon", None),
        ("", None),
        (None, None),
        ("nan", None),
    ],
)
def test_parse_retry_after(header: str | None, expected: float | None) -> None:
    assert parse_retry_after(header, NOW) == expected


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def test_cache_expires_and_stays_bounded() -> None:
    clock = FakeClock()
    cache: TTLCache[str, int] = TTLCache(max_size=2, default_ttl_s=10, clock=clock)
    cache.set("a", 1)
    cache.set("b", 2, ttl_s=100)
    assert cache.get("a") == 1  # "a" is now the most recently used
    cache.set("c", 3)  # evicts "b", the least recently used
    assert cache.get("b") is None and len(cache) == 2
    clock.now += 10
    assert cache.get("a") is None  # expired exactly at its TTL
    assert cache.get("c") is None
    cache.set("d", 4, ttl_s=0)  # a zero TTL means "do not cache"
    assert cache.get("d") is None
    assert cache.hits == 1 and cache.misses == 4


@pytest.mark.anyio
async def test_rate_limiter_spaces_concurrent_callers() -> None:
    clock = FakeClock()
    limiter = AsyncRateLimiter(1.0, clock=clock, sleep=clock.sleep)
    starts: list[float] = []

    async def call() -> None:
        await limiter.acquire()
        starts.append(clock.now)

    await asyncio.gather(*(call() for _ in range(4)))
    assert sorted(starts) == [1000.0, 1001.0, 1002.0, 1003.0]
    clock.now += 10  # idle time is not banked: the next caller goes at once, then spacing
    assert await limiter.acquire() == 0.0
    assert await limiter.acquire() == 1.0


@pytest.mark.anyio
async def test_rate_limiter_refuses_a_long_queue() -> None:
    clock = FakeClock()

    async def frozen_sleep(seconds: float) -> None:  # time stands still: all callers queue up
        clock.sleeps.append(seconds)

    limiter = AsyncRateLimiter(1.0, max_wait_s=1.5, clock=clock, sleep=frozen_sleep)
    results = await asyncio.gather(*(limiter.acquire() for _ in range(4)))
    # Slots at +0 s and +1 s are given; +2 s is beyond max_wait and is not reserved, so the
    # fourth caller is refused too rather than pushed further back.
    assert results == [0.0, 1.0, None, None]
    assert limiter.delay() == 2.0
    clock.now += 2
    assert await limiter.acquire() == 0.0
