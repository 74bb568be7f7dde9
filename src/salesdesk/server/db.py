"""Engines for the two supported databases and small dialect helpers.

SQLite (the embedded default) runs in WAL mode with foreign keys on. Every SQLite
transaction starts with ``BEGIN IMMEDIATE``: pysqlite's default deferred ``BEGIN`` lets two
transactions both read and then both try to write, and in WAL mode the loser fails at once
with ``SQLITE_BUSY`` instead of waiting (busy_timeout cannot help a stale snapshot). Taking
the write lock up front makes writers queue on busy_timeout instead; SQLite allows one
writer at a time anyway, and readers stay short.

PostgreSQL goes through psycopg 3 with a connection pool; READ COMMITTED (the default) is
what the event store and the throttle code expect.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Table, create_engine, event
from sqlalchemy import exc as exc_mod
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker
from starlette.requests import Request

from salesdesk.server.config import ServerSettings
from salesdesk.server.metrics import Metrics
from salesdesk.server.users import PasswordHasher

DEFAULT_SQLITE_BUSY_TIMEOUT_MS = 15_000

Executor = Connection | Session


class UnsupportedDatabaseError(ValueError):
    """The URL names a database this server does not support."""


def normalise_url(url: str | URL) -> URL:
    """Parse ``url``; plain ``postgresql://`` / ``postgres://`` mean psycopg 3."""
    parsed = make_url(url) if isinstance(url, str) else url
    backend = parsed.get_backend_name()
    if backend in {"postgresql", "postgres"}:
        # psycopg 3 is the only PostgreSQL driver this server ships with.
        return parsed.set(drivername="postgresql+psycopg")
    if backend == "sqlite":
        return parsed
    raise UnsupportedDatabaseError(
        f"unsupported database {backend!r}: use a sqlite:/// or postgresql:// URL"
    )


def create_engine_for(
    url: str | URL,
    *,
    pool_size: int = 20,
    max_overflow: int = 10,
    sqlite_busy_timeout_ms: int = DEFAULT_SQLITE_BUSY_TIMEOUT_MS,
    echo: bool = False,
) -> Engine:
    """An engine configured for SQLite (file, WAL) or PostgreSQL (psycopg 3, pooled)."""
    parsed = normalise_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed, sqlite_busy_timeout_ms, echo)
    # pool_size: with fewer pooled connections than concurrent requests, every overflow
    # connection is opened and closed again per request (a new PostgreSQL backend each).
    engine = create_engine(
        parsed,
        hide_parameters=True,  # bound values (hashes, names) stay out of logs and errors
        pool_size=pool_size,
        max_overflow=max_overflow,
        pool_recycle=1800,
        echo=echo,
    )
    _ping_when_idle(engine, PING_AFTER_IDLE_S)
    return engine


PING_AFTER_IDLE_S = 5.0


def _ping_when_idle(engine: Engine, idle_s: float) -> None:
    """Survive a PostgreSQL restart without a burst of 500s, without a round trip per
    checkout (pool_pre_ping): a connection idle for ``idle_s`` is pinged before use, and a
    dead one is replaced. A connection that breaks while in busy use fails its request;
    SQLAlchemy then invalidates the whole pool, so its siblings are not reused."""

    @event.listens_for(engine, "checkin")
    def _on_checkin(_dbapi_conn: Any, record: Any) -> None:
        record.info["checked_in_at"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _on_checkout(dbapi_conn: Any, record: Any, _proxy: Any) -> None:
        last = record.info.get("checked_in_at")
        if last is None or time.monotonic() - last < idle_s:
            return  # new, or used moments ago
        try:
            engine.dialect.do_ping(dbapi_conn)
        except Exception as exc:
            # The pool retries the checkout with a fresh connection.
            raise exc_mod.DisconnectionError(f"stale pooled connection: {exc}") from exc


def _sqlite_engine(url: URL, busy_timeout_ms: int, echo: bool) -> Engine:
    database = url.database or ""
    if not database or database == ":memory:" or "mode=memory" in str(url):
        # Every pooled connection would get its own empty database.
        raise UnsupportedDatabaseError("the server needs a SQLite file, not an in-memory database")
    if not database.startswith("file:"):
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url,
        hide_parameters=True,
        connect_args={"timeout": busy_timeout_ms / 1000},
        echo=echo,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Hand transaction control to SQLAlchemy's "begin" event below.
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA foreign_keys = ON")
            # NORMAL is durable across application crashes in WAL mode; only an OS
            # crash can lose the last commits, which clients then re-push.
            cursor.execute("PRAGMA synchronous = NORMAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def dialect_name(executor: Executor) -> str:
    """``"sqlite"`` or ``"postgresql"`` for a Connection or Session."""
    if isinstance(executor, Session):
        return executor.get_bind().dialect.name
    return executor.dialect.name


def insert_ignore(
    executor: Executor,
    table: Table,
    values: Mapping[str, Any],
    index_elements: Sequence[str],
) -> None:
    """``INSERT ... ON CONFLICT (index_elements) DO NOTHING`` on either dialect."""
    if dialect_name(executor) == "postgresql":
        pg_stmt = postgresql.insert(table).values(**values)
        executor.execute(pg_stmt.on_conflict_do_nothing(index_elements=list(index_elements)))
    else:
        lite_stmt = sqlite.insert(table).values(**values)
        executor.execute(lite_stmt.on_conflict_do_nothing(index_elements=list(index_elements)))


def insert_ignore_returning(
    executor: Executor, table: Table, values: Mapping[str, Any], key: str
) -> bool:
    """``INSERT ... ON CONFLICT (key) DO NOTHING``; True when the row was inserted."""
    dialect = dialect_name(executor)
    stmt = _INSERT_IGNORE_RETURNING.get((dialect, table, key))
    if stmt is None:
        # Built once per table (every new sale runs it); the values go in as parameters.
        base: Any = postgresql.insert(table) if dialect == "postgresql" else sqlite.insert(table)
        stmt = base.on_conflict_do_nothing(index_elements=[key]).returning(table.c[key])
        _INSERT_IGNORE_RETURNING[(dialect, table, key)] = stmt
    return executor.execute(stmt, dict(values)).first() is not None


_INSERT_IGNORE_RETURNING: dict[tuple[str, Table, str], Any] = {}


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass
class ServerContext:
    """What request handlers need, stored on ``app.state.salesdesk`` by ``create_app``."""

    settings: ServerSettings
    engine: Engine
    sessions: sessionmaker[Session]
    metrics: Metrics
    hasher: PasswordHasher
    clock: Callable[[], datetime] = field(default=lambda: utcnow())

    def now(self) -> datetime:
        return self.clock()


def make_sessions(engine: Engine) -> sessionmaker[Session]:
    # expire_on_commit=False: results stay readable after the transaction closes.
    return sessionmaker(engine, expire_on_commit=False)


def get_context(request: Request) -> ServerContext:
    """FastAPI dependency: the ServerContext of the app serving ``request``."""
    ctx = getattr(request.app.state, "salesdesk", None)
    if not isinstance(ctx, ServerContext):
        raise RuntimeError("app.state.salesdesk is not set; build the app with create_app()")
    return ctx
