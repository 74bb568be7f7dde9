"""The application layer between the widgets and SalesService / SyncPort.

Threads
-------
*One service thread* (a ``QThread`` draining a FIFO ``queue.SimpleQueue``) makes every
SalesService call — and every draft file write. One thread rather than a pool:

- the engine keeps one SQLite connection behind one lock, so a second worker would
  only queue on that lock, while a pool would give up what we need most: order. A sale's
  signals are recorded in the order the agent gave them, and the summary asked for after
  a signal always sees that signal (read-your-writes), because jobs run strictly FIFO;
- a plain queue lets the controller coalesce requests (the latest draft of a sale, the
  latest as-you-type validation, one pending summary per sale) and drain the queue on
  shutdown so that nothing the agent typed is lost; ``QThreadPool`` offers neither
  ordering across priorities nor draining of just our own work;
- the service is created on this thread too, so importing the engine (SQLAlchemy,
  Alembic, pydantic: most of a cold start) happens while the main window is already
  shown.

*One network thread* (a daemon ``threading.Thread``) makes SyncPort calls. It is
separate so that a sync hanging on a slow network never delays a local save, and a
daemon so that quitting never waits for the network.

Results come back to the UI thread as queued Qt signals and are handed to the caller's
callbacks there; a callback whose ``owner`` widget was deleted meanwhile is skipped.
Engine change notifications (``engine.subscribe``), which arrive on whichever thread
wrote, are marshalled the same way and coalesced into one ``salesChanged`` per burst.

Nothing here touches SQLite or the network on the UI thread: the UI thread only puts
closures on a queue and receives their results.
"""

from __future__ import annotations

import collections
import contextlib
import logging
import queue
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal
from PySide6.QtGui import QCursor, QGuiApplication
from shiboken6 import Shiboken

from salesdesk.sync.status import SyncStatus
from salesdesk.ui.drafts import Draft, DraftStore, atomic_write
from salesdesk.ui.ports import SyncPort, SyncPortError

if TYPE_CHECKING:
    from salesdesk.flow.engine import WorkflowRow
    from salesdesk.sales.pricelist import PriceList
    from salesdesk.sales.service import SalesService
    from salesdesk.sales.timeline import TimelineEntry
    from salesdesk.sales.views import SaleSummary

log = logging.getLogger(__name__)

BUSY_CURSOR_AFTER_MS = 300
PROGRESS_AFTER_MS = 1000
COALESCE_MS = 40
PREWARM_SALES = 20

ErrorKind = Literal[
    "rejected", "not_found", "no_price_list", "closed", "storage", "sync", "stopped", "error"
]


@dataclass(frozen=True)
class CallError:
    """Why a call failed, in words for the agent; ``fields`` maps field paths to messages."""

    kind: ErrorKind
    message: str
    fields: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ServiceInfo:
    data_dir: Path
    agent: str
    device_id: str
    price_list_version: str | None
    notice: str | None = None  # e.g. why no price list could be loaded


@dataclass(frozen=True)
class Overview:
    rows: list[WorkflowRow]
    events_pending: int
    lookups_waiting: int
    lookups_failed: int
    #: workflow id -> how many local changes sync could not carry over (only sales with any)
    conflicts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class SaleContext:
    summary: SaleSummary
    price_list: PriceList | None
    draft: Draft | None


OnOk = Callable[[Any], None]
OnError = Callable[[CallError], None]
ServiceFactory = Callable[[], "SalesService"]
Setup = Callable[["SalesService"], str | None]


def describe_error(exc: BaseException) -> CallError:
    """Turn an exception raised on a worker thread into words (runs on that thread)."""
    from salesdesk.flow.errors import (
        FlowError,
        SignalRejected,
        StoreError,
        WorkflowClosedError,
        WorkflowNotFoundError,
    )
    from salesdesk.sales.pricelist import PriceListError
    from salesdesk.sales.service import NoPriceListError

    if isinstance(exc, SignalRejected):
        fields = dict(exc.fields)
        words = "; ".join(f"{k}: {v}" if k not in ("", "__all__") else v for k, v in fields.items())
        return CallError("rejected", words or str(exc), fields)
    if isinstance(exc, NoPriceListError):
        return CallError("no_price_list", str(exc))
    if isinstance(exc, WorkflowNotFoundError):
        return CallError("not_found", str(exc))
    if isinstance(exc, WorkflowClosedError):
        return CallError("closed", str(exc))
    if isinstance(exc, StoreError):
        return CallError("storage", str(exc))
    if isinstance(exc, SyncPortError):
        return CallError("sync", str(exc))
    if isinstance(exc, FlowError | PriceListError):
        return CallError("error", str(exc))
    if isinstance(exc, OSError):
        return CallError("storage", f"{exc.strerror or exc} ({exc.filename or 'file'})")
    log.error("unexpected error in a background call", exc_info=exc)
    return CallError("error", f"Something unexpected went wrong: {type(exc).__name__}: {exc}")


