"""Sign-in: clear refusals, tokens only in the OS keyring, expired or revoked tokens that
ask for a new login without losing anything, and no insecure fallback for the keyring."""

from __future__ import annotations

import logging
import subprocess
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import keyring
import keyring.backends.chainer
import keyring.backends.fail
import keyring.backends.null
import pytest

from salesdesk.sync.credentials import SERVICE
from salesdesk.sync.errors import AuthError, KeyringUnavailable, NotLoggedIn
from salesdesk.sync.memory_keyring import MemoryKeyring

from .helpers import (
    CONTACT,
    CUSTOMER,
    PASSWORD,
    SALESDESK,
    TERMS,
    Device,
    Fleet,
    ServerHandle,
    lines,
    python_env,
)


def stored_files(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_wrong_password_is_refused_clearly_and_stores_nothing(
    server: ServerHandle, fleet: Fleet, memory_keyring: MemoryKeyring
) -> None:
    device = fleet.device("laptop")
    with pytest.raises(AuthError) as refused:
        device.login(server.base_url, "anna", "not-the-password")
    message = str(refused.value).lower()
    assert "wrong" in message and "password" in message, message
    assert memory_keyring._items == {}
    assert not (device.data_dir / "sync.json").exists()
    assert device.sync.profile() is None
    assert device.sync.board.current().logged_in_as is None
    with pytest.raises(NotLoggedIn):
        device.cycle()


def test_cli_login_refusals(server: ServerHandle, tmp_path: Path) -> None:
    """Wrong password, and no usable keyring: a plain message, exit 1, nothing on disk."""
    data_dir = tmp_path / "laptop"
    keyring_file = tmp_path / "keyring.json"
    base = [*SALESDESK, "--data-dir", str(data_dir), "login"]
    args = [*base, "--server", server.base_url, "--user", "anna"]
    wrong = subprocess.run(
        args,
        input="guess\n",
        capture_output=True,
        text=True,
        env=python_env(keyring_file),
        timeout=60,
        check=False,
    )
    assert wrong.returncode == 1, wrong.stderr
    assert "login failed" in wrong.stderr and "wrong" in wrong.stderr.lower(), wrong.stderr
    no_store = subprocess.run(
        args,
        input=f"{PASSWORD}\n",
        capture_output=True,
        text=True,
        env=python_env(keyring_file, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring"),
        timeout=60,
        check=False,
    )
    assert no_store.returncode == 1, no_store.stderr
    assert "no secure credential store (OS keyring)" in no_store.stderr, no_store.stderr
    assert not keyring_file.exists()
    assert not (data_dir / "sync.json").exists()
    for content in stored_files(data_dir).values():
        assert b"Bearer" not in content


def test_token_lives_only_in_the_keyring(
    server: ServerHandle,
    fleet: Fleet,
    memory_keyring: MemoryKeyring,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    device = fleet.device("laptop")
    device.login(server.base_url)
    token = memory_keyring.get_password(SERVICE, f"{server.base_url}|anna")
    assert token and len(token) >= 32
    device.cycle()
    wid = device.full_sale(wait=5)
    device.sync_and_run()
    assert device.summary(wid).status == "accepted"
    files = stored_files(device.data_dir)  # the database, its WAL, the profile, price lists
    assert any(p.name == "salesdesk.db" for p in files)
    assert any(p.name == "sync.json" for p in files)
    for path, content in files.items():
        assert token.encode() not in content, f"the token is in {path}"
    assert "/api/v1/sync/push" in caplog.text, "the logs were not captured"
    assert token not in caplog.text
    assert "Bearer" not in caplog.text


def offline_work(device: Device) -> str:
    """A sale recorded without being synced; its lookups cannot run yet."""
    wid = device.sales.new_sale()
    device.signal(wid, "customer", CUSTOMER, wait=1)
    device.signal(wid, "contact", CONTACT)
    device.signal(wid, "lines", lines("5"), wait=1)
    device.signal(wid, "terms", TERMS)
    device.signal(wid, "submit", {})
    return wid


def assert_needs_login_then_recovers(server: ServerHandle, device: Device, wid: str) -> None:
    pending = device.pending()
    assert pending > 0
    with pytest.raises(AuthError) as refused:
        device.cycle()
    assert "log in again" in str(refused.value)
    status = device.sync.board.current()
    assert status.needs_login is True
    assert status.events_pending == pending
    tasks = device.sales.lookups()
    assert tasks and {t.state for t in tasks} == {"waiting_for_network"}
    assert {t.last_error_code for t in tasks} == {"LOGIN_REQUIRED"}
    assert all(t.attempts == 0 for t in tasks)
    assert device.pending() == pending  # nothing queued was lost
    assert device.summary(wid).status == "submit_pending"

    device.login(server.base_url)
    assert device.sync.board.current().needs_login is False
    report = device.cycle()
    assert report.pushed_events == pending
    device.sales.run_lookups(10)
    device.cycle()
    summary = device.summary(wid)
    assert summary.status == "accepted", summary.problems
    assert device.pending() == 0
    assert device.history(wid) == server.history(wid)


def test_revoked_token_asks_for_login_and_loses_nothing(server: ServerHandle, fleet: Fleet) -> None:
    device = fleet.device("laptop")
    device.login(server.base_url)
    device.cycle()
    assert server.revoke("anna") >= 1
    wid = offline_work(device)
    assert_needs_login_then_recovers(server, device, wid)


def test_expired_token_asks_for_login_and_loses_nothing(
    make_server: Any, sqlite_url: str, fleet: Fleet
) -> None:
    server: ServerHandle = make_server(sqlite_url, token_ttl=timedelta(minutes=30))
    device = fleet.device("laptop")
    device.login(server.base_url)
    device.cycle()
    server.clock.offset = timedelta(minutes=31)
    wid = offline_work(device)
    assert_needs_login_then_recovers(server, device, wid)


def test_logout_forgets_and_revokes_the_token(
    server: ServerHandle, fleet: Fleet, memory_keyring: MemoryKeyring
) -> None:
    device = fleet.device("laptop")
    device.login(server.base_url)
    token = memory_keyring.get_password(SERVICE, f"{server.base_url}|anna")
    device.sync.logout()
    assert memory_keyring._items == {}
    assert device.sync.profile() is None
    answer = httpx.get(
        f"{server.base_url}/api/v1/me", headers={"Authorization": f"Bearer {token}"}, timeout=10
    )
    assert answer.status_code == 401


class PlaintextKeyring:
    """Stands for keyrings.alt's plain-text file backend (not installed here)."""

    def __init__(self) -> None:
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


PlaintextKeyring.__module__ = "keyrings.alt.file"


@pytest.mark.parametrize("backend", ["fail", "null", "empty chain", "plaintext in a chain"])
def test_no_keyring_backend_is_refused(
    server: ServerHandle, fleet: Fleet, backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    chainer = keyring.backends.chainer.ChainerBackend
    plaintext = PlaintextKeyring()
    if backend == "fail":
        keyring.set_keyring(keyring.backends.fail.Keyring())
    elif backend == "null":
        keyring.set_keyring(keyring.backends.null.Keyring())
    else:
        chained = [] if backend == "empty chain" else [plaintext]
        monkeypatch.setattr(chainer, "backends", chained)
        keyring.set_keyring(chainer())
    device = fleet.device("laptop")
    with pytest.raises(KeyringUnavailable) as refused:
        device.login(server.base_url)
    message = str(refused.value)
    assert "no secure credential store (OS keyring)" in message
    assert "GNOME Keyring or KWallet" in message
    assert "Nothing was saved to disk" in message
    assert plaintext.items == {}
    assert device.sync.profile() is None
    assert not (device.data_dir / "sync.json").exists()
