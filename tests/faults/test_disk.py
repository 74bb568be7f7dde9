"""Disk faults, issue #8: a full disk and a read-only data folder while a signal is sent.

Real conditions, not mocks: the profile lives on a small tmpfs that is filled until the
kernel answers ENOSPC (SQLite then fails with SQLITE_FULL or an I/O error), or that is
remounted read-only (EROFS). Needs root for mount(8), as CI has; elsewhere these tests
skip and say why (tests/flow/test_store.py covers a full database through
``PRAGMA max_page_count`` on any machine).

For each case, through the application service and through ``salesdesk sale signal``:
a clear message (what is wrong, what to do), a non-zero exit code, the signal is not
acknowledged nor stored, and everything stored before is intact: reopened, every history
is what it was, ``PRAGMA integrity_check`` says ok and every history replays.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import select
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from salesdesk.flow.errors import DiskWriteError, FlowError
from salesdesk.flow.replayer import replay_all
from salesdesk.sales.service import DB_FILE, SalesService
from salesdesk.sales.standin import STANDIN_ACTIVITIES

REPO = Path(__file__).resolve().parents[2]
PRICE_LIST = REPO / "resources" / "pricelists" / "demo-2026.json"
CONTACT = {"name": "Anna Weber", "email": "anna.weber@example.de"}
LINES = {"items": [{"sku": "LAP-TP-X1C-G12", "quantity": 2, "discount_percent": "5"}]}


def _mount(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["mount", *args], capture_output=True, text=True, check=False)


@contextlib.contextmanager
def small_disk(where: Path, size: str = "4m") -> Iterator[Path]:
    """A tmpfs of ``size`` mounted at ``where`` for the test (root only)."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("needs root and mount(8) for a real full or read-only file system")
    where.mkdir(parents=True, exist_ok=True)
    done = _mount("-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(where))
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield where
    finally:
        _mount("-o", "remount,rw", str(where))
        subprocess.run(["umount", "-l", str(where)], check=False)


def fill(disk: Path) -> Path:
    """Write a filler file until the file system says ENOSPC; remove it to free the disk."""
    filler = disk / f"filler-{uuid.uuid4().hex[:6]}"
    with filler.open("wb", buffering=0) as fh:
        with contextlib.suppress(OSError):
            while True:
                fh.write(b"\0" * 4096)
        with contextlib.suppress(OSError):
            while True:
                fh.write(b"\0" * 64)
    assert shutil.disk_usage(disk).free < 64 * 1024
    return filler


def seed_profile(data_dir: Path, sales: int = 3) -> dict[str, list[dict[str, Any]]]:
    """A profile with a few sales, closed cleanly; returns every history as it is stored."""
    with SalesService(data_dir, STANDIN_ACTIVITIES) as svc:
        svc.price_lists.import_file(PRICE_LIST)
        for n in range(sales):
            wid = svc.new_sale()
            svc.signal(wid, "customer", {"vat_number": "DE812453790"})
            svc.signal(wid, "contact", {"name": f"Contact {n}", "email": f"c{n}@example.com"})
            if n % 2 == 0:
                svc.signal(wid, "lines", LINES)
            svc.run_lookups(2.0)
        return stored_histories(svc)


def stored_histories(svc: SalesService) -> dict[str, list[dict[str, Any]]]:
    return {
        r.workflow_id: [e.to_json() for e in svc.engine.history(r.workflow_id)]
        for r in svc.engine.list_workflows()
    }


def assert_intact(data_dir: Path, before: dict[str, list[dict[str, Any]]]) -> None:
    """Reopened: the same histories, a sound file, every history replays."""
    with sqlite3.connect(data_dir / DB_FILE) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    conn.close()
    with SalesService(data_dir, STANDIN_ACTIVITIES) as svc:
        assert stored_histories(svc) == before
        report = replay_all(svc.engine)
        assert report.ok, report.failures
        assert report.replayed == len(before)
        # And the profile works again.
        wid = sorted(before)[0]
        svc.signal(wid, "contact", {"name": "After Recovery", "email": "after@example.com"})


def cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, SALESDESK_DATA_DIR=str(data_dir), PYTHONIOENCODING="utf-8")
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
    return subprocess.run(
        [sys.executable, "-m", "salesdesk.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def assert_plain_failure(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 1, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.stdout == "", "nothing may look acknowledged"
    assert result.stderr.startswith("salesdesk: "), result.stderr
    for word in words:
        assert word in result.stderr, (word, result.stderr)


# ------------------------------------------------------------------------------ disk full


def test_disk_full_during_signals_of_a_running_app(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk") as disk:
        data_dir = disk / "profile"
        seed_profile(data_dir)
        with SalesService(data_dir, STANDIN_ACTIVITIES) as svc:
            wid = sorted(stored_histories(svc))[0]
            filler = fill(disk)
            acked = 0
            with pytest.raises(DiskWriteError) as caught:
                for n in range(5000):  # the WAL may still hold room for a few
                    svc.signal(wid, "terms", {"payment_terms_days": 30, "notes": f"n{n}"})
                    acked += 1
            message = str(caught.value)
            assert str(data_dir / DB_FILE) in message
            assert "the disk is full" in message and "free some space" in message
            assert "Nothing was saved" in message
            # Not acknowledged, not stored, not in the live state.
            history = stored_histories(svc)
            notes = [
                e["data"]["payload"]["notes"]
                for e in history[wid]
                if e["data"].get("name") == "terms"
            ]
            assert notes == [f"n{n}" for n in range(acked)]
            with pytest.raises(DiskWriteError):  # still full: still refused, same words
                svc.signal(wid, "contact", CONTACT)
        filler.unlink()
        assert_intact(data_dir, history)


def test_disk_full_cli_signal_is_refused_plainly(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk") as disk:
        data_dir = disk / "profile"
        before = seed_profile(data_dir)
        wid = sorted(before)[0]
        filler = fill(disk)
        result = cli(
            data_dir,
            "sale",
            "signal",
            wid,
            "terms",
            "--json",
            '{"payment_terms_days": 14}',
            "--output-json",
        )
        assert_plain_failure(result, str(data_dir / DB_FILE), "disk is full", "free some space")
        filler.unlink()
        assert_intact(data_dir, before)


# ------------------------------------------------------------------------------ read-only


def test_read_only_data_folder_is_refused_plainly(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk") as disk:
        data_dir = disk / "profile"
        before = seed_profile(data_dir)
        wid = sorted(before)[0]
        done = _mount("-o", "remount,ro", str(disk))
        assert done.returncode == 0, done.stderr
        # The application service (the app and the CLI open the profile the same way).
        with pytest.raises(FlowError) as caught, SalesService(data_dir, STANDIN_ACTIVITIES) as svc:
            svc.signal(wid, "contact", CONTACT)
        message = str(caught.value)
        assert "read-only" in message and "permissions" in message, message
        assert "Nothing was saved" in message
        # The command line.
        result = cli(data_dir, "sale", "signal", wid, "contact", "--json", '{"name": "X Y"}')
        assert_plain_failure(result, "read-only", "permissions", str(data_dir))
        # A profile that does not exist yet on a read-only disk.
        result = cli(disk / "new-profile", "sale", "list")
        assert_plain_failure(result, "cannot write", "permissions")
        done = _mount("-o", "remount,rw", str(disk))
        assert done.returncode == 0, done.stderr
        assert_intact(data_dir, before)


# ------------------------------------------------------------------------------ permissions

NOBODY = 65534


def as_nobody(fn: Callable[[], tuple[int, str]]) -> tuple[int, str]:
    """Run ``fn`` in a forked child that dropped root for nobody (root bypasses file
    permissions, an agent's account does not). Modules it needs must be imported already:
    nobody may not read this interpreter's standard library."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        try:
            os.close(read_end)
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            result: Any = fn()
        except BaseException as exc:  # reported to the parent, which fails the test
            result = (-1, f"{type(exc).__name__}: {exc}")
        os.write(write_end, json.dumps(result).encode())
        os._exit(0)
    os.close(write_end)
    # A fork of a process with threads could hang on a lock some thread held: give up
    # after a minute rather than at pytest's timeout.
    ready, _, _ = select.select([read_end], [], [], 60)
    if not ready:
        os.kill(pid, signal.SIGKILL)
    with os.fdopen(read_end, "rb") as fh:
        data = fh.read() if ready else b""
    os.waitpid(pid, 0)
    assert data, "the unprivileged child did not answer within a minute"
    code, text = json.loads(data)
    return int(code), str(text)


@pytest.mark.parametrize("folder_writable", [True, False], ids=["file-read-only", "folder-too"])
def test_a_profile_the_user_may_not_write_is_refused_plainly(
    tmp_path: Path, folder_writable: bool
) -> None:
    if os.geteuid() != 0:
        pytest.skip("needs root to drop to an unprivileged user")
    base = Path(tempfile.mkdtemp(prefix="salesdesk-perm-", dir="/tmp"))
    try:
        base.chmod(0o755)
        data_dir = base / "profile"
        before = seed_profile(data_dir)
        wid = sorted(before)[0]
        # Owned by root, readable by all; the folder writable by all or by root only.
        data_dir.chmod(0o777 if folder_writable else 0o755)
        (data_dir / DB_FILE).chmod(0o644)
        # Everything the child needs, imported while still root.
        from salesdesk import cli as salesdesk_cli

        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            salesdesk_cli.main(["--data-dir", str(tmp_path / "warm-up"), "sale", "list"])

        def service() -> tuple[int, str]:
            try:
                with SalesService(data_dir, STANDIN_ACTIVITIES) as svc:
                    svc.signal(wid, "contact", CONTACT)
            except FlowError as exc:
                return 1, str(exc)
            return 0, "accepted"

        def command() -> tuple[int, str]:
            err = io.StringIO()
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
                code = salesdesk_cli.main(
                    [
                        "--data-dir",
                        str(data_dir),
                        "sale",
                        "signal",
                        wid,
                        "contact",
                        "--json",
                        json.dumps(CONTACT),
                    ]
                )
            return code, err.getvalue()

        for fn in (service, command):
            code, text = as_nobody(fn)
            assert code == 1, (fn.__name__, code, text)
            assert "read-only" in text and "permissions" in text, (fn.__name__, text)
            assert "Nothing was saved" in text, text
        for leftover in data_dir.glob(f"{DB_FILE}-*"):
            leftover.unlink()  # journal files nobody may have created beside the database
        assert_intact(data_dir, before)
    finally:
        shutil.rmtree(base, ignore_errors=True)


# ------------------------------------------------------------------------------ the words


def test_sqlite_failures_are_named_by_what_the_file_system_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The mapping behind the messages above, on any machine (no root needed)."""
    from salesdesk.flow.errors import StoreError
    from salesdesk.store import database

    db = tmp_path / "salesdesk.db"
    full = database.translate_db_error(sqlite3.OperationalError("database or disk is full"), db)
    assert isinstance(full, DiskWriteError)
    assert "the disk is full" in str(full) and "KiB left" in str(full)
    assert "free some space" in str(full)
    readonly = database.translate_db_error(
        sqlite3.OperationalError("attempt to write a readonly database"), db
    )
    assert isinstance(readonly, DiskWriteError) and "read-only" in str(readonly)
    # SQLite says only "I/O error" or "unable to open": the file system tells which.
    cant_open = sqlite3.OperationalError("unable to open database file")
    io_error = sqlite3.OperationalError("disk I/O error")
    opened = database.translate_db_error(cant_open, db)
    assert isinstance(opened, StoreError) and "may read and write it" in str(opened)
    failing = database.translate_db_error(io_error, db)
    assert isinstance(failing, DiskWriteError) and "I/O error" in str(failing)
    monkeypatch.setattr(database.os, "access", lambda *_a, **_k: False)
    for exc in (cant_open, io_error):
        assert "read-only" in str(database.translate_db_error(exc, db))
    monkeypatch.undo()
    monkeypatch.setattr(database, "_free_bytes", lambda _p: 4096)
    for exc in (cant_open, io_error):
        assert "the disk is full (4 KiB left)" in str(database.translate_db_error(exc, db))
