"""Signals: validated before they are recorded, acknowledged once durable (DESIGN
invariant 2), refused when closed or from the wrong origin, and safe when two engines
(the app and the CLI) write the same file."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from salesdesk.flow import (
    Engine,
    EventType,
    SignalRejected,
    WorkflowClosedError,
    WorkflowNotFoundError,
)
from salesdesk.flow.replayer import replay_all

from .helpers import FakeClock, assert_contiguous
from .workflows import ALL_WORKFLOWS

WID = "c"


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    with Engine(tmp_path / "flow.db", ALL_WORKFLOWS, clock=FakeClock()) as e:
        e.start("cart", {"customer": "ACME"}, workflow_id=WID)
        yield e


def _stored(engine: Engine) -> tuple[int, int, str]:
    """What a refused signal must leave unchanged: the stored history and workflow row."""
    row = engine.get(WID)
    return len(engine.history(WID)), row.position, row.updated_at


def test_ack_comes_with_the_durable_position(engine: Engine, tmp_path: Path) -> None:
    ack = engine.signal(WID, "add", {"sku": "A", "qty": 2})
    history = engine.history(WID)
    assert ack.workflow_id == WID
    assert history[ack.seq - 1].type == EventType.SIGNAL_RECEIVED
    assert ack.position == len(history) == engine.get(WID).position
    # Durable means: another connection to the file sees it right after the ack.
    with Engine(tmp_path / "flow.db", ALL_WORKFLOWS) as other:
        assert other.query(WID, "snapshot")["items"] == {"A": 2}


@pytest.mark.parametrize(
    ("payload", "fields"),
    [
        ({"sku": "A", "qty": "many"}, {"qty": "must be a whole number"}),
        ({"sku": "A"}, {"qty": "is required"}),
        ({"sku": "", "qty": 1}, {"sku": "must not be empty"}),
        ({"sku": "A", "qty": 1, "price": 3}, {"price": "is not a known field; remove it"}),
        ({"qty": 0}, {"sku": "is required", "qty": "Input should be greater than or equal to 1"}),
        ("A x2", {"": "must be an object"}),
    ],
)
def test_invalid_payload_is_rejected_field_by_field_and_not_recorded(
    engine: Engine, payload: Any, fields: dict[str, str]
) -> None:
    before = _stored(engine)
    with pytest.raises(SignalRejected) as caught:
        engine.signal(WID, "add", payload)
    assert caught.value.signal == "add"
    assert caught.value.fields == fields
    for path, text in fields.items():
        assert text in str(caught.value) and path in str(caught.value)
    assert _stored(engine) == before
    # The cart is still usable.
    engine.signal(WID, "add", {"sku": "A", "qty": 1})
    assert engine.query(WID, "snapshot")["items"] == {"A": 1}


def test_validator_sees_current_state(engine: Engine) -> None:
    with pytest.raises(SignalRejected) as caught:
        engine.signal(WID, "remove", {"sku": "A"})
    assert caught.value.fields == {"sku": "'A' is not in the cart"}
    engine.signal(WID, "add", {"sku": "A", "qty": 1})
    engine.validate_signal(WID, "remove", {"sku": "A"})  # as-you-type check: passes...
    assert engine.query(WID, "snapshot")["items"] == {"A": 1}  # ...and records nothing
    engine.signal(WID, "remove", {"sku": "A"})
    assert engine.query(WID, "snapshot")["items"] == {}


def test_unknown_signal_names_the_known_ones(engine: Engine) -> None:
    before = _stored(engine)
    with pytest.raises(SignalRejected) as caught:
        engine.signal(WID, "add_item", {"sku": "A", "qty": 1})
    assert "add, approve, cancel_lookup" in str(caught.value)
    assert _stored(engine) == before


def test_origin_restricted_signal_is_refused_from_a_device(engine: Engine) -> None:
    before = _stored(engine)
    for origin in (None, "device:laptop-7"):
        with pytest.raises(SignalRejected) as caught:
            engine.signal(WID, "approve", {"note": "self-approved"}, origin=origin)
        assert caught.value.fields == {"": "this signal may only come from the server"}
    assert _stored(engine) == before
    ack = engine.signal(WID, "approve", {"note": "ok"}, origin="server")
    assert engine.history(WID)[ack.seq - 1].origin == "server"
    assert engine.query(WID, "snapshot")["approvals"] == ["server: ok"]


def test_closed_workflow_refuses_signals(engine: Engine) -> None:
    engine.signal(WID, "do_checkout", {})
    assert engine.get(WID).status == "completed"
    before = _stored(engine)
    with pytest.raises(WorkflowClosedError) as caught:
        engine.signal(WID, "add", {"sku": "A", "qty": 1})
    assert "completed" in str(caught.value) and WID in str(caught.value)
    with pytest.raises(WorkflowClosedError):
        engine.validate_signal(WID, "add", {"sku": "A", "qty": 1})
    assert _stored(engine) == before


def test_unknown_workflow(engine: Engine) -> None:
    with pytest.raises(WorkflowNotFoundError):
        engine.signal("nope", "add", {"sku": "A", "qty": 1})


def test_two_engines_on_one_file_catch_up_before_writing(tmp_path: Path) -> None:
    db = tmp_path / "flow.db"
    with Engine(db, ALL_WORKFLOWS) as app, Engine(db, ALL_WORKFLOWS) as cli:
        app.start("cart", {"customer": "ACME"}, workflow_id=WID)
        app.query(WID, "snapshot")  # both engines hold a cached instance now
        cli.query(WID, "snapshot")
        for n in range(6):
            writer = app if n % 2 == 0 else cli
            ack = writer.signal(WID, "add", {"sku": f"S{n}", "qty": 1})
            assert ack.position == len(app.history(WID))
        # Every third add schedules an audit; the other engine's result settles it.
        (task, *_) = app.activity_tasks(WID, states=("queued",))
        assert cli.record_activity_result(WID, task.activity_id, "clean", attempts=1)
        assert not app.record_activity_result(WID, task.activity_id, "dup", attempts=1)
        expected = {f"S{n}": 1 for n in range(6)}
        for engine in (app, cli):
            state = engine.query(WID, "snapshot")
            assert state["items"] == expected
            assert state["audits"] == ["clean"]
        assert app.with_instance(WID, lambda i: len(i.events)) == len(cli.history(WID))


def test_two_engines_writing_concurrently_lose_and_duplicate_nothing(tmp_path: Path) -> None:
    db = tmp_path / "flow.db"
    per_writer = 25
    with Engine(db, ALL_WORKFLOWS) as app, Engine(db, ALL_WORKFLOWS) as cli:
        app.start("cart", {"customer": "ACME"}, workflow_id=WID)
        acks: dict[str, list[int]] = {"app": [], "cli": []}
        errors: list[BaseException] = []

        def write(name: str, engine: Engine) -> None:
            try:
                for n in range(per_writer):
                    ack = engine.signal(WID, "add", {"sku": f"{name}{n}", "qty": 1})
                    acks[name].append(ack.seq)
            except BaseException as exc:  # reported below, in the test thread
                errors.append(exc)

        threads = [
            threading.Thread(target=write, args=("app", app)),
            threading.Thread(target=write, args=("cli", cli)),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert not errors, errors
        history = app.history(WID)
        assert_contiguous(history)
        adds = {
            e.seq: e.data["payload"]["sku"]
            for e in history
            if e.type == EventType.SIGNAL_RECEIVED and e.data["name"] == "add"
        }
        assert len(adds) == 2 * per_writer
        for name, seqs in acks.items():
            assert seqs == sorted(seqs)
            assert [adds[s] for s in seqs] == [f"{name}{n}" for n in range(per_writer)]
        expected = {sku: 1 for sku in adds.values()}
        assert app.query(WID, "snapshot")["items"] == expected
        assert cli.query(WID, "snapshot")["items"] == expected
        assert replay_all(app).ok
