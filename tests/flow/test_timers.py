"""Durable timers: they fire on the first tick at or after their due time, across an
engine restart, and a cancelled timer never fires. Time comes from Engine(clock=...)."""

from __future__ import annotations

import time
from pathlib import Path

from salesdesk.flow import ActivityRunner, Engine, EventType
from salesdesk.flow.replayer import replay_all

from .helpers import FakeClock, events_of
from .workflows import ALL_WORKFLOWS, REMINDER_SECONDS

HOUR = 3600.0


def test_timer_fires_on_the_next_tick_after_it_is_due(tmp_path: Path) -> None:
    clock = FakeClock()
    with Engine(tmp_path / "flow.db", ALL_WORKFLOWS, clock=clock) as engine:
        engine.start("sleeper", {"seconds": HOUR}, workflow_id="nap")
        due = clock.epoch() + HOUR
        assert engine.next_timer_due() == due
        clock.advance(HOUR - 1)
        assert engine.fire_due_timers() == 0
        assert engine.query("nap", "woke") is None
        clock.advance(30)  # the tick comes a little after the due time
        assert engine.fire_due_timers() == 1
        assert engine.fire_due_timers() == 0, "a timer fires once"
        assert engine.query("nap", "woke") == clock().isoformat()
        assert engine.get("nap").status == "completed"
        assert engine.next_timer_due() is None
        (fired,) = events_of(engine, "nap", EventType.TIMER_FIRED)
        assert fired.time == clock().isoformat(timespec="microseconds")


def test_timer_survives_an_engine_restart(tmp_path: Path) -> None:
    db = tmp_path / "flow.db"
    clock = FakeClock()
    with Engine(db, ALL_WORKFLOWS, clock=clock) as engine:
        engine.start("sleeper", {"seconds": HOUR}, workflow_id="nap")
        due = engine.next_timer_due()
        clock.advance(60)
        assert engine.fire_due_timers() == 0
    # The app was closed while the timer was pending; it reopens long after.
    clock.advance(2 * HOUR)
    with Engine(db, ALL_WORKFLOWS, clock=clock) as engine:
        assert engine.next_timer_due() == due
        assert engine.query("nap", "woke") is None
        runner = ActivityRunner(engine, {}, wall_clock=clock.epoch)
        runner.run_due()  # the runner's tick fires due timers
        assert engine.query("nap", "woke") == clock().isoformat()
        assert replay_all(engine).ok
    with Engine(db, ALL_WORKFLOWS, clock=clock) as engine:
        assert engine.query("nap", "woke") == clock().isoformat()
        assert engine.fire_due_timers() == 0


def test_runner_loop_fires_timers(tmp_path: Path) -> None:
    clock = FakeClock()
    with Engine(tmp_path / "flow.db", ALL_WORKFLOWS, clock=clock) as engine:
        engine.start("sleeper", {"seconds": 5}, workflow_id="nap")
        runner = ActivityRunner(engine, {}, wall_clock=clock.epoch, idle_poll_seconds=0.02)
        runner.start()
        try:
            clock.advance(5)
            deadline = time.monotonic() + 10
            while engine.query("nap", "woke") is None:
                assert time.monotonic() < deadline, "the runner loop never fired the timer"
                time.sleep(0.01)
        finally:
            runner.stop()


def test_recurring_timer_and_cancel_on_completion(tmp_path: Path) -> None:
    clock = FakeClock()
    with Engine(tmp_path / "flow.db", ALL_WORKFLOWS, clock=clock) as engine:
        engine.start("cart", {"customer": "ACME"}, workflow_id="c")
        for _ in range(3):
            clock.advance(REMINDER_SECONDS)
            assert engine.fire_due_timers() == 1
        assert len(engine.query("c", "snapshot")["reminders"]) == 3
        # Checking out completes the cart: its pending reminder timer is cancelled.
        engine.signal("c", "do_checkout", {})
        assert engine.get("c").status == "completed"
        assert engine.next_timer_due() is None
        (cancelled,) = events_of(engine, "c", EventType.TIMER_CANCELLED)
        assert cancelled.data == {"timer_id": 4}
        clock.advance(10 * REMINDER_SECONDS)
        assert engine.fire_due_timers() == 0
        assert len(engine.query("c", "snapshot")["reminders"]) == 3
