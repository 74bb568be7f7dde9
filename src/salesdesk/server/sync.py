"""Server side of sync: accept pushed histories only after replaying them, serve pulls,
and act for managers and for the order desk.

The server trusts no client: every pushed event must come from the pushing device,
carry a canonical time, replay deterministically with this build's workflow code, and
every pushed signal must pass the same validators and origin rules as on the desktop.
A new sale must embed a price list the server published and must have been started with
the engine flags in ``REQUIRED_FLAGS``. Only then is it appended, with the expected
position, in the same transaction as the server's own reactions (the order number for a
submitted sale). All sales of one push request share one transaction and one append.

Rights: a sale the caller may not see is answered 404, exactly like one that does not
exist (no existence leak). A device id belongs to the user who first used it; a push
with another user's device id is refused sale by sale, a pull with it answers 403. A
pull leaves out the events the pulling device pushed itself (it has them already).
"""

from __future__ import annotations

import contextlib
import json
import logging
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError

from salesdesk.flow.errors import FlowError, SignalRejected
from salesdesk.flow.events import (
    FLAG_CHECK_ACTIVITY_INPUT,
    Event,
    EventType,
    parse_time,
    utc_iso,
)
from salesdesk.flow.instance import WorkflowInstance
from salesdesk.sales.money import validate_currency
from salesdesk.sales.views import SaleSummary
from salesdesk.sales.workflow import WORKFLOW_TYPE, SaleWorkflow
from salesdesk.server import eventstore
from salesdesk.server.db import Executor, ServerContext
from salesdesk.server.lookup_receipts import lookup_results, missing_receipts
from salesdesk.server.replay_cache import ReplayCache, to_flow_event
from salesdesk.server.tables import price_lists, workflows
from salesdesk.server.users import Principal, Role, can_access_workflow

log = logging.getLogger(__name__)

WORKFLOWS: tuple[type[Any], ...] = (SaleWorkflow,)
MAX_EVENTS_PER_WORKFLOW = 5000

# What a push to a sale of someone else answers. It names nobody; that the id is taken
# cannot be hidden from a push that would create it, but sale ids are random UUIDs.
FOREIGN_OR_MISSING = "this sale id is not yours to write"

# Engine flags (recorded in WorkflowStarted) a new sale must have been started with.
REQUIRED_FLAGS: tuple[str, ...] = (FLAG_CHECK_ACTIVITY_INPUT,)

PushStatus = Literal["accepted", "duplicate", "conflict", "rejected"]


@dataclass(frozen=True)
class PushedWorkflow:
    workflow_id: str
    workflow_type: str
    expected_position: int
    events: Sequence[Event]


@dataclass
class PushOutcome:
    workflow_id: str
    status: PushStatus
    position: int
    reason: str | None = None
    # conflict: the server's events after the expected position; accepted: events the
    # server appended itself in answer (order number), for the device to apply at once.
    server_events: list[Event] = field(default_factory=list)


class AccessDenied(FlowError):
    pass


class NotFound(FlowError):
    pass


class DeviceTaken(AccessDenied):
    """The device id was first used by another user."""


DEVICE_TAKEN = "this device id is registered to another user; sign in on that device again"


def event_to_json(e: Event, cursor: int | None = None) -> dict[str, Any]:
    out = e.to_json()
    if cursor is not None:
        out["cursor"] = cursor
    return out


def _new_event(e: Event, device_id: str | None) -> eventstore.NewEvent:
    return eventstore.NewEvent(
        seq=e.seq,
        type=e.type,
        payload_json=e.data_json(),
        recorded_at=parse_time(e.time),
        origin=e.origin,
        device_id=device_id,
    )


