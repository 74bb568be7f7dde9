"""The application service over one local profile: what the CLI and the UI call.

It owns the engine (histories), the activity runner (lookups) and the local price lists,
and answers in domain terms — never SQL, never HTTP.
"""

from __future__ import annotations

import getpass
import json
import re
import secrets
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from salesdesk.flow.engine import (
    ActivityTask,
    Clock,
    Engine,
    SignalAck,
    WorkflowRow,
    parse_history_document,
    utcnow,
)
from salesdesk.flow.errors import FlowError, HistoryFormatError
from salesdesk.flow.events import EventType
from salesdesk.flow.instance import WorkflowInstance
from salesdesk.flow.runner import ActivityFn, ActivityRunner
from salesdesk.sales.pricelist import PriceList
from salesdesk.sales.pricelist_store import PriceListStore
from salesdesk.sales.timeline import TimelineEntry, timeline
from salesdesk.sales.views import LookupView, SaleSummary
from salesdesk.sales.workflow import WORKFLOW_TYPE, SaleStart, SaleWorkflow

DB_FILE = "salesdesk.db"
CONFLICTS_PREFIX = "conflicts:"
REJECTED_PREFIX = "rejected:"
WORKFLOWS: tuple[type[Any], ...] = (SaleWorkflow,)


class NoPriceListError(FlowError):
    def __init__(self) -> None:
        super().__init__(
            "no price list on this device yet: sync with the server, or load one with "
            "'salesdesk price-list import FILE'"
        )


@dataclass(frozen=True)
class SalePolicy:
    quote_validity_days: int = 30
    discount_approval_threshold: Decimal = Decimal(15)


def _listing(inst: WorkflowInstance) -> dict[str, Any]:
    summary: SaleSummary = inst.query("summary")
    return summary.listing()