@dataclass
class _Job:
    id: int
    fn: Callable[[Any], Any]


@dataclass
class _Pending:
    on_ok: OnOk | None
    on_error: OnError | None
    owner: QObject | None
    interactive: bool
    label: str
    started: float


class _Bridge(QObject):
    """Lives on the UI thread; emitting from any other thread queues the call here."""

    changed = Signal(str)
    syncStatus = Signal(object)
    netDone = Signal(int, object, object)


class _ServiceThread(QThread):
    jobDone = Signal(int, object, object)
    startedOk = Signal(object)
    startFailed = Signal(object)

    def __init__(self, controller: AppController) -> None:
        super().__init__()
        self.setObjectName("salesdesk-service")
        self._controller = controller
        self.queue: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()

    def run(self) -> None:
        service: SalesService | None = None
        try:
            service, info = self._controller._open_service()
        except BaseException as exc:  # shown to the person; the thread keeps answering
            self.startFailed.emit(describe_error(exc))
        else:
            self.startedOk.emit(info)
        while True:
            try:
                job = self.queue.get_nowait()
            except queue.Empty:
                idle = self._controller._next_idle() if service is not None else None
                if idle is not None:
                    try:
                        idle(service)
                    except Exception as exc:  # a speed-up only; never worth an error
                        log.debug("idle job failed: %s", exc)
                    continue
                job = self.queue.get()
            if job is None:
                break
            if service is None:
                self.jobDone.emit(
                    job.id, None, CallError("stopped", "the sales database is not open")
                )
                continue
            try:
                result = job.fn(service)
            except BaseException as exc:
                self.jobDone.emit(job.id, None, describe_error(exc))
            else:
                self.jobDone.emit(job.id, result, None)
        if service is not None:
            self._controller._close_service(service)


