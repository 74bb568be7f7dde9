"""Opening the local SQLite database safely: WAL, synchronous=FULL, schema checks.

A damaged file or one from a newer release is reported with its path and never
replaced; an older schema is migrated forward by Alembic.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from salesdesk.flow.errors import (
    CorruptDatabaseError,
    DiskWriteError,
    SchemaTooNewError,
    StoreError,
)

_SQLITE_MAGIC = b"SQLite format 3\x00"
# Below this much free space, an I/O error while writing is taken for a full disk.
_NEARLY_FULL = 1024 * 1024
MIGRATIONS = Path(__file__).with_name("migrations")


def _alembic_config(connection: sa.Connection) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    head = ScriptDirectory.from_config(cfg).get_current_head()
    assert head is not None
    return head


def _check_header(path: Path) -> None:
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as fh:
        magic = fh.read(len(_SQLITE_MAGIC))
    if magic != _SQLITE_MAGIC:
        raise CorruptDatabaseError(str(path), "it does not start with the SQLite header")


def create_sqlite_engine(path: Path) -> sa.Engine:
    engine = sa.create_engine(
        f"sqlite:///{path}",
        connect_args={"check_same_thread": False, "timeout": 15.0},
        poolclass=sa.pool.StaticPool,
    )

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Take transaction control from pysqlite so that writes begin IMMEDIATE: another
        # process (the CLI beside the app) then waits for the lock instead of failing.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=15000")
        cur.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        # Straight to the driver: this runs for every transaction (each signal, each query),
        # and SQLAlchemy's execution machinery costs several times the BEGIN itself.
        driver = conn.connection.driver_connection
        assert driver is not None
        driver.execute("BEGIN" if conn.info.get("read_only") else "BEGIN IMMEDIATE")

    return engine


def open_database(path: Path) -> sa.Engine:
    """Open (creating if needed) the local database at ``path`` and bring its schema to head."""
    path.parent.mkdir(parents=True, exist_ok=True)
    _check_header(path)
    engine = create_sqlite_engine(path)
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
            current = MigrationContext.configure(conn).get_current_revision()
            conn.rollback()
            head = head_revision()
            if current != head:
                script = ScriptDirectory.from_config(_alembic_config(conn))
                known = {rev.revision for rev in script.walk_revisions()}
                if current is not None and current not in known:
                    raise SchemaTooNewError(str(path), current, head)
                with conn.begin():
                    command.upgrade(_alembic_config(conn), "head")
    except sa.exc.DatabaseError as exc:
        engine.dispose()
        raise translate_db_error(exc, path) from exc
    except Exception:
        engine.dispose()
        raise
    return engine


def _writable(path: Path) -> bool:
    """Whether this process may write the database and its folder (False on a read-only
    mount even for root: access() reports EROFS)."""
    folder = path.parent
    if not os.access(folder, os.W_OK):
        return False
    return not path.exists() or os.access(path, os.W_OK)


def _free_bytes(path: Path) -> int | None:
    try:
        return shutil.disk_usage(path.parent).free
    except OSError:
        return None


def read_only_error(path: Path) -> DiskWriteError:
    return DiskWriteError(
        f"could not write to {path}: the data folder {path.parent} is read-only for "
        "SalesDesk (its permissions, or a disk mounted read-only). Nothing was saved; "
        "check the folder's permissions and that its disk is writable, or choose another "
        "data directory (--data-dir or SALESDESK_DATA_DIR)."
    )


def disk_full_error(path: Path) -> DiskWriteError:
    free = _free_bytes(path)
    left = f" ({free // 1024} KiB left)" if free is not None else ""
    return DiskWriteError(
        f"could not write to {path}: the disk is full{left}. Nothing was saved; free some "
        "space on that disk and try again."
    )


def translate_db_error(exc: Exception, path: Path) -> Exception:
    """Map SQLite failures to errors that say what happened to the user's data."""
    orig = getattr(exc, "orig", exc)
    text = str(orig).lower()
    if isinstance(orig, sqlite3.DatabaseError) and (
        "malformed" in text or "not a database" in text or "file is encrypted" in text
    ):
        return CorruptDatabaseError(str(path), str(orig))
    if "readonly" in text or "read-only" in text:
        return read_only_error(path)
    if "disk is full" in text:
        return disk_full_error(path)
    if "disk i/o" in text or "unable to open" in text:
        # SQLite says only "I/O error" or "cannot open" when the file system refuses a
        # write (EROFS, EACCES, ENOSPC on the journal): ask the file system which it is.
        if not _writable(path):
            return read_only_error(path)
        free = _free_bytes(path)
        if free is not None and free < _NEARLY_FULL:
            return disk_full_error(path)
        if "unable to open" in text:
            return StoreError(
                f"could not open the database {path}: SQLite cannot open the file or the "
                "journal files beside it. Nothing was saved; check that the data folder "
                "exists and that you may read and write it."
            )
        return DiskWriteError(
            f"could not write to {path}: the disk reported an I/O error. Nothing was saved; "
            "check the disk (free space, errors) and try again."
        )
    if isinstance(exc, sa.exc.OperationalError) and "locked" in text:
        return DiskWriteError(
            f"the database {path} is locked by another program for too long; nothing was saved. "
            "Close other SalesDesk windows or commands using this profile and try again."
        )
    return exc
