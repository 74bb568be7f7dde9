"""Every focusable widget of every screen has an accessible name; inputs set one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from salesdesk.ui.approvals import ApprovalsDialog
from salesdesk.ui.sale.steplist import STEPS
from salesdesk.ui.timeline import TimelineDialog

from .helpers import AppFactory, FakeServer, on_worker, open_sale, prefilled_sale

INPUTS = (QLineEdit, QPlainTextEdit, QAbstractSpinBox, QComboBox, QCheckBox, QAbstractItemView)


def _covered_by_parent(widget: QWidget) -> bool:
    """Inner editors of composite widgets (a spin box's line edit) speak through them."""
    parent = widget.parentWidget()
    return isinstance(parent, QAbstractSpinBox | QComboBox)


def unnamed(root: QWidget) -> list[str]:
    problems = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root) and widget is not root:
            continue
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus or _covered_by_parent(widget):
            continue
        interface = QAccessible.queryAccessibleInterface(widget)
        name = interface.text(QAccessible.Text.Name) if interface is not None else ""
        label = f"{type(widget).__name__}({widget.objectName() or '?'})"
        if not name.strip():
            problems.append(f"{label}: no accessible name")
        elif isinstance(widget, INPUTS) and not widget.accessibleName():
            problems.append(f"{label}: input without setAccessibleName ({name!r})")
    return problems


def test_every_focusable_widget_has_an_accessible_name(qtbot: QtBot, make_app: AppFactory) -> None:
    server = FakeServer(role="manager")
    app = make_app(sync_port=server)
    server.service = on_worker(qtbot, app, lambda s: s)
    wid = prefilled_sale(qtbot, app)
    qtbot.waitUntil(lambda: app.window.model.rowCount() == 1)
    problems = [f"main window: {p}" for p in unnamed(app.window)]

    window = open_sale(qtbot, app, wid)
    for step in STEPS:
        window.go(step)
        problems += [f"{step} page: {p}" for p in unnamed(window)]
    # The lines table's editors get names too.
    window.go("lines")
    table = window.lines.table
    table.edit(window.lines.model.index(0, 2))
    editor = table.focusWidget()
    assert editor is not None and editor.accessibleName().startswith("Quantity of line 1")

    settings = app.window.show_settings()
    problems += [f"settings: {p}" for p in unnamed(settings)]
    approvals = ApprovalsDialog(app.controller, app.window)
    qtbot.addWidget(approvals)
    approvals.show()
    problems += [f"approvals: {p}" for p in unnamed(approvals)]
    timeline = TimelineDialog(app.controller, wid, app.window)
    qtbot.addWidget(timeline)
    timeline.show()
    problems += [f"timeline: {p}" for p in unnamed(timeline)]
    assert problems == []


def test_labels_have_mnemonics_and_buddies(qtbot: QtBot, make_app: AppFactory) -> None:
    from PySide6.QtWidgets import QLabel

    app = make_app()
    wid = prefilled_sale(qtbot, app, {})
    window = open_sale(qtbot, app, wid)
    missing = []
    for page in (window.customer, window.contact, window.lines, window.terms):
        for label in page.findChildren(QLabel):
            if label.text().endswith(":") and label.buddy() is None:
                if label.text() in ("VIES check:", "Address check:"):
                    continue  # state lines, not inputs
                missing.append(f"{page.step}: {label.text()}")
            if label.buddy() is not None and "&" not in label.text():
                missing.append(f"{page.step}: {label.text()} has no mnemonic")
    assert missing == []


def test_tab_order_runs_steps_page_footer(qtbot: QtBot, make_app: AppFactory) -> None:
    app = make_app()
    wid = prefilled_sale(qtbot, app, {"customer": {"vat_number": "DE136695976"}})
    window = open_sale(qtbot, app, wid)
    window.activateWindow()
    expected = {
        "contact": ["contactName", "contactEmail", "contactPhone", "backButton"],
        "lines": ["productSearch", "productTable", "addQuantity", "addDiscount", "addLine",
                  "linesTable", "removeLine", "backButton"],
    }  # fmt: skip
    for step, names in expected.items():
        window.go(step)
        window.steps.setFocus()
        seen = []
        for _ in names:
            current = window.focusWidget()
            assert current is not None
            qtbot.keyClick(current, Qt.Key.Key_Tab)
            focused = window.focusWidget()
            seen.append(focused.objectName() if focused is not None else "")
        assert seen == names, step
