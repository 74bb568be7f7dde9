"""The replay tools used by ``salesdesk replay``, the tests and the server."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from salesdesk.flow import Engine, FlowError
from salesdesk.flow.errors import UnknownWorkflowTypeError
from salesdesk.flow.replayer import replay_all, replay_history, version_report

from .helpers import FakeClock
from .workflows import ALL_WORKFLOWS, Cart, Nap


def _populate(db: Path) -> None:
    clock = FakeClock()
    with Engine(db, ALL_WORKFLOWS, clock=clock) as engine:
        for n in range(3):
            engine.start("cart", {"customer": f"C{n}"}, workflow_id=f"c{n}")
            engine.signal(f"c{n}", "add", {"sku": "A", "qty": n + 1})
        engine.start("sleeper", {"seconds": 1}, workflow_id="nap")
        clock.advance(2)
        assert engine.fire_due_timers() == 1  # one of each cart's reminders is not yet due


def test_replay_all_ok(tmp_path: Path) -> None:
    db = tmp_path / "flow.db"
    _populate(db)
    with Engine(db, ALL_WORKFLOWS) as engine:
        engine.query("c0", "snapshot")  # a cached instance must not stand in for replay
        report = replay_all(engine)
    assert report.ok and report.failures == []
    assert report.replayed == 4


def test_replay_all_reports_each_failing_history(tmp_path: Path) -> None:
    db = tmp_path / "flow.db"
    _populate(db)
    # Damage one stored decision behind the engine's back.
    with sqlite3.connect(db) as conn:
        conn.execute(
            "UPDATE events SET data = replace(data, '\"timer_id\":1', '\"timer_id\":7') "
            "WHERE workflow_id = 'c1' AND type = 'TimerStarted'"
        )
    conn.close()
    with Engine(db, ALL_WORKFLOWS) as engine:
        report = replay_all(engine)
    assert not report.ok
    assert report.replayed == 3
    ((wid, message),) = report.failures
    assert wid == "c1"
    assert "cart workflow c1" in message and "TimerStarted(timer #7)" in message


def test_replay_all_reports_unknown_workflow_types(tmp_path: Path) -> None:
    db = tmp_path / "flow.db"
    _populate(db)
    with Engine(db, [Cart]) as engine:  # a build that no longer knows "sleeper"
        report = replay_all(engine)
    assert report.replayed == 3
    ((wid, message),) = report.failures
    assert wid == "nap" and "unknown workflow type 'sleeper'" in message


def test_replay_history_needs_a_known_type_and_events(tmp_path: Path) -> None:
    db = tmp_path / "flow.db"
    _populate(db)
    with Engine(db, ALL_WORKFLOWS) as engine:
        events = engine.history("nap")
    assert replay_history([Nap], "nap", events).query("woke") is not None
    with pytest.raises(UnknownWorkflowTypeError):
        replay_history([Cart], "nap", events)
    with pytest.raises(FlowError, match="empty history"):
        replay_history([Nap], "nap", [])


def test_version_report_lists_declared_patches_with_no_open_workflows(tmp_path: Path) -> None:
    db = tmp_path / "flow.db"
    _populate(db)
    with Engine(db, ALL_WORKFLOWS) as engine:
        (usage,) = version_report(engine)
    # Every open cart was started by this build, so every one took the new path... once
    # it reached the patched() call: the carts above never had three adds, so none did.
    assert (usage.workflow_type, usage.patch_id) == ("cart", "audit-v2")
    assert (usage.open_with_marker, usage.open_without_marker) == (0, 3)
    assert usage.old_branch_needed
