"""Sync conflicts in the UI: a real conflict, produced by two laptops of one agent on a
real server over loopback, shown in the sales list and in the sale editor, then applied
again or dismissed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from tests.sync.conftest import (  # noqa: F401 - fixtures: a live server, in-memory keyring
    make_server,
    memory_keyring,
    server,
    sqlite_url,
    upstreams,
)
from tests.sync.helpers import CONTACT, CUSTOMER, SKU2, TERMS, Device, ServerHandle, lines

from salesdesk.ui.models import COLUMNS
from salesdesk.ui.sync_port import ServerSyncPort

from .helpers import AppFactory, Shots, click, on_worker, open_sale, prefilled_sale, wait_idle


def conflicting_profile(srv: ServerHandle, root: Path) -> tuple[str, Path]:
    """Laptop A cancels a shared sale while laptop B, offline, changes its lines and
    contact; A syncs first. B's profile (not yet synced) is returned for the UI."""
    a = Device(root / "laptop-a")
    b = Device(root / "laptop-b")
    try:
        a.login(srv.base_url)
        b.login(srv.base_url)
        a.cycle()
        wid = a.sales.new_sale()
        a.signal(wid, "customer", CUSTOMER)
        a.signal(wid, "contact", CONTACT)
        a.signal(wid, "lines", lines("5"))
        a.signal(wid, "terms", TERMS)
        a.sync_and_run()
        b.cycle()
        a.signal(wid, "cancel", {"reason": "customer bought elsewhere"})
        b.signal(wid, "lines", lines("7", quantity=3, sku=SKU2))
        b.signal(wid, "contact", {"name": "Jonas Brandt", "email": "jonas@example.de"})
        a.cycle()
    finally:
        a.close()
        b.close()
    return wid, b.data_dir


def sync_column(app: Any, wid: str) -> str:
    model = app.window.model
    for row in range(model.rowCount()):
        if model.row_at(row).workflow_id == wid:
            return str(model.data(model.index(row, COLUMNS.index("sync"))))
    raise AssertionError(f"{wid} not listed")


def test_conflict_from_server_is_shown_and_dismissed(
    qtbot: QtBot,
    make_app: AppFactory,
    server: ServerHandle,  # noqa: F811
    tmp_path: Path,
    shots: Shots,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    wid, profile = conflicting_profile(server, tmp_path / "devices")
    port = ServerSyncPort(background=False)

    def setup(service: Any) -> None:
        port.attach(service)

    app = make_app(profile, sync_port=port, setup=setup)
    try:
        wait_idle(qtbot, app)
        assert sync_column(app, wid).endswith("to upload")
        assert not app.window.conflict_notice.isVisible()

        # The UI's own sync (network thread) rebases B's changes on the cancelled sale.
        outcome: dict[str, Any] = {}
        app.controller.sync_now(
            lambda r: outcome.setdefault("ok", r), lambda e: outcome.setdefault("err", e)
        )
        qtbot.waitUntil(lambda: bool(outcome), timeout=20000)
        assert "err" not in outcome, outcome
        qtbot.waitUntil(lambda: sync_column(app, wid) == "2 conflicts", timeout=20000)
        qtbot.waitUntil(app.window.conflict_notice.isVisible)
        assert "could not be applied" in app.window.conflict_notice.label.text()
        shots(app.window, "main-window-conflict")
        click(qtbot, app.window.conflict_notice.button)  # "Show them" filters the list
        assert app.window.proxy.rowCount() == 1

        window = open_sale(qtbot, app, wid)
        banner = window.conflict_banner
        qtbot.waitUntil(banner.isVisible)
        text = banner.label.text()
        assert "Your change to Lines" in text and "Your change to Contact" in text
        assert "marked “Cancelled” elsewhere" in text
        assert "3 × LAP-TP-T14-G5" in text  # what B had entered, to enter again by hand
        assert "Jonas Brandt" in text
        # A cancelled sale takes no changes: nothing to apply again, only to dismiss.
        assert not banner.button.isVisible() and not banner.edit_button.isVisible()
        assert banner.dismiss_button.isVisible()
        shots(window, "sale-conflict-banner")

        monkeypatch.setattr(
            QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes
        )
        click(qtbot, banner.dismiss_button)
        qtbot.waitUntil(lambda: not banner.isVisible(), timeout=10000)
        qtbot.waitUntil(lambda: sync_column(app, wid) == "Uploaded", timeout=10000)
        assert not app.window.conflict_notice.isVisible()
        assert on_worker(qtbot, app, lambda s: s.conflicts(wid)) == []
        assert on_worker(qtbot, app, lambda s: s.summary(wid).status) == "cancelled"
        window.close()
    finally:
        app.controller.shutdown()
        port.close()


def test_conflict_applied_again_on_an_open_sale(
    qtbot: QtBot, make_app: AppFactory, shots: Shots
) -> None:
    app = make_app()
    wid = prefilled_sale(qtbot, app)
    changed = {"name": "Jonas Brandt", "email": "jonas.brandt@example.de"}
    bad = {"payment_terms_days": -5}
    conflicts = [
        {
            "kind": "conflict",
            "signal": "contact",
            "payload": changed,
            "recorded_at": "2026-03-02T09:15:00+00:00",
            "reason": "the contact step was changed on another computer",
            "fields": {},
        },
        {
            "kind": "conflict",
            "signal": "terms",
            "payload": bad,
            "recorded_at": "2026-03-02T09:16:00+00:00",
            "reason": "payment terms out of range",
            "fields": {},
        },
    ]
    on_worker(qtbot, app, lambda s: s.add_conflicts(wid, conflicts))
    app.controller.refresh_overview()
    window = open_sale(qtbot, app, wid)
    banner = window.conflict_banner
    qtbot.waitUntil(banner.isVisible)
    assert banner.button.isVisible() and banner.edit_button.isVisible()
    assert banner.edit_button.text().replace("&", "") == "Edit Contact"
    shots(window, "sale-conflict-open")

    click(qtbot, banner.button)  # apply again: the contact goes in, the terms do not
    qtbot.waitUntil(
        lambda: (
            window.summary is not None
            and window.summary.contact is not None
            and window.summary.contact["name"] == "Jonas Brandt"
        ),
        timeout=10000,
    )
    qtbot.waitUntil(lambda: len(window.conflict_banner.conflicts) == 1, timeout=10000)
    assert "Your change to Terms" in banner.label.text()
    assert "still could not be applied" in window.error_banner.label.text()
    left = on_worker(qtbot, app, lambda s: s.conflicts(wid))
    assert [c["signal"] for c in left] == ["terms"]

    click(qtbot, banner.edit_button)  # "Edit Terms" takes the agent to the step
    qtbot.waitUntil(lambda: window.current_step() == "terms")
    window.close()
