"""The local SQLite store: refusing files it must not touch, and moving histories in and
out as JSON documents."""

from __future__ import annotations

import copy
import json
import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from salesdesk.flow import (
    CorruptDatabaseError,
    DiskWriteError,
    Engine,
    FlowError,
    HistoryFormatError,
    NonDeterminismError,
    SchemaTooNewError,
)
from salesdesk.flow.replayer import replay_all
from salesdesk.store.database import head_revision

from .helpers import FakeClock, history_json
from .workflows import ALL_WORKFLOWS


def _make_db(path: Path, sales: int = 1) -> None:
    """A real database with a few workflows in it, closed cleanly."""
    with Engine(path, ALL_WORKFLOWS, clock=FakeClock()) as engine:
        for n in range(sales):
            wid = f"c{n}"
            engine.start("cart", {"customer": f"Customer {n}"}, workflow_id=wid)
            engine.signal(wid, "add", {"sku": "A", "qty": 2})
            engine.signal(wid, "lookup", {"skus": ["A", "B"]})


def _sidecars_gone(path: Path) -> None:
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def test_new_database_gets_the_current_schema(tmp_path: Path) -> None:
    db = tmp_path / "deep" / "dir" / "flow.db"
    _make_db(db)
    with sqlite3.connect(db) as conn:
        (revision,) = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        (mode,) = conn.execute("PRAGMA journal_mode").fetchone()
    assert revision == head_revision()
    assert mode == "wal"


def test_database_from_a_newer_release_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "flow.db"
    _make_db(db)
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'l9999_from_the_future'")
    conn.close()
    _sidecars_gone(db)
    before = db.read_bytes()
    with pytest.raises(SchemaTooNewError) as caught:
        Engine(db, ALL_WORKFLOWS)
    assert caught.value.path == str(db)
    assert str(db) in str(caught.value)
    assert "l9999_from_the_future" in str(caught.value)
    assert db.read_bytes() == before, "a newer database must not be migrated or touched"


def test_random_bytes_are_refused_and_left_untouched(tmp_path: Path) -> None:
    db = tmp_path / "flow.db"
    db.write_bytes(os.urandom(64 * 1024))
    before = db.read_bytes()
    with pytest.raises(CorruptDatabaseError) as caught:
        Engine(db, ALL_WORKFLOWS)
    assert caught.value.path == str(db) and str(db) in str(caught.value)
    assert db.read_bytes() == before


@pytest.mark.parametrize("keep", [0.5, 0.1])
def test_truncated_database_is_refused_and_left_untouched(tmp_path: Path, keep: float) -> None:
    db = tmp_path / "flow.db"
    _make_db(db, sales=60)
    _sidecars_gone(db)  # a clean close checkpointed everything into the main file
    data = db.read_bytes()
    assert len(data) > 8 * 4096
    db.write_bytes(data[: int(len(data) * keep)])
    before = db.read_bytes()
    with pytest.raises(CorruptDatabaseError) as caught:
        Engine(db, ALL_WORKFLOWS)
    assert str(db) in str(caught.value)
    assert db.read_bytes() == before


def test_export_import_round_trip(tmp_path: Path) -> None:
    clock = FakeClock()
    with Engine(tmp_path / "a.db", ALL_WORKFLOWS, clock=clock) as a:
        a.start("cart", {"customer": "ACME"}, workflow_id="c")
        a.signal("c", "add", {"sku": "A", "qty": 1})
        a.signal("c", "lookup", {"skus": ["A", "B"]})
        a.record_activity_result("c", 1, {"net": "9.90"}, attempts=1)
        a.signal("c", "approve", {"note": "ok"}, origin="server")
        document = a.export_history("c")
        live = a.query("c", "snapshot")
        timer_due = a.next_timer_due()
    text = json.dumps(document)  # it really is plain JSON
    with Engine(tmp_path / "b.db", ALL_WORKFLOWS, clock=clock) as b:
        assert b.import_history(json.loads(text)) == "c"
        assert b.query("c", "snapshot") == live
        assert b.export_history("c") == document
        # The task and timer rows are rebuilt from the history.
        pending = b.activity_tasks("c", states=("queued",))
        assert [(t.activity_id, t.name, t.input) for t in pending] == [(2, "price", {"sku": "B"})]
        assert b.next_timer_due() == timer_due
        # Importing the same history again is a no-op...
        assert b.import_history(json.loads(text)) == "c"
        assert len(b.history("c")) == len(document["events"])
        # ...a different history under the same id is refused, and nothing changes.
        other = copy.deepcopy(document)
        other["events"] = other["events"][:-2]
        with pytest.raises(FlowError, match="different history"):
            b.import_history(other)
        assert history_json(b.history("c")) == document["events"]
        assert replay_all(b).ok


def _cart_document(tmp_path: Path) -> dict[str, Any]:
    with Engine(tmp_path / "src.db", ALL_WORKFLOWS, clock=FakeClock()) as engine:
        engine.start("cart", {"customer": "ACME"}, workflow_id="c")
        engine.signal("c", "lookup", {"skus": ["A"]})
        return engine.export_history("c")


