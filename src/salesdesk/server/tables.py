"""The server's tables (SQLAlchemy Core). Migrations in ``migrations/`` must match these.

Timestamps are stored in UTC and always come back timezone-aware (SQLite has no time
zone type, so ``UTCDateTime`` strips and restores it). Money totals are decimal strings:
SQLite has no exact decimal type and the projection is only displayed and sorted by
workflow, never summed in SQL.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.types import TypeDecorator

ROLES = ("agent", "manager", "admin")

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime on every dialect; naive values are refused."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: pass a timezone-aware value")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("role", String(16), nullable=False),
    Column("team", String(100), nullable=True),
    Column("password_hash", String(255), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("disabled", Boolean(), nullable=False, server_default=false()),
    CheckConstraint("role IN ('agent', 'manager', 'admin')", name="role"),
)

# Bearer tokens, stored only as the SHA-256 of the token: a database leak gives no usable
# credentials, and a fast hash is enough because tokens carry 256 bits of randomness.
tokens = Table(
    "tokens",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column(
        "user_id",
        Integer,
        ForeignKey("users.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("expires_at", UTCDateTime(), nullable=False),
    Column("revoked_at", UTCDateTime(), nullable=True),
)

# Failed-login bookkeeping; scope is "user" (key = login name) or "address" (client IP).
login_throttle = Table(
    "login_throttle",
    metadata,
    Column("scope", String(16), primary_key=True),
    Column("key", String(255), primary_key=True),
    Column("failures", Integer, nullable=False, server_default="0"),
    Column("window_started_at", UTCDateTime(), nullable=False),
    Column("locked_until", UTCDateTime(), nullable=True),
    Column("lockouts", Integer, nullable=False, server_default="0"),
    Column("updated_at", UTCDateTime(), nullable=False, index=True),
)

price_lists = Table(
    "price_lists",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("version", String(100), nullable=False, unique=True),
    Column("content_hash", String(100), nullable=False, unique=True),
    Column("body", Text, nullable=False),
    Column("imported_at", UTCDateTime(), nullable=False),
    Column("is_current", Boolean(), nullable=False, server_default=false()),
)
# At most one current price list, enforced by the database rather than by care.
Index(
    "uq_price_lists_one_current",
    price_lists.c.is_current,
    unique=True,
    postgresql_where=price_lists.c.is_current,
    sqlite_where=price_lists.c.is_current,
)

workflows = Table(
    "workflows",
    metadata,
    Column("workflow_id", String(100), primary_key=True),
    Column("type", String(100), nullable=False),
    Column("owner_user_id", Integer, ForeignKey("users.id"), nullable=False, index=True),
    Column("team", String(100), nullable=True, index=True),
    Column("position", Integer, nullable=False, server_default="0"),
    # Projection for the manager's list, rebuilt from the history by server-side replay.
    Column("status", String(32), nullable=True),
    Column("customer_name", String(200), nullable=True),
    Column("gross_total", String(40), nullable=True),
    Column("currency", String(3), nullable=True),
    Column("needs_approval", Boolean(), nullable=False, server_default=false()),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False, index=True),
)

events = Table(
    "events",
    metadata,
    # Global pull cursor, allocated from event_counter (see eventstore.py), not a sequence.
    Column("cursor", BigInteger, primary_key=True, autoincrement=False),
    Column("workflow_id", String(100), ForeignKey("workflows.workflow_id"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("type", String(100), nullable=False),
    Column("payload", Text, nullable=False),
    Column("recorded_at", UTCDateTime(), nullable=False),
    Column("origin", String(120), nullable=False),
    Column("device_id", String(100), nullable=True),
    Column("appended_at", UTCDateTime(), nullable=False),
    UniqueConstraint("workflow_id", "seq"),
    CheckConstraint("seq >= 1", name="seq_positive"),
)

# One row (id = 1) holding the last allocated event cursor.
event_counter = Table(
    "event_counter",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("value", BigInteger, nullable=False),
    CheckConstraint("id = 1", name="single_row"),
)

devices = Table(
    "devices",
    metadata,
    Column("device_id", String(100), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("first_seen_at", UTCDateTime(), nullable=False),
    Column("last_seen_at", UTCDateTime(), nullable=False),
    Column("last_pull_cursor", BigInteger, nullable=False, server_default="0"),
)

# Gapless order numbers per calendar year.
order_numbers = Table(
    "order_numbers",
    metadata,
    Column("year", Integer, primary_key=True, autoincrement=False),
    Column("last_value", Integer, nullable=False, server_default="0"),
)

# Digests of the lookup answers the gateway gave (see lookup_receipts.py).
lookup_receipts = Table(
    "lookup_receipts",
    metadata,
    Column("digest", String(64), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("issued_at", UTCDateTime(), nullable=False),
)
