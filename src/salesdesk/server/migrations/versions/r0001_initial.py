"""Initial schema: users, tokens, throttle, price lists, workflows, events, counters.

Revision ID: 0001
Revises:
Create Date: 2025-01-01

Written out by hand rather than from ``tables.metadata`` so that later edits to
tables.py can never change what this revision creates.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _ts(name: str, nullable: bool = False) -> sa.Column[datetime]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("team", sa.String(100), nullable=True),
        sa.Column("password_hash", sa.String(255), nullable=False),
        _ts("created_at"),
        sa.Column("disabled", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.UniqueConstraint("name", name="uq_users_name"),
        sa.CheckConstraint("role IN ('agent', 'manager', 'admin')", name="ck_users_role"),
    )
    op.create_table(
        "tokens",
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        _ts("created_at"),
        _ts("expires_at"),
        _ts("revoked_at", nullable=True),
        sa.PrimaryKeyConstraint("token_hash", name="pk_tokens"),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_tokens_user_id_users", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_tokens_user_id", "tokens", ["user_id"])
    op.create_table(
        "login_throttle",
        sa.Column("scope", sa.String(16), nullable=False),
        sa.Column("key", sa.String(255), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False, server_default="0"),
        _ts("window_started_at"),
        _ts("locked_until", nullable=True),
        sa.Column("lockouts", sa.Integer(), nullable=False, server_default="0"),
        _ts("updated_at"),
        sa.PrimaryKeyConstraint("scope", "key", name="pk_login_throttle"),
    )
    op.create_index("ix_login_throttle_updated_at", "login_throttle", ["updated_at"])
    op.create_table(
        "price_lists",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.String(100), nullable=False),
        sa.Column("content_hash", sa.String(100), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        _ts("imported_at"),
        sa.Column("is_current", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.PrimaryKeyConstraint("id", name="pk_price_lists"),
        sa.UniqueConstraint("version", name="uq_price_lists_version"),
        sa.UniqueConstraint("content_hash", name="uq_price_lists_content_hash"),
    )
    op.create_index(
        "uq_price_lists_one_current",
        "price_lists",
        ["is_current"],
        unique=True,
        postgresql_where=sa.text("is_current"),
        sqlite_where=sa.text("is_current"),
    )
    op.create_table(
        "workflows",
        sa.Column("workflow_id", sa.String(100), nullable=False),
        sa.Column("type", sa.String(100), nullable=False),
        sa.Column("owner_user_id", sa.Integer(), nullable=False),
        sa.Column("team", sa.String(100), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("status", sa.String(32), nullable=True),
        sa.Column("customer_name", sa.String(200), nullable=True),
        sa.Column("gross_total", sa.String(40), nullable=True),
        sa.Column("currency", sa.String(3), nullable=True),
        sa.Column("needs_approval", sa.Boolean(), nullable=False, server_default=sa.false()),
        _ts("created_at"),
        _ts("updated_at"),
        sa.PrimaryKeyConstraint("workflow_id", name="pk_workflows"),
        sa.ForeignKeyConstraint(
            ["owner_user_id"], ["users.id"], name="fk_workflows_owner_user_id_users"
        ),
    )
    op.create_index("ix_workflows_owner_user_id", "workflows", ["owner_user_id"])
    op.create_index("ix_workflows_team", "workflows", ["team"])
    op.create_index("ix_workflows_updated_at", "workflows", ["updated_at"])
    op.create_table(
        "events",
        sa.Column("cursor", sa.BigInteger(), nullable=False, autoincrement=False),
        sa.Column("workflow_id", sa.String(100), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(100), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        _ts("recorded_at"),
        sa.Column("origin", sa.String(120), nullable=False),
        sa.Column("device_id", sa.String(100), nullable=True),
        _ts("appended_at"),
        sa.PrimaryKeyConstraint("cursor", name="pk_events"),
        sa.ForeignKeyConstraint(
            ["workflow_id"], ["workflows.workflow_id"], name="fk_events_workflow_id_workflows"
        ),
        sa.UniqueConstraint("workflow_id", "seq", name="uq_events_workflow_id_seq"),
        sa.CheckConstraint("seq >= 1", name="ck_events_seq_positive"),
    )
    op.create_table(
        "event_counter",
        sa.Column("id", sa.Integer(), nullable=False, autoincrement=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_event_counter"),
        sa.CheckConstraint("id = 1", name="ck_event_counter_single_row"),
    )
    op.execute("INSERT INTO event_counter (id, value) VALUES (1, 0)")
    op.create_table(
        "devices",
        sa.Column("device_id", sa.String(100), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        _ts("first_seen_at"),
        _ts("last_seen_at"),
        sa.Column("last_pull_cursor", sa.BigInteger(), nullable=False, server_default="0"),
        sa.PrimaryKeyConstraint("device_id", name="pk_devices"),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_devices_user_id_users", ondelete="CASCADE"
        ),
    )
    op.create_table(
        "order_numbers",
        sa.Column("year", sa.Integer(), nullable=False, autoincrement=False),
        sa.Column("last_value", sa.Integer(), nullable=False, server_default="0"),
        sa.PrimaryKeyConstraint("year", name="pk_order_numbers"),
    )


def downgrade() -> None:
    for table in (
        "order_numbers",
        "devices",
        "event_counter",
        "events",
        "workflows",
        "price_lists",
        "login_throttle",
        "tokens",
        "users",
    ):
        op.drop_table(table)
