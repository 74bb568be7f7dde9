"""Where the database is, and how engines are set up for SQLite and PostgreSQL."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.pool import QueuePool

from salesdesk.server.config import (
    DATA_DIR_ENV,
    DATABASE_URL_ENV,
    ServerSettings,
    default_data_dir,
    resolve_database_url,
)
from salesdesk.server.db import UnsupportedDatabaseError, create_engine_for, normalise_url


def test_database_url_precedence(tmp_path: Path) -> None:
    env = {DATABASE_URL_ENV: "postgresql://db.example/sales"}
    explicit = "sqlite:////srv/explicit.sqlite3"
    assert resolve_database_url(explicit, environ=env) == explicit
    assert resolve_database_url(None, environ=env) == "postgresql://db.example/sales"
    embedded = resolve_database_url(None, environ={}, data_dir=tmp_path)
    assert embedded == f"sqlite:///{tmp_path.resolve()}/server.sqlite3"
    by_env_dir = resolve_database_url(None, environ={DATA_DIR_ENV: str(tmp_path / "d")})
    assert by_env_dir == f"sqlite:///{(tmp_path / 'd').resolve()}/server.sqlite3"
    assert default_data_dir({}).name == "server"
    settings = ServerSettings.from_env(environ=env)
    assert settings.database_url == "postgresql://db.example/sales"
    assert settings.token_ttl.total_seconds() == 12 * 3600
    assert settings.max_body_bytes == 8 * 1024 * 1024
    assert settings.verify_lookup_results is True


@pytest.mark.parametrize(("value", "verify"), [("0", False), ("no", False), (" 1 ", True)])
def test_checking_lookup_results_is_on_unless_the_environment_turns_it_off(
    value: str, verify: bool
) -> None:
    env = {"SALESDESK_VERIFY_LOOKUP_RESULTS": value}
    assert ServerSettings.from_env(environ=env).verify_lookup_results is verify
    with pytest.raises(ValueError, match=r"SALESDESK_VERIFY_LOOKUP_RESULTS='maybe'.*1 or 0"):
        ServerSettings.from_env(environ={"SALESDESK_VERIFY_LOOKUP_RESULTS": "maybe"})


def test_urls_are_normalised_to_supported_drivers() -> None:
    assert normalise_url("postgresql://u@h/db").drivername == "postgresql+psycopg"
    assert normalise_url("postgres://u@h/db").drivername == "postgresql+psycopg"
    assert normalise_url("sqlite:///x.db").drivername == "sqlite"
    with pytest.raises(UnsupportedDatabaseError, match="mysql"):
        normalise_url("mysql://u@h/db")
    for in_memory in ("sqlite://", "sqlite:///:memory:"):
        with pytest.raises(UnsupportedDatabaseError, match="SQLite file"):
            create_engine_for(in_memory)


def test_sqlite_engine_uses_wal_foreign_keys_and_a_busy_timeout(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "dir" / "server.sqlite3"
    engine = create_engine_for(f"sqlite:///{path}", sqlite_busy_timeout_ms=4321)
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 4321
        assert path.exists()
    finally:
        engine.dispose()


def test_sqlite_writers_queue_instead_of_failing(tmp_path: Path) -> None:
    """Read-then-write transactions must wait for each other, not die with 'locked'."""
    engine = create_engine_for(f"sqlite:///{tmp_path / 'q.sqlite3'}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE n (v INTEGER)"))
        conn.execute(text("INSERT INTO n VALUES (0)"))
    errors: list[BaseException] = []

    def bump() -> None:
        try:
            for _ in range(20):
                with engine.begin() as conn:
                    v = conn.execute(text("SELECT v FROM n")).scalar_one()
                    time.sleep(0.001)
                    conn.execute(text("UPDATE n SET v = :v"), {"v": v + 1})
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=bump) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    try:
        assert not errors, errors
        with engine.connect() as conn:
            assert conn.execute(text("SELECT v FROM n")).scalar_one() == 80  # no lost update
    finally:
        engine.dispose()


def test_postgresql_engine_is_pooled_psycopg3(pg_url: str) -> None:
    engine = create_engine_for(pg_url.replace("postgresql+psycopg://", "postgresql://"))
    try:
        assert engine.dialect.driver == "psycopg"
        assert isinstance(engine.pool, QueuePool)
        with engine.connect() as conn:
            assert conn.execute(text("SELECT 1")).scalar_one() == 1
    finally:
        engine.dispose()
