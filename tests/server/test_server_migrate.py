"""Migrations: from empty, idempotent, refusing a newer schema, concurrent server starts."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect, select, text

from salesdesk.server.db import create_engine_for
from salesdesk.server.migrate import (
    SchemaTooNewError,
    current_revision,
    ensure_schema,
    head_revision,
)
from salesdesk.server.tables import event_counter, metadata

from .test_support import app_client, db_url_fixture, make_app  # noqa: F401  (fixtures)

TABLES = {
    "users",
    "tokens",
    "login_throttle",
    "price_lists",
    "workflows",
    "events",
    "event_counter",
    "devices",
    "order_numbers",
    "lookup_receipts",
}


def test_migrates_an_empty_database_to_exactly_the_declared_tables(db_url: str) -> None:
    engine = create_engine_for(db_url)
    try:
        with engine.connect() as conn:
            assert current_revision(conn) is None
        assert ensure_schema(engine) == head_revision()
        assert ensure_schema(engine) == head_revision()  # second start: nothing to do
        with engine.connect() as conn:
            assert current_revision(conn) == head_revision()
            assert set(inspect(conn).get_table_names()) == TABLES | {"alembic_version"}
            # The hand-written revision and tables.py describe the same schema.
            ctx = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(ctx, metadata) == []
            assert conn.execute(select(event_counter.c.value)).scalar_one() == 0
    finally:
        engine.dispose()


def _stamp_future(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'f00dfeed9999'"))


def test_a_database_from_a_newer_release_is_refused(db_url: str) -> None:
    engine = create_engine_for(db_url)
    try:
        ensure_schema(engine)
        _stamp_future(engine)
        with pytest.raises(SchemaTooNewError) as info:
            ensure_schema(engine)
        assert str(info.value) == (
            f"database schema f00dfeed9999 is newer than this server (knows up to "
            f"{head_revision()}); upgrade the server or use another database"
        )
        with engine.connect() as conn:  # refused without touching anything
            assert current_revision(conn) == "f00dfeed9999"
        # The app refuses to start on it.
        with pytest.raises(SchemaTooNewError), app_client(make_app(db_url)):
            pass
    finally:
        engine.dispose()


def test_servers_starting_at_once_migrate_once(db_url: str) -> None:
    engines = [create_engine_for(db_url) for _ in range(4)]
    barrier = threading.Barrier(len(engines))
    results: list[str] = []
    errors: list[BaseException] = []

    def start(engine: Engine) -> None:
        try:
            barrier.wait()
            results.append(ensure_schema(engine))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=start, args=(e,)) for e in engines]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    try:
        assert not errors, errors
        assert results == [head_revision()] * len(engines)
        with engines[0].connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar_one() == 1
            assert [tuple(r) for r in conn.execute(select(event_counter))] == [(1, 0)]
    finally:
        for e in engines:
            e.dispose()


_START_SERVER = """
import sys, time, pathlib
from salesdesk.server.db import create_engine_for
from salesdesk.server.migrate import ensure_schema
engine = create_engine_for(sys.argv[1])
engine.connect().close()
pathlib.Path(sys.argv[2]).touch()
go = pathlib.Path(sys.argv[3])
while not go.exists():
    time.sleep(0.002)
print(ensure_schema(engine))
"""


def test_server_processes_starting_at_once_migrate_once(pg_url: str, tmp_path: Path) -> None:
    """Separate processes, like separate server instances on one PostgreSQL: the advisory
    lock keeps them apart (without it, all but one fail with duplicate-table errors). On
    SQLite, BEGIN IMMEDIATE does the same; the threaded test above covers that path."""
    db_url, count = pg_url, 2
    go = tmp_path / "go"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _START_SERVER, db_url, str(tmp_path / f"ready{i}"), str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(count)
    ]
    try:
        deadline = time.monotonic() + 30
        while not all((tmp_path / f"ready{i}").exists() for i in range(count)):
            assert time.monotonic() < deadline, "server processes did not get ready"
            assert all(p.poll() is None for p in procs), [p.communicate() for p in procs]
            time.sleep(0.01)
        go.touch()
        outputs = [p.communicate(timeout=60) for p in procs]
    finally:
        for p in procs:
            p.kill() if p.poll() is None else None
    assert [p.returncode for p in procs] == [0] * count, outputs
    assert [out.strip() for out, _err in outputs] == [head_revision()] * count
    engine = create_engine_for(db_url)
    try:
        with engine.connect() as conn:
            assert [tuple(r) for r in conn.execute(select(event_counter))] == [(1, 0)]
    finally:
        engine.dispose()
