"""The shell around the sales: busy indication, dark scheme, the list's filter, the CLI."""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from salesdesk.ui.theme import ThemeWatcher, tokens

from .helpers import AppFactory, Shots, open_sale, prefilled_sale, type_into


def test_busy_cursor_and_progress_for_slow_calls(qtbot: QtBot, make_app: AppFactory) -> None:
    app = make_app()
    done: list[object] = []
    app.controller.call(
        lambda _s: time.sleep(1.4), done.append, interactive=True, label="Doing something slow…"
    )
    qtbot.waitUntil(lambda: QGuiApplication.overrideCursor() is not None, timeout=1000)
    qtbot.waitUntil(lambda: app.window.status.progress.isVisible(), timeout=2000)
    assert app.window.status.progress_label.text() == "Doing something slow…"
    qtbot.waitUntil(lambda: bool(done), timeout=5000)
    assert QGuiApplication.overrideCursor() is None
    assert not app.window.status.progress.isVisible()


def test_quick_calls_show_no_busy_cursor(qtbot: QtBot, make_app: AppFactory) -> None:
    app = make_app()
    seen: list[bool] = []
    app.controller.busyChanged.connect(seen.append)
    done: list[object] = []
    app.controller.call(lambda _s: time.sleep(0.05), done.append, interactive=True)
    qtbot.waitUntil(lambda: bool(done))
    qtbot.wait(350)
    assert seen == []


def test_dark_scheme(qtbot: QtBot, make_app: AppFactory, shots: Shots) -> None:
    app = make_app()
    wid = prefilled_sale(qtbot, app)
    watcher = app.app._salesdesk_theme  # type: ignore[attr-defined]
    assert isinstance(watcher, ThemeWatcher)
    os.environ["SALESDESK_THEME"] = "dark"
    try:
        watcher.apply()
        assert tokens().dark
        qtbot.waitUntil(lambda: app.window.model.rowCount() == 1)
        shots(app.window, "main-dark")
        window = open_sale(qtbot, app, wid)
        shots(window, "review-dark")
        window.go("lines")
        shots(window, "lines-dark")
        window.go("customer")
        shots(window, "customer-dark")
    finally:
        os.environ["SALESDESK_THEME"] = "light"
        watcher.apply()
    assert not tokens().dark


def test_search_and_status_filter(qtbot: QtBot, make_app: AppFactory, shots: Shots) -> None:
    app = make_app()
    prefilled_sale(qtbot, app)
    prefilled_sale(qtbot, app, {"customer": {"vat_number": "FR40303265045"}})
    qtbot.waitUntil(lambda: app.window.model.rowCount() == 2)
    qtbot.waitUntil(  # the company names arrive with the (stand-in) VIES answers
        lambda: any((r.customer or "").startswith("Dupont") for r in app.window.model.rows()),
        timeout=10000,
    )
    type_into(qtbot, app.window.search, "dupont")
    assert app.window.proxy.rowCount() == 1
    type_into(qtbot, app.window.search, "")
    app.window.status_filter.setCurrentIndex(app.window.status_filter.findData("ready"))
    assert app.window.proxy.rowCount() == 1
    app.window.status_filter.setCurrentIndex(0)
    assert app.window.proxy.rowCount() == 2
    shots(app.window, "main-two-sales")


def test_cli_registers_demo_and_app(tmp_path: Path) -> None:
    from salesdesk.ui import cli

    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir")
    cli.add_commands(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["demo", "--profile", str(tmp_path)])
    assert args.func is cli.run_demo
    assert callable(cli.run_app)


def test_missing_price_list_is_explained(qtbot: QtBot, make_app: AppFactory, shots: Shots) -> None:
    app = make_app(
        setup=lambda service: __import__("salesdesk.ui.app").ui.app.first_start(
            service, Path("/nonexistent/price-list.json")
        )
    )
    assert app.window.notice.isVisible()
    assert "no price list" in app.window.notice.label.text()
    shots(app.window, "main-no-price-list")
