"""Server settings and where the database lives.

Precedence for the database URL: an explicit value (``--database-url``) wins over the
``SALESDESK_DATABASE_URL`` environment variable, which wins over the embedded default: a
SQLite file in the server data directory.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import platformdirs

DATABASE_URL_ENV = "SALESDESK_DATABASE_URL"
DATA_DIR_ENV = "SALESDESK_SERVER_DATA_DIR"
DATABASE_FILE_NAME = "server.sqlite3"


def default_data_dir(environ: Mapping[str, str] | None = None) -> Path:
    """The server's data directory: ``SALESDESK_SERVER_DATA_DIR`` or a per-user default."""
    env = os.environ if environ is None else environ
    configured = env.get(DATA_DIR_ENV)
    if configured:
        return Path(configured).expanduser()
    return Path(platformdirs.user_data_dir("salesdesk", appauthor=False)) / "server"


def default_database_url(data_dir: Path) -> str:
    """The embedded database: a SQLite file inside ``data_dir``."""
    return f"sqlite:///{(data_dir / DATABASE_FILE_NAME).resolve()}"


def resolve_database_url(
    explicit: str | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    data_dir: Path | None = None,
) -> str:
    """Explicit URL, else ``SALESDESK_DATABASE_URL``, else the embedded SQLite file."""
    if explicit:
        return explicit
    env = os.environ if environ is None else environ
    from_env = env.get(DATABASE_URL_ENV)
    if from_env:
        return from_env
    return default_database_url(data_dir if data_dir is not None else default_data_dir(env))


@dataclass(frozen=True)
class Argon2Params:
    """argon2id cost. Defaults are RFC 9106's second recommended (64 MiB) profile."""

    time_cost: int = 3
    memory_kib: int = 64 * 1024
    parallelism: int = 4


@dataclass(frozen=True)
class ThrottleSettings:
    """Failed-login throttling, per user name and per client address."""

    window: timedelta = timedelta(minutes=15)
    max_failures_per_user: int = 5
    # Higher than per user: an office behind one NAT address shares this budget.
    max_failures_per_address: int = 30
    base_lockout: timedelta = timedelta(seconds=30)
    max_lockout: timedelta = timedelta(hours=1)


@dataclass(frozen=True)
class ServerSettings:
    """Everything the app factory needs. Immutable; build a new one to change a value."""

    database_url: str
    token_ttl: timedelta = timedelta(hours=12)
    max_body_bytes: int = 8 * 1024 * 1024
    argon2: Argon2Params = Argon2Params()
    throttle: ThrottleSettings = ThrottleSettings()
    # Client addresses are taken from the socket; only trust X-Forwarded-For when the
    # server is known to sit behind a proxy that overwrites it.
    trust_forwarded_for: bool = False
    # A pushed lookup result must match an answer the gateway gave the pushing user
    # (lookup_receipts.py). Off only for test set-ups whose devices use offline stand-ins.
    verify_lookup_results: bool = True

    @classmethod
    def from_env(
        cls,
        *,
        database_url: str | None = None,
        data_dir: Path | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> ServerSettings:
        """Settings for a server started from the command line."""
        env = environ if environ is not None else os.environ
        return cls(
            database_url=resolve_database_url(database_url, environ=environ, data_dir=data_dir),
            verify_lookup_results=_flag(env, "SALESDESK_VERIFY_LOOKUP_RESULTS", default=True),
        )


def _flag(environ: Mapping[str, str], name: str, *, default: bool) -> bool:
    raw = environ.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in {"1", "true", "yes", "on"}:
        return True
    if raw in {"0", "false", "no", "off"}:
        return False
    raise ValueError(f"{name}={raw!r} is not a yes or no; use 1 or 0")
