"""Upgrades, issue #8: databases written by an older release (committed fixtures made by
commit 1e0f0b4, see tests/fixtures/upgrade/README.md) open with this build without loss,
and a database stamped by a newer release is refused with a plain message.

- desktop: the old profile opens (migrated if its schema is older), every stored event is
  still there byte for byte, every history replays, the never-uploaded sale is still
  pending and uploads;
- server (SQLite file and a PostgreSQL dump): ``salesdesk server migrate`` and a server
  start keep every event and user (the old passwords still log in), and the old desktop
  syncs with it to identical histories;
- a newer schema is refused: desktop (service and CLI) and server (migrate and start, on
  SQLite and PostgreSQL), and the database is left as it was.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import httpx
import pytest
import sqlalchemy as sa

from salesdesk.flow.errors import SchemaTooNewError
from salesdesk.flow.replayer import replay_all
from salesdesk.sales.service import DB_FILE, SalesService
from salesdesk.sales.standin import STANDIN_ACTIVITIES
from salesdesk.server.migrate import head_revision as server_head
from salesdesk.store.database import head_revision as local_head
from sync.helpers import Device, Fleet, ServerHandle, converge

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "upgrade"
MANIFEST: dict[str, Any] = json.loads((FIXTURES / "manifest.json").read_text())
SALES: dict[str, str] = MANIFEST["sales"]
PASSWORD: str = MANIFEST["password"]
STATUS = {"accepted": "accepted", "open": "draft", "cancelled": "cancelled", "unsynced": "draft"}


# ------------------------------------------------------------------------------ helpers


def desktop_copy(tmp_path: Path) -> Path:
    target = tmp_path / "old-desktop"
    shutil.copytree(FIXTURES / "desktop", target)
    return target


def raw_events(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every stored event as the file holds it, by sale."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with sqlite3.connect(db) as conn:
        for row in conn.execute(
            "SELECT workflow_id, seq, type, data, time, origin FROM events "
            "ORDER BY workflow_id, seq"
        ):
            out.setdefault(row[0], []).append(tuple(row[1:]))
    conn.close()
    return out


def cli(*args: str, data_dir: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
    env.pop("SALESDESK_DATABASE_URL", None)
    if data_dir is not None:
        env["SALESDESK_DATA_DIR"] = str(data_dir)
    return subprocess.run(
        [sys.executable, "-m", "salesdesk.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def sqlite_server_copy(tmp_path: Path) -> str:
    target = tmp_path / "old-server.sqlite3"
    shutil.copy2(FIXTURES / "server.sqlite3", target)
    return f"sqlite:///{target}"


def pg_server_copy(pg_url: str) -> str:
    """Load the old release's pg_dump into the test's fresh schema."""
    schema = re.search(r"search_path=([A-Za-z0-9_]+)", unquote(pg_url))
    assert schema is not None, pg_url
    sql = "\n".join(
        line
        for line in (FIXTURES / "server-pg.sql").read_text(encoding="utf-8").splitlines()
        if not line.startswith("\\")  # psql meta-commands (\restrict) of newer pg_dump
    )
    sql = sql.replace("CREATE SCHEMA upgrade_fixture;", "")
    sql = sql.replace("upgrade_fixture.", f'"{schema.group(1)}".')
    engine = sa.create_engine(pg_url)
    try:
        raw = engine.raw_connection()
        try:
            cur = raw.cursor()
            cur.execute(sql)
            raw.commit()
        finally:
            raw.close()
    finally:
        engine.dispose()
    return pg_url


def server_rows(url: str) -> dict[str, Any]:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return {
                "revision": conn.execute(sa.text("SELECT version_num FROM alembic_version"))
                .scalars()
                .all(),
                "users": sorted(conn.execute(sa.text("SELECT name FROM users")).scalars()),
                "password_hashes": sorted(
                    conn.execute(sa.text("SELECT password_hash FROM users")).scalars()
                ),
                "events": [
                    tuple(r)
                    for r in conn.execute(
                        sa.text(
                            "SELECT cursor, workflow_id, seq, type, payload, origin FROM events "
                            "ORDER BY cursor"
                        )
                    )
                ],
                "price_lists": conn.execute(sa.text("SELECT count(*) FROM price_lists")).scalar(),
            }
    finally:
        engine.dispose()


class OldServer(ServerHandle):
    """The current server on an old database: nothing seeded, the old users' password."""

    def __init__(self, url: str, upstreams_url: str) -> None:
        from salesdesk.server.config import ServerSettings
        from sync.helpers import FAST_ARGON2, Clock

        self.url = url
        self.upstreams_url = upstreams_url
        self.clock = Clock()
        # The release-1 fixture's desktop recorded its lookups with the offline stand-ins
        # (and release 1 kept no receipts): see docs/admin.md on upgrading.
        self.settings = ServerSettings(
            database_url=url, argon2=FAST_ARGON2, verify_lookup_results=False
        )
        self.port = 0
        self._stack = None
        self.starts = 0

    def token(self, user: str) -> str:
        response = httpx.post(
            f"{self.base_url}/api/v1/auth/login",
            json={"name": user, "password": PASSWORD},
            timeout=30,
        )
        assert response.status_code == 200, response.text
        token: str = response.json()["token"]
        return token


# ------------------------------------------------------------------------------ desktop