class AppController(QObject):
    ready = Signal(object)  # ServiceInfo
    startFailed = Signal(object)  # CallError
    salesChanged = Signal(list)  # workflow ids changed since the last emission
    overviewChanged = Signal(object)  # Overview
    summaryChanged = Signal(object)  # SaleSummary, after request_summary()
    syncStatusChanged = Signal(object)  # SyncStatus
    busyChanged = Signal(bool)
    progressChanged = Signal(str)  # label of a long call, "" when none

    def __init__(
        self,
        service_factory: ServiceFactory,
        sync_port: SyncPort,
        data_dir: Path,
        *,
        setup: Setup | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._factory = service_factory
        self._setup = setup
        self.sync_port = sync_port
        self.data_dir = Path(data_dir)
        self.drafts = DraftStore(self.data_dir / "drafts")
        self.info: ServiceInfo | None = None
        self._next_id = 0
        self._pending: dict[int, _Pending] = {}
        self._latest: dict[tuple[str, ...], Callable[[Any], Any]] = {}
        self._latest_lock = threading.Lock()
        self._idle: collections.deque[Callable[[Any], Any]] = collections.deque()
        self._prewarmed = False
        self._price_lists: dict[str, PriceList] = {}  # worker thread only
        self._unsubscribe_engine: Callable[[], None] | None = None
        self._stopped = False

        self._bridge = _Bridge()
        self._bridge.changed.connect(self._on_engine_changed)
        self._bridge.syncStatus.connect(self.syncStatusChanged)
        self._bridge.netDone.connect(self._on_done)

        self._changed: set[str] = set()
        self._changed_timer = QTimer(self)
        self._changed_timer.setSingleShot(True)
        self._changed_timer.setInterval(COALESCE_MS)
        self._changed_timer.timeout.connect(self._flush_changes)

        self._overview_in_flight = False
        self._overview_again = False
        self._summary_in_flight: dict[str, bool] = {}  # wid -> asked again meanwhile
        self._watched: set[str] = set()

        self._busy = False
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.setInterval(BUSY_CURSOR_AFTER_MS)
        self._busy_timer.timeout.connect(self._busy_due)
        self._progress_timer = QTimer(self)
        self._progress_timer.setSingleShot(True)
        self._progress_timer.setInterval(PROGRESS_AFTER_MS)
        self._progress_timer.timeout.connect(self._progress_due)

        self._thread = _ServiceThread(self)
        self._thread.jobDone.connect(self._on_done)
        self._thread.startedOk.connect(self._on_started)
        self._thread.startFailed.connect(self.startFailed)
        self._net_queue: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._net_thread = threading.Thread(
            target=self._net_loop, name="salesdesk-network", daemon=True
        )
        self._unsubscribe_sync = sync_port.status_board.subscribe(self._bridge.syncStatus.emit)

    # ------------------------------------------------------------------ lifecycle
    def start(self) -> None:
        self._thread.start()
        self._net_thread.start()
        self.syncStatusChanged.emit(self.sync_port.status_board.current())

    def shutdown(self, timeout_ms: int = 15000) -> bool:
        """Finish every queued job (drafts included), close the service; True if done."""
        if self._stopped:
            return True
        self._stopped = True
        self._unsubscribe_sync()
        self._thread.queue.put(None)
        self._net_queue.put(None)
        done = self._thread.wait(timeout_ms)
        self._changed_timer.stop()
        self._end_busy()
        return bool(done)

    @property
    def running(self) -> bool:
        return not self._stopped

    @property
    def idle(self) -> bool:
        """No call is waiting for its answer (tests and the benchmark wait for this)."""
        return not self._pending and not self._changed_timer.isActive()

    def sync_status(self) -> SyncStatus:
        return self.sync_port.status_board.current()

    # worker thread ---------------------------------------------------------
    def _open_service(self) -> tuple[SalesService, ServiceInfo]:
        service = self._factory()
        notice = self._setup(service) if self._setup is not None else None
        self._unsubscribe_engine = service.engine.subscribe(self._bridge.changed.emit)
        service.start_background()
        _warm_up()
        current = service.price_lists.current()
        info = ServiceInfo(
            data_dir=service.data_dir,
            agent=service.agent,
            device_id=service.device_id,
            price_list_version=current.version if current is not None else None,
            notice=notice,
        )
        return service, info

    def _close_service(self, service: SalesService) -> None:
        if self._unsubscribe_engine is not None:
            with contextlib.suppress(ValueError):
                self._unsubscribe_engine()
        service.close()

    def _net_loop(self) -> None:
        while True:
            job = self._net_queue.get()
            if job is None:
                return
            try:
                result = job.fn(self.sync_port)
            except BaseException as exc:
                error = describe_error(exc)
                try:
                    self._bridge.netDone.emit(job.id, None, error)
                except RuntimeError:  # the app is gone
                    return
            else:
                try:
                    self._bridge.netDone.emit(job.id, result, None)
                except RuntimeError:
                    return

    # ------------------------------------------------------------------ calls
    def call(
        self,
        fn: Callable[[SalesService], Any],
        on_ok: OnOk | None = None,
        on_error: OnError | None = None,
        *,
        owner: QObject | None = None,
        interactive: bool = False,
        label: str = "",
    ) -> int:
        """Run ``fn(service)`` on the service thread; callbacks run on the UI thread.

        ``interactive`` calls are ones the person waits for: after 300 ms the cursor
        turns busy, after a second the status bar shows ``label`` with a progress bar.
        """
        return self._enqueue(self._thread.queue, fn, on_ok, on_error, owner, interactive, label)

    def call_sync(
        self,
        fn: Callable[[SyncPort], Any],
        on_ok: OnOk | None = None,
        on_error: OnError | None = None,
        *,
        owner: QObject | None = None,
        interactive: bool = False,
        label: str = "",
    ) -> int:
        """Run ``fn(sync_port)`` on the network thread."""
        return self._enqueue(self._net_queue, fn, on_ok, on_error, owner, interactive, label)

    def _enqueue(
        self,
        target: queue.SimpleQueue[_Job | None],
        fn: Callable[[Any], Any],
        on_ok: OnOk | None,
        on_error: OnError | None,
        owner: QObject | None,
        interactive: bool,
        label: str,
    ) -> int:
        if self._stopped:
            return -1
        self._next_id += 1
        job_id = self._next_id
        self._pending[job_id] = _Pending(
            on_ok, on_error, owner, interactive, label, time.monotonic()
        )
        if interactive:
            self._begin_busy()
        target.put(_Job(job_id, fn))
        return job_id

    def _call_latest(
        self,
        key: tuple[str, ...],
        fn: Callable[[SalesService], Any],
        on_ok: OnOk | None = None,
        on_error: OnError | None = None,
        *,
        owner: QObject | None = None,
    ) -> None:
        """Like call(), but while a call with this key waits in the queue, a newer ``fn``
        replaces the older one (the last draft, the last validation win)."""
        with self._latest_lock:
            queued = key in self._latest
            self._latest[key] = fn
        if queued:
            return

        def run(service: SalesService) -> Any:
            with self._latest_lock:
                latest = self._latest.pop(key)
            return latest(service)

        self.call(run, on_ok, on_error, owner=owner)

    def call_when_idle(self, fn: Callable[[SalesService], Any]) -> None:
        """Run fn(service) when the service thread has nothing else to do (speed-ups)."""
        self._idle.append(fn)

    def _next_idle(self) -> Callable[[Any], Any] | None:
        """Service thread: the next idle job, if any."""
        try:
            return self._idle.popleft()
        except IndexError:
            return None

    def _prewarm(self, overview: Overview) -> None:
        """Replay the most recently changed open sales into the engine's cache while the
        service thread is idle, so that opening one answers from memory."""
        if self._prewarmed:
            return
        self._prewarmed = True
        recent = [r.workflow_id for r in overview.rows if r.status == "open"][:PREWARM_SALES]
        for wid in recent:
            self.call_when_idle(self._warm_sale(wid))

    def _warm_sale(self, workflow_id: str) -> Callable[[SalesService], Any]:
        def run(service: SalesService) -> None:
            summary = service.summary(workflow_id)  # replayed into the engine's cache
            self._price_list_of(service, workflow_id, summary)  # parsed and hashed once

        return run

    def _on_done(self, job_id: int, result: object, error: object) -> None:
        pending = self._pending.pop(job_id, None)
        if pending is None:
            return
        if pending.interactive and not any(p.interactive for p in self._pending.values()):
            self._end_busy()
        if pending.owner is not None and not Shiboken.isValid(pending.owner):
            return
        if error is not None:
            assert isinstance(error, CallError)
            if pending.on_error is not None:
                pending.on_error(error)
            else:
                log.warning("background call failed: %s", error.message)
            return
        if pending.on_ok is not None:
            pending.on_ok(result)

    # ------------------------------------------------------------------ busy state
    def _begin_busy(self) -> None:
        if not self._busy_timer.isActive() and not self._busy:
            self._busy_timer.start()
            self._progress_timer.start()

    def _busy_due(self) -> None:
        if any(p.interactive for p in self._pending.values()) and not self._busy:
            self._busy = True
            QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.BusyCursor))
            self.busyChanged.emit(True)

    def _progress_due(self) -> None:
        labels = [p.label for p in self._pending.values() if p.interactive]
        if labels:
            self.progressChanged.emit(labels[0] or self.tr("Working…"))

    def _end_busy(self) -> None:
        self._busy_timer.stop()
        self._progress_timer.stop()
        if self._busy:
            self._busy = False
            QGuiApplication.restoreOverrideCursor()
            self.busyChanged.emit(False)
            self.progressChanged.emit("")

    # ------------------------------------------------------------------ changes
    def _on_started(self, info: ServiceInfo) -> None:
        self.info = info
        self.ready.emit(info)
        self.refresh_overview()

    def _on_engine_changed(self, workflow_id: str) -> None:
        self._changed.add(workflow_id)
        if not self._changed_timer.isActive():
            self._changed_timer.start()

    def _flush_changes(self) -> None:
        changed = sorted(self._changed)
        self._changed.clear()
        if self._stopped:
            return
        for wid in changed:
            if wid in self._summary_in_flight or wid in self._watched:
                self.request_summary(wid)
        self.salesChanged.emit(changed)
        self.refresh_overview()

    def watch(self, workflow_id: str, watching: bool = True) -> None:
        """Keep ``summaryChanged`` coming for this sale whenever it changes."""
        if watching:
            self._watched.add(workflow_id)
        else:
            self._watched.discard(workflow_id)

    def refresh_overview(self) -> None:
        """The sales list and the counts for the status bar (one call per burst)."""
        if self._overview_in_flight:
            self._overview_again = True
            return
        self._overview_in_flight = True

        def done(result: Overview | None) -> None:
            self._overview_in_flight = False
            if result is not None:
                self.overviewChanged.emit(result)
                self._prewarm(result)
            if self._overview_again:
                self._overview_again = False
                self.refresh_overview()

        self.call(_overview, done, lambda _e: done(None))

    def request_summary(self, workflow_id: str) -> None:
        """Ask for a sale's summary; answered by ``summaryChanged`` (coalesced)."""
        if workflow_id in self._summary_in_flight:
            self._summary_in_flight[workflow_id] = True
            return
        self._summary_in_flight[workflow_id] = False

        def finish() -> None:
            again = self._summary_in_flight.pop(workflow_id, False)
            if again:
                self.request_summary(workflow_id)

        def done(summary: SaleSummary) -> None:
            finish()
            self.summaryChanged.emit(summary)

        def failed(error: CallError) -> None:
            finish()
            log.warning("summary of %s: %s", workflow_id, error.message)

        self.call(lambda s: s.summary(workflow_id), done, failed)

    # ------------------------------------------------------------------ sales
    def new_sale(self, on_ok: OnOk, on_error: OnError, *, owner: QObject | None = None) -> None:
        self.call(
            lambda s: s.new_sale(),
            on_ok,
            on_error,
            owner=owner,
            interactive=True,
            label=self.tr("Starting a new sale…"),
        )

    def open_sale(
        self, workflow_id: str, on_ok: OnOk, on_error: OnError, *, owner: QObject | None = None
    ) -> None:
        """SaleContext: the summary, the sale's own price list and any local draft."""

        def run(service: SalesService) -> SaleContext:
            summary = service.summary(workflow_id)
            return SaleContext(
                summary=summary,
                price_list=self._price_list_of(service, workflow_id, summary),
                draft=self.drafts.load(workflow_id),
            )

        self.call(
            run, on_ok, on_error, owner=owner, interactive=True, label=self.tr("Opening the sale…")
        )

    def _price_list_of(
        self, service: SalesService, workflow_id: str, summary: SaleSummary
    ) -> PriceList | None:
        """The price snapshot the sale was started with (worker thread)."""
        key = summary.price_list_hash
        cached = self._price_lists.get(key)
        if cached is not None:
            return cached
        plist = service.price_lists.get(key)
        if plist is None:
            from salesdesk.sales.pricelist import PriceList

            start = service.export_history(workflow_id)["events"][0]["data"].get("input") or {}
            try:
                plist = PriceList.from_snapshot(start["price_list"], key)
            except (KeyError, ValueError):
                return None
        self._price_lists[key] = plist
        return plist

    def signal(
        self,
        workflow_id: str,
        name: str,
        payload: Any,
        on_ok: OnOk | None,
        on_error: OnError | None,
        *,
        owner: QObject | None = None,
    ) -> None:
        self.call(
            lambda s: s.signal(workflow_id, name, payload),
            on_ok,
            on_error,
            owner=owner,
            interactive=True,
            label=self.tr("Saving…"),
        )
        self.request_summary(workflow_id)

    def validate(
        self,
        workflow_id: str,
        name: str,
        payload: Any,
        on_ok: OnOk,
        on_error: OnError,
        *,
        owner: QObject | None = None,
    ) -> None:
        """As-you-type check of a step (nothing recorded); the latest payload wins."""
        self._call_latest(
            ("validate", workflow_id, name),
            lambda s: s.validate(workflow_id, name, payload),
            on_ok,
            on_error,
            owner=owner,
        )

    def timeline(
        self, workflow_id: str, on_ok: OnOk, on_error: OnError, *, owner: QObject | None = None
    ) -> None:
        def run(service: SalesService) -> list[TimelineEntry]:
            return service.timeline(workflow_id)

        self.call(
            run, on_ok, on_error, owner=owner, interactive=True, label=self.tr("Reading history…")
        )

    def network_available(self) -> None:
        """Lookups that wait for the network run again now."""
        self.call(lambda s: s.network_available())

    def import_price_list(
        self, path: Path, on_ok: OnOk, on_error: OnError, *, owner: QObject | None = None
    ) -> None:
        def run(service: SalesService) -> str:
            return service.price_lists.import_file(path).version

        self.call(
            run,
            on_ok,
            on_error,
            owner=owner,
            interactive=True,
            label=self.tr("Loading the price list…"),
        )

    # ------------------------------------------------------------------ drafts & files
    def save_draft(self, draft: Draft) -> None:
        self._call_latest(("draft", draft.workflow_id), lambda _s: self.drafts.save(draft))

    def delete_draft(self, workflow_id: str) -> None:
        self._call_latest(("draft", workflow_id), lambda _s: self.drafts.delete(workflow_id))

    def write_file(
        self, path: Path, data: bytes, on_ok: OnOk | None = None, on_error: OnError | None = None
    ) -> None:
        self.call(
            lambda _s: atomic_write(path, data),
            on_ok,
            on_error,
            interactive=True,
            label=self.tr("Saving file…"),
        )

    # ------------------------------------------------------------------ sync port
    def sync_now(self, on_done: OnOk | None = None, on_error: OnError | None = None) -> None:
        self.call_sync(lambda p: p.sync_now(), on_done, on_error)
        # Whatever the server says, lookups waiting for the network may try again.
        self.network_available()

    def login(self, url: str, user: str, password: str, on_ok: OnOk, on_error: OnError) -> None:
        self.call_sync(
            lambda p: p.login(url, user, password),
            on_ok,
            on_error,
            interactive=True,
            label=self.tr("Signing in…"),
        )

    def logout(self, on_ok: OnOk | None = None, on_error: OnError | None = None) -> None:
        self.call_sync(lambda p: p.logout(), on_ok, on_error)

    def team_sales(self, on_ok: OnOk, on_error: OnError, *, owner: QObject | None = None) -> None:
        self.call_sync(
            lambda p: p.list_team_sales(),
            on_ok,
            on_error,
            owner=owner,
            interactive=True,
            label=self.tr("Loading the team's sales…"),
        )

    def decide_approval(
        self,
        workflow_id: str,
        approved: bool,
        comment: str | None,
        on_ok: OnOk,
        on_error: OnError,
        *,
        owner: QObject | None = None,
    ) -> None:
        self.call_sync(
            lambda p: p.decide_approval(workflow_id, approved, comment),
            on_ok,
            on_error,
            owner=owner,
            interactive=True,
            label=self.tr("Sending the decision…"),
        )


def _warm_up() -> None:
    """Import and prime, on the service thread, what the sale editor needs, so that
    opening the first sale does not import modules or load locale data on the UI thread.
    (Only module-level code runs here; no widget is created off the UI thread.)"""
    import importlib
    from decimal import Decimal

    from salesdesk.sales.money import format_money
    from salesdesk.sales.vat import is_valid_vat
    from salesdesk.ui.i18n import current_language

    for module in ("salesdesk.ui.sale", "salesdesk.ui.timeline", "salesdesk.ui.quote"):
        importlib.import_module(module)
    format_money(Decimal("1.5"), "EUR", locale=current_language())
    is_valid_vat("DE136695976")


def _overview(service: SalesService) -> Overview:
    rows = service.sales()
    tasks = service.lookups()
    conflicts = {}
    for row in rows:
        found = service.conflicts(row.workflow_id)
        if found:
            conflicts[row.workflow_id] = len(found)
    return Overview(
        rows=rows,
        events_pending=sum(max(0, r.position - r.synced_position) for r in rows),
        lookups_waiting=sum(1 for t in tasks if t.state != "failed"),
        lookups_failed=sum(1 for t in tasks if t.state == "failed"),
        conflicts=conflicts,
    )