class SyncService:
    def __init__(self, ctx: ServerContext, cache: ReplayCache | None = None) -> None:
        self.ctx = ctx
        self.cache = cache or ReplayCache(WORKFLOWS)
        # Content hashes of published price lists. A published list is never withdrawn,
        # so a hash once seen in the table may be remembered for good.
        self._published: set[str] = set()
        # (device id, user id) pairs confirmed by the devices table (see _device_is_theirs).
        self._devices: set[tuple[str, int]] = set()
        self._devices_guard = threading.Lock()
        # Babel's currency data loads on first use (~0.1 s of CPU): load it while the
        # server starts, not in the first pushes, which would all wait for it.
        validate_currency("EUR")

    # ------------------------------------------------------------------ push
    def push(
        self, principal: Principal, device_id: str, batch: Sequence[PushedWorkflow]
    ) -> list[PushOutcome]:
        """All workflows of one request in one transaction: one commit, one event-counter
        update and one insert for the whole request (eventstore.append_batch)."""
        self.ctx.metrics.pushes.inc()
        outcomes: list[PushOutcome | None] = [None] * len(batch)
        todo: list[tuple[int, PushedWorkflow]] = []
        seen: set[str] = set()
        for index, item in enumerate(batch):
            problem = self._check_shape(device_id, item)
            if problem is None and item.workflow_id in seen:
                problem = "this sale appears twice in one push"
            if problem is not None:
                outcomes[index] = PushOutcome(item.workflow_id, "rejected", 0, problem)
            else:
                seen.add(item.workflow_id)
                todo.append((index, item))
        if todo:
            for index, outcome in self._push_many(principal, device_id, todo):
                outcomes[index] = outcome
        done = [o for o in outcomes if o is not None]
        assert len(done) == len(batch)
        for outcome in done:
            if outcome.status == "conflict":
                self.ctx.metrics.conflicts.inc()
        return done

    def _push_many(
        self, principal: Principal, device_id: str, todo: list[tuple[int, PushedWorkflow]]
    ) -> list[tuple[int, PushOutcome]]:
        if not self._device_is_theirs(device_id, principal):
            # Every sale of the request refused (and nothing stored), each with the reason.
            return [(i, PushOutcome(it.workflow_id, "rejected", 0, DEVICE_TAKEN)) for i, it in todo]
        wids = sorted(item.workflow_id for _, item in todo)
        for _attempt in range(5):
            # This process's instances of these sales, locked in id order (no deadlock
            # between two requests sharing sales); then the rows, in the same order.
            with contextlib.ExitStack() as stack:
                for wid in wids:
                    stack.enter_context(self.cache.locked(wid))
                keep: list[WorkflowInstance] = []
                try:
                    with self.ctx.engine.begin() as conn:
                        result = self._push_in_tx(conn, principal, device_id, todo, keep)
                except eventstore.ConcurrentCreateError:
                    # Another instance created one of these sales under us: look again.
                    for wid in wids:
                        self.cache.evict(wid)
                    continue
                except DBAPIError as exc:
                    for wid in wids:
                        self.cache.evict(wid)
                    if _is_retryable(exc):
                        log.info("push of %d sales retried after %s", len(wids), exc.orig)
                        continue
                    raise
                except BaseException:
                    for wid in wids:
                        self.cache.evict(wid)
                    raise
                # Committed: the replayed instances are now the stored truth.
                for inst in keep:
                    self.cache.keep(inst)
                return result
        raise FlowError("these sales kept changing while the push was stored; push again")

    def _device_is_theirs(self, device_id: str, principal: Principal) -> bool:
        """Whether ``device_id`` is ``principal``'s (claimed for them if nobody used it).

        Checked before the push transaction, so that pushes never hold the device's row
        lock; the first claim commits on its own. A device id never changes hands, so a
        confirmed pair is remembered for good."""
        key = (device_id, principal.user_id)
        if key in self._devices:
            return True
        with self.ctx.engine.begin() as conn:
            mine = eventstore.claim_device(conn, device_id, principal.user_id, now=self.ctx.now())
        if mine:
            with self._devices_guard:
                if len(self._devices) > 100_000:
                    self._devices.clear()
                self._devices.add(key)
        return mine

    def _check_shape(self, device_id: str, item: PushedWorkflow) -> str | None:
        if item.workflow_type != WORKFLOW_TYPE:
            return f"unknown workflow type {item.workflow_type!r}"
        if len(item.events) > MAX_EVENTS_PER_WORKFLOW:
            return f"at most {MAX_EVENTS_PER_WORKFLOW} events per workflow in one push"
        own = f"device:{device_id}"
        for index, e in enumerate(item.events):
            expected = item.expected_position + 1 + index
            if e.seq != expected:
                return f"event #{e.seq} is out of order (expected #{expected})"
            if e.origin != own:
                return (
                    f"event #{e.seq} claims origin {e.origin!r}; a device may only push "
                    "events it recorded itself"
                )
            try:
                canonical = utc_iso(parse_time(e.time))
            except ValueError:
                return f"event #{e.seq} has an unreadable time {e.time!r}"
            if canonical != e.time:
                return f"event #{e.seq} time {e.time!r} is not in canonical UTC form"
        return None

    def _push_in_tx(
        self,
        conn: Executor,
        principal: Principal,
        device_id: str,
        todo: list[tuple[int, PushedWorkflow]],
        keep: list[WorkflowInstance],
    ) -> list[tuple[int, PushOutcome]]:
        # Lock every existing row first, in id order (PostgreSQL; SQLite writers are
        # serialised anyway): the positions read here stay true until commit, even with
        # other server instances pushing the same sales, so replays start where the store
        # is. Order numbers and the event counter are taken only after these locks.
        infos = eventstore.lock_workflows(conn, [item.workflow_id for _, item in todo])
        out: list[tuple[int, PushOutcome]] = []
        replayed: list[tuple[int, _Replayed]] = []
        for index, item in todo:
            wid = item.workflow_id
            try:
                step = self._plan_one(conn, principal, device_id, item, infos.get(wid))
            except _Reject as rej:
                self.cache.evict(wid)
                out.append((index, PushOutcome(wid, "rejected", rej.position, rej.reason)))
                continue
            if isinstance(step, PushOutcome):
                out.append((index, step))
            else:
                replayed.append((index, step))
        planned = [(index, *self._plan_append(conn, principal, r)) for index, r in replayed]
        appended = eventstore.append_batch(conn, [p for _, p, _, _ in planned], now=self.ctx.now())
        for (index, plan, reactions, inst), result in zip(planned, appended, strict=True):
            keep.append(inst)
            out.append(
                (index, PushOutcome(plan.workflow_id, "accepted", result.position, None, reactions))
            )
        return out

    def _plan_one(
        self,
        conn: Executor,
        principal: Principal,
        device_id: str,
        item: PushedWorkflow,
        info: eventstore.WorkflowInfo | None,
    ) -> PushOutcome | _Replayed:
        """Replay one pushed workflow on its locked row; either its answer (duplicate,
        conflict) or what to append. Raises ``_Reject``. Writes nothing but an order
        number, and that only for a sale that will be accepted."""
        wid = item.workflow_id
        if info is not None and not can_access_workflow(principal, info.owner_user_id, info.team):
            raise _Reject(FOREIGN_OR_MISSING, 0)
        if info is None and item.expected_position != 0 and _locked_workflow(conn, wid):
            # Created by another transaction since the batch looked: look again, so
            # that these events are replayed on what is stored, never stored as they are.
            raise eventstore.ConcurrentCreateError(wid)
        server_position = info.position if info is not None else 0
        pushed = [_new_event(e, device_id) for e in item.events]
        if item.expected_position != server_position or not item.events:
            # A re-push of what we have, or a diverged device: the store tells which.
            return self._outcome(
                wid,
                eventstore.compare_pushed(
                    conn, wid, server_position, item.expected_position, pushed
                ),
            )
        started = time.perf_counter()
        if info is None:
            self._check_new_sale(conn, principal, item.events[0])
            inst = self.cache.new(item.workflow_type, wid)
        else:
            inst = self.cache.load(conn, wid, item.workflow_type, stored_position=info.position)
        try:
            inst.replay(item.events, validate_signals=True)
        except SignalRejected as rej:
            detail = "; ".join(f"{k}: {v}" if k else v for k, v in rej.fields.items())
            raise _Reject(
                f"signal {rej.signal!r} would have been refused: {detail}", server_position
            ) from None
        except FlowError as exc:
            raise _Reject(
                f"the history does not replay on the server: {exc}", server_position
            ) from None
        except Exception as exc:
            # Workflow code (a signal validator, say) choking on a value the device put in
            # an activity result: still the client's history that does not replay.
            log.warning("pushed history of %s broke replay", wid, exc_info=True)
            raise _Reject(
                f"the history does not replay on the server: {_first_line(exc)}",
                server_position,
            ) from None
        try:
            # Activity results are recorded by the device too: a history can replay and
            # still hold values the sale cannot be shown with. Refuse it before storing.
            summary: SaleSummary = inst.query("summary")
        except Exception as exc:
            log.warning("pushed history of %s cannot be summarised", wid, exc_info=True)
            raise _Reject(
                "the history replays, but the sale cannot be summarised from it: "
                f"{_first_line(exc)}",
                server_position,
            ) from None
        if self.ctx.settings.verify_lookup_results:
            self._check_lookup_results(conn, principal, inst, server_position)
        self.ctx.metrics.replay_seconds.observe(time.perf_counter() - started)
        return _Replayed(item, info is None, pushed, inst, summary)

    def _check_lookup_results(
        self, conn: Executor, principal: Principal, inst: WorkflowInstance, position: int
    ) -> None:
        """Every lookup result the push adds must be an answer the gateway gave this user:
        replay alone would take a credit approval typed into an exported history."""
        found = lookup_results(inst.events, after=position, user_id=principal.user_id)
        missing = missing_receipts(conn, [r.digest for r in found])
        for result in found:
            if result.digest in missing:
                raise _Reject(
                    f"the {result.kind} lookup result in event #{result.seq} is not an answer "
                    "this server's lookup gateway gave you; lookups must run through the "
                    "server: start the sale again on a desktop signed in to it",
                    position,
                )

    def _plan_append(
        self, conn: Executor, principal: Principal, done: _Replayed
    ) -> tuple[eventstore.PlannedAppend, list[Event], WorkflowInstance]:
        """The server's own reaction (an order number) and what to append. Called once
        every sale of the batch has replayed, so the order-number row is locked only for
        the short rest of the transaction."""
        inst, summary = done.inst, done.summary
        reactions = self._react(conn, inst, summary)
        if reactions:
            summary = inst.query("summary")
        plan = eventstore.PlannedAppend(
            workflow_id=done.item.workflow_id,
            workflow_type=done.item.workflow_type,
            expected_position=done.item.expected_position,
            new_events=done.pushed + [_new_event(e, None) for e in reactions],
            create=done.create,
            owner_user_id=principal.user_id,
            team=principal.team,
            projection=_projection(summary),
        )
        return plan, reactions, inst

    def _store(
        self,
        conn: Executor,
        workflow_id: str,
        owner: tuple[int, str | None],
        expected_position: int,
        new: list[eventstore.NewEvent],
    ) -> eventstore.AppendResult:
        """Append; ``owner`` (user id, team) only applies when this creates the sale."""
        return eventstore.append(
            conn,
            workflow_id,
            WORKFLOW_TYPE,
            owner[0],
            owner[1],
            expected_position,
            new,
            now=self.ctx.now(),
        )

    def _check_new_sale(self, conn: Executor, principal: Principal, first: Event) -> None:
        if first.type != EventType.WORKFLOW_STARTED:
            raise _Reject("a new sale must begin with its start event", 0)
        start = first.data.get("input")
        if not isinstance(start, dict):
            raise _Reject("the start event carries no sale input", 0)
        flags = first.data.get("flags")
        missing = [f for f in REQUIRED_FLAGS if not isinstance(flags, list) or f not in flags]
        if missing:
            # Without it, replay would take activity results whatever input they claim to
            # answer: a sale recorded so cannot be checked, and is refused.
            raise _Reject(
                f"the sale was started without the engine check {missing[0]!r} this server "
                "requires; update SalesDesk and start the sale again",
                0,
            )
        if start.get("agent") != principal.name:
            raise _Reject(
                f"the sale names agent {start.get('agent')!r}, but you are {principal.name!r}", 0
            )
        content_hash = start.get("price_list_hash")
        if content_hash in self._published:
            return
        known = conn.execute(
            select(price_lists.c.content_hash).where(price_lists.c.content_hash == content_hash)
        ).first()
        if known is not None:
            self._published.add(str(content_hash))
        else:
            raise _Reject(
                "the sale uses a price list this server never published; sync the price "
                "list from the server and start the sale again",
                0,
            )

    def _outcome(self, wid: str, result: eventstore.AppendResult) -> PushOutcome:
        if isinstance(result, eventstore.Conflict):
            return PushOutcome(
                wid,
                "conflict",
                result.server_position,
                "the server has newer events for this sale",
                [to_flow_event(e) for e in result.server_events],
            )
        status: PushStatus = "duplicate" if result.inserted == 0 else "accepted"
        return PushOutcome(wid, status, result.position)

    # ------------------------------------------------------------------ reactions
    def _react(self, conn: Executor, inst: WorkflowInstance, summary: SaleSummary) -> list[Event]:
        """The order desk: a submitted sale gets its order number at once. Applies the
        server's signal to ``inst`` and returns its events; the caller appends them."""
        if summary.status != "submitted":
            return []
        now = self.ctx.now()
        number = eventstore.next_order_number(conn, now.year)
        order_number = f"SO-{now.year}-{number:06d}"
        return inst.signal(
            "accepted", {"order_number": order_number}, time=utc_iso(now), origin="server"
        )

    def _project(
        self,
        conn: Executor,
        inst: WorkflowInstance,
        summary: SaleSummary,
        info: eventstore.WorkflowInfo | None,
    ) -> None:
        """Store the list columns (``summary`` is the instance's current one), unless the
        row read at the start of the transaction already holds exactly these."""
        values = _projection(summary)
        if info is not None and values == {
            "status": info.status,
            "customer_name": info.customer_name,
            "gross_total": info.gross_total,
            "currency": info.currency,
            "needs_approval": info.needs_approval,
        }:
            return  # the append already moved updated_at
        eventstore.update_projection(conn, inst.workflow_id, **values, now=self.ctx.now())

    # ------------------------------------------------------------------ pull
    def pull(
        self, principal: Principal, device_id: str, cursor: int, limit: int
    ) -> tuple[list[tuple[int, str, Event]], int, bool]:
        self.ctx.metrics.pulls.inc()
        with self.ctx.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                # This transaction only writes the device's bookkeeping row, which an OS
                # crash may lose harmlessly: do not wait for the WAL flush.
                conn.exec_driver_sql("SET LOCAL synchronous_commit TO OFF")
            found, next_cursor = eventstore.read_since(
                conn, cursor, principal, limit, exclude_device=device_id
            )
            if not eventstore.claim_device(
                conn, device_id, principal.user_id, now=self.ctx.now(), pull_cursor=next_cursor
            ):
                raise DeviceTaken(DEVICE_TAKEN)
        events = [(e.cursor, e.workflow_id, to_flow_event(e)) for e in found]
        return events, next_cursor, len(found) == limit

    def history(self, principal: Principal, workflow_id: str) -> list[Event]:
        with self.ctx.engine.connect() as conn:
            self._require_access(conn, principal, workflow_id)
            return [to_flow_event(e) for e in eventstore.read_workflow(conn, workflow_id)]

    # ------------------------------------------------------------------ managers
    def _require_access(self, conn: Executor, principal: Principal, workflow_id: str) -> Any:
        info = eventstore.get_workflow(conn, workflow_id)
        if info is None:
            raise NotFound(f"no sale {workflow_id} on this server")
        if not can_access_workflow(principal, info.owner_user_id, info.team):
            # Answered exactly like a sale that does not exist: no existence leak.
            raise NotFound(f"no sale {workflow_id} on this server")
        return info

    def summary(self, principal: Principal, workflow_id: str) -> SaleSummary:
        with self.cache.locked(workflow_id), self.ctx.engine.connect() as conn:
            info = self._require_access(conn, principal, workflow_id)
            inst = self.cache.load(conn, workflow_id, info.type)
            self.cache.keep(inst)
            result: SaleSummary = inst.query("summary")
            return result

    def decide_discount(
        self, principal: Principal, workflow_id: str, approved: bool, comment: str | None
    ) -> SaleSummary:
        if principal.role not in (Role.MANAGER, Role.ADMIN):
            raise AccessDenied("only a manager may approve discounts")
        payload = {"approved": approved, "comment": comment}
        with self.cache.locked(workflow_id):
            try:
                with self.ctx.engine.begin() as conn:
                    info = _locked_workflow(conn, workflow_id)
                    if info is None:
                        raise NotFound(f"no sale {workflow_id} on this server")
                    if not can_access_workflow(principal, info.owner_user_id, info.team):
                        raise NotFound(f"no sale {workflow_id} on this server")
                    inst = self.cache.load(
                        conn, workflow_id, info.type, stored_position=info.position
                    )
                    before = inst.position
                    now = self.ctx.now()
                    new = inst.signal(
                        "approve_discount",
                        payload,
                        time=utc_iso(now),
                        origin=f"server:{principal.name}",
                    )
                    new += self._react(conn, inst, inst.query("summary"))
                    result = self._store(
                        conn,
                        workflow_id,
                        (info.owner_user_id, info.team),
                        before,
                        [_new_event(e, None) for e in new],
                    )
                    if isinstance(result, eventstore.Conflict):  # the row lock forbids it
                        raise FlowError("the sale changed while the decision was recorded")
                    summary: SaleSummary = inst.query("summary")
                    self._project(conn, inst, summary, info)
                    self.cache.keep(inst)
                    return summary
            except BaseException:
                self.cache.evict(workflow_id)
                raise

    def list_sales(
        self, principal: Principal, *, needs_approval: bool | None, status: str | None
    ) -> list[eventstore.WorkflowInfo]:
        with self.ctx.engine.connect() as conn:
            return eventstore.list_workflows(
                conn, principal, needs_approval=needs_approval, status=status, limit=500
            )


