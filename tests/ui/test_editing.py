"""Going back to an earlier step, and drafts that keep what was typed but not saved."""

from __future__ import annotations

import json

from pytestqt.qtbot import QtBot

from .helpers import (
    AppFactory,
    Shots,
    click,
    open_sale,
    prefilled_sale,
    type_into,
    wait_idle,
)


def test_editing_an_earlier_step_marks_later_steps_stale(
    qtbot: QtBot, make_app: AppFactory, shots: Shots
) -> None:
    app = make_app()
    wid = prefilled_sale(qtbot, app)
    window = open_sale(qtbot, app, wid)
    assert window.current_step() == "review"
    assert [window.steps.step_state(s) for s in ("customer", "contact", "lines", "terms")] == [
        "done"
    ] * 4

    window.steps.setCurrentRow(1)  # click "Contact" in the step list
    assert window.current_step() == "contact"
    type_into(qtbot, window.contact.name, "Jonas B. Weber")
    assert window.steps.step_state("contact") == "edited"
    click(qtbot, window.next_button)
    qtbot.waitUntil(lambda: window.steps.step_state("lines") == "stale", timeout=10000)
    assert window.steps.step_state("terms") == "stale"
    assert window.steps.step_state("contact") == "done"
    assert window.current_step() == "lines"
    assert window.lines.note.isVisible()
    assert "Contact changed" in window.lines.note.label.text()
    assert window.next_button.text().replace("&", "") == "Confirm and continue"
    tooltip = window.steps.item_of("terms").toolTip()
    assert "Contact changed" in tooltip
    shots(window, "lines-stale-after-contact-edit")

    # Confirming the lines again (unchanged) makes them done; terms stay to confirm.
    click(qtbot, window.next_button)
    qtbot.waitUntil(lambda: window.steps.step_state("lines") == "done", timeout=10000)
    assert window.steps.step_state("terms") == "stale"
    window.go("review")
    qtbot.waitUntil(lambda: "Terms must be confirmed again" in window.review.readiness.label.text())
    assert not window.next_button.isEnabled()  # cannot submit with a step to confirm
    shots(window, "review-terms-stale")


def test_draft_restored_after_closing_mid_page(
    qtbot: QtBot, make_app: AppFactory, shots: Shots
) -> None:
    app = make_app()
    wid = prefilled_sale(qtbot, app, {"customer": {"vat_number": "FR40303265045"}})
    window = open_sale(qtbot, app, wid)
    assert window.current_step() == "contact"
    type_into(qtbot, window.contact.name, "Claire Dup")
    type_into(qtbot, window.contact.email, "claire@")
    window.close()  # closed mid-page: nothing was confirmed
    wait_idle(qtbot, app)
    draft_file = app.controller.drafts.folder / f"{wid}.json"
    assert draft_file.exists()
    draft = json.loads(draft_file.read_text())
    assert draft["page"] == "contact"
    assert draft["fields"]["contact"]["name"] == "Claire Dup"

    window = open_sale(qtbot, app, wid)
    assert window.current_step() == "contact"
    assert window.contact.name.text() == "Claire Dup"
    assert window.contact.email.text() == "claire@"
    assert window.restored.isVisible()
    assert window.steps.step_state("contact") == "edited"
    shots(window, "contact-restored-from-draft")

    # Finishing the step records it and removes the draft.
    type_into(qtbot, window.contact.email, "claire@example.fr")
    click(qtbot, window.next_button)
    qtbot.waitUntil(lambda: window.current_step() == "lines", timeout=10000)
    wait_idle(qtbot, app)
    assert not draft_file.exists()
    assert not window.restored.isVisible()


def test_draft_survives_quitting_the_app(
    qtbot: QtBot, make_app: AppFactory, tmp_path: object
) -> None:
    from pathlib import Path

    profile = Path(str(tmp_path)) / "quit-profile"
    app = make_app(profile)
    wid = prefilled_sale(qtbot, app, {"customer": {"vat_number": "DE136695976"}})
    window = open_sale(qtbot, app, wid)
    window.go("terms")
    type_into(qtbot, window.terms.notes, "Call before delivery")
    # Quit at once: the main window closes the sale window, shutdown drains the queue.
    app.window.close()
    assert app.controller.shutdown()

    again = make_app(profile)
    window = open_sale(qtbot, again, wid)
    assert window.current_step() == "terms"
    assert window.terms.notes.toPlainText() == "Call before delivery"


def test_discarding_a_draft_puts_back_the_recorded_values(
    qtbot: QtBot, make_app: AppFactory
) -> None:
    app = make_app()
    wid = prefilled_sale(qtbot, app)
    window = open_sale(qtbot, app, wid)
    window.go("contact")
    type_into(qtbot, window.contact.name, "Someone Else")
    window.close()
    wait_idle(qtbot, app)
    window = open_sale(qtbot, app, wid)
    assert window.contact.name.text() == "Someone Else"
    click(qtbot, window.restored.button)
    assert window.contact.name.text() == "Jonas Weber"
    assert window.steps.step_state("contact") == "done"
    wait_idle(qtbot, app)
    assert not (app.controller.drafts.folder / f"{wid}.json").exists()


def test_closing_right_after_confirming_loses_nothing(qtbot: QtBot, make_app: AppFactory) -> None:
    app = make_app()
    wid = prefilled_sale(qtbot, app, {"customer": {"vat_number": "DE136695976"}})
    window = open_sale(qtbot, app, wid)
    type_into(qtbot, window.contact.name, "Jonas Weber")
    type_into(qtbot, window.contact.email, "jonas@example.de")
    click(qtbot, window.next_button)
    window.close()  # before the signal's answer came back
    wait_idle(qtbot, app)
    window = open_sale(qtbot, app, wid)
    assert window.steps.step_state("contact") == "done"
    assert window.contact.name.text() == "Jonas Weber"
    assert not window.restored.isVisible()
    wait_idle(qtbot, app)
    assert not (app.controller.drafts.folder / f"{wid}.json").exists()
