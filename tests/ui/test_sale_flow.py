"""A whole sale through the real widgets, online and with lookups waiting for the network."""

from __future__ import annotations

import json

from pytestqt.qtbot import QtBot

from salesdesk.ui.sale.steplist import STATE_ROLE

from .helpers import (
    AppFactory,
    Network,
    Shots,
    add_line,
    click,
    fill_contact,
    fill_customer,
    fill_terms,
    new_sale,
    next_step,
    wait_company,
    wait_idle,
)


def test_full_sale_through_the_wizard(qtbot: QtBot, make_app: AppFactory, shots: Shots) -> None:
    app = make_app()
    shots(app.window, "main-empty")
    assert app.window.stack.currentWidget() is app.window.empty

    window = new_sale(qtbot, app)
    assert window.current_step() == "customer"
    assert window.steps.step_state("customer") == "empty"
    page = window.customer
    # As-you-type offline check: a typo in the check digit is caught at the keyboard.
    qtbot.keyClicks(page.vat, "DE136695977")
    page.vat.clearFocus()
    qtbot.waitUntil(lambda: page.vat_message.kind == "error")
    assert "check digit" in page.vat_message.text()
    shots(window, "customer-vat-typo")

    fill_customer(qtbot, window, "DE136695976")
    wait_company(qtbot, window, "Müller Bürotechnik GmbH")
    assert "Marienplatz 8" in page.address.toPlainText()
    qtbot.waitUntil(lambda: "Registered in VIES" in page.company_state.text())
    shots(window, "customer-found")

    next_step(qtbot, window, "contact")
    assert window.steps.step_state("customer") == "done"
    # Invalid e-mail: the message appears beside the field and nothing is recorded.
    fill_contact(qtbot, window, "Jonas Weber", "jonas.example.de")
    click(qtbot, window.next_button)
    qtbot.waitUntil(lambda: window.contact.email_message.kind == "error")
    assert window.current_step() == "contact"
    shots(window, "contact-invalid-email")
    fill_contact(qtbot, window, "Jonas Weber", "jonas@example.de", "+49 89 1234567")
    next_step(qtbot, window, "lines")

    add_line(qtbot, window, "T14 Gen 5", 3, "5")
    add_line(qtbot, window, "X1 Carbon", 1)
    assert window.lines.model.rowCount() == 2
    assert window.lines.gross_text == "€7,394.77"
    shots(window, "lines")
    next_step(qtbot, window, "terms")

    fill_terms(qtbot, window, 45, "Deliver to the Munich office.")
    next_step(qtbot, window, "review")
    qtbot.waitUntil(
        lambda: window.summary is not None and window.summary.status == "ready", timeout=15000
    )
    qtbot.waitUntil(lambda: window.next_button.isEnabled())
    assert "Everything is in place" in window.review.readiness.label.text()
    assert "7,394.77" in window.review.text()
    shots(window, "review-ready")

    click(qtbot, window.next_button)
    qtbot.waitUntil(lambda: window.submit_page.state == "submitted", timeout=15000)
    assert window.current_step() == "submit"
    assert window.steps.step_state("submit") == "done"
    assert window.customer.vat.isReadOnly()
    shots(window, "submitted")

    # The list shows the sale as submitted, its total and its events waiting to upload.
    qtbot.waitUntil(
        lambda: (
            app.window.model.rowCount() == 1 and app.window.model.row_at(0).status == "submitted"
        )
    )
    row = app.window.model.row_at(0)
    assert row.customer == "Müller Bürotechnik GmbH"
    assert row.unsynced > 0
    assert str(row.unsynced) in app.window.status.events.label.text()
    shots(app.window, "main-with-sale")
    window.close()
    wait_idle(qtbot, app)
    assert not (app.controller.drafts.folder / f"{row.workflow_id}.json").exists()


def test_sale_with_lookups_waiting_for_the_network(
    qtbot: QtBot, make_app: AppFactory, network: Network, shots: Shots
) -> None:
    network.online = False
    app = make_app()
    window = new_sale(qtbot, app)
    fill_customer(qtbot, window, "HU12892312")
    qtbot.waitUntil(
        lambda: "Waiting for the network" in window.customer.company_state.text(), timeout=15000
    )
    qtbot.waitUntil(lambda: app.window.status.counts()[1] == 1)
    assert "1 lookup waiting" in app.window.status.lookups.label.text()
    shots(window, "customer-waiting-for-network")
    # The agent carries on offline: name and address are typed by hand.
    next_step(qtbot, window, "contact")
    fill_contact(qtbot, window, "Kovács Anna", "anna@example.hu")
    next_step(qtbot, window, "lines")
    add_line(qtbot, window, "LAP-TP-E14-G6", 2)
    next_step(qtbot, window, "terms")
    next_step(qtbot, window, "review")
    qtbot.waitUntil(
        lambda: window.summary is not None and window.summary.status == "awaiting_lookups",
        timeout=10000,
    )
    qtbot.waitUntil(lambda: window.next_button.isEnabled())
    shots(window, "review-awaiting-lookups")

    click(qtbot, window.next_button)
    qtbot.waitUntil(lambda: window.submit_page.state == "submit_pending", timeout=10000)
    assert window.steps.step_state("submit") == "pending"
    assert window.steps.item_of("submit").data(STATE_ROLE) == "pending"
    shots(window, "submit-pending")

    network.online = True
    app.controller.network_available()
    qtbot.waitUntil(lambda: window.submit_page.state == "submitted", timeout=20000)
    assert window.summary is not None and window.summary.customer is not None
    assert window.summary.customer.company_name == "Kovács és Társa Kft."
    qtbot.waitUntil(lambda: app.window.status.counts()[1] == 0, timeout=10000)
    shots(window, "submitted-after-network")


