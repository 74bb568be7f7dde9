"""Helpers of the UI tests: stand-in lookups with a network switch, screenshots, and
driving the sale editor through its real widgets as a person with a keyboard would."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget
from pytestqt.qtbot import QtBot

from salesdesk.flow.errors import ConnectivityError
from salesdesk.flow.runner import ActivityContext, ActivityFn
from salesdesk.sales.standin import STANDIN_ACTIVITIES
from salesdesk.ui.app import Running
from salesdesk.ui.sale import SaleWindow

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-output" / "ui"


class Network:
    """Stand-in lookups that fail with ConnectivityError while ``online`` is False."""

    def __init__(self, online: bool = True) -> None:
        self.online = online
        self.calls: list[str] = []
        self.lock = threading.Lock()

    def activities(self) -> dict[str, ActivityFn]:
        def wrap(name: str, fn: ActivityFn) -> ActivityFn:
            def call(payload: Any, ctx: ActivityContext) -> Any:
                with self.lock:
                    self.calls.append(name)
                if not self.online:
                    raise ConnectivityError("no network (test)")
                return fn(payload, ctx)

            return call

        return {name: wrap(name, fn) for name, fn in STANDIN_ACTIVITIES.items()}


class Shots:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.saved: list[Path] = []

    def __call__(self, widget: QWidget, name: str) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        for _ in range(5):  # let pending layout requests settle before grabbing
            QApplication.processEvents()
            time.sleep(0.01)
        path = self.folder / f"{len(self.saved) + 1:02d}-{name}.png"
        widget.grab().save(str(path))
        self.saved.append(path)
        return path


AppFactory = Callable[..., Running]


def wait_idle(qtbot: QtBot, app: Running, timeout: int = 10000) -> None:
    qtbot.waitUntil(lambda: app.controller.idle, timeout=timeout)


def click(qtbot: QtBot, button: QAbstractButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_into(qtbot: QtBot, widget: QWidget, text: str, *, clear: bool = True) -> None:
    widget.setFocus()
    if clear:
        qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(widget, Qt.Key.Key_Delete)
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:  # QTest only knows ASCII keys; accented letters arrive as text, as from an IME
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(
                    widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char)
                )


def settle(qtbot: QtBot, ms: int = 100) -> None:
    end = time.monotonic() + ms / 1000
    while time.monotonic() < end:
        qtbot.wait(10)


def new_sale(qtbot: QtBot, app: Running) -> SaleWindow:
    before = set(app.window.sale_windows)
    click(qtbot, app.window.new_button)
    qtbot.waitUntil(lambda: bool(set(app.window.sale_windows) - before), timeout=10000)
    (wid,) = set(app.window.sale_windows) - before
    window = app.window.sale_windows[wid]
    qtbot.waitUntil(lambda: window.is_open, timeout=10000)
    window.resize(1120, 800)
    return window


def fill_customer(qtbot: QtBot, window: SaleWindow, vat: str = "DE136695976") -> None:
    page = window.customer
    assert window.current_step() == "customer"
    type_into(qtbot, page.vat, vat)
    qtbot.waitUntil(lambda: page.vat_message.kind == "ok")
    # Leaving the field records the number; the VIES lookup starts by itself.
    qtbot.keyClick(page.vat, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: page.recorded_vat() == vat.replace(" ", ""), timeout=10000)


def wait_company(qtbot: QtBot, window: SaleWindow, name: str) -> None:
    qtbot.waitUntil(lambda: window.customer.name.text() == name, timeout=15000)


def next_step(qtbot: QtBot, window: SaleWindow, expect: str) -> None:
    click(qtbot, window.next_button)
    qtbot.waitUntil(lambda: window.current_step() == expect, timeout=10000)


def fill_contact(qtbot: QtBot, window: SaleWindow, name: str, email: str, phone: str = "") -> None:
    page = window.contact
    type_into(qtbot, page.name, name)
    type_into(qtbot, page.email, email)
    if phone:
        type_into(qtbot, page.phone, phone)


def add_line(
    qtbot: QtBot, window: SaleWindow, search: str, quantity: int, discount: str = "0"
) -> None:
    page = window.lines
    type_into(qtbot, page.search, search)
    qtbot.waitUntil(lambda: page.products_filter.rowCount() >= 1)
    before = page.model.rowCount()
    type_into(qtbot, page.quantity, str(quantity))
    type_into(qtbot, page.discount, discount)
    click(qtbot, page.add_button)
    qtbot.waitUntil(
        lambda: (
            page.model.rowCount() == before + 1
            or any(line.quantity >= quantity for line in page.model.lines)
        )
    )


def fill_terms(qtbot: QtBot, window: SaleWindow, days: int, notes: str = "") -> None:
    page = window.terms
    type_into(qtbot, page.days, str(days))
    if notes:
        type_into(qtbot, page.notes, notes)


def on_worker(qtbot: QtBot, app: Running, fn: Callable[[Any], Any], timeout: int = 15000) -> Any:
    """Run fn(service) on the app's service thread and return its result."""
    box: dict[str, Any] = {}
    app.controller.call(fn, lambda r: box.setdefault("ok", r), lambda e: box.setdefault("err", e))
    qtbot.waitUntil(lambda: bool(box), timeout=timeout)
    assert "err" not in box, box.get("err")
    return box["ok"]