def _stored_rows(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        return {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("workflows", "events", "activity_tasks", "timers")
        }


def test_import_of_a_tampered_history_is_refused(tmp_path: Path) -> None:
    document = _cart_document(tmp_path)
    scheduled = next(e for e in document["events"] if e["type"] == "ActivityScheduled")
    scheduled["data"]["name"] = "discount"  # the recorded decision no longer matches the code
    db = tmp_path / "dst.db"
    with Engine(db, ALL_WORKFLOWS) as engine:
        with pytest.raises(NonDeterminismError) as caught:
            engine.import_history(document)
        assert engine.list_workflows() == []
    assert caught.value.seq == scheduled["seq"]
    assert "'discount'" in str(caught.value) and "'price'" in str(caught.value)
    assert _stored_rows(db) == {"workflows": 0, "events": 0, "activity_tasks": 0, "timers": 0}


def _malformed(base: dict[str, Any]) -> list[tuple[str, Any, str]]:
    """(case, document, expected words in the message)."""

    def edit(fn: Any) -> dict[str, Any]:
        doc = copy.deepcopy(base)
        fn(doc)
        return doc

    def event(doc: dict[str, Any], index: int) -> dict[str, Any]:
        item: dict[str, Any] = doc["events"][index]
        return item

    return [
        ("not an object", ["events"], "must hold a JSON object"),
        ("other format", edit(lambda d: d.update(format="csv")), "not a SalesDesk history"),
        ("newer format", edit(lambda d: d.update(format_version=2)), "format version 2"),
        ("no id", edit(lambda d: d.pop("workflow_id")), "'workflow_id' must be"),
        ("no type", edit(lambda d: d.update(workflow_type="")), "'workflow_type' must be"),
        ("no events", edit(lambda d: d.update(events=[])), "'events' must be a non-empty list"),
        ("event not object", edit(lambda d: d["events"].append(7)), "must be an object"),
        ("gap", edit(lambda d: event(d, 1).update(seq=5)), "events[1].seq must be 2"),
        ("bad type", edit(lambda d: event(d, 1).update(type="Nope")), "'Nope' is not an event"),
        ("bad data", edit(lambda d: event(d, 1).update(data=[])), "events[1].data must be"),
        ("bad time", edit(lambda d: event(d, 1).update(time="tuesday")), "'tuesday' is not"),
        (
            "naive time",
            edit(lambda d: event(d, 1).update(time="2026-01-05T09:00:00")),
            "must include a time zone",
        ),
        ("no origin", edit(lambda d: event(d, 0).update(origin="")), "origin must be"),
        (
            "not started first",
            edit(lambda d: d.update(events=[dict(event(d, 1), seq=1)])),
            "first event must be WorkflowStarted",
        ),
        (
            "type mismatch",
            edit(lambda d: d.update(workflow_type="sleeper")),
            "does not match the WorkflowStarted",
        ),
        (
            "result of an unknown activity",
            edit(
                lambda d: d["events"].append(
                    dict(
                        event(d, 1),
                        seq=len(d["events"]) + 1,
                        type="ActivityCompleted",
                        data={"activity_id": 99, "result": 1},
                    )
                )
            ),
            "activity #99, which is not pending",
        ),
        (
            "result without activity id",
            edit(
                lambda d: d["events"].append(
                    dict(
                        event(d, 1),
                        seq=len(d["events"]) + 1,
                        type="ActivityCompleted",
                        data={"result": 1},
                    )
                )
            ),
            "needs a whole number 'activity_id'",
        ),
        (
            "signal without name",
            edit(
                lambda d: d["events"].append(
                    dict(
                        event(d, 1),
                        seq=len(d["events"]) + 1,
                        type="SignalReceived",
                        data={"payload": {}},
                    )
                )
            ),
            "has no signal name",
        ),
    ]


def test_import_of_malformed_documents_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    base = _cart_document(tmp_path)
    db = tmp_path / "dst.db"
    with Engine(db, ALL_WORKFLOWS) as engine:
        for case, document, words in _malformed(base):
            with pytest.raises(HistoryFormatError) as caught:
                engine.import_history(document)
            assert words in str(caught.value), (case, str(caught.value))
        assert engine.list_workflows() == []
        # The untouched document still imports: the cases above broke only what they say.
        engine.import_history(base)
    assert _stored_rows(db)["workflows"] == 1


def test_disk_full_is_reported_and_nothing_is_half_recorded(tmp_path: Path) -> None:
    db = tmp_path / "flow.db"
    with Engine(db, ALL_WORKFLOWS, clock=FakeClock()) as engine:
        engine.start("cart", {"customer": "ACME"}, workflow_id="c")
        # Cap the file at its current size, as a full disk would (through the engine's own
        # connection: max_page_count is a per-connection setting).
        raw = engine._conn.connection.driver_connection
        (pages,) = raw.execute("PRAGMA page_count").fetchone()
        raw.execute(f"PRAGMA max_page_count = {pages}")
        acked = 0
        with pytest.raises(DiskWriteError) as caught:
            for n in range(2000):
                engine.signal("c", "add", {"sku": f"S{n}", "qty": 1})
                acked += 1
        assert str(db) in str(caught.value) and "Nothing was saved" in str(caught.value)
        assert acked > 0
        # The refused signal is neither stored nor in the live state.
        assert engine.query("c", "snapshot")["adds"] == acked
        assert engine.get("c").position == len(engine.history("c"))
        raw.execute("PRAGMA max_page_count = 1073741823")
        engine.signal("c", "add", {"sku": "late", "qty": 1})
        assert engine.query("c", "snapshot")["adds"] == acked + 1
    with Engine(db, ALL_WORKFLOWS) as engine:
        assert engine.query("c", "snapshot")["adds"] == acked + 1
        assert replay_all(engine).ok