def test_desktop_database_from_an_older_release_opens_without_loss(tmp_path: Path) -> None:
    data_dir = desktop_copy(tmp_path)
    before = raw_events(data_dir / DB_FILE)
    assert sorted(before) == sorted(SALES.values())
    with SalesService(data_dir, STANDIN_ACTIVITIES) as svc:
        assert raw_events(data_dir / DB_FILE) == before, "opening changed a stored event"
        report = replay_all(svc.engine)
        assert report.ok and report.replayed == len(SALES), report.failures
        for kind, wid in SALES.items():
            assert svc.summary(wid).status == STATUS[kind], kind
            assert len(svc.engine.history(wid)) == len(before[wid])
        rows = {r.workflow_id: r for r in svc.engine.list_workflows()}
        pending = {wid for wid, r in rows.items() if r.position > r.synced_position}
        assert pending == {SALES["unsynced"]}, "only the never-uploaded sale waits for upload"
        # The old open sale goes on with this build.
        svc.signal(SALES["open"], "terms", {"payment_terms_days": 14})
        assert svc.summary(SALES["open"]).terms is not None
    with sqlite3.connect(data_dir / DB_FILE) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [
            (local_head(),)
        ]
    conn.close()
    replayed = cli("replay", data_dir=data_dir)
    assert replayed.returncode == 0, replayed.stderr


def test_desktop_database_from_a_newer_release_is_refused(tmp_path: Path) -> None:
    data_dir = desktop_copy(tmp_path)
    db = data_dir / DB_FILE
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'l9999_from_the_future'")
    conn.close()
    before = db.read_bytes()
    with pytest.raises(SchemaTooNewError) as caught:
        SalesService(data_dir, STANDIN_ACTIVITIES)
    message = str(caught.value)
    assert str(db) in message and "newer SalesDesk" in message and "l9999" in message
    for args in (("sale", "list"), ("sale", "signal", SALES["open"], "submit", "--json", "{}")):
        result = cli(*args, data_dir=data_dir)
        assert result.returncode == 1, (args, result.stderr)
        assert "Traceback" not in result.stderr
        assert "was written by a newer SalesDesk" in result.stderr
        assert "Install the newer SalesDesk" in result.stderr
    assert db.read_bytes() == before, "a newer database must be left untouched"


# ------------------------------------------------------------------------------ server


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def old_server_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return sqlite_server_copy(tmp_path)
    return pg_server_copy(request.getfixturevalue("pg_url"))


def test_server_database_from_an_older_release_migrates_and_serves(
    old_server_url: str, upstreams: str, fleet: Fleet, tmp_path: Path
) -> None:
    before = server_rows(old_server_url)
    assert before["users"] == sorted(MANIFEST["users"])
    assert before["events"], "the fixture holds events"
    migrated = cli("server", "--database-url", old_server_url, "migrate")
    assert migrated.returncode == 0, migrated.stderr
    assert f"database schema is at {server_head()} (up to date)" in migrated.stdout
    after = server_rows(old_server_url)
    assert after == {**before, "revision": [server_head()]}, "migrate lost or changed rows"

    server = OldServer(old_server_url, upstreams)
    server.start()
    try:
        # Every old user still logs in with the password set by the old release.
        for user in MANIFEST["users"]:
            assert server.token(user)
        synced = {k: v for k, v in SALES.items() if k != "unsynced"}
        desktop_events = raw_events(FIXTURES / "desktop" / DB_FILE)
        for kind, wid in synced.items():
            history = server.history(wid)
            assert [(e["seq"], e["type"]) for e in history] == [
                (e[0], e[1]) for e in desktop_events[wid]
            ], kind
        # The old desktop syncs with the upgraded server: the pending sale goes up, every
        # history ends up identical on both sides.
        old_desktop = Device(desktop_copy(tmp_path), lookups="standin")
        fleet.devices.append(old_desktop)
        old_desktop.login(server.base_url, password=PASSWORD)
        converge([old_desktop])
        assert old_desktop.pending() == 0
        for wid in SALES.values():
            assert old_desktop.history(wid) == server.history(wid)
        assert replay_all(old_desktop.engine).ok
    finally:
        server.stop()
    final = server_rows(old_server_url)
    assert final["events"][: len(before["events"])] == before["events"]
    assert len(final["events"]) > len(before["events"]), "the pending sale was uploaded"
    assert final["users"] == before["users"]


def _stamp_future(url: str) -> None:
    engine = sa.create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text("UPDATE alembic_version SET version_num = 'r9999future'"))
    finally:
        engine.dispose()


def test_server_database_from_a_newer_release_is_refused(old_server_url: str) -> None:
    _stamp_future(old_server_url)
    before = server_rows(old_server_url)
    expected = (
        f"salesdesk: server: database schema r9999future is newer than this server "
        f"(knows up to {server_head()}); upgrade the server or use another database"
    )
    runs: list[tuple[str, ...]] = [
        ("server", "--database-url", old_server_url, "migrate"),
        ("server", "--database-url", old_server_url, "--port", "0"),  # a server start
    ]
    for args in runs:
        result = cli(*args)
        assert result.returncode == 1, (args, result.stdout, result.stderr)
        assert result.stderr.strip() == expected, result.stderr
    assert server_rows(old_server_url) == before, "a newer database must be left untouched"