STEPS = {
    "customer": {"vat_number": "DE136695976"},
    "contact": {"name": "Jonas Weber", "email": "jonas@example.de"},
    "lines": {"items": [{"sku": "LAP-TP-T14-G5", "quantity": 2, "discount_percent": "5"}]},
    "terms": {"payment_terms_days": 30},
}


def prefilled_sale(
    qtbot: QtBot, app: Running, steps: dict[str, Any] | None = None, *, submit: bool = False
) -> str:
    """A sale filled in directly through the service (not what the test is about)."""
    wanted = STEPS if steps is None else steps

    def run(service: Any) -> str:
        wid = str(service.new_sale())
        for name, payload in wanted.items():
            service.signal(wid, name, payload)
            service.run_lookups(5.0)
        if submit:
            service.signal(wid, "submit", {})
        return wid

    return str(on_worker(qtbot, app, run))


def open_sale(qtbot: QtBot, app: Running, wid: str) -> SaleWindow:
    window = app.window.open_sale(wid)
    qtbot.waitUntil(lambda: window.is_open, timeout=10000)
    window.resize(1120, 800)
    return window


class FakeServer:
    """A SyncPort standing in for the server side: team sales come from the local profile
    and a manager's decision is appended as the server would (origin server:<manager>)."""

    def __init__(self, role: str = "manager", user: str = "maria") -> None:
        from salesdesk.sync.status import StatusBoard, SyncStatus

        self.user = user
        self.service: Any = None
        self.decisions: list[tuple[str, bool, str | None]] = []
        self.syncs = 0
        self._board = StatusBoard(
            SyncStatus(
                online=True,
                logged_in_as=user,
                role=role,
                server_url="https://sales.example.com",
                last_sync="2026-03-02T09:15:00+00:00",
            )
        )

    @property
    def status_board(self) -> Any:
        return self._board

    def sync_now(self) -> None:
        self.syncs += 1
        self._board.update(last_sync="2026-03-02T09:20:00+00:00")

    def login(self, url: str, user: str, password: str) -> None:
        from salesdesk.ui.ports import SyncPortError

        if password != "secret":
            raise SyncPortError("The server did not accept this user name and password.")
        self._board.update(logged_in_as=user, role="agent", server_url=url, online=True)

    def logout(self) -> None:
        self._board.update(logged_in_as=None, role=None)

    def list_team_sales(self) -> list[Any]:
        from salesdesk.ui.ports import TeamSale

        out = []
        for row in self.service.sales():
            summary = self.service.summary(row.workflow_id)
            out.append(
                TeamSale(
                    workflow_id=row.workflow_id,
                    agent=summary.agent,
                    customer=(row.listing or {}).get("customer"),
                    status=summary.status,
                    gross=summary.totals.gross,
                    currency=summary.totals.currency,
                    updated_at=row.updated_at,
                    approval_status=summary.approval.status,
                    max_discount=summary.approval.max_discount,
                    threshold=summary.approval.threshold,
                )
            )
        return out

    def decide_approval(self, workflow_id: str, approved: bool, comment: str | None) -> None:
        self.decisions.append((workflow_id, approved, comment))
        payload = {"approved": approved, "comment": comment}
        self.service.engine.signal(
            workflow_id, "approve_discount", payload, origin=f"server:{self.user}"
        )
