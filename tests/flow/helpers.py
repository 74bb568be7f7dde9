"""Clocks and small helpers shared by the engine tests.

The engine takes time only from an injected clock (``Engine(clock=...)``) and the activity
runner from an injected wall clock (``ActivityRunner(wall_clock=...)``), so tests move
time forward explicitly instead of sleeping.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from salesdesk.flow import Engine, Event, EventType

START = datetime(2026, 1, 5, 9, 0, 0, tzinfo=UTC)


class FakeClock:
    """A settable clock usable both as ``Engine(clock=...)`` and as the runner's wall clock
    (``epoch``), so that timers and activity backoff see the same time."""

    def __init__(self, start: datetime = START) -> None:
        self._now = start
        self._lock = threading.Lock()

    def __call__(self) -> datetime:
        with self._lock:
            return self._now

    def epoch(self) -> float:
        return self().timestamp()

    def advance(self, seconds: float) -> datetime:
        with self._lock:
            self._now += timedelta(seconds=seconds)
            return self._now

    def set_epoch(self, value: float) -> None:
        """Move to ``value`` (epoch seconds) or the first microsecond after it: datetime
        keeps microseconds only, and rounding down would land just before a due time."""
        moment = datetime.fromtimestamp(value, UTC)
        while moment.timestamp() < value:
            moment += timedelta(microseconds=1)
        with self._lock:
            self._now = moment


def events_of(engine: Engine, workflow_id: str, event_type: str) -> list[Event]:
    return [e for e in engine.history(workflow_id) if e.type == event_type]


def completions(engine: Engine, workflow_id: str) -> list[Event]:
    return events_of(engine, workflow_id, EventType.ACTIVITY_COMPLETED)


def history_json(events: list[Event]) -> list[dict[str, Any]]:
    return [e.to_json() for e in events]


def assert_contiguous(events: list[Event]) -> None:
    """A history is numbered 1..n with no gap or repeat."""
    assert [e.seq for e in events] == list(range(1, len(events) + 1))


def file_bytes(path: Path) -> bytes:
    return path.read_bytes()
