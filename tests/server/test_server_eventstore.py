"""Event store: optimistic appends, idempotent re-push, conflicts, and a pull cursor that
never skips a late commit (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import random
import threading
import time
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, func, select

from salesdesk.server import eventstore as es
from salesdesk.server.eventstore import Appended, Conflict, NewEvent
from salesdesk.server.tables import devices, events, workflows
from salesdesk.server.users import Principal

from .test_support import db_url_fixture, engine_fixture, make_user  # noqa: F401  (fixtures)

T0 = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


def ev(seq: int, kind: str = "SignalReceived", **payload: object) -> NewEvent:
    body = payload or {"seq": seq, "note": f"event {seq}"}
    return NewEvent(
        seq=seq, type=kind, payload_json=json.dumps(body), recorded_at=T0, device_id="dev-1"
    )


def evs(first: int, last: int) -> list[NewEvent]:
    return [ev(s) for s in range(first, last + 1)]


def push(
    engine: Engine, wf: str, owner: Principal, expected: int, new: list[NewEvent]
) -> es.AppendResult:
    with engine.begin() as conn:
        return es.append(conn, wf, "sale", owner.user_id, owner.team, expected, new)


def all_cursors(engine: Engine) -> list[int]:
    with engine.connect() as conn:
        return list(conn.execute(select(events.c.cursor).order_by(events.c.cursor)).scalars())


# -- semantics ---------------------------------------------------------------------------------


def test_append_creates_the_workflow_and_reads_back(engine: Engine) -> None:
    ann = make_user(engine, "ann", "agent", "north")
    result = push(engine, "wf-1", ann, 0, evs(1, 3))
    assert result == Appended(position=3, inserted=3, last_cursor=3)
    with engine.connect() as conn:
        stored = es.read_workflow(conn, "wf-1")
        assert [e.seq for e in stored] == [1, 2, 3]
        assert [e.cursor for e in stored] == [1, 2, 3]
        assert stored[0].recorded_at == T0 and stored[0].recorded_at.tzinfo is not None
        assert stored[0].payload_json == ev(1).payload_json
        assert stored[0].device_id == "dev-1" and stored[0].origin == "client"
        assert es.position(conn, "wf-1") == 3
        assert es.position(conn, "unknown") == 0
        info = es.get_workflow(conn, "wf-1")
        assert info is not None
        assert (info.owner_user_id, info.team, info.type) == (ann.user_id, "north", "sale")
        assert [e.seq for e in es.read_workflow(conn, "wf-1", after_seq=2)] == [3]
    assert push(engine, "wf-1", ann, 3, evs(4, 4)) == Appended(4, 1, 4)


def test_identical_repush_is_a_noop(engine: Engine) -> None:
    ann = make_user(engine, "ann")
    push(engine, "wf-1", ann, 0, evs(1, 3))
    assert push(engine, "wf-1", ann, 0, evs(1, 3)) == Appended(3, 0, None)
    # Same meaning, different bytes (key order, spacing): still the same events.
    reserialised = [
        NewEvent(
            e.seq,
            e.type,
            json.dumps(json.loads(e.payload_json), indent=2, sort_keys=True),
            e.recorded_at,
        )
        for e in evs(2, 3)
    ]
    assert push(engine, "wf-1", ann, 1, reserialised) == Appended(3, 0, None)
    assert push(engine, "wf-1", ann, 0, evs(1, 1)) == Appended(3, 0, None)  # a prefix
    assert all_cursors(engine) == [1, 2, 3]


def test_divergent_history_is_a_conflict(engine: Engine) -> None:
    ann = make_user(engine, "ann")
    push(engine, "wf-1", ann, 0, evs(1, 3))
    other = [ev(2, note="offline edit")]
    result = push(engine, "wf-1", ann, 1, other)
    assert isinstance(result, Conflict)
    assert result.server_position == 3
    assert [e.seq for e in result.server_events] == [2, 3]
    # Partially known (2, 3) plus new (4): the spec'd answer is a conflict to rebase on.
    result = push(engine, "wf-1", ann, 1, evs(2, 4))
    assert isinstance(result, Conflict) and result.server_position == 3
    # The client claims more than the server has.
    result = push(engine, "wf-1", ann, 5, evs(6, 6))
    assert result == Conflict(server_position=3, server_events=[])
    # Same seq and payload but another type is not the same event.
    result = push(engine, "wf-1", ann, 2, [NewEvent(3, "Other", ev(3).payload_json, T0)])
    assert isinstance(result, Conflict)
    # Unknown workflow with a non-zero expectation: conflict, and nothing is created.
    assert push(engine, "wf-2", ann, 2, evs(3, 3)) == Conflict(0, [])
    with engine.connect() as conn:
        assert es.get_workflow(conn, "wf-2") is None
    assert all_cursors(engine) == [1, 2, 3]


def test_empty_pushes(engine: Engine) -> None:
    ann = make_user(engine, "ann")
    assert push(engine, "wf-1", ann, 0, []) == Appended(0, 0, None)
    with engine.connect() as conn:
        assert es.get_workflow(conn, "wf-1") is None
    push(engine, "wf-1", ann, 0, evs(1, 2))
    assert push(engine, "wf-1", ann, 2, []) == Appended(2, 0, None)
    assert isinstance(push(engine, "wf-1", ann, 1, []), Conflict)


MALFORMED = [
    (0, [ev(2)], "seq must be 1"),
    (0, [ev(1), ev(3)], "seq must be 2"),
    (-1, [], "must not be negative"),
    (0, [NewEvent(1, "E", "{not json", T0)], "not valid JSON"),
    (0, [NewEvent(1, "E", "{}", datetime(2026, 1, 1))], "time zone"),
    (0, [NewEvent(1, "", "{}", T0)], "type must be"),
    (0, [NewEvent(1, "E", "{}", T0, origin="x" * 121)], "origin must be"),
    (0, [NewEvent(1, "E\x00", "{}", T0)], "control characters"),
]


def test_malformed_events_are_refused(engine: Engine) -> None:
    ann = make_user(engine, "ann")
    for expected, new, message in MALFORMED:
        with pytest.raises(es.InvalidEventsError, match=message):
            push(engine, "wf-1", ann, expected, new)
    with pytest.raises(es.InvalidEventsError, match="workflow_id"):
        push(engine, "", ann, 0, evs(1, 1))
    assert all_cursors(engine) == []


def test_workflow_type_cannot_change(engine: Engine) -> None:
    ann = make_user(engine, "ann")
    push(engine, "wf-1", ann, 0, evs(1, 1))
    with engine.begin() as conn, pytest.raises(es.WorkflowTypeMismatchError):
        es.append(conn, "wf-1", "refund", ann.user_id, None, 1, evs(2, 2))


def test_a_rolled_back_append_leaves_no_gap(engine: Engine) -> None:
    ann = make_user(engine, "ann")
    push(engine, "wf-1", ann, 0, evs(1, 2))
    with engine.connect() as conn:
        trans = conn.begin()
        assert es.append(conn, "wf-1", "sale", ann.user_id, None, 2, evs(3, 5)) == Appended(5, 3, 5)
        trans.rollback()
    assert push(engine, "wf-1", ann, 2, evs(3, 3)) == Appended(3, 1, 3)
    assert all_cursors(engine) == [1, 2, 3]


def test_read_since_shows_each_principal_only_what_it_may_see(engine: Engine) -> None:
    ann = make_user(engine, "ann", "agent", "north")
    bob = make_user(engine, "bob", "agent", "north")
    cid = make_user(engine, "cid", "agent", "south")
    meg = make_user(engine, "meg", "manager", "north")
    root = make_user(engine, "root", "admin")
    for i, owner in enumerate([ann, bob, cid, meg, ann, cid]):
        push(engine, f"wf-{i}", owner, 0, evs(1, 2))
    with engine.connect() as conn:
        seen = {}
        for p in (ann, bob, cid, meg, root):
            found, next_cursor = es.read_since(conn, 0, p, 100)
            assert next_cursor == 12  # jumps past what the principal cannot see
            assert [e.cursor for e in found] == sorted(e.cursor for e in found)
            seen[p.name] = sorted({e.workflow_id for e in found})
        everything, _ = es.read_since(conn, 0, None, 100)
    assert seen["ann"] == ["wf-0", "wf-4"]
    assert seen["bob"] == ["wf-1"]
    assert seen["cid"] == ["wf-2", "wf-5"]
    assert seen["meg"] == ["wf-0", "wf-1", "wf-3", "wf-4"]
    assert seen["root"] == [f"wf-{i}" for i in range(6)]
    assert [e.cursor for e in everything] == list(range(1, 13))


def test_read_since_pages_by_limit(engine: Engine) -> None:
    ann = make_user(engine, "ann")
    for i in range(5):
        push(engine, f"wf-{i}", ann, 0, evs(1, 3))
    cursor, got = 0, []
    with engine.connect() as conn:
        while True:
            page, cursor = es.read_since(conn, cursor, ann, 4)
            got += [e.cursor for e in page]
            if len(page) < 4:
                break
        assert es.read_since(conn, cursor, ann, 4) == ([], 15)
        with pytest.raises(ValueError):
            es.read_since(conn, 0, ann, 0)
    assert got == list(range(1, 16))


def test_projection_list_order_numbers_and_devices(engine: Engine) -> None:
    ann = make_user(engine, "ann", "agent", "north")
    cid = make_user(engine, "cid", "agent", "south")
    meg = make_user(engine, "meg", "manager", "north")
    push(engine, "wf-a", ann, 0, evs(1, 1))
    push(engine, "wf-c", cid, 0, evs(1, 1))
    with engine.begin() as conn:
        es.update_projection(
            conn,
            "wf-a",
            status="awaiting_approval",
            customer_name="Acme Kft.",
            gross_total="1270.00",
            currency="EUR",
            needs_approval=True,
        )
        assert [es.next_order_number(conn, 2026) for _ in range(3)] == [1, 2, 3]
        assert es.next_order_number(conn, 2027) == 1
        es.record_device(conn, "dev-1", ann.user_id)
        es.record_device(conn, "dev-1", ann.user_id, pull_cursor=2)
    with engine.connect() as conn:
        listed = es.list_workflows(conn, meg, needs_approval=True)
        assert [w.workflow_id for w in listed] == ["wf-a"]
        assert listed[0].gross_total == "1270.00" and listed[0].customer_name == "Acme Kft."
        assert [w.workflow_id for w in es.list_workflows(conn, cid)] == ["wf-c"]
        assert es.list_workflows(conn, meg, status="draft") == []
        assert conn.execute(select(devices.c.last_pull_cursor)).scalar_one() == 2


# -- concurrency -------------------------------------------------------------------------------


def _append_with_retry(engine: Engine, wf: str, owner: Principal, count: int) -> None:
    """Append ``count`` events to ``wf``, re-reading the position after a conflict."""
    expected = 0
    while True:
        result = push(engine, wf, owner, expected, evs(expected + 1, expected + count))
        if isinstance(result, Appended):
            return
        expected = result.server_position


def test_concurrent_writers_and_a_late_commit_never_make_a_reader_skip(engine: Engine) -> None:
    owner = make_user(engine, "ann")
    push(engine, "wf-warmup", owner, 0, evs(1, 2))
    holding = threading.Event()
    writers_done = threading.Event()
    errors: list[BaseException] = []
    slow_cursor: list[int] = []

    def slow() -> None:
        # Takes the next cursor, then commits late while the writers below try to commit.
        try:
            with engine.begin() as conn:
                result = es.append(conn, "wf-slow", "sale", owner.user_id, None, 0, evs(1, 1))
                assert isinstance(result, Appended) and result.last_cursor is not None
                slow_cursor.append(result.last_cursor)
                holding.set()
                time.sleep(0.4)
        except BaseException as exc:
            errors.append(exc)
            holding.set()

    def writer(n: int) -> None:
        rng = random.Random(n)
        holding.wait()
        try:
            for i in range(12):
                _append_with_retry(engine, f"wf-{n}-{i % 3}-shared", owner, rng.randint(1, 3))
                _append_with_retry(engine, "wf-everyone", owner, 1)
        except BaseException as exc:
            errors.append(exc)

    received: list[int] = []

    def reader() -> None:
        cursor = 0
        try:
            while True:
                finished = writers_done.is_set()
                with engine.connect() as conn:
                    page, cursor = es.read_since(conn, cursor, None, 7)
                    conn.commit()
                received.extend(e.cursor for e in page)
                if finished and not page:
                    return
                time.sleep(0.002)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=slow)] + [
        threading.Thread(target=writer, args=(n,)) for n in range(4)
    ]
    read_thread = threading.Thread(target=reader)
    read_thread.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    writers_done.set()
    read_thread.join(timeout=60)

    assert not errors, errors
    stored = all_cursors(engine)
    assert stored == list(range(1, len(stored) + 1)), "cursor values have gaps"
    assert received == stored, "the reader skipped or repeated an event"
    # Cursor order is commit order: nobody committed a cursor above the slow one first.
    assert slow_cursor == [3]
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(workflows)).scalar_one() == 15
        # Every workflow's seqs are gap-free 1..position.
        for wf, pos in conn.execute(select(workflows.c.workflow_id, workflows.c.position)):
            assert [e.seq for e in es.read_workflow(conn, wf)] == list(range(1, pos + 1))


def test_racing_identical_pushes_store_once(engine: Engine) -> None:
    owner = make_user(engine, "ann")
    outcomes: list[es.AppendResult] = []
    errors: list[BaseException] = []

    def pusher(wf: str, barrier: threading.Barrier) -> None:
        try:
            barrier.wait()
            outcomes.append(push(engine, wf, owner, 0, evs(1, 3)))
        except BaseException as exc:
            errors.append(exc)

    for round_ in range(5):
        barrier = threading.Barrier(3)
        racers = [threading.Thread(target=pusher, args=(f"wf-{round_}", barrier)) for _ in range(3)]
        for t in racers:
            t.start()
        for t in racers:
            t.join(timeout=30)
    assert not errors, errors
    assert sorted(r.inserted for r in outcomes if isinstance(r, Appended)) == [0] * 10 + [3] * 5
    assert all_cursors(engine) == list(range(1, 16))


def test_control_characters_are_exactly_unicode_category_cc() -> None:
    import sys
    import unicodedata

    from salesdesk.server.users import has_control_chars

    for code in range(sys.maxunicode + 1):
        char = chr(code)
        assert has_control_chars(f"a{char}b") == (unicodedata.category(char) == "Cc"), hex(code)
