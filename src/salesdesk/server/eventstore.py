"""The server's append-only event log: optimistic appends and a gap-free pull cursor.

Cursor allocation. Every event gets a global ``cursor``; pulls read ``cursor > c`` in
cursor order. A database sequence would hand out cursors in *start* order, and a
transaction that took cursor 10 but commits after the one holding 11 would be skipped by a
reader that already moved past 11. Instead, ``append`` allocates cursors with
``UPDATE event_counter SET value = value + n ... RETURNING value`` inside the appending
transaction. The row lock taken by that UPDATE is held until commit, so the next appender
waits and only then reads the counter: cursor order equals commit order, and whenever a
reader can see cursor ``k``, every cursor below ``k`` is already committed (a rolled-back
append also rolls back its counter increment, so there are no holes either). On SQLite,
``BEGIN IMMEDIATE`` serialises writers, which gives the same guarantee.

The price: appends serialise from the counter update to commit. ``append`` therefore takes
the counter last, and callers should do slow work (server-side replay) *before* calling
``append`` and commit promptly after it. Lock order is always workflow row, then counter,
so appenders cannot deadlock. READ COMMITTED isolation is assumed on PostgreSQL.

``read_since`` reads the committed counter value first and then only events up to it, so
the cursor it returns can safely jump over events the caller may not see.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Row, and_, bindparam, false, or_, select, true

from salesdesk.server.db import Executor, insert_ignore, insert_ignore_returning
from salesdesk.server.tables import devices, event_counter, events, order_numbers, workflows
from salesdesk.server.users import Principal, Role, has_control_chars

MAX_ID_LENGTH = 100
MAX_TYPE_LENGTH = 100
MAX_ORIGIN_LENGTH = 120


@dataclass(frozen=True)
class NewEvent:
    """An event offered for appending; ``seq`` is its 1-based position in the workflow."""

    seq: int
    type: str
    payload_json: str
    recorded_at: datetime
    origin: str = "client"
    device_id: str | None = None


@dataclass(frozen=True)
class StoredEvent:
    cursor: int
    workflow_id: str
    seq: int
    type: str
    payload_json: str
    recorded_at: datetime
    origin: str
    device_id: str | None
    appended_at: datetime


@dataclass(frozen=True)
class Appended:
    """Success. ``inserted == 0`` means an identical re-push (or an empty push)."""

    position: int
    inserted: int
    last_cursor: int | None


@dataclass(frozen=True)
class Conflict:
    """The server history diverges from what the client assumed."""

    server_position: int
    server_events: list[StoredEvent]  # stored events with seq > expected_position


AppendResult = Appended | Conflict


@dataclass(frozen=True)
class WorkflowInfo:
    workflow_id: str
    type: str
    owner_user_id: int
    team: str | None
    position: int
    status: str | None
    customer_name: str | None
    gross_total: str | None
    currency: str | None
    needs_approval: bool
    created_at: datetime
    updated_at: datetime


# Statements of the push and pull paths, built once: building one (and its cache key) for
# every request cost more CPU than running it.
_TAKE_CURSORS = (
    event_counter.update()
    .where(event_counter.c.id == 1)
    .values(value=event_counter.c.value + bindparam("count"))
    .returning(event_counter.c.value)
)
_HIGH_WATER_MARK = select(event_counter.c.value).where(event_counter.c.id == 1)
_LOCK_WORKFLOWS = (
    select(workflows)
    .where(workflows.c.workflow_id.in_(bindparam("ids", expanding=True)))
    .order_by(workflows.c.workflow_id)
    .with_for_update()
)
_MOVE_WORKFLOW = (
    workflows.update()
    .where(workflows.c.workflow_id == bindparam("b_workflow_id"))
    .values(
        position=bindparam("b_position"),
        updated_at=bindparam("b_updated_at"),
        status=bindparam("b_status"),
        customer_name=bindparam("b_customer_name"),
        gross_total=bindparam("b_gross_total"),
        currency=bindparam("b_currency"),
        needs_approval=bindparam("b_needs_approval"),
    )
)


class InvalidEventsError(ValueError):
    """The events offered for appending are malformed (bad seq, JSON, lengths...)."""


class WorkflowTypeMismatchError(InvalidEventsError):
    """The workflow exists with another type."""


# -- appending ---------------------------------------------------------------------------


def append(
    conn: Executor,
    workflow_id: str,
    workflow_type: str,
    owner_user_id: int,
    team: str | None,
    expected_position: int,
    new_events: Sequence[NewEvent],
    *,
    now: datetime | None = None,
) -> AppendResult:
    """Append ``new_events`` if the workflow is at ``expected_position``.

    Runs in the caller's transaction; the caller commits. ``owner_user_id`` and ``team``
    only apply when this call creates the workflow; access checks are the caller's job
    (``users.can_access_workflow`` against ``get_workflow``).
    """
    _validate(workflow_id, workflow_type, expected_position, new_events)
    now = now or datetime.now(UTC)
    locked = _lock_workflow(conn, workflow_id)
    if locked is None:
        if expected_position != 0:
            return Conflict(server_position=0, server_events=[])
        if not new_events:
            return Appended(position=0, inserted=0, last_cursor=None)
        insert_ignore(
            conn,
            workflows,
            {
                "workflow_id": workflow_id,
                "type": workflow_type,
                "owner_user_id": owner_user_id,
                "team": team,
                "position": 0,
                "needs_approval": False,
                "created_at": now,
                "updated_at": now,
            },
            ["workflow_id"],
        )
        # Ours, or a concurrent creator's whose commit the insert waited for.
        locked = _lock_workflow(conn, workflow_id)
        assert locked is not None
    position, stored_type = locked
    if stored_type != workflow_type:
        raise WorkflowTypeMismatchError(
            f"workflow {workflow_id} has type {stored_type!r}, not {workflow_type!r}"
        )
    if position != expected_position:
        return _duplicate_or_conflict(conn, workflow_id, position, expected_position, new_events)
    if not new_events:
        return Appended(position=position, inserted=0, last_cursor=None)

    count = len(new_events)
    last_cursor = int(conn.execute(_TAKE_CURSORS, {"count": count}).scalar_one())
    first_cursor = last_cursor - count + 1
    conn.execute(
        events.insert(),
        [
            {
                "cursor": first_cursor + i,
                "workflow_id": workflow_id,
                "seq": e.seq,
                "type": e.type,
                "payload": e.payload_json,
                "recorded_at": e.recorded_at,
                "origin": e.origin,
                "device_id": e.device_id,
                "appended_at": now,
            }
            for i, e in enumerate(new_events)
        ],
    )
    new_position = expected_position + count
    conn.execute(
        workflows.update()
        .where(workflows.c.workflow_id == workflow_id)
        .values(position=new_position, updated_at=now)
    )
    return Appended(position=new_position, inserted=count, last_cursor=last_cursor)


@dataclass(frozen=True)
class PlannedAppend:
    """One workflow's share of ``append_batch``: its row is locked (or, with ``create``,
    not there yet) and ``new_events`` follow ``expected_position``, which the caller read
    under that lock. ``projection`` holds the list columns to store with the new position.
    """

    workflow_id: str
    workflow_type: str
    expected_position: int
    new_events: Sequence[NewEvent]
    create: bool
    owner_user_id: int
    team: str | None
    projection: dict[str, Any]


class ConcurrentCreateError(Exception):
    """A workflow the batch meant to create was created by another transaction meanwhile;
    roll back and try again."""


def append_batch(
    conn: Executor, planned: Sequence[PlannedAppend], *, now: datetime | None = None
) -> list[Appended]:
    """Append the events of several workflows in the caller's transaction, with one
    counter update and one insert for all of them (each workflow's events get one run of
    consecutive cursors, in ``planned`` order).

    The caller must hold the row lock of every existing workflow in ``planned`` (taken in
    workflow id order, see ``lock_workflows``) and must have checked the positions under
    it; the events' JSON must come from the server's own serialisation (it is not parsed
    again). Rows to ``create`` are inserted here; if another transaction created one
    meanwhile, ``ConcurrentCreateError`` is raised and the caller must roll back.
    """
    now = now or datetime.now(UTC)
    for p in planned:
        _validate(
            p.workflow_id, p.workflow_type, p.expected_position, p.new_events, check_json=False
        )
    todo = [p for p in planned if p.new_events]
    if not todo:
        return [Appended(p.expected_position, 0, None) for p in planned]
    creates = sorted((p for p in todo if p.create), key=lambda p: p.workflow_id)
    for p in creates:
        # One row at a time, in id order (a concurrent creator of the same id makes us
        # wait for its commit, then find the row taken).
        inserted = insert_ignore_returning(
            conn,
            workflows,
            {
                "workflow_id": p.workflow_id,
                "type": p.workflow_type,
                "owner_user_id": p.owner_user_id,
                "team": p.team,
                "position": p.expected_position + len(p.new_events),
                "created_at": now,
                "updated_at": now,
                **p.projection,
            },
            "workflow_id",
        )
        if not inserted:
            raise ConcurrentCreateError(p.workflow_id)
    updates = [p for p in todo if not p.create]
    if updates:
        conn.execute(
            _MOVE_WORKFLOW,
            [
                {
                    "b_workflow_id": p.workflow_id,
                    "b_position": p.expected_position + len(p.new_events),
                    "b_updated_at": now,
                    **{f"b_{k}": v for k, v in p.projection.items()},
                }
                for p in updates
            ],
        )
    # Last: from here to commit, every appender waits for us (see the module docstring).
    count = sum(len(p.new_events) for p in todo)
    last_cursor = int(conn.execute(_TAKE_CURSORS, {"count": count}).scalar_one())
    cursor = last_cursor - count
    rows: list[dict[str, Any]] = []
    ends: dict[str, int] = {}
    for p in todo:
        for e in p.new_events:
            cursor += 1
            rows.append(
                {
                    "cursor": cursor,
                    "workflow_id": p.workflow_id,
                    "seq": e.seq,
                    "type": e.type,
                    "payload": e.payload_json,
                    "recorded_at": e.recorded_at,
                    "origin": e.origin,
                    "device_id": e.device_id,
                    "appended_at": now,
                }
            )
        ends[p.workflow_id] = cursor
    conn.execute(events.insert(), rows)
    return [
        Appended(
            p.expected_position + len(p.new_events),
            len(p.new_events),
            ends.get(p.workflow_id) if p.new_events else None,
        )
        for p in planned
    ]


def lock_workflows(conn: Executor, workflow_ids: Sequence[str]) -> dict[str, WorkflowInfo]:
    """The rows of those of ``workflow_ids`` that exist, locked until commit, in id order
    (FOR UPDATE on PostgreSQL; SQLite's BEGIN IMMEDIATE already serialises writers)."""
    if not workflow_ids:
        return {}
    rows = conn.execute(_LOCK_WORKFLOWS, {"ids": sorted(set(workflow_ids))}).all()
    return {r.workflow_id: _info(r) for r in rows}


def compare_pushed(
    conn: Executor,
    workflow_id: str,
    position: int,
    expected_position: int,
    new_events: Sequence[NewEvent],
) -> AppendResult:
    """For a push whose ``expected_position`` is not the stored ``position`` (or that is
    empty): an identical re-push (``Appended`` with nothing inserted) or a ``Conflict``."""
    if position == 0 and expected_position != 0:
        return Conflict(server_position=0, server_events=[])
    if position == expected_position:  # empty push
        return Appended(position=position, inserted=0, last_cursor=None)
    return _duplicate_or_conflict(conn, workflow_id, position, expected_position, new_events)


def _validate(
    workflow_id: str,
    workflow_type: str,
    expected_position: int,
    new_events: Sequence[NewEvent],
    *,
    check_json: bool = True,
) -> None:
    texts = [workflow_id, workflow_type]
    for event in new_events:
        texts += [event.type, event.origin, event.device_id or ""]
    if any(has_control_chars(t) for t in texts):
        raise InvalidEventsError("ids, types and origins must not contain control characters")
    if not workflow_id or len(workflow_id) > MAX_ID_LENGTH:
        raise InvalidEventsError(f"workflow_id must be 1-{MAX_ID_LENGTH} characters")
    if not workflow_type or len(workflow_type) > MAX_TYPE_LENGTH:
        raise InvalidEventsError(f"workflow type must be 1-{MAX_TYPE_LENGTH} characters")
    if expected_position < 0:
        raise InvalidEventsError("expected_position must not be negative")
    for index, event in enumerate(new_events):
        where = f"event {index} (seq {event.seq})"
        if event.seq != expected_position + 1 + index:
            raise InvalidEventsError(
                f"{where}: seq must be {expected_position + 1 + index} (consecutive after "
                f"expected_position {expected_position})"
            )
        if not event.type or len(event.type) > MAX_TYPE_LENGTH:
            raise InvalidEventsError(f"{where}: type must be 1-{MAX_TYPE_LENGTH} characters")
        if not event.origin or len(event.origin) > MAX_ORIGIN_LENGTH:
            raise InvalidEventsError(f"{where}: origin must be 1-{MAX_ORIGIN_LENGTH} characters")
        if event.device_id is not None and len(event.device_id) > MAX_ID_LENGTH:
            raise InvalidEventsError(f"{where}: device_id is longer than {MAX_ID_LENGTH}")
        if event.recorded_at.tzinfo is None:
            raise InvalidEventsError(f"{where}: recorded_at needs a time zone")
        if not check_json:
            continue
        try:
            json.loads(event.payload_json)
        except ValueError as exc:
            raise InvalidEventsError(f"{where}: payload is not valid JSON ({exc})") from exc


def _lock_workflow(conn: Executor, workflow_id: str) -> tuple[int, str] | None:
    # FOR UPDATE serialises appenders of one workflow (ignored on SQLite, where
    # BEGIN IMMEDIATE already serialises all writers).
    row = conn.execute(
        select(workflows.c.position, workflows.c.type)
        .where(workflows.c.workflow_id == workflow_id)
        .with_for_update()
    ).first()
    return None if row is None else (int(row.position), str(row.type))


def _canonical_json(text: str) -> str:
    return json.dumps(json.loads(text), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _same(stored: StoredEvent, offered: NewEvent) -> bool:
    # The very same event: type, origin and time too, not only what it says (two devices
    # may record the same lookup result). The JSON is compared by meaning, not bytes: a
    # client may re-serialise it on a re-push.
    return (
        stored.type == offered.type
        and stored.origin == offered.origin
        and stored.recorded_at == offered.recorded_at
        and (
            stored.payload_json == offered.payload_json
            or _canonical_json(stored.payload_json) == _canonical_json(offered.payload_json)
        )
    )


def _duplicate_or_conflict(
    conn: Executor,
    workflow_id: str,
    position: int,
    expected_position: int,
    new_events: Sequence[NewEvent],
) -> AppendResult:
    stored = read_workflow(conn, workflow_id, after_seq=expected_position)
    if (
        new_events
        and position >= expected_position + len(new_events)
        and all(_same(s, e) for s, e in zip(stored, new_events, strict=False))
    ):
        return Appended(position=position, inserted=0, last_cursor=None)
    return Conflict(server_position=position, server_events=stored)


# -- reading -----------------------------------------------------------------------------


def _stored(row: Row[Any]) -> StoredEvent:
    return StoredEvent(
        cursor=int(row.cursor),
        workflow_id=row.workflow_id,
        seq=int(row.seq),
        type=row.type,
        payload_json=row.payload,
        recorded_at=row.recorded_at,
        origin=row.origin,
        device_id=row.device_id,
        appended_at=row.appended_at,
    )


def access_clause(principal: Principal) -> ColumnElement[bool]:
    """SQL condition on ``workflows`` matching ``users.can_access_workflow``."""
    if principal.role is Role.ADMIN:
        return true()
    own = workflows.c.owner_user_id == principal.user_id
    if principal.role is Role.MANAGER and principal.team is not None:
        return or_(own, workflows.c.team == principal.team)
    return own


def high_water_mark(conn: Executor) -> int:
    """The highest cursor committed so far (every cursor up to it is visible)."""
    return int(conn.execute(_HIGH_WATER_MARK).scalar_one())


def read_since(
    conn: Executor,
    cursor: int,
    principal_filter: Principal | None,
    limit: int = 500,
    *,
    exclude_device: str | None = None,
) -> tuple[list[StoredEvent], int]:
    """Events with cursor > ``cursor`` visible to ``principal_filter`` (None: all), less
    those pushed by ``exclude_device`` (a device has its own events already).

    Returns ``(events, next_cursor)``. When fewer than ``limit`` events come back,
    ``next_cursor`` is the high-water mark, skipping events of other users at once.
    """
    if limit < 1:
        raise ValueError("limit must be at least 1")
    high = high_water_mark(conn)  # first: everything up to it is committed
    condition = and_(events.c.cursor > cursor, events.c.cursor <= high)
    if exclude_device is not None:
        condition = and_(
            condition, or_(events.c.device_id.is_(None), events.c.device_id != exclude_device)
        )
    stmt = select(*events.c).where(condition)
    if principal_filter is not None and principal_filter.role is not Role.ADMIN:
        stmt = stmt.join(workflows, workflows.c.workflow_id == events.c.workflow_id).where(
            access_clause(principal_filter)
        )
    rows = conn.execute(stmt.order_by(events.c.cursor).limit(limit)).all()
    found = [_stored(r) for r in rows]
    next_cursor = found[-1].cursor if len(found) == limit else high
    return found, next_cursor


def read_workflow(conn: Executor, workflow_id: str, after_seq: int = 0) -> list[StoredEvent]:
    """The workflow's events with seq > ``after_seq``, in seq order."""
    rows = conn.execute(
        select(*events.c)
        .where(events.c.workflow_id == workflow_id, events.c.seq > after_seq)
        .order_by(events.c.seq)
    ).all()
    return [_stored(r) for r in rows]


def position(conn: Executor, workflow_id: str) -> int:
    """The workflow's last seq, 0 when the server has never seen it."""
    value = conn.execute(
        select(workflows.c.position).where(workflows.c.workflow_id == workflow_id)
    ).scalar_one_or_none()
    return 0 if value is None else int(value)


# -- workflows and their projection --------------------------------------------------------


def _info(row: Row[Any]) -> WorkflowInfo:
    return WorkflowInfo(
        workflow_id=row.workflow_id,
        type=row.type,
        owner_user_id=int(row.owner_user_id),
        team=row.team,
        position=int(row.position),
        status=row.status,
        customer_name=row.customer_name,
        gross_total=row.gross_total,
        currency=row.currency,
        needs_approval=bool(row.needs_approval),
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def get_workflow(conn: Executor, workflow_id: str) -> WorkflowInfo | None:
    row = conn.execute(select(workflows).where(workflows.c.workflow_id == workflow_id)).first()
    return None if row is None else _info(row)


def list_workflows(
    conn: Executor,
    principal: Principal,
    *,
    needs_approval: bool | None = None,
    status: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[WorkflowInfo]:
    """Workflows ``principal`` may see, most recently updated first."""
    stmt = select(workflows).where(access_clause(principal))
    if needs_approval is not None:
        stmt = stmt.where(workflows.c.needs_approval == (true() if needs_approval else false()))
    if status is not None:
        stmt = stmt.where(workflows.c.status == status)
    stmt = stmt.order_by(workflows.c.updated_at.desc(), workflows.c.workflow_id)
    return [_info(r) for r in conn.execute(stmt.limit(limit).offset(offset)).all()]


def update_projection(
    conn: Executor,
    workflow_id: str,
    *,
    status: str | None,
    customer_name: str | None,
    gross_total: Decimal | str | None,
    currency: str | None,
    needs_approval: bool,
    now: datetime | None = None,
) -> None:
    """Store the list columns computed by replaying the workflow's history."""
    conn.execute(
        workflows.update()
        .where(workflows.c.workflow_id == workflow_id)
        .values(
            status=status,
            customer_name=customer_name,
            gross_total=None if gross_total is None else str(gross_total),
            currency=currency,
            needs_approval=needs_approval,
            updated_at=now or datetime.now(UTC),
        )
    )


# -- other counters --------------------------------------------------------------------------


def next_order_number(conn: Executor, year: int) -> int:
    """The next order number of ``year`` (1, 2, ...), gapless because it is transactional."""
    insert_ignore(conn, order_numbers, {"year": year, "last_value": 0}, ["year"])
    return int(
        conn.execute(
            order_numbers.update()
            .where(order_numbers.c.year == year)
            .values(last_value=order_numbers.c.last_value + 1)
            .returning(order_numbers.c.last_value)
        ).scalar_one()
    )


def record_device(
    conn: Executor,
    device_id: str,
    user_id: int,
    *,
    now: datetime | None = None,
    pull_cursor: int | None = None,
) -> None:
    """Remember that ``device_id`` synced (and, after a pull, up to which cursor)."""
    now = now or datetime.now(UTC)
    insert_ignore(
        conn,
        devices,
        {"device_id": device_id, "user_id": user_id, "first_seen_at": now, "last_seen_at": now},
        ["device_id"],
    )
    values: dict[str, Any] = {"last_seen_at": now, "user_id": user_id}
    if pull_cursor is not None:
        values["last_pull_cursor"] = pull_cursor
    conn.execute(devices.update().where(devices.c.device_id == device_id).values(**values))


def claim_device(
    conn: Executor,
    device_id: str,
    user_id: int,
    *,
    now: datetime | None = None,
    pull_cursor: int | None = None,
) -> bool:
    """Record that ``device_id`` synced for ``user_id`` (and, after a pull, up to which
    cursor). A device id belongs to the user who first used it: False, and nothing
    recorded, when it is another user's."""
    now = now or datetime.now(UTC)
    values: dict[str, Any] = {"last_seen_at": now}
    if pull_cursor is not None:
        values["last_pull_cursor"] = pull_cursor
    mine = (devices.c.device_id == device_id) & (devices.c.user_id == user_id)
    if conn.execute(
        devices.update().where(mine).values(**values).returning(devices.c.device_id)
    ).first():
        return True
    insert_ignore(
        conn,
        devices,
        {
            "device_id": device_id,
            "user_id": user_id,
            "first_seen_at": now,
            "last_seen_at": now,
            "last_pull_cursor": pull_cursor or 0,
        },
        ["device_id"],
    )
    owner = conn.execute(
        select(devices.c.user_id).where(devices.c.device_id == device_id)
    ).scalar_one()
    return int(owner) == user_id
