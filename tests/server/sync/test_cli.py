"""``salesdesk server migrate | add-user | import-price-list`` on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

import salesdesk.cli
from salesdesk.server.db import create_engine_for, make_sessions
from salesdesk.server.migrate import current_revision, head_revision
from salesdesk.server.pricelists import list_price_lists
from salesdesk.server.users import PasswordHasher, get_user_by_name

from .helpers import FAST_ARGON2, PRICE_LIST_FILE


def _where(db_url: str, tmp_path: Path) -> list[str]:
    """How the command names the database: the data dir for SQLite, a URL otherwise."""
    if db_url.startswith("sqlite"):
        # db_url is tmp_path/server.sqlite3: the embedded default inside the data dir.
        return ["--server-data-dir", str(tmp_path)]
    return ["--database-url", db_url]


def _run(where: list[str], *args: str, stdin: str = "", monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    # main() appends the optional command modules to a module-level list on every call,
    # so a second call in one process would register "server" twice: start afresh.
    monkeypatch.setattr(salesdesk.cli, "_extra_commands", [])
    return salesdesk.cli.main(["server", *where, *args])


@pytest.fixture(autouse=True)
def _cheap_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    # The CLI hashes with the production cost; these tests are not about that cost.
    original = PasswordHasher.__init__

    def init(self: PasswordHasher, params: object = None) -> None:
        original(self, FAST_ARGON2)

    monkeypatch.setattr(PasswordHasher, "__init__", init)


def test_migrate_add_user_and_import_price_list(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    where = _where(db_url, tmp_path)

    assert _run(where, "migrate", monkeypatch=monkeypatch) == 0
    assert f"database schema is at {head_revision()} (up to date)" in capsys.readouterr().out
    assert _run(where, "migrate", monkeypatch=monkeypatch) == 0  # idempotent

    code = _run(
        where,
        "add-user",
        "alice",
        "--role",
        "agent",
        "--team",
        "north",
        stdin="s3cret-passw0rd\n",
        monkeypatch=monkeypatch,
    )
    assert code == 0
    assert "user alice (agent, team north) created" in capsys.readouterr().out
    # A duplicate is refused clearly, and changes nothing.
    code = _run(
        where,
        "add-user",
        "alice",
        "--role",
        "admin",
        stdin="other-passw0rd\n",
        monkeypatch=monkeypatch,
    )
    assert code == 2
    err = capsys.readouterr().err
    assert "user not created" in err and "'alice' already exists" in err
    code = _run(
        where, "add-user", "bob", "--role", "agent", stdin="short\n", monkeypatch=monkeypatch
    )
    assert code == 2
    assert "password must be at least 8 characters" in capsys.readouterr().err

    assert _run(where, "import-price-list", str(PRICE_LIST_FILE), monkeypatch=monkeypatch) == 0
    assert "price list 2026.1 published" in capsys.readouterr().out
    assert _run(where, "import-price-list", str(PRICE_LIST_FILE), monkeypatch=monkeypatch) == 0
    assert "already published (no change)" in capsys.readouterr().out

    bad = tmp_path / "bad.json"
    document = json.loads(PRICE_LIST_FILE.read_text(encoding="utf-8"))
    document["items"][0]["unit_price"] = "-5"
    bad.write_text(json.dumps(document), encoding="utf-8")
    assert _run(where, "import-price-list", str(bad), monkeypatch=monkeypatch) == 2
    assert "price list not imported" in capsys.readouterr().err
    bad.write_text("{not json", encoding="utf-8")
    assert _run(where, "import-price-list", str(bad), monkeypatch=monkeypatch) == 2
    assert "price list not imported" in capsys.readouterr().err
    missing = tmp_path / "missing.json"
    assert _run(where, "import-price-list", str(missing), monkeypatch=monkeypatch) == 2
    assert f"cannot read {missing}" in capsys.readouterr().err

    engine = create_engine_for(db_url)
    try:
        with make_sessions(engine).begin() as session:
            alice = get_user_by_name(session, "alice")
            assert alice is not None
            assert (alice.principal.role, alice.principal.team) == ("agent", "north")
            assert PasswordHasher().verify(alice.password_hash, "s3cret-passw0rd")
            assert get_user_by_name(session, "bob") is None
            assert [p.version for p in list_price_lists(session)] == ["2026.1"]
    finally:
        engine.dispose()


def test_a_database_from_a_newer_release_is_refused_clearly(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    where = _where(db_url, tmp_path)
    assert _run(where, "migrate", monkeypatch=monkeypatch) == 0
    engine = create_engine_for(db_url)
    try:
        with engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = 'f00dfeed9999'"))
        capsys.readouterr()
        for args in (["migrate"], ["import-price-list", str(PRICE_LIST_FILE)]):
            assert _run(where, *args, monkeypatch=monkeypatch) == 1
            err = capsys.readouterr().err
            assert err.startswith("salesdesk: server: database schema f00dfeed9999 is newer")
            assert "Traceback" not in err
        with engine.connect() as conn:
            assert current_revision(conn) == "f00dfeed9999"  # untouched
    finally:
        engine.dispose()


def test_the_installed_command_reads_the_password_from_stdin(tmp_path: Path) -> None:
    """The real entry point, in its own process, on the embedded SQLite database."""
    command = [sys.executable, "-m", "salesdesk.cli", "server", "--server-data-dir", str(tmp_path)]
    done = subprocess.run(
        [*command, "add-user", "root", "--role", "admin"],
        input="piped-passw0rd\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "user root (admin) created" in done.stdout
    engine = create_engine_for(f"sqlite:///{tmp_path / 'server.sqlite3'}")
    try:
        with make_sessions(engine).begin() as session:
            root = get_user_by_name(session, "root")
            assert root is not None
            assert PasswordHasher().verify(root.password_hash, "piped-passw0rd")
    finally:
        engine.dispose()
