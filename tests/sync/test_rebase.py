"""Two laptops of one agent change the same sale offline, then sync: the later one rebases
its signals on the server's history. A compatible change is re-applied on top; a change
that no longer validates is kept as a visible conflict, never dropped."""

from __future__ import annotations

import json
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from salesdesk.flow.events import EventType

from .helpers import (
    CONTACT,
    CUSTOMER,
    SALESDESK,
    SKU2,
    TERMS,
    Device,
    Fleet,
    ServerHandle,
    lines,
    python_env,
)


def shared_sale(srv: ServerHandle, fleet: Fleet) -> tuple[Device, Device, str]:
    """An open sale (all steps filled, lookups done) synced to both laptops."""
    a = fleet.device("laptop-a")
    b = fleet.device("laptop-b")
    a.login(srv.base_url)
    b.login(srv.base_url)
    a.cycle()
    wid = a.sales.new_sale()
    a.signal(wid, "customer", CUSTOMER)
    a.signal(wid, "contact", CONTACT)
    a.signal(wid, "lines", lines("5"))
    a.signal(wid, "terms", TERMS)
    a.sync_and_run()
    assert a.summary(wid).status == "ready", a.summary(wid).problems
    b.cycle()
    assert b.history(wid) == a.history(wid)
    return a, b, wid


def test_compatible_edits_are_rebased(server: ServerHandle, fleet: Fleet) -> None:
    a, b, wid = shared_sale(server, fleet)
    new_contact = {"name": "Jonas Brandt", "email": "jonas.brandt@example.de"}
    new_terms = {"payment_terms_days": 14, "notes": "deliver to gate 3"}
    a.signal(wid, "contact", new_contact)  # both offline, each changes another step
    b.signal(wid, "terms", new_terms)
    b_before = b.history(wid)

    a.cycle()
    report = b.cycle()
    assert report.rebased == [wid]
    assert report.conflicts == []
    assert b.sales.conflicts(wid) == []
    a.cycle()
    on_server = server.history(wid)
    assert a.history(wid) == b.history(wid) == on_server
    # B's change sits on top of A's: re-applied, not merged into the past.
    last_signals = [e for e in on_server if e["type"] == EventType.SIGNAL_RECEIVED][-2:]
    assert [(e["data"]["name"], e["origin"]) for e in last_signals] == [
        ("contact", a.sales.origin),
        ("terms", b.sales.origin),
    ]
    assert len(on_server) == len(b_before) + 1
    for device in (a, b):
        summary = device.summary(wid)
        assert summary.contact is not None and summary.contact["name"] == "Jonas Brandt"
        assert summary.terms is not None and summary.terms["notes"] == "deliver to gate 3"


def show_json(data_dir: Path, wid: str, tmp_path: Path) -> dict[str, Any]:
    done = subprocess.run(
        [*SALESDESK, "--data-dir", str(data_dir), "sale", "show", wid, "--json"],
        capture_output=True,
        text=True,
        env=python_env(tmp_path / "keyring.json"),
        timeout=60,
        check=True,
    )
    shown: dict[str, Any] = json.loads(done.stdout)
    return shown


def test_change_after_cancel_is_kept_as_conflict(
    server: ServerHandle, fleet: Fleet, tmp_path: Path
) -> None:
    a, b, wid = shared_sale(server, fleet)
    a.signal(wid, "cancel", {"reason": "customer bought elsewhere"})
    late_lines = lines("7", quantity=3, sku=SKU2)
    b.signal(wid, "lines", late_lines)
    b.signal(wid, "contact", {"name": "Jonas Brandt", "email": "jonas@example.de"})

    a.cycle()
    report = b.cycle()
    assert report.rebased == [wid]
    assert [(c["workflow_id"], c["signal"]) for c in report.conflicts] == [
        (wid, "lines"),
        (wid, "contact"),
    ]
    conflicts = b.summary(wid).conflicts
    assert [c["signal"] for c in conflicts] == ["lines", "contact"]
    assert conflicts[0]["payload"]["items"][0]["sku"] == SKU2
    assert conflicts[0]["reason"]
    assert b.summary(wid).status == "cancelled"
    assert b.history(wid) == server.history(wid)
    assert b.pending() == 0
    assert b.sync.board.current().conflicts == 1

    # Shown by the CLI too, and kept through later cycles until the agent dismisses it.
    shown = show_json(b.data_dir, wid, tmp_path)
    assert [c["signal"] for c in shown["conflicts"]] == ["lines", "contact"]
    assert shown["conflicts"][0]["payload"] == conflicts[0]["payload"]
    b.cycle()
    a.cycle()
    b.cycle()
    assert len(b.summary(wid).conflicts) == 2
    b.sales.dismiss_conflicts(wid)
    assert b.summary(wid).conflicts == ()


def test_change_after_order_accepted_is_kept_as_conflict(
    server: ServerHandle, fleet: Fleet
) -> None:
    a, b, wid = shared_sale(server, fleet)
    a.signal(wid, "submit", {})
    a.sales.run_lookups(5)
    b.signal(wid, "lines", lines("10", quantity=1))
    a.cycle()
    assert a.summary(wid).status == "accepted"

    report = b.cycle()
    assert [c["signal"] for c in report.conflicts] == ["lines"]
    summary = b.summary(wid)
    assert summary.status == "accepted"
    assert summary.order_number == a.summary(wid).order_number
    assert [c["signal"] for c in summary.conflicts] == ["lines"]
    assert summary.conflicts[0]["reason"]
    assert b.history(wid) == a.history(wid) == server.history(wid)


