"""One sync cycle: price list, push, pull — never losing or duplicating an event.

Each local workflow has ``synced_position`` (S): events 1..S are identical on the server;
events after S were recorded here and are still to be accepted. A push offers them with
expected position S. The server answers accepted (S moves), duplicate (S moves once the
server's history shows the very same events; the server compares type, origin, time and
data, and the client checks every field again), conflict (rebase) or rejected (kept,
shown to the agent). A pull does not bring back this device's own events; it applies
server events durably before the pull cursor moves, so a crash at any point only causes
a harmless re-pull.

Rebase (as Replicache does with pending mutations): adopt the server's history, then
re-apply this device's not-yet-accepted *signals* through their validators. A signal
that no longer validates is recorded as a visible conflict, never silently dropped: the
conflicts are durable before the history is replaced, and the whole read-decide-write
runs under the engine's writer lock, so a signal recorded meanwhile is not overwritten.
Local lookup results are not carried over: the lookups simply run again.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from salesdesk.flow.errors import FlowError, SignalRejected, WorkflowClosedError
from salesdesk.flow.events import Event, EventType
from salesdesk.flow.instance import WorkflowInstance
from salesdesk.sales.pricelist import PriceList
from salesdesk.sales.service import CONFLICTS_PREFIX, SalesService
from salesdesk.sync.client import PulledEvent, ServerClient
from salesdesk.sync.errors import ServerRejected

PULL_CURSOR = "pull_cursor"
PRICE_LIST_ETAG = "price_list_etag"


@dataclass
class CycleReport:
    pushed_events: int = 0
    pulled_events: int = 0
    rebased: list[str] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    rejected: dict[str, str] = field(default_factory=dict)
    price_list: str | None = None


class Synchronizer:
    def __init__(self, sales: SalesService, client: ServerClient, *, batch_events: int = 400):
        self.sales = sales
        self.engine = sales.engine
        self.client = client
        self.batch_events = batch_events

    # ------------------------------------------------------------------ cycle
    def cycle(self) -> CycleReport:
        report = CycleReport()
        self.refresh_price_list(report)
        for _round in range(3):
            rebased = len(report.rebased)
            pushed = self.push(report)
            pulled = self.pull(report)
            # A rebase leaves re-applied signals to push: go round again for them.
            if not pushed and not pulled and len(report.rebased) == rebased:
                break
        self.sales.network_available()
        return report

    def pending_events(self) -> int:
        return sum(max(0, r.position - r.synced_position) for r in self.engine.list_workflows())

    # ------------------------------------------------------------------ price list
    def refresh_price_list(self, report: CycleReport) -> None:
        etag = self.engine.get_setting(PRICE_LIST_ETAG)
        try:
            body, new_etag = self.client.current_price_list(etag)
        except ServerRejected as exc:
            if exc.status == 404:
                return  # the server has none yet
            raise
        if body is None:
            return
        plist = PriceList.model_validate_json(body)
        self.sales.price_lists.add(plist, make_current=True)
        if new_etag:
            self.engine.set_setting(PRICE_LIST_ETAG, new_etag)
        report.price_list = plist.version

    # ------------------------------------------------------------------ push
    def push(self, report: CycleReport) -> int:
        pending = [r for r in self.engine.list_workflows() if r.position > r.synced_position]
        pending.sort(key=lambda r: r.created_at)
        sent = 0
        batch: list[dict[str, Any]] = []
        size = 0
        for row in pending:
            rejected = self.sales.rejected(row.workflow_id)
            if rejected and rejected.get("position") == row.position:
                continue  # refused as it stands; retried once the agent changes the sale
            events = self.engine.events_after(row.workflow_id, row.synced_position)
            batch.append(
                {
                    "workflow_id": row.workflow_id,
                    "workflow_type": row.workflow_type,
                    "expected_position": row.synced_position,
                    "events": [e.to_json() for e in events],
                }
            )
            size += len(events)
            if size >= self.batch_events:
                sent += self._send(batch, report)
                batch, size = [], 0
        if batch:
            sent += self._send(batch, report)
        return sent

    def _send(self, batch: list[dict[str, Any]], report: CycleReport) -> int:
        outcomes = self.client.push(self.sales.device_id, batch)
        offered = {item["workflow_id"]: item for item in batch}
        accepted = 0
        for outcome in outcomes:
            item = offered.get(outcome.workflow_id)
            if item is None:
                continue
            wid = outcome.workflow_id
            expected = int(item["expected_position"])
            count = len(item["events"])
            if outcome.status == "accepted":
                self.engine.set_synced_position(wid, expected + count)
                self.sales.set_rejected(wid, None)
                accepted += count
                if outcome.server_events:
                    self.apply_remote(wid, outcome.server_events, report)
            elif outcome.status == "duplicate":
                accepted += self._confirm_duplicate(wid, expected, count, report)
            elif outcome.status == "conflict":
                self.apply_remote(wid, outcome.server_events, report)
            else:
                reason = outcome.reason or "refused by the server"
                report.rejected[wid] = reason
                self.sales.set_rejected(
                    wid, {"kind": "rejected", "reason": reason, "position": expected + count}
                )
        report.pushed_events += accepted
        return accepted

    def _confirm_duplicate(self, wid: str, expected: int, count: int, report: CycleReport) -> int:
        """The server says it holds these events already (it compares type, origin, time
        and data; an older server compared type and data only, so what it held could be
        another device's events with the same data): take its history and let the usual
        comparison (every field) confirm ours or rebase onto its own."""
        self.sales.set_rejected(wid, None)
        stored = [e for e in self.client.history(wid) if e.seq > expected]
        rebased = len(report.rebased)
        self.apply_remote(wid, stored, report)
        return count if len(report.rebased) == rebased else 0

    # ------------------------------------------------------------------ pull
    def pull(self, report: CycleReport) -> int:
        cursor = int(self.engine.get_setting(PULL_CURSOR) or 0)
        applied = 0
        carry: list[PulledEvent] = []
        while True:
            pulled, next_cursor, more = self.client.pull(self.sales.device_id, cursor)
            page = [*carry, *pulled]
            carry = []
            if more and page:
                # A page can end inside an activation (a signal without the commands it
                # produced), which does not replay on its own. One push is one run of
                # cursors, so only the page's trailing run of one workflow can be cut:
                # keep it for the next page, where the rest of it follows.
                cut = len(page)
                while cut > 0 and page[cut - 1].workflow_id == page[-1].workflow_id:
                    cut -= 1
                page, carry = page[:cut], page[cut:]
            grouped: OrderedDict[str, list[Event]] = OrderedDict()
            for item in page:
                grouped.setdefault(item.workflow_id, []).append(item.event)
            for wid, events in grouped.items():
                applied += self.apply_remote(wid, events, report)
            # Only now, with everything durable, may the cursor move, and only over what
            # was applied (the carried events are fetched again after a crash).
            if not more:
                self.engine.set_setting(PULL_CURSOR, str(next_cursor))
                break
            if page:
                self.engine.set_setting(PULL_CURSOR, str(page[-1].cursor))
            cursor = next_cursor
        report.pulled_events += applied
        return applied

    # ------------------------------------------------------------------ applying
    def apply_remote(self, wid: str, remote: Sequence[Event], report: CycleReport) -> int:
        """Bring server events into the local history; returns how many were new here."""
        if not remote:
            return 0
        full: list[Event] | None = None
        while True:
            # Decided and written under the engine's writer lock: a signal the agent records
            # meanwhile (UI thread) or a lookup result (runner thread) then waits, instead of
            # being overwritten by a rebase that read the local events before it existed.
            # Network calls stay outside the lock, so the UI never waits on the network.
            with self.engine.exclusive():
                applied = self._apply_locked(wid, remote, full, report)
            if applied is not None:
                return applied
            full = self.client.history(wid)

    def _apply_locked(
        self,
        wid: str,
        remote: Sequence[Event],
        full: list[Event] | None,
        report: CycleReport,
    ) -> int | None:
        """None: the whole server history is needed (``full``) to go on."""
        try:
            row = self.engine.get(wid)
        except FlowError:
            row = None
        if row is None:
            if remote[0].seq == 1:
                history = list(remote)
            elif full is None:
                return None
            else:
                history = full
            wtype = str(history[0].data.get("workflow_type", "sale"))
            self.engine.replace_history(wid, wtype, history, synced_position=len(history))
            return len(history)
        synced = row.synced_position
        fresh = [e for e in remote if e.seq > synced]
        if not fresh:
            return 0
        if fresh[0].seq != synced + 1:
            if full is None:
                return None
            fresh = [e for e in full if e.seq > synced]
            if not fresh:
                return 0
        local = self.engine.events_after(wid, synced)
        same = 0
        while same < min(len(fresh), len(local)) and fresh[same].same_as(local[same]):
            same += 1
        if same:
            # Our own events, accepted by the server although we never heard back.
            synced += same
            self.engine.set_synced_position(wid, synced)
            fresh, local = fresh[same:], local[same:]
        if not fresh:
            return 0
        if not local:
            self.engine.append_recorded(wid, fresh, synced=True)
            return len(fresh)
        self._rebase(wid, row.workflow_type, synced, fresh, local, report)
        return len(fresh)

    def _rebase(
        self,
        wid: str,
        wtype: str,
        synced: int,
        server_tail: Sequence[Event],
        local_pending: Sequence[Event],
        report: CycleReport,
    ) -> None:
        base = self.engine.history(wid)[:synced]
        server_history = [*base, *server_tail]
        mine = self.sales.origin
        signals = [
            e for e in local_pending if e.type == EventType.SIGNAL_RECEIVED and e.origin == mine
        ]
        now = self.engine.now_iso()

        def reapply(inst: WorkflowInstance, conflicts: list[dict[str, Any]]) -> list[Event]:
            added: list[Event] = []
            for sig in signals:
                name = str(sig.data.get("name"))
                payload = sig.data.get("payload")
                try:
                    added += inst.signal(name, payload, time=now, origin=mine)
                except (SignalRejected, WorkflowClosedError) as exc:
                    fields = exc.fields if isinstance(exc, SignalRejected) else {"": str(exc)}
                    conflicts.append(
                        {
                            "kind": "conflict",
                            "signal": name,
                            "payload": payload,
                            "recorded_at": sig.time,
                            "reason": "; ".join(v for v in fields.values()),
                            "fields": fields,
                        }
                    )
            return added

        # The signals that will not re-apply are recorded first, from a trial run on the
        # server history: a crash between this and the replace below leaves them both in
        # the history (still pending) and in the conflicts, and the next rebase of the same
        # signals replaces those entries instead of adding them twice. The other order
        # would lose them: history replaced, conflicts never written.
        trial: list[dict[str, Any]] = []
        definition = self.engine.definition(wtype)
        reapply(WorkflowInstance.from_history(definition, wid, server_history), trial)
        self._record_conflicts(wid, signals, trial)
        conflicts: list[dict[str, Any]] = []
        self.engine.replace_history(
            wid,
            wtype,
            server_history,
            synced_position=len(server_history),
            then=lambda inst: reapply(inst, conflicts),
        )
        if conflicts != trial:  # same history, signals and time: cannot differ, but be sure
            self._record_conflicts(wid, signals, conflicts)
        report.rebased.append(wid)
        report.conflicts.extend({"workflow_id": wid, **c} for c in conflicts)

    def _record_conflicts(
        self, wid: str, signals: Sequence[Event], found: list[dict[str, Any]]
    ) -> None:
        def key(name: Any, recorded_at: Any, payload: Any) -> str:
            return json.dumps([name, recorded_at, payload], sort_keys=True)

        rebasing = {key(s.data.get("name"), s.time, s.data.get("payload")) for s in signals}
        setting = CONFLICTS_PREFIX + wid
        previous: list[dict[str, Any]] = json.loads(self.engine.get_setting(setting) or "[]")
        # Entries for signals that are still pending come from an interrupted rebase.
        kept = [
            c
            for c in previous
            if key(c.get("signal"), c.get("recorded_at"), c.get("payload")) not in rebasing
        ]
        if found or len(kept) != len(previous):
            self.engine.set_setting(setting, json.dumps([*kept, *found]))
