"""Spacing of requests to an upstream whose usage policy allows one request per interval.

Each caller reserves the next free slot and sleeps until it. Reading and moving the slot happen
with no ``await`` in between, so within one event loop no lock is needed, and the limiter can be
shared by every request the server handles. The limit is per process: several server instances
need a geocoder of their own (or one with a higher allowance).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable


class AsyncRateLimiter:
    def __init__(
        self,
        min_interval_s: float = 1.0,
        *,
        max_wait_s: float | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.min_interval_s = min_interval_s
        self.max_wait_s = max_wait_s
        self._clock = clock
        self._sleep = sleep
        self._next_slot = float("-inf")

    def delay(self) -> float:
        """Seconds a caller arriving now would wait."""
        return max(0.0, self._next_slot - self._clock())

    async def acquire(self) -> float | None:
        """Wait for a slot and return the time waited, or None (without waiting) when the
        queue is longer than ``max_wait_s``: better a quick "try later" than a request that
        hangs for minutes behind everybody else's."""
        now = self._clock()
        slot = max(now, self._next_slot)
        wait = slot - now
        if self.max_wait_s is not None and wait > self.max_wait_s:
            return None
        # A slot reserved by a caller that is later cancelled stays used: harmless, and it
        # keeps the promise even if the cancelled request did reach the upstream.
        self._next_slot = slot + self.min_interval_s
        if wait > 0:
            await self._sleep(wait)
        return wait
