"""The embedded engine: workflow histories in a local SQLite file, replayed on open.

One engine owns one database. All writes go through one lock, so only one thread writes
a workflow's history; another process sharing the file (the CLI beside the app) is
noticed through the per-workflow ``version`` and caught up by replay before any write.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from salesdesk.flow.definition import WorkflowDefinition, definition_of
from salesdesk.flow.errors import (
    FlowError,
    HistoryFormatError,
    UnknownWorkflowTypeError,
    WorkflowNotFoundError,
)
from salesdesk.flow.events import ALL_TYPES, Event, EventType, parse_time, utc_iso
from salesdesk.flow.instance import WorkflowInstance
from salesdesk.store import tables as t
from salesdesk.store.database import open_database, translate_db_error

Clock = Callable[[], datetime]
Listener = Callable[[str], None]
ListingFn = Callable[[WorkflowInstance], dict[str, Any]]

HISTORY_FORMAT = "salesdesk-history"
HISTORY_FORMAT_VERSION = 1
TERMINAL_TASK_STATES = ("done", "failed", "cancelled")


@dataclass(frozen=True)
class SignalAck:
    """Returned only once the signal and its consequences are durable."""

    workflow_id: str
    seq: int
    position: int


@dataclass(frozen=True)
class WorkflowRow:
    workflow_id: str
    workflow_type: str
    status: str
    position: int
    synced_position: int
    created_at: str
    updated_at: str
    listing: dict[str, Any] | None


@dataclass(frozen=True)
class ActivityTask:
    workflow_id: str
    activity_id: int
    name: str
    input: Any
    options: dict[str, Any]
    state: str
    attempts: int
    next_attempt_at: float
    last_error: str | None
    last_error_code: str | None

    @property
    def call(self) -> tuple[str, Any]:
        """(name, input): what an attempt of this task runs, to tell it from the call a
        sync rebase may have put under the same activity id meanwhile."""
        return self.name, self.input


def utcnow() -> datetime:
    return datetime.now(UTC)


class Engine:
    def __init__(
        self,
        db_path: Path,
        workflows: Sequence[type[Any]],
        *,
        origin: str = "device:local",
        clock: Clock = utcnow,
        cache_size: int = 1000,
        listing: ListingFn | None = None,
    ) -> None:
        self.db_path = Path(db_path)
        self.origin = origin
        self.clock = clock
        self._definitions: dict[str, WorkflowDefinition] = {}
        for cls in workflows:
            d = definition_of(cls)
            self._definitions[d.name] = d
        self._listing = listing
        self._cache: OrderedDict[str, tuple[WorkflowInstance, int]] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.RLock()
        self._listeners: list[Listener] = []
        self._db = open_database(self.db_path)
        self._conn = self._db.connect()
        self._closed = False

    # ------------------------------------------------------------------ lifecycle
    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._conn.close()
            self._db.dispose()

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def definitions(self) -> dict[str, WorkflowDefinition]:
        return dict(self._definitions)

    def definition(self, workflow_type: str) -> WorkflowDefinition:
        d = self._definitions.get(workflow_type)
        if d is None:
            raise UnknownWorkflowTypeError(workflow_type, sorted(self._definitions))
        return d

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener(workflow_id)`` after each durable change; returns an unsubscribe."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def _notify(self, workflow_id: str) -> None:
        for listener in list(self._listeners):
            listener(workflow_id)

    def now_iso(self) -> str:
        return utc_iso(self.clock())

    # ------------------------------------------------------------------ transactions
    @contextmanager
    def _write(self) -> Iterator[sa.Connection]:
        """One IMMEDIATE transaction, committed (with fsync) before the block's caller
        returns; any failure rolls back and is reported in words about the user's data."""
        try:
            with self._conn.begin():
                yield self._conn
        except FlowError:
            raise
        except (sa.exc.SQLAlchemyError, sqlite3.Error) as exc:
            raise translate_db_error(exc, self.db_path) from exc

    @contextmanager
    def _read(self) -> Iterator[sa.Connection]:
        self._conn.info["read_only"] = True
        try:
            with self._conn.begin():
                yield self._conn
        except (sa.exc.SQLAlchemyError, sqlite3.Error) as exc:
            raise translate_db_error(exc, self.db_path) from exc
        finally:
            self._conn.info["read_only"] = False

    # ------------------------------------------------------------------ loading
    def _load_events(self, conn: sa.Connection, workflow_id: str, after: int = 0) -> list[Event]:
        rows = _driver(conn).execute(
            "SELECT seq, type, data, time, origin FROM events "
            "WHERE workflow_id = ? AND seq > ? ORDER BY seq",
            (workflow_id, after),
        )
        loads = json.loads
        return [Event(r[0], r[1], loads(r[2]), r[3], r[4]) for r in rows]

    def _row_meta(self, conn: sa.Connection, workflow_id: str) -> tuple[str, int, int] | None:
        row = (
            _driver(conn)
            .execute(
                "SELECT workflow_type, position, version FROM workflows WHERE workflow_id = ?",
                (workflow_id,),
            )
            .fetchone()
        )
        return (row[0], row[1], row[2]) if row is not None else None

    def _instance(self, conn: sa.Connection, workflow_id: str) -> WorkflowInstance:
        """The cached instance if it is current, else replayed (fully or from where it was)."""
        meta = self._row_meta(conn, workflow_id)
        if meta is None:
            self._cache.pop(workflow_id, None)
            raise WorkflowNotFoundError(workflow_id)
        workflow_type, position, version = meta
        cached = self._cache.get(workflow_id)
        if cached is not None:
            inst, seen_version = cached
            if seen_version == version and inst.position == position:
                self._cache.move_to_end(workflow_id)
                return inst
            if inst.position < position and self._extends(conn, workflow_id, inst):
                inst.replay(self._load_events(conn, workflow_id, inst.position))
                self._remember(inst, version)
                return inst
        inst = WorkflowInstance.from_history(
            self.definition(workflow_type), workflow_id, self._load_events(conn, workflow_id)
        )
        self._remember(inst, version)
        return inst

    def _extends(self, conn: sa.Connection, workflow_id: str, inst: WorkflowInstance) -> bool:
        """True if the stored history still starts with what the instance has seen."""
        if inst.position == 0:
            return True
        last = inst.events[-1]
        row = conn.exec_driver_sql(
            "SELECT type, data, time FROM events WHERE workflow_id = ? AND seq = ?",
            (workflow_id, last.seq),
        ).first()
        return row is not None and row[0] == last.type and row[2] == last.time

    def _remember(self, inst: WorkflowInstance, version: int) -> None:
        self._cache[inst.workflow_id] = (inst, version)
        self._cache.move_to_end(inst.workflow_id)
        while len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)

    def evict(self, workflow_id: str) -> None:
        with self._lock:
            self._cache.pop(workflow_id, None)

    def clear_cache(self) -> None:
        with self._lock:
            self._cache.clear()

    def cached_count(self) -> int:
        return len(self._cache)

    # ------------------------------------------------------------------ persisting
    def _persist(
        self, conn: sa.Connection, inst: WorkflowInstance, new: Sequence[Event], *, create: bool
    ) -> int:
        # Every signal passes here: plain SQL, because building the equivalent SQLAlchemy
        # Core statements (and their cache keys) cost more than half of a signal's CPU time.
        wid = inst.workflow_id
        _driver(conn).executemany(
            _INSERT_EVENT, [(wid, e.seq, e.type, e.data_json(), e.time, e.origin) for e in new]
        )
        self._index(conn, inst.workflow_id, new)
        stamp = new[-1].time if new else self.now_iso()
        if create:
            self._insert_workflow_row(conn, inst, created_at=stamp, updated_at=stamp)
            return 1
        listing = json.dumps(self._listing(inst)) if self._listing is not None else None
        # fetchall: a RETURNING statement left unfinished would hold up the commit.
        ((version,),) = (
            _driver(conn)
            .execute(
                _UPDATE_WORKFLOW,
                (inst.state.status, inst.position, stamp, listing, inst.position, wid),
            )
            .fetchall()
        )
        return int(version)

    def _workflow_values(self, inst: WorkflowInstance, *, updated_at: str) -> dict[str, Any]:
        """The columns of a workflow row that follow from its instance: one place, so an
        import, a rebase and a signal cannot store a different listing or status."""
        return {
            "workflow_type": inst.workflow_type,
            "status": inst.state.status,
            "position": inst.position,
            "updated_at": updated_at,
            "listing_json": json.dumps(self._listing(inst)) if self._listing else None,
            "listing_position": inst.position,
        }

    def _insert_workflow_row(
        self,
        conn: sa.Connection,
        inst: WorkflowInstance,
        *,
        created_at: str,
        updated_at: str,
        synced_position: int = 0,
    ) -> None:
        conn.execute(
            t.workflows.insert().values(
                workflow_id=inst.workflow_id,
                version=1,
                synced_position=synced_position,
                created_at=created_at,
                **self._workflow_values(inst, updated_at=updated_at),
            )
        )

    def _index(self, conn: sa.Connection, workflow_id: str, new: Sequence[Event]) -> None:
        """Keep the task and timer rows in step with the events, in the same transaction."""
        now = self.now_iso()
        for e in new:
            d = e.data
            if e.type == EventType.ACTIVITY_SCHEDULED:
                conn.execute(
                    t.activity_tasks.insert().values(
                        workflow_id=workflow_id,
                        activity_id=d["activity_id"],
                        name=d["name"],
                        input=json.dumps(d.get("input")),
                        options=json.dumps(d.get("options") or {}),
                        state="queued",
                        attempts=0,
                        next_attempt_at=0.0,
                        updated_at=now,
                    )
                )
            elif e.type in (
                EventType.ACTIVITY_COMPLETED,
                EventType.ACTIVITY_FAILED,
                EventType.ACTIVITY_CANCELLED,
            ):
                state = {
                    EventType.ACTIVITY_COMPLETED: "done",
                    EventType.ACTIVITY_FAILED: "failed",
                    EventType.ACTIVITY_CANCELLED: "cancelled",
                }[e.type]
                values: dict[str, Any] = {"state": state, "updated_at": now}
                if "attempts" in d:
                    values["attempts"] = d["attempts"]
                if e.type == EventType.ACTIVITY_FAILED:
                    values["last_error"] = (d.get("error") or {}).get("message")
                    values["last_error_code"] = (d.get("error") or {}).get("code")
                conn.execute(
                    t.activity_tasks.update()
                    .where(
                        t.activity_tasks.c.workflow_id == workflow_id,
                        t.activity_tasks.c.activity_id == d["activity_id"],
                    )
                    .values(**values)
                )
            elif e.type == EventType.TIMER_STARTED:
                conn.execute(
                    t.timers.insert().values(
                        workflow_id=workflow_id,
                        timer_id=d["timer_id"],
                        fire_at=parse_time(d["fire_at"]).timestamp(),
                    )
                )
            elif e.type in (EventType.TIMER_FIRED, EventType.TIMER_CANCELLED):
                conn.execute(
                    t.timers.delete().where(
                        t.timers.c.workflow_id == workflow_id,
                        t.timers.c.timer_id == d["timer_id"],
                    )
                )

    def _rebuild_index(self, conn: sa.Connection, inst: WorkflowInstance) -> None:
        """Derive task and timer rows from the instance (after import or a rebase)."""
        wid = inst.workflow_id
        old = {
            r.activity_id: r
            for r in conn.execute(
                sa.select(t.activity_tasks).where(t.activity_tasks.c.workflow_id == wid)
            )
        }
        conn.execute(t.activity_tasks.delete().where(t.activity_tasks.c.workflow_id == wid))
        conn.execute(t.timers.delete().where(t.timers.c.workflow_id == wid))
        now = self.now_iso()
        finished: dict[int, str] = {}
        scheduled: dict[int, dict[str, Any]] = {}
        for e in inst.events:
            if e.type == EventType.ACTIVITY_SCHEDULED:
                scheduled[int(e.data["activity_id"])] = e.data
            elif e.type == EventType.ACTIVITY_COMPLETED:
                finished[int(e.data["activity_id"])] = "done"
            elif e.type == EventType.ACTIVITY_FAILED:
                finished[int(e.data["activity_id"])] = "failed"
            elif e.type == EventType.ACTIVITY_CANCELLED:
                finished[int(e.data["activity_id"])] = "cancelled"
        for activity_id, d in scheduled.items():
            prev = old.get(activity_id)
            pending = activity_id not in finished
            # A row left 'done' by a local result that a rebase replaced must be queued
            # afresh, or the lookup would never run again on this device; so must a row
            # whose id now stands for another call (its attempt's answer will be dropped).
            keep = (
                prev is not None
                and pending
                and prev.name == d["name"]
                and json.loads(prev.input) == d.get("input")
                and prev.state not in TERMINAL_TASK_STATES
            )
            conn.execute(
                t.activity_tasks.insert().values(
                    workflow_id=wid,
                    activity_id=activity_id,
                    name=d["name"],
                    input=json.dumps(d.get("input")),
                    options=json.dumps(d.get("options") or {}),
                    state=(prev.state if keep and prev else "queued")
                    if pending
                    else finished[activity_id],
                    attempts=prev.attempts if keep and prev else 0,
                    next_attempt_at=prev.next_attempt_at if keep and prev else 0.0,
                    last_error=prev.last_error if keep and prev else None,
                    last_error_code=prev.last_error_code if keep and prev else None,
                    updated_at=now,
                )
            )
        for timer in inst.timers.values():
            conn.execute(
                t.timers.insert().values(
                    workflow_id=wid,
                    timer_id=timer.timer_id,
                    fire_at=parse_time(timer.fire_at).timestamp(),
                )
            )

    def _mutate(
        self,
        workflow_id: str,
        change: Callable[[WorkflowInstance], list[Event] | None],
    ) -> list[Event]:
        """Run ``change`` on the current instance and commit what it produced, atomically.

        The instance is changed in memory before the commit; if anything fails it is
        dropped, so the next use replays it from what is durable.
        """
        with self._lock:
            try:
                with self._write() as conn:
                    inst = self._instance(conn, workflow_id)
                    new = change(inst)
                    if not new:
                        return []
                    version = self._persist(conn, inst, new, create=False)
                self._remember(inst, version)
            except BaseException:
                self._cache.pop(workflow_id, None)
                raise
        self._notify(workflow_id)
        return new

    # ------------------------------------------------------------------ public API
    def start(
        self,
        workflow_type: str,
        start_input: Any = None,
        *,
        workflow_id: str | None = None,
        origin: str | None = None,
    ) -> str:
        definition = self.definition(workflow_type)
        wid = workflow_id or str(uuid.uuid4())
        inst, new = WorkflowInstance.start(
            definition,
            wid,
            start_input,
            time=self.now_iso(),
            origin=origin or self.origin,
            seed=secrets.randbits(63),
        )
        with self._lock:
            with self._write() as conn:
                if self._row_meta(conn, wid) is not None:
                    raise FlowError(f"a workflow with id {wid} already exists")
                version = self._persist(conn, inst, new, create=True)
            self._remember(inst, version)
        self._notify(wid)
        return wid

    def signal(
        self,
        workflow_id: str,
        name: str,
        payload: Any,
        *,
        origin: str | None = None,
        meta: dict[str, Any] | None = None,
    ) -> SignalAck:
        """Validate, record durably, then return. Raises SignalRejected with field messages
        for invalid input, in which case nothing was recorded."""
        now = self.now_iso()
        src = origin or self.origin

        def change(inst: WorkflowInstance) -> list[Event]:
            return inst.signal(name, payload, time=now, origin=src, meta=meta)

        new = self._mutate(workflow_id, change)
        return SignalAck(workflow_id, new[0].seq, new[-1].seq)

    def validate_signal(
        self, workflow_id: str, name: str, payload: Any, *, origin: str | None = None
    ) -> None:
        """Check a signal without recording it (for as-you-type validation)."""
        with self._lock, self._read() as conn:
            self._instance(conn, workflow_id).validate_signal(
                name, payload, origin or self.origin, time=self.now_iso()
            )

    def query(self, workflow_id: str, name: str, *args: Any) -> Any:
        with self._lock, self._read() as conn:
            return self._instance(conn, workflow_id).query(name, *args)

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """Hold off every writer of this engine (signals, lookup results, timers) while the
        caller reads and then rewrites histories, e.g. a sync rebase. Re-entrant, so engine
        calls made inside still work; keep network calls outside it."""
        with self._lock:
            yield

    def with_instance(self, workflow_id: str, fn: Callable[[WorkflowInstance], Any]) -> Any:
        """Read-only access to the live instance under the engine lock."""
        with self._lock, self._read() as conn:
            return fn(self._instance(conn, workflow_id))

    def history(self, workflow_id: str) -> list[Event]:
        with self._lock, self._read() as conn:
            if self._row_meta(conn, workflow_id) is None:
                raise WorkflowNotFoundError(workflow_id)
            return self._load_events(conn, workflow_id)

    def events_after(self, workflow_id: str, seq: int) -> list[Event]:
        with self._lock, self._read() as conn:
            return self._load_events(conn, workflow_id, seq)

    def get(self, workflow_id: str) -> WorkflowRow:
        rows = self._rows(t.workflows.c.workflow_id == workflow_id)
        if not rows:
            raise WorkflowNotFoundError(workflow_id)
        return rows[0]

    def list_workflows(self, workflow_type: str | None = None) -> list[WorkflowRow]:
        cond = t.workflows.c.workflow_type == workflow_type if workflow_type else sa.true()
        return self._rows(cond)

    def _rows(self, cond: sa.ColumnElement[bool]) -> list[WorkflowRow]:
        with self._lock, self._read() as conn:
            rows = conn.execute(
                sa.select(t.workflows).where(cond).order_by(t.workflows.c.updated_at.desc())
            ).all()
        return [
            WorkflowRow(
                r.workflow_id,
                r.workflow_type,
                r.status,
                r.position,
                r.synced_position,
                r.created_at,
                r.updated_at,
                json.loads(r.listing_json) if r.listing_json else None,
            )
            for r in rows
        ]

    def refresh_listings(self) -> int:
        """Recompute stale list-view caches from replay (after an upgrade, say)."""
        if self._listing is None:
            return 0
        with self._lock, self._read() as conn:
            stale = [
                r[0]
                for r in conn.exec_driver_sql(
                    "SELECT workflow_id FROM workflows WHERE listing_position != position "
                    "OR listing_json IS NULL"
                ).all()
            ]
        for wid in stale:
            with self._lock, self._write() as conn:
                inst = self._instance(conn, wid)
                conn.execute(
                    t.workflows.update()
                    .where(t.workflows.c.workflow_id == wid)
                    .values(
                        listing_json=json.dumps(self._listing(inst)),
                        listing_position=inst.position,
                    )
                )
        return len(stale)

    # ------------------------------------------------------------------ activities
    def due_activities(self, now_epoch: float, limit: int = 32) -> list[ActivityTask]:
        with self._lock, self._read() as conn:
            rows = conn.execute(
                sa.select(t.activity_tasks)
                .where(
                    t.activity_tasks.c.state.in_(("queued", "backoff")),
                    t.activity_tasks.c.next_attempt_at <= now_epoch,
                )
                .order_by(t.activity_tasks.c.next_attempt_at)
                .limit(limit)
            ).all()
        return [_task(r) for r in rows]

    def activity_tasks(
        self, workflow_id: str | None = None, states: Sequence[str] | None = None
    ) -> list[ActivityTask]:
        q = sa.select(t.activity_tasks)
        if workflow_id is not None:
            q = q.where(t.activity_tasks.c.workflow_id == workflow_id)
        if states is not None:
            q = q.where(t.activity_tasks.c.state.in_(tuple(states)))
        with self._lock, self._read() as conn:
            rows = conn.execute(
                q.order_by(t.activity_tasks.c.workflow_id, t.activity_tasks.c.activity_id)
            ).all()
        return [_task(r) for r in rows]

    def next_activity_due(self) -> float | None:
        with self._lock, self._read() as conn:
            value = conn.exec_driver_sql(
                "SELECT min(next_attempt_at) FROM activity_tasks "
                "WHERE state IN ('queued', 'backoff')"
            ).scalar()
        return float(value) if value is not None else None

    def update_task(
        self,
        workflow_id: str,
        activity_id: int,
        *,
        ran: tuple[str, Any] | None = None,
        **values: Any,
    ) -> bool:
        """Runner bookkeeping (running, backoff, waiting for network); never touches
        a task that already has its result. With ``ran`` (name, input), only while the
        task is still that call: an attempt whose call a sync rebase replaced must not
        make the new call wait or back off."""
        values["updated_at"] = self.now_iso()
        with self._lock, self._write() as conn:
            if ran is not None and not _task_is_call(conn, workflow_id, activity_id, ran):
                return False
            count = conn.execute(
                t.activity_tasks.update()
                .where(
                    t.activity_tasks.c.workflow_id == workflow_id,
                    t.activity_tasks.c.activity_id == activity_id,
                    t.activity_tasks.c.state.not_in(TERMINAL_TASK_STATES),
                )
                .values(**values)
            ).rowcount
        if count:
            self._notify(workflow_id)
        return bool(count)

    def record_activity_result(
        self,
        workflow_id: str,
        activity_id: int,
        result: Any,
        *,
        attempts: int,
        ran: tuple[str, Any] | None = None,
    ) -> bool:
        """Append the result once. False if it was already recorded, the activity was
        cancelled, or the workflow closed meanwhile (the late result is dropped).

        ``ran`` is the (name, input) the attempt ran with. If the history was replaced
        meanwhile (a sync rebase) and ``activity_id`` now stands for another call, the
        result answers a question nobody asks any more: it is dropped too, and the new
        call runs by itself."""
        now = self.now_iso()

        def change(inst: WorkflowInstance) -> list[Event] | None:
            if not _still_pending(inst, activity_id, ran):
                return None
            return inst.complete_activity(
                activity_id, result, attempts=attempts, time=now, origin=self.origin
            )

        return bool(self._mutate(workflow_id, change))

    def record_activity_failure(
        self,
        workflow_id: str,
        activity_id: int,
        *,
        error_type: str,
        message: str,
        code: str | None,
        attempts: int,
        ran: tuple[str, Any] | None = None,
    ) -> bool:
        """Like ``record_activity_result``, for a final failure."""
        now = self.now_iso()

        def change(inst: WorkflowInstance) -> list[Event] | None:
            if not _still_pending(inst, activity_id, ran):
                return None
            return inst.fail_activity(
                activity_id,
                error_type=error_type,
                message=message,
                code=code,
                attempts=attempts,
                time=now,
                origin=self.origin,
            )

        return bool(self._mutate(workflow_id, change))

    def network_available(self) -> int:
        """Tasks that waited for the network become due now; returns how many."""
        with self._lock, self._write() as conn:
            rows = conn.exec_driver_sql(
                "UPDATE activity_tasks SET state = 'queued', next_attempt_at = 0 "
                "WHERE state = 'waiting_for_network' RETURNING workflow_id"
            ).all()
        for wid in sorted({r[0] for r in rows}):
            self._notify(wid)
        return len(rows)

    def recover_interrupted(self) -> int:
        """After a crash, attempts that were running are run again (at-least-once)."""
        with self._lock, self._write() as conn:
            return conn.exec_driver_sql(
                "UPDATE activity_tasks SET state = 'queued' WHERE state = 'running'"
            ).rowcount

    # ------------------------------------------------------------------ timers
    def fire_due_timers(self) -> int:
        now_dt = self.clock()
        with self._lock, self._read() as conn:
            due = conn.exec_driver_sql(
                "SELECT workflow_id, timer_id FROM timers WHERE fire_at <= ? "
                "ORDER BY fire_at, workflow_id, timer_id",
                (now_dt.timestamp(),),
            ).all()
        fired = 0
        now = utc_iso(now_dt)
        for wid, timer_id in due:

            def change(inst: WorkflowInstance, timer_id: int = timer_id) -> list[Event] | None:
                if inst.closed or timer_id not in inst.timers:
                    return None
                return inst.fire_timer(timer_id, time=now, origin=self.origin)

            if self._mutate(wid, change):
                fired += 1
        return fired

    def next_timer_due(self) -> float | None:
        with self._lock, self._read() as conn:
            value = conn.exec_driver_sql("SELECT min(fire_at) FROM timers").scalar()
        return float(value) if value is not None else None

    # ------------------------------------------------------------------ history files
    def export_history(self, workflow_id: str) -> dict[str, Any]:
        row = self.get(workflow_id)
        return {
            "format": HISTORY_FORMAT,
            "format_version": HISTORY_FORMAT_VERSION,
            "workflow_id": workflow_id,
            "workflow_type": row.workflow_type,
            "events": [e.to_json() for e in self.history(workflow_id)],
        }

    def import_history(self, document: Any) -> str:
        """Store an exported history after replaying it with this build's code.

        Importing the same history again is a no-op; a different history under an
        existing id is refused.
        """
        workflow_id, workflow_type, events = parse_history_document(document)
        inst = WorkflowInstance.from_history(self.definition(workflow_type), workflow_id, events)
        with self._lock:
            with self._write() as conn:
                existing = self._load_events(conn, workflow_id)
                if existing:
                    if len(existing) == len(events) and all(
                        a.same_as(b) for a, b in zip(existing, events, strict=True)
                    ):
                        return workflow_id
                    raise FlowError(
                        f"workflow {workflow_id} already exists here with a different history; "
                        "nothing was imported"
                    )
                self._insert_workflow_row(
                    conn, inst, created_at=events[0].time, updated_at=events[-1].time
                )
                self._insert_events(conn, workflow_id, events)
                self._rebuild_index(conn, inst)
            self._remember(inst, 1)
        self._notify(workflow_id)
        return workflow_id

    def _insert_events(
        self, conn: sa.Connection, workflow_id: str, events: Sequence[Event]
    ) -> None:
        conn.execute(
            t.events.insert(),
            [
                {
                    "workflow_id": workflow_id,
                    "seq": e.seq,
                    "type": e.type,
                    "data": e.data_json(),
                    "time": e.time,
                    "origin": e.origin,
                }
                for e in events
            ],
        )

    # ------------------------------------------------------------------ sync support
    def set_synced_position(self, workflow_id: str, position: int) -> None:
        with self._lock, self._write() as conn:
            conn.execute(
                t.workflows.update()
                .where(t.workflows.c.workflow_id == workflow_id)
                .values(synced_position=sa.func.max(t.workflows.c.synced_position, position))
            )

    def replace_history(
        self,
        workflow_id: str,
        workflow_type: str,
        events: Sequence[Event],
        *,
        synced_position: int,
        then: Callable[[WorkflowInstance], list[Event] | None] | None = None,
    ) -> list[Event]:
        """Adopt ``events`` as this workflow's history (checked by replay), then optionally
        apply ``then`` (e.g. re-apply local signals on top) — all in one transaction."""
        definition = self.definition(workflow_type)
        inst = WorkflowInstance.from_history(definition, workflow_id, events)
        added: list[Event] = []
        with self._lock:
            try:
                with self._write() as conn:
                    exists = self._row_meta(conn, workflow_id) is not None
                    conn.execute(t.events.delete().where(t.events.c.workflow_id == workflow_id))
                    if events:
                        self._insert_events(conn, workflow_id, events)
                    if then is not None:
                        added = then(inst) or []
                        if added:
                            self._insert_events(conn, workflow_id, added)
                    self._rebuild_index(conn, inst)
                    stamp = inst.events[-1].time if inst.events else self.now_iso()
                    if exists:
                        version = conn.execute(
                            t.workflows.update()
                            .where(t.workflows.c.workflow_id == workflow_id)
                            .values(
                                version=t.workflows.c.version + 1,
                                **self._workflow_values(inst, updated_at=stamp),
                                synced_position=synced_position,
                            )
                            .returning(t.workflows.c.version)
                        ).scalar_one()
                    else:
                        version = 1
                        self._insert_workflow_row(
                            conn,
                            inst,
                            created_at=inst.events[0].time if inst.events else stamp,
                            updated_at=stamp,
                            synced_position=synced_position,
                        )
                self._remember(inst, version)
            except BaseException:
                self._cache.pop(workflow_id, None)
                raise
        self._notify(workflow_id)
        return added

    def append_recorded(self, workflow_id: str, events: Sequence[Event], *, synced: bool) -> None:
        """Append events recorded elsewhere (pulled from the server) after checked replay."""
        if not events:
            return

        def change(inst: WorkflowInstance) -> list[Event]:
            inst.replay(events)
            return list(events)

        with self._lock:
            try:
                with self._write() as conn:
                    inst = self._instance(conn, workflow_id)
                    new = change(inst)
                    version = self._persist(conn, inst, new, create=False)
                    if synced:
                        conn.execute(
                            t.workflows.update()
                            .where(t.workflows.c.workflow_id == workflow_id)
                            .values(synced_position=inst.position)
                        )
                self._remember(inst, version)
            except BaseException:
                self._cache.pop(workflow_id, None)
                raise
        self._notify(workflow_id)

    # ------------------------------------------------------------------ settings
    def get_setting(self, key: str) -> str | None:
        with self._lock, self._read() as conn:
            value = conn.execute(
                sa.select(t.settings.c.value).where(t.settings.c.key == key)
            ).scalar()
        return str(value) if value is not None else None

    def set_setting(self, key: str, value: str) -> None:
        with self._lock, self._write() as conn:
            conn.exec_driver_sql(
                "INSERT INTO settings(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )


def _driver(conn: sa.Connection) -> sqlite3.Connection:
    """The sqlite3 connection under ``conn``, in the same transaction. The statements every
    signal and every cache check run go to it directly: for these one-row statements
    SQLAlchemy's execution machinery costs several times what SQLite itself takes."""
    raw = conn.connection.driver_connection
    assert isinstance(raw, sqlite3.Connection)
    return raw


_INSERT_EVENT = (
    "INSERT INTO events (workflow_id, seq, type, data, time, origin) VALUES (?, ?, ?, ?, ?, ?)"
)
_UPDATE_WORKFLOW = (
    "UPDATE workflows SET status = ?, position = ?, version = version + 1, updated_at = ?, "
    "listing_json = ?, listing_position = ? WHERE workflow_id = ? RETURNING version"
)


def _task(r: Any) -> ActivityTask:
    return ActivityTask(
        r.workflow_id,
        r.activity_id,
        r.name,
        json.loads(r.input),
        json.loads(r.options),
        r.state,
        r.attempts,
        r.next_attempt_at,
        r.last_error,
        r.last_error_code,
    )


def parse_history_document(document: Any) -> tuple[str, str, list[Event]]:
    """Check the shape of an exported history; raise HistoryFormatError naming the problem."""
    if not isinstance(document, dict):
        raise HistoryFormatError("a history file must hold a JSON object")
    if document.get("format") != HISTORY_FORMAT:
        raise HistoryFormatError(f"not a SalesDesk history: 'format' must be {HISTORY_FORMAT!r}")
    if document.get("format_version") != HISTORY_FORMAT_VERSION:
        raise HistoryFormatError(
            f"history format version {document.get('format_version')!r} is not supported "
            f"(this build reads version {HISTORY_FORMAT_VERSION})"
        )
    wid = document.get("workflow_id")
    wtype = document.get("workflow_type")
    raw = document.get("events")
    if not isinstance(wid, str) or not wid or len(wid) > 100:
        raise HistoryFormatError("'workflow_id' must be a non-empty text of at most 100 characters")
    if not isinstance(wtype, str) or not wtype:
        raise HistoryFormatError("'workflow_type' must be a non-empty text")
    if not isinstance(raw, list) or not raw:
        raise HistoryFormatError("'events' must be a non-empty list")
    events: list[Event] = []
    for index, item in enumerate(raw):
        where = f"events[{index}]"
        if not isinstance(item, dict):
            raise HistoryFormatError(f"{where} must be an object")
        seq, etype, data, time, origin = (
            item.get("seq"),
            item.get("type"),
            item.get("data"),
            item.get("time"),
            item.get("origin"),
        )
        if not isinstance(seq, int) or isinstance(seq, bool) or seq != index + 1:
            raise HistoryFormatError(f"{where}.seq must be {index + 1}")
        if not isinstance(etype, str) or etype not in ALL_TYPES:
            raise HistoryFormatError(f"{where}.type {etype!r} is not an event type")
        if not isinstance(data, dict):
            raise HistoryFormatError(f"{where}.data must be an object")
        if not isinstance(time, str):
            raise HistoryFormatError(f"{where}.time must be an ISO 8601 time")
        try:
            moment = parse_time(time)
        except ValueError:
            raise HistoryFormatError(f"{where}.time {time!r} is not an ISO 8601 time") from None
        if moment.tzinfo is None:
            raise HistoryFormatError(f"{where}.time must include a time zone")
        if not isinstance(origin, str) or not origin:
            raise HistoryFormatError(f"{where}.origin must be a non-empty text")
        events.append(Event(seq, str(etype), data, time, origin))
    if events[0].type != EventType.WORKFLOW_STARTED:
        raise HistoryFormatError("the first event must be WorkflowStarted")
    if events[0].data.get("workflow_type") != wtype:
        raise HistoryFormatError("'workflow_type' does not match the WorkflowStarted event")
    return wid, wtype, events


def _task_is_call(
    conn: sa.Connection, workflow_id: str, activity_id: int, ran: tuple[str, Any]
) -> bool:
    row = conn.execute(
        sa.select(t.activity_tasks.c.name, t.activity_tasks.c.input).where(
            t.activity_tasks.c.workflow_id == workflow_id,
            t.activity_tasks.c.activity_id == activity_id,
        )
    ).first()
    name, payload = ran
    return row is not None and row.name == name and json.loads(row.input) == payload


def _still_pending(inst: WorkflowInstance, activity_id: int, ran: tuple[str, Any] | None) -> bool:
    """Whether ``activity_id`` still waits for an answer to the call ``ran`` (name, input)."""
    pending = inst.activities.get(activity_id)
    if inst.closed or pending is None:
        return False
    if ran is None:
        return True
    name, payload = ran
    return pending.name == name and pending.input == payload