@dataclass
class _Replayed:
    """A pushed sale that replayed on the server, waiting to be appended."""

    item: PushedWorkflow
    create: bool
    pushed: list[eventstore.NewEvent]
    inst: WorkflowInstance
    summary: SaleSummary


class _Reject(Exception):
    def __init__(self, reason: str, position: int) -> None:
        super().__init__(reason)
        self.reason = reason
        self.position = position


def _projection(summary: SaleSummary) -> dict[str, Any]:
    """The list columns of ``workflows`` for a sale in this state."""
    customer = summary.customer
    return {
        "status": summary.status,
        "customer_name": (customer.company_name or customer.vat_number) if customer else None,
        "gross_total": str(summary.totals.gross),
        "currency": summary.totals.currency,
        "needs_approval": summary.approval.status == "pending",
    }


def _is_retryable(exc: DBAPIError) -> bool:
    """A deadlock or serialisation failure: the transaction was rolled back whole and can
    simply run again (PostgreSQL SQLSTATE 40P01 / 40001)."""
    return getattr(exc.orig, "sqlstate", None) in {"40P01", "40001"}


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text.splitlines()[0] if text else ''}"[:500]


def _locked_workflow(conn: Executor, workflow_id: str) -> eventstore.WorkflowInfo | None:
    """The workflow's row, locked until commit (FOR UPDATE; SQLite has BEGIN IMMEDIATE)."""
    row = conn.execute(
        select(workflows).where(workflows.c.workflow_id == workflow_id).with_for_update()
    ).first()
    if row is None:
        return None
    return eventstore.WorkflowInfo(
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


def dumps(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"))
