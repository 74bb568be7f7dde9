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
