"""Retry policy of activities: exponential backoff with jitter, bounded attempts."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class RetryPolicy:
    initial_interval: float = 1.0
    backoff: float = 2.0
    maximum_interval: float = 300.0
    maximum_attempts: int = 0  # 0: no limit
    non_retryable_error_types: tuple[str, ...] = field(default=())

    def delay(self, attempt: int, rng: random.Random | None = None) -> float:
        """Seconds to wait after failed attempt number ``attempt`` (1-based), with ±20% jitter
        so that many devices coming back online do not hammer the server in step."""
        base = min(self.maximum_interval, self.initial_interval * self.backoff ** (attempt - 1))
        jitter = (rng or random).uniform(0.8, 1.2)
        return float(min(self.maximum_interval, base * jitter))

    def exhausted(self, attempts: int) -> bool:
        return self.maximum_attempts > 0 and attempts >= self.maximum_attempts

    def to_json(self) -> dict[str, Any]:
        return {
            "initial_interval": self.initial_interval,
            "backoff": self.backoff,
            "maximum_interval": self.maximum_interval,
            "maximum_attempts": self.maximum_attempts,
            "non_retryable_error_types": list(self.non_retryable_error_types),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RetryPolicy:
        return cls(
            initial_interval=float(data.get("initial_interval", 1.0)),
            backoff=float(data.get("backoff", 2.0)),
            maximum_interval=float(data.get("maximum_interval", 300.0)),
            maximum_attempts=int(data.get("maximum_attempts", 0)),
            non_retryable_error_types=tuple(data.get("non_retryable_error_types", ())),
        )
