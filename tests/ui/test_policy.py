"""The administrator's policy in the desktop app: read through SALESDESK_POLICY_FILE, it
sets sale defaults, the sync client, the server URL and language, locks settings, and a
broken file is explained once while the app runs on safe defaults."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from salesdesk.policy import POLICY_FILE_ENV, load_policy
from salesdesk.sync.profile import SyncProfile
from salesdesk.ui.app import sync_port_for
from salesdesk.ui.ports import OfflineSyncPort
from salesdesk.ui.sync_port import ServerSyncPort

from .helpers import AppFactory, Shots, click, on_worker, wait_idle


def write_policy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> Path:
    path = tmp_path / "etc" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv(POLICY_FILE_ENV, str(path))
    return path


def test_policy_sets_defaults_and_locks_settings(
    qtbot: QtBot,
    make_app: AppFactory,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    shots: Shots,
) -> None:
    ca = tmp_path / "etc" / "company-ca.pem"
    ca.parent.mkdir(parents=True)
    ca.write_text("not a certificate\n", encoding="utf-8")
    path = write_policy(
        tmp_path,
        monkeypatch,
        'locked = ["server.url", "sales.discount_approval_threshold"]\n'
        "[server]\n"
        'url = "https://sales.example.com"\n'
        f'ca_file = "{ca}"\n'
        "[sync]\n"
        "interval_seconds = 120\n"
        "[sales]\n"
        "quote_validity_days = 14\n"
        "discount_approval_threshold = 10\n",
    )
    app = make_app()
    wait_idle(qtbot, app)
    assert not app.window.policy_notice.isVisible()

    # New sales start with the policy's validity and approval threshold.
    def new_sale(service: Any) -> Any:
        return service.summary(service.new_sale())

    summary = on_worker(qtbot, app, new_sale)
    assert Decimal(summary.approval.threshold) == Decimal(10)
    started = datetime.fromisoformat(summary.started_at)
    assert (datetime.fromisoformat(summary.expires_at) - started).days == 14

    dialog = app.window.show_settings()
    assert dialog.url.text() == "https://sales.example.com"
    assert dialog.url.isReadOnly()
    assert str(path) in dialog.url_lock_reason.text()
    assert dialog.language.isEnabled()  # not locked
    rows = dialog.policy_rows
    assert rows["sync.interval_seconds"].text() == "120 seconds"
    assert rows["sales.quote_validity_days"].text() == "14 days"
    assert rows["sales.discount_approval_threshold"].text().startswith("10")
    assert rows["server.ca_file"].text() == str(ca)
    shots(dialog, "settings-policy-locked")
    dialog.close()

    # The sync client gets the policy's interval and CA bundle (the CA file reaches the
    # TLS setup: this one is no certificate, so the client reports it by name).
    policy, problems = load_policy()
    assert problems == []
    port = sync_port_for(policy)
    assert isinstance(port, ServerSyncPort)
    assert port.interval_seconds == 120 and port.ca_file == str(ca)
    client = port._client(SyncProfile("https://sales.example.com", "anna"), None)
    try:
        assert client._trust_problem is not None and str(ca) in client._trust_problem
    finally:
        client.close()


def test_sync_turned_off_by_policy(
    qtbot: QtBot, make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_policy(tmp_path, monkeypatch, 'locked = ["sync.enabled"]\n[sync]\nenabled = false\n')
    policy, _ = load_policy()
    port = sync_port_for(policy)
    assert isinstance(port, OfflineSyncPort)
    app = make_app(sync_port=port)
    dialog = app.window.show_settings()
    assert "turned syncing off" in dialog.account.text()
    assert not dialog.login_button.isEnabled() and not dialog.url.isEnabled()
    assert dialog.policy_rows["sync.enabled"].text().startswith("Off")
    box: dict[str, Any] = {}
    app.controller.login(
        "https://x.example", "anna", "pw", box.setdefault, lambda e: box.setdefault("err", e)
    )
    qtbot.waitUntil(lambda: bool(box))
    assert "turned syncing off" in box["err"].message
    dialog.close()


def test_invalid_policy_starts_with_defaults_and_says_so_once(
    qtbot: QtBot,
    make_app: AppFactory,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    shots: Shots,
) -> None:
    path = write_policy(
        tmp_path,
        monkeypatch,
        '[sales]\ndiscount_approval_threshold = 10\n[sync]\ninterval_seconds = "often\n',
    )
    profile = tmp_path / "profile"
    app = make_app(profile)
    wait_idle(qtbot, app)
    notice = app.window.policy_notice
    assert notice.isVisible()
    assert str(path) in notice.label.text() and "line 4" in notice.label.text()
    shots(app.window, "policy-invalid")

    # Safe defaults: the whole unreadable file is ignored.
    summary = on_worker(qtbot, app, lambda s: s.summary(s.new_sale()))
    assert Decimal(summary.approval.threshold) == Decimal(15)

    click(qtbot, notice.button)  # "Hide": not shown again for the same problems
    assert not notice.isVisible()
    wait_idle(qtbot, app)
    app.window.close()
    app.controller.shutdown()

    again = make_app(profile)
    assert again.window.settings.policy_notice
    assert not again.window.policy_notice.isVisible()