class SalesService:
    def __init__(
        self,
        data_dir: Path,
        activities: Mapping[str, ActivityFn] | None = None,
        *,
        clock: Clock = utcnow,
        policy: SalePolicy | None = None,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        self.data_dir = Path(data_dir)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.policy = policy or SalePolicy()
        self.engine = Engine(
            self.data_dir / DB_FILE,
            WORKFLOWS,
            origin="device:pending",
            clock=clock,
            listing=_listing,
        )
        device = self.engine.get_setting("device_id")
        if device is None:
            device = secrets.token_hex(8)
            self.engine.set_setting("device_id", device)
        self.device_id = device
        self.engine.origin = f"device:{device}"
        self.price_lists = PriceListStore(self.data_dir / "price-lists")
        self.runner = ActivityRunner(self.engine, dict(activities or {}), wall_clock=wall_clock)
        self._wall_clock = wall_clock
        self._recovered = False

    # ------------------------------------------------------------------ lifecycle
    def start_background(self) -> None:
        self.runner.start()

    def close(self) -> None:
        self.runner.stop()
        self.engine.close()

    def __enter__(self) -> SalesService:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def origin(self) -> str:
        return self.engine.origin

    @property
    def agent(self) -> str:
        return self.engine.get_setting("agent_name") or getpass.getuser()

    def set_agent(self, name: str, team: str | None) -> None:
        self.engine.set_setting("agent_name", name)
        self.engine.set_setting("agent_team", team or "")

    @property
    def team(self) -> str | None:
        return self.engine.get_setting("agent_team") or None

    # ------------------------------------------------------------------ sales
    def new_sale(self, price_list: PriceList | None = None) -> str:
        plist = price_list or self.price_lists.current()
        if plist is None:
            raise NoPriceListError()
        start = SaleStart(
            agent=self.agent,
            device=self.device_id,
            team=self.team,
            price_list=plist.model_dump(mode="json"),
            price_list_hash=plist.content_hash(),
            quote_validity_days=self.policy.quote_validity_days,
            discount_approval_threshold=self.policy.discount_approval_threshold,
        )
        return self.engine.start(WORKFLOW_TYPE, start)

    def signal(self, workflow_id: str, name: str, payload: Any) -> SignalAck:
        return self.engine.signal(workflow_id, name, payload)

    def validate(self, workflow_id: str, name: str, payload: Any) -> None:
        self.engine.validate_signal(workflow_id, name, payload)

    def summary(self, workflow_id: str) -> SaleSummary:
        found: tuple[SaleSummary, dict[int, Any]] = self.engine.with_instance(
            workflow_id, _summary_and_outcomes
        )
        summary, outcomes = found
        tasks = {t.activity_id: t for t in self.engine.activity_tasks(workflow_id)}
        lookups = tuple(
            _merge(view, tasks.get(view.activity_id), outcomes.get(view.activity_id))
            for view in summary.lookups
        )
        return summary.model_copy(
            update={"lookups": lookups, "conflicts": tuple(self.conflicts(workflow_id))}
        )

    # ------------------------------------------------------------------ sync conflicts
    # Local changes that sync could not carry over (a signal that no longer validates
    # after a rebase, or a history the server refused) are kept here, shown to the
    # agent, and removed only when the agent dismisses them.
    def conflicts(self, workflow_id: str) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = json.loads(
            self.engine.get_setting(CONFLICTS_PREFIX + workflow_id) or "[]"
        )
        rejected = self.rejected(workflow_id)
        if rejected:
            found.append(rejected)
        return found

    def add_conflicts(self, workflow_id: str, items: list[dict[str, Any]]) -> None:
        previous = json.loads(self.engine.get_setting(CONFLICTS_PREFIX + workflow_id) or "[]")
        self.engine.set_setting(CONFLICTS_PREFIX + workflow_id, json.dumps([*previous, *items]))

    def set_rejected(self, workflow_id: str, record: dict[str, Any] | None) -> None:
        self.engine.set_setting(REJECTED_PREFIX + workflow_id, json.dumps(record) if record else "")

    def rejected(self, workflow_id: str) -> dict[str, Any] | None:
        raw = self.engine.get_setting(REJECTED_PREFIX + workflow_id)
        found: dict[str, Any] | None = json.loads(raw) if raw else None
        return found

    def dismiss_conflicts(self, workflow_id: str) -> None:
        self.engine.set_setting(CONFLICTS_PREFIX + workflow_id, "[]")

    def conflict_count(self) -> int:
        return sum(1 for row in self.sales() if self.conflicts(row.workflow_id))

    def sales(self) -> list[WorkflowRow]:
        return self.engine.list_workflows(WORKFLOW_TYPE)

    def export_history(self, workflow_id: str) -> dict[str, Any]:
        return self.engine.export_history(workflow_id)

    def import_history(self, document: Any) -> str:
        """Store an exported history after the engine replayed it, and only if the sale can
        be read from it. Activity results are recorded by a device, so a history can replay
        and still hold values no summary can be built from (a lookup result of the wrong
        shape, say): that is refused with HistoryFormatError, as the server refuses such a
        push, instead of failing later wherever the sale is shown."""
        workflow_id, workflow_type, events = parse_history_document(document)
        if not _SYNCABLE_ID.fullmatch(workflow_id):
            # The server takes only such ids; one it refuses would fail every later push.
            raise HistoryFormatError(
                "workflow_id must be 1 to 100 letters, digits, '.', '_', ':' or '-', "
                f"not {workflow_id[:60]!r}"
            )
        if workflow_type == WORKFLOW_TYPE:
            definition = self.engine.definition(workflow_type)
            inst = WorkflowInstance.from_history(definition, workflow_id, events)
            try:
                inst.query("summary")
            except FlowError:
                raise
            except Exception as exc:
                raise HistoryFormatError(
                    f"the history replays, but the sale cannot be read from it: {_reason(exc)}"
                ) from None
        return self.engine.import_history(document)

    def timeline(self, workflow_id: str) -> list[TimelineEntry]:
        return timeline(self.engine.history(workflow_id), self.origin)

    # ------------------------------------------------------------------ lookups
    def lookups(self, *, include_finished: bool = False) -> list[ActivityTask]:
        states = (
            None
            if include_finished
            else ("queued", "running", "backoff", "waiting_for_network", "failed")
        )
        return self.engine.activity_tasks(states=states)

    def run_lookups(self, wait_seconds: float = 10.0) -> None:
        """Run due lookups in the foreground until none is due or the time is up
        (the CLI's way; the app runs them in the background instead)."""
        if not self._recovered:
            # A lookup whose previous process was killed mid-attempt is still marked
            # running; without this, no later CLI run would ever try it again.
            self.engine.recover_interrupted()
            self._recovered = True
        deadline = time.monotonic() + wait_seconds
        while time.monotonic() < deadline:
            started = self.runner.run_due()
            next_due = self.engine.next_activity_due()
            if started == 0 and (next_due is None or next_due - self._wall_clock() > 1.0):
                return
            if started == 0:
                time.sleep(0.1)

    def network_available(self) -> int:
        return self.runner.network_available()


def _summary_and_outcomes(inst: WorkflowInstance) -> tuple[SaleSummary, dict[int, Any]]:
    """The summary and, per finished activity, what its history recorded."""
    outcomes = {
        int(e.data["activity_id"]): e.data
        for e in inst.events
        if e.type in (EventType.ACTIVITY_COMPLETED, EventType.ACTIVITY_FAILED)
    }
    return inst.query("summary"), outcomes


def _merge(view: LookupView, task: ActivityTask | None, outcome: Any = None) -> LookupView:
    """Add the runner's live state (running, waiting for network...) to a pending lookup.

    A finished lookup shows what its history recorded (attempts, error), not the runner's
    task row: that row is a local index (rebuilt without attempts on import), so every
    profile holding the same history must show the same summary.
    """
    if outcome is not None:
        error = outcome.get("error") or {}
        return view.model_copy(
            update={
                "attempts": int(outcome.get("attempts") or 0),
                "last_error": error.get("message"),
            }
        )
    if task is None:
        return view
    update: dict[str, Any] = {"attempts": task.attempts, "last_error": task.last_error}
    if view.status == "queued":
        update["status"] = task.state if task.state != "done" else "queued"
        if task.state == "backoff" and task.next_attempt_at:
            update["next_try"] = datetime.fromtimestamp(task.next_attempt_at, UTC).isoformat(
                timespec="seconds"
            )
        if task.state == "waiting_for_network":
            update["next_try"] = "when the network is back"
    return view.model_copy(update=update)


#: Workflow ids the server accepts (salesdesk.server.sync_api.ID); the ids this app makes
#: itself (UUIDs) always match.
_SYNCABLE_ID = re.compile(r"[A-Za-z0-9._:-]{1,100}")


def _reason(exc: Exception) -> str:
    """One plain line about why a value could not be used (pydantic: the first field)."""
    from pydantic import ValidationError

    if isinstance(exc, ValidationError) and exc.errors():
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or exc.title
        return f"{where}: {first['msg']}"
    text = str(exc).strip().splitlines()
    return text[0][:300] if text else type(exc).__name__
