"""Server side of sync: accept pushed histories only after replaying them, serve pulls,
and act for managers and for the order desk.

The server trusts no client: every pushed event must come from the pushing device,
carry a canonical time, replay deterministically with this build's workflow code, and
every pushed signal must pass the same validators and origin rules as on the desktop.
A new sale must embed a price list the server published. Only then is it appended, with
the expected position, in the same transaction as the server's own reactions (the
order number for a submitted sale).
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from sqlalchemy import select

from salesdesk.flow.errors import FlowError, SignalRejected
from salesdesk.flow.events import Event, EventType, parse_time, utc_iso
from salesdesk.flow.instance import WorkflowInstance
from salesdesk.sales.views import SaleSummary
from salesdesk.sales.workflow import WORKFLOW_TYPE, SaleWorkflow
from salesdesk.server import eventstore
from salesdesk.server.db import Executor, ServerContext
from salesdesk.server.replay_cache import ReplayCache, to_flow_event
from salesdesk.server.tables import price_lists, workflows
from salesdesk.server.users import Principal, Role, can_access_workflow

log = logging.getLogger(__name__)

WORKFLOWS: tuple[type[Any], ...] = (SaleWorkflow,)
MAX_EVENTS_PER_WORKFLOW = 5000

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

    # ------------------------------------------------------------------ push
    def push(
        self, principal: Principal, device_id: str, batch: Sequence[PushedWorkflow]
    ) -> list[PushOutcome]:
        self.ctx.metrics.pushes.inc()
        outcomes = []
        for item in batch:
            outcome = self._push_one(principal, device_id, item)
            if outcome.status == "conflict":
                self.ctx.metrics.conflicts.inc()
            outcomes.append(outcome)
        return outcomes

    def _push_one(self, principal: Principal, device_id: str, item: PushedWorkflow) -> PushOutcome:
        wid = item.workflow_id
        problem = self._check_shape(device_id, item)
        if problem is not None:
            return PushOutcome(wid, "rejected", 0, problem)
        for _attempt in range(3):
            with self.cache.locked(wid):
                try:
                    with self.ctx.engine.begin() as conn:
                        return self._push_in_tx(conn, principal, device_id, item)
                except _Reject as rej:
                    self.cache.evict(wid)
                    return PushOutcome(wid, "rejected", rej.position, rej.reason)
                except _Answer as answer:  # rolled back: nothing of this push is kept
                    self.cache.evict(wid)
                    return answer.outcome
                except _Retry:
                    # Another instance created the workflow under us; roll back, look again.
                    self.cache.evict(wid)
                    continue
                except BaseException:
                    self.cache.evict(wid)
                    raise
        raise FlowError(f"sale {wid} kept changing while the push was stored; push again")

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
        self, conn: Executor, principal: Principal, device_id: str, item: PushedWorkflow
    ) -> PushOutcome:
        wid = item.workflow_id
        # Lock the workflow row first (PostgreSQL; SQLite writers are serialised anyway):
        # the position read here then stays true until commit, even with other server
        # instances pushing the same sale, so the replay below starts where the store is.
        info = _locked_workflow(conn, wid)
        if info is not None and not can_access_workflow(principal, info.owner_user_id, info.team):
            raise _Reject("this sale belongs to another agent", 0)
        owner = (principal.user_id, principal.team)
        server_position = info.position if info is not None else 0
        pushed = [_new_event(e, device_id) for e in item.events]
        if item.expected_position != server_position or not item.events:
            # A re-push of what we have, or a diverged device: the store tells which.
            result = self._store(conn, wid, owner, item.expected_position, pushed)
            if isinstance(result, eventstore.Appended) and result.inserted:
                # The workflow did not exist when we looked, and a concurrent push created
                # it just so far: these events were stored without replay. Undo, retry.
                raise _Retry()
            return self._outcome(wid, result)
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
        self.ctx.metrics.replay_seconds.observe(time.perf_counter() - started)
        # The server's own reaction is decided before the append, and appended with the
        # pushed events in one call: appends serialise on the event counter from its
        # update to commit (eventstore.py), so that stretch must stay short.
        # The projection row is ours (locked) or not there yet (new sale): update it
        # before the append too, unless this append creates the row.
        reactions = self._react(conn, inst, summary)
        if reactions:
            summary = inst.query("summary")
        if info is not None:
            self._project(conn, inst, summary, info)
        new = pushed + [_new_event(e, None) for e in reactions]
        result = self._store(conn, wid, owner, item.expected_position, new)
        if isinstance(result, eventstore.Conflict) or result.inserted == 0:
            # A concurrent push created this sale meanwhile: these very events (a
            # duplicate, to which the server does not react again) or others (a
            # conflict). Roll back, so that no order number is used up.
            if reactions:
                result = self._store(conn, wid, owner, item.expected_position, pushed)
            raise _Answer(self._outcome(wid, result))
        if info is None:
            self._project(conn, inst, summary, None)
        self.cache.keep(inst)
        return PushOutcome(wid, "accepted", inst.position, server_events=reactions)

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
        customer = summary.customer
        values: dict[str, Any] = {
            "status": summary.status,
            "customer_name": (customer.company_name or customer.vat_number) if customer else None,
            "gross_total": str(summary.totals.gross),
            "currency": summary.totals.currency,
            "needs_approval": summary.approval.status == "pending",
        }
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
        with self.ctx.engine.connect() as conn:
            found, next_cursor = eventstore.read_since(conn, cursor, principal, limit)
            conn.rollback()
        with self.ctx.engine.begin() as conn:
            eventstore.record_device(
                conn, device_id, principal.user_id, now=self.ctx.now(), pull_cursor=next_cursor
            )
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
            raise AccessDenied("this sale belongs to another team")
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
                        raise AccessDenied("this sale belongs to another team")
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


class _Reject(Exception):
    def __init__(self, reason: str, position: int) -> None:
        super().__init__(reason)
        self.reason = reason
        self.position = position


class _Retry(Exception):
    """Another server instance appended meanwhile; reload and try again."""


class _Answer(Exception):
    """Answer with ``outcome`` after rolling the transaction back."""

    def __init__(self, outcome: PushOutcome) -> None:
        super().__init__(outcome.status)
        self.outcome = outcome


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
