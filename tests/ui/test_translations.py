"""Translations: complete German and Hungarian catalogues, and the app speaking them."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from pytestqt.qtbot import QtBot

from salesdesk.ui.resources import ui_resource

from .helpers import AppFactory, Shots, open_sale, prefilled_sale


@pytest.mark.parametrize("language", ["de", "hu"])
def test_catalogue_is_complete_and_compiled(language: str) -> None:
    ts = ui_resource("translations", f"salesdesk_{language}.ts")
    root = ET.parse(ts).getroot()
    unfinished = [
        m.findtext("source")
        for m in root.iter("message")
        if (m.find("translation") is not None)
        and m.find("translation").get("type") in ("unfinished", None)  # type: ignore[union-attr]
        and not (m.find("translation").text or m.find("translation").findall("numerusform"))  # type: ignore[union-attr]
    ]
    assert unfinished == []
    assert ts.with_suffix(".qm").stat().st_size > 1000


def test_the_app_in_german(qtbot: QtBot, make_app: AppFactory, shots: Shots) -> None:
    app = make_app(language="de")
    assert app.window.new_button.text() == "Neuer Verkauf"
    assert "nur lokal" in app.window.status.connection.label.text()
    wid = prefilled_sale(qtbot, app)
    qtbot.waitUntil(  # once the (background) lookups have answered
        lambda: (
            app.window.model.rowCount() == 1
            and "Bereit zur Übermittlung" in app.window.model.index(0, 1).data()
        ),
        timeout=10000,
    )
    assert "€" in app.window.model.index(0, 2).data() and "," in app.window.model.index(0, 2).data()
    shots(app.window, "main-de")
    window = open_sale(qtbot, app, wid)
    assert window.next_button.text().replace("&", "") == "Verkauf übermitteln"
    shots(window, "review-de")
    window.go("lines")
    shots(window, "lines-de")


def test_the_app_in_hungarian(qtbot: QtBot, make_app: AppFactory, shots: Shots) -> None:
    app = make_app(language="hu")
    wid = prefilled_sale(qtbot, app)
    window = open_sale(qtbot, app, wid)
    window.go("customer")
    assert window.customer.title.text() == "Ügyfél"
    shots(window, "customer-hu")
    # Units are price-list codes; the reader sees them in their language ("pcs" is "db").
    window.go("review")
    qtbot.waitUntil(lambda: " db" in window.review.body.toPlainText(), timeout=10000)
    assert " pcs" not in window.review.body.toPlainText()
    window.go("lines")
    assert window.lines.products.index(0, 2).data() == "db"


def test_every_domain_message_code_has_ui_wording() -> None:
    from salesdesk.sales.messages import TEMPLATES
    from salesdesk.ui.texts import _message_templates

    assert set(TEMPLATES) == set(_message_templates())


def test_domain_sentences_in_german(qtbot: QtBot, make_app: AppFactory, shots: Shots) -> None:
    """Problems, step notes and the timeline come from sales/ in English; the UI shows
    them by code in its own language."""
    from salesdesk.ui.timeline import TimelineDialog

    app = make_app(language="de")
    steps = {
        "customer": {"vat_number": "DE136695976"},
        "lines": {"items": [{"sku": "LAP-TP-T14-G5", "quantity": 2, "discount_percent": "20"}]},
    }
    wid = prefilled_sale(qtbot, app, steps)
    window = open_sale(qtbot, app, wid)
    window.go("review")
    qtbot.waitUntil(lambda: "Kontakt" in window.review.readiness.label.text())
    text = window.review.readiness.label.text()
    assert "„Kontakt“ ist noch nicht ausgefüllt" in text
    assert "Eine Führungskraft muss den Rabatt von 20 % genehmigen (über 15 %)" in text
    assert "not filled in" not in text
    shots(window, "review-problems-de")

    dialog = TimelineDialog(app.controller, wid, app.window)
    qtbot.addWidget(dialog)
    dialog.resize(900, 520)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.tree.topLevelItemCount() > 3, timeout=10000)
    lines = [dialog.tree.topLevelItem(i).text(3) for i in range(dialog.tree.topLevelItemCount())]
    assert lines[0].startswith("Verkauf begonnen von ") and "mit Preisliste 2026.1" in lines[0]
    assert any(line.startswith("Kunde festgelegt: USt-IdNr. DE136695976") for line in lines)
    assert any(line == "Positionen festgelegt: 1 Position" for line in lines)
    assert not any(line.startswith(("Customer set", "Started ", "Finished ")) for line in lines)
    shots(dialog, "timeline-de")
    dialog.close()
