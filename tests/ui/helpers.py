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
        QApplication.processEvents()
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