def test_conflict_survives_a_crash_inside_the_rebase(
    server: ServerHandle, fleet: Fleet, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rebase adopts the server history and records the conflicts; a crash between the
    two (here: an exception where a kill would stop the process) must not lose the signal."""
    a, b, wid = shared_sale(server, fleet)
    a.signal(wid, "cancel", {"reason": "duplicate order"})
    b.signal(wid, "terms", {"payment_terms_days": 60, "notes": "typed on the train"})
    a.cycle()

    engine = b.engine
    real_replace = engine.replace_history

    def replace_then_crash(*args: Any, **kwargs: Any) -> Any:
        real_replace(*args, **kwargs)
        raise KeyboardInterrupt("killed right after the history was replaced")

    monkeypatch.setattr(engine, "replace_history", replace_then_crash)
    with pytest.raises(KeyboardInterrupt):
        b.cycle()
    monkeypatch.setattr(engine, "replace_history", real_replace)
    b.cycle()
    conflicts = b.summary(wid).conflicts
    assert [c["signal"] for c in conflicts] == ["terms"]
    assert conflicts[0]["payload"]["notes"] == "typed on the train"
    assert b.history(wid) == server.history(wid)


def test_signal_recorded_during_a_rebase_is_not_lost(server: ServerHandle, fleet: Fleet) -> None:
    """The agent types (UI thread) while the background sync rebases the same sale: the
    new signal must end up in the history (or as a conflict), never vanish."""
    a, b, wid = shared_sale(server, fleet)
    a.signal(wid, "contact", {"name": "Jonas Brandt", "email": "jonas@example.de"})
    b.signal(wid, "terms", {"payment_terms_days": 21, "notes": "first"})
    a.cycle()

    engine = b.engine
    real_replace = engine.replace_history
    typed: list[BaseException | None] = []

    def agent_types_now(*args: Any, **kwargs: Any) -> Any:
        def ui() -> None:
            try:
                b.sales.signal(wid, "terms", {"payment_terms_days": 45, "notes": "second"})
                typed.append(None)
            except BaseException as exc:  # recorded, checked below
                typed.append(exc)

        thread = threading.Thread(target=ui)
        thread.start()
        thread.join(0.5)  # the UI thread gets the engine first unless sync holds it
        return real_replace(*args, **kwargs)

    engine.replace_history = agent_types_now  # type: ignore[method-assign]
    try:
        b.cycle()
    finally:
        engine.replace_history = real_replace  # type: ignore[method-assign]
    deadline_join(lambda: bool(typed))
    assert typed == [None], typed
    b.cycle()
    a.cycle()
    notes = [
        e["data"]["payload"].get("notes")
        for e in server.history(wid)
        if e["type"] == EventType.SIGNAL_RECEIVED and e["data"]["name"] == "terms"
    ]
    in_conflicts = [c["payload"].get("notes") for c in b.sales.conflicts(wid)]
    assert notes.count("first") + in_conflicts.count("first") == 1, (notes, in_conflicts)
    assert notes.count("second") + in_conflicts.count("second") == 1, (notes, in_conflicts)
    terms = b.summary(wid).terms
    assert terms is not None and terms["notes"] == "second", terms
    assert a.history(wid) == b.history(wid) == server.history(wid)


def deadline_join(ready: Callable[[], bool], seconds: float = 10.0) -> None:
    end = time.monotonic() + seconds
    while not ready():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.01)


def test_lookup_whose_local_result_was_rebased_away_runs_again(
    server: ServerHandle, fleet: Fleet
) -> None:
    a = fleet.device("laptop-a")
    b = fleet.device("laptop-b")
    a.login(server.base_url)
    b.login(server.base_url)
    a.cycle()
    wid = a.sales.new_sale()
    a.signal(wid, "customer", CUSTOMER)  # the company lookup is scheduled, not run
    a.cycle()
    b.cycle()
    b.sales.run_lookups(5)  # B finishes the lookup locally ...
    assert b.summary(wid).lookups[0].status == "done"
    a.signal(wid, "contact", CONTACT)  # ... while A's change reaches the server first
    a.cycle()
    report = b.cycle()  # B's result is not carried over: its lookup must simply run again
    assert report.rebased == [wid]
    b.sales.run_lookups(5)
    company = [lk for lk in b.summary(wid).lookups if lk.kind == "company"][-1]
    assert company.status == "done", company


@pytest.mark.stand_in_lookups
def test_same_lookup_result_recorded_on_both_laptops(server: ServerHandle, fleet: Fleet) -> None:
    """Both laptops run the same pending lookup and record the same result. The server
    takes the first; the second laptop must end up with the server's event (its origin and
    time), not keep its own copy as if it had been accepted."""
    a = fleet.device("laptop-a", lookups="standin")
    b = fleet.device("laptop-b", lookups="standin")
    a.login(server.base_url)
    b.login(server.base_url)
    a.cycle()
    wid = a.sales.new_sale()
    a.signal(wid, "customer", CUSTOMER, wait=2)
    a.signal(wid, "lines", lines("5"))  # schedules the credit check (deterministic stand-in)
    a.cycle()
    b.cycle()
    a.sales.run_lookups(2)
    b.sales.run_lookups(2)
    a_events, b_events = a.history(wid), b.history(wid)
    assert a_events[-1]["type"] == b_events[-1]["type"] == EventType.ACTIVITY_COMPLETED
    assert a_events[-1]["data"] == b_events[-1]["data"]
    assert a_events[-1]["origin"] != b_events[-1]["origin"]
    a.cycle()
    b.cycle()
    assert b.pending() == 0
    assert b.history(wid) == a.history(wid) == server.history(wid)
