"""Approvals (manager), the timeline with origins, sign-in and settings, the quote PDF."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from salesdesk.ui.approvals import ApprovalsDialog
from salesdesk.ui.quote import QuoteExporter, quote_html
from salesdesk.ui.timeline import TimelineDialog

from .helpers import (
    STEPS,
    AppFactory,
    FakeServer,
    Shots,
    click,
    on_worker,
    open_sale,
    prefilled_sale,
    type_into,
)

DISCOUNTED = {
    **STEPS,
    "lines": {"items": [{"sku": "LAP-TP-E14-G6", "quantity": 10, "discount_percent": "22"}]},
}


def test_manager_approves_a_discount(qtbot: QtBot, make_app: AppFactory, shots: Shots) -> None:
    server = FakeServer(role="manager")
    app = make_app(sync_port=server)
    server.service = on_worker(qtbot, app, lambda s: s)
    wid = prefilled_sale(qtbot, app, DISCOUNTED)
    other = prefilled_sale(qtbot, app)
    qtbot.waitUntil(lambda: app.window.model.rowCount() == 2)
    assert app.window.approvals_action.isVisible()
    button = app.window.toolbar.widgetForAction(app.window.approvals_action)
    assert button is not None and button.isVisible()
    assert "maria" in app.window.status.connection.label.text()
    shots(app.window, "main-manager")

    window = open_sale(qtbot, app, wid)
    assert window.summary is not None and window.summary.status == "awaiting_approval"
    assert not window.next_button.isEnabled()
    assert "manager must approve" in window.review.readiness.label.text()
    shots(window, "review-awaiting-approval")

    dialog = ApprovalsDialog(app.controller, app.window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.tree.topLevelItemCount() == 1, timeout=10000)
    assert dialog.selected_id() == wid  # only the discounted sale waits
    # Rejecting needs a comment, said beside the field.
    click(qtbot, dialog.reject_button)
    assert dialog.comment_message.kind == "error"
    type_into(qtbot, dialog.comment, "OK for this customer, volume deal")
    shots(dialog, "approvals")
    click(qtbot, dialog.approve_button)
    qtbot.waitUntil(
        lambda: server.decisions == [(wid, True, "OK for this customer, volume deal")],
        timeout=10000,
    )
    qtbot.waitUntil(lambda: dialog.tree.topLevelItemCount() == 0, timeout=10000)
    assert "Approved the discount" in dialog.banner.label.text()
    shots(dialog, "approvals-done")

    qtbot.waitUntil(
        lambda: window.summary is not None and window.summary.approval.status == "approved",
        timeout=10000,
    )
    qtbot.waitUntil(lambda: window.next_button.isEnabled(), timeout=10000)
    assert "Approved by maria" in window.review.text()
    shots(window, "review-approved")

    timeline = TimelineDialog(app.controller, wid, app.window)
    qtbot.addWidget(timeline)
    timeline.show()
    qtbot.waitUntil(lambda: timeline.tree.topLevelItemCount() > 5, timeout=10000)
    whos = {timeline.tree.topLevelItem(i).text(2) for i in range(timeline.tree.topLevelItemCount())}
    assert "This computer" in whos and "Manager maria" in whos
    shots(timeline, "timeline")
    assert other != wid


def test_agents_do_not_see_approvals(qtbot: QtBot, make_app: AppFactory) -> None:
    app = make_app(sync_port=FakeServer(role="agent", user="anna"))
    assert not app.window.approvals_action.isVisible()
    button = app.window.toolbar.widgetForAction(app.window.approvals_action)
    assert button is None or not button.isVisible()


def test_settings_locked_server_url_and_sign_in(
    qtbot: QtBot, make_app: AppFactory, shots: Shots
) -> None:
    server = FakeServer(role="agent")
    server.logout()
    app = make_app(sync_port=server, locked={"server_url": "set by IT for all agents (policy)"})
    dialog = app.window.show_settings()
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.url.isReadOnly()
    assert "set by IT" in dialog.url_lock_reason.text()
    type_into(qtbot, dialog.user, "anna")
    type_into(qtbot, dialog.password, "wrong")
    click(qtbot, dialog.login_button)
    qtbot.waitUntil(lambda: dialog.account.kind == "error", timeout=10000)
    assert "did not accept" in dialog.account.text()
    shots(dialog, "settings-login-failed")
    type_into(qtbot, dialog.password, "secret")
    click(qtbot, dialog.login_button)
    qtbot.waitUntil(lambda: dialog.account.kind == "ok", timeout=10000)
    assert "anna" in dialog.account.text()
    qtbot.waitUntil(lambda: "anna" in app.window.status.connection.label.text())
    shots(dialog, "settings-signed-in")
    dialog.language.setCurrentIndex(dialog.language.findData("de"))
    dialog.close()
    qtbot.waitUntil(lambda: app.window.settings.language == "de")


def test_offline_port_says_local_only(qtbot: QtBot, make_app: AppFactory, shots: Shots) -> None:
    app = make_app()
    assert "local only" in app.window.status.connection.label.text()
    dialog = app.window.show_settings()
    type_into(qtbot, dialog.url, "https://sales.example.com")
    type_into(qtbot, dialog.user, "anna")
    type_into(qtbot, dialog.password, "x")
    click(qtbot, dialog.login_button)
    qtbot.waitUntil(lambda: dialog.account.kind == "error", timeout=10000)
    assert "kept safely on this computer" in dialog.account.text()
    shots(dialog, "settings-offline")


def test_quote_pdf(qtbot: QtBot, make_app: AppFactory, tmp_path: Path, shots: Shots) -> None:
    app = make_app()
    wid = prefilled_sale(
        qtbot,
        app,
        {
            **STEPS,
            "lines": {
                "items": [
                    {"sku": "LAP-TP-T14-G5", "quantity": 3, "discount_percent": "5"},
                    {"sku": "LAP-TP-X1C-G12", "quantity": 1, "discount_percent": "0"},
                ]
            },
            "terms": {"payment_terms_days": 30, "notes": "Delivery to the Munich office."},
        },
    )
    target = tmp_path / "quote.pdf"
    QuoteExporter(app.controller, app.window).save(wid, target)
    qtbot.waitUntil(target.exists, timeout=15000)
    data = target.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 2000
    # What the PDF shows, rendered on screen for review.
    from PySide6.QtWidgets import QTextBrowser

    summary = on_worker(qtbot, app, lambda s: s.summary(wid))
    html = quote_html(summary)
    assert "VAT breakdown" in html and "€7,394.77" in html
    preview = QTextBrowser()
    qtbot.addWidget(preview)
    preview.setHtml(html)
    preview.resize(800, 900)
    preview.show()
    shots(preview, "quote-preview")