def test_keyboard_only_first_step(qtbot: QtBot, make_app: AppFactory) -> None:
    app = make_app()
    app.window.activateWindow()
    app.window.new_action.trigger()  # Ctrl+N
    qtbot.waitUntil(lambda: len(app.window.sale_windows) == 1, timeout=10000)
    window = next(iter(app.window.sale_windows.values()))
    qtbot.waitUntil(lambda: window.is_open)
    assert window.customer.vat.hasFocus() or window.focusWidget() is window.customer.vat
    qtbot.keyClicks(window.customer.vat, "FR40303265045")
    from PySide6.QtCore import Qt

    qtbot.keyClick(window.customer.vat, Qt.Key.Key_Return)  # Enter confirms the step
    qtbot.waitUntil(lambda: window.current_step() == "contact", timeout=10000)
    assert window.contact.name.hasFocus() or window.focusWidget() is window.contact.name


def test_drafts_are_json_files_written_atomically(tmp_path: object) -> None:
    from pathlib import Path

    from salesdesk.ui.drafts import Draft, DraftStore

    folder = Path(str(tmp_path)) / "drafts"
    store = DraftStore(folder)
    store.save(Draft("abc-1", "contact", {"contact": {"name": "Jo"}}))
    data = json.loads((folder / "abc-1.json").read_text())
    assert data["page"] == "contact" and data["fields"]["contact"]["name"] == "Jo"
    assert [p.name for p in folder.iterdir()] == ["abc-1.json"]
    (folder / "abc-1.json").write_text("{broken")
    assert store.load("abc-1") is None
    assert (folder / "abc-1.damaged.json").exists()


def test_failed_lookup_shows_the_reason_and_can_be_retried(
    qtbot: QtBot, make_app: AppFactory, shots: Shots
) -> None:
    from typing import Any

    from salesdesk.flow.errors import NonRetryableError
    from salesdesk.flow.runner import ActivityContext
    from salesdesk.sales.standin import STANDIN_ACTIVITIES

    answers = {"fail": True}

    def company_lookup(payload: Any, ctx: ActivityContext) -> Any:
        if answers["fail"]:
            raise NonRetryableError("the registry of this member state is down for maintenance")
        return STANDIN_ACTIVITIES["company_lookup"](payload, ctx)

    app = make_app(activities={**STANDIN_ACTIVITIES, "company_lookup": company_lookup})
    window = new_sale(qtbot, app)
    fill_customer(qtbot, window, "IT00743110157")
    page = window.customer
    qtbot.waitUntil(lambda: "Failed" in page.company_state.text(), timeout=15000)
    assert "down for maintenance" in page.company_state.text()
    assert page.retry_button.isVisible()
    shots(window, "customer-lookup-failed")
    answers["fail"] = False
    click(qtbot, page.retry_button)
    qtbot.waitUntil(lambda: "Registered in VIES" in page.company_state.text(), timeout=15000)
    assert page.name.text() == "Rossi Forniture S.r.l."


def test_overriding_the_registry_name_is_recorded(qtbot: QtBot, make_app: AppFactory) -> None:
    from .helpers import type_into

    app = make_app()
    window = new_sale(qtbot, app)
    fill_customer(qtbot, window, "NL004495445B01")
    wait_company(qtbot, window, "Jansen Kantoor B.V.")
    page = window.customer
    type_into(qtbot, page.name, "Jansen Kantoor (Utrecht branch)")
    assert page.name_reset.isVisible()
    assert "registry says: Jansen Kantoor B.V." in page.name_message.text()
    next_step(qtbot, window, "contact")
    qtbot.waitUntil(
        lambda: (
            window.summary is not None
            and window.summary.customer is not None
            and window.summary.customer.name_overridden
        ),
        timeout=10000,
    )
    assert window.summary is not None and window.summary.customer is not None
    assert window.summary.customer.company_name == "Jansen Kantoor (Utrecht branch)"
    assert not window.summary.customer.address_overridden  # the address stayed the registry's
    # Going back to the registry's name removes the override.
    window.go("customer")
    click(qtbot, window.customer.name_reset)
    assert window.customer.name.text() == "Jansen Kantoor B.V."
    click(qtbot, window.next_button)
    qtbot.waitUntil(
        lambda: (
            window.summary is not None
            and window.summary.customer is not None
            and not window.summary.customer.name_overridden
        ),
        timeout=10000,
    )
