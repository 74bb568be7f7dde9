"""Bring the server database to this release's schema (Alembic, driven from code).

``ensure_schema`` runs at every server start. It is safe when several instances start at
once on one PostgreSQL: the check and the upgrade run in one transaction that first takes
a transaction-scoped advisory lock, so the second instance waits and then finds the schema
already current. On SQLite, ``BEGIN IMMEDIATE`` (see db.py) gives the same exclusion.
"""

from __future__ import annotations

import threading
from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

MIGRATIONS_DIR = Path(__file__).with_name("migrations")

# First half of the two-int advisory lock key ("SalesDesk migrate"); the second half is the
# schema, so servers using different schemas of one database do not wait for each other.
_ADVISORY_LOCK_CLASS = 0x5D_11_62_A7


# Alembic keeps the running migration in module-global state (alembic.context), so two
# threads of one process must never run migrations at once, even on different databases.
_ALEMBIC_LOCK = threading.Lock()


class SchemaTooNewError(RuntimeError):
    """The database was migrated by a newer release than this server."""

    def __init__(self, revision: str, head: str) -> None:
        self.revision = revision
        self.head = head
        super().__init__(
            f"database schema {revision} is newer than this server (knows up to {head}); "
            "upgrade the server or use another database"
        )


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic config for the server migrations; no alembic.ini involved."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@cache
def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    """The newest revision this release knows."""
    head = _script().get_current_head()
    assert head is not None, "the server migrations have no revisions"
    return head


def known_revisions() -> frozenset[str]:
    return frozenset(rev.revision for rev in _script().walk_revisions())


def current_revision(conn: Connection) -> str | None:
    """The revision recorded in the database, or None for an empty database."""
    return MigrationContext.configure(conn).get_current_revision()


def ensure_schema(engine: Engine) -> str:
    """Upgrade an empty or older database to head; refuse one from a newer release.

    Returns the head revision. Raises SchemaTooNewError without touching the database when
    its revision is unknown to this release.
    """
    head = head_revision()
    with _ALEMBIC_LOCK, engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(
                text(
                    "SELECT pg_advisory_xact_lock(:cls, hashtext(coalesce(current_schema(), '')))"
                ),
                {"cls": _ADVISORY_LOCK_CLASS},
            )
        current = MigrationContext.configure(conn).get_current_heads()
        unknown = sorted(set(current) - known_revisions())
        if unknown:
            raise SchemaTooNewError(unknown[0], head)
        if tuple(current) != (head,):
            command.upgrade(alembic_config(conn), "head")
    return head
