"""Initial local schema: workflows, events, activity tasks, timers, settings.

Revision ID: l0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "l0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "workflows",
        sa.Column("workflow_id", sa.String, primary_key=True),
        sa.Column("workflow_type", sa.String, nullable=False),
        sa.Column("status", sa.String, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("version", sa.Integer, nullable=False, server_default="0"),
        sa.Column("synced_position", sa.Integer, nullable=False, server_default="0"),
        sa.Column("created_at", sa.String, nullable=False),
        sa.Column("updated_at", sa.String, nullable=False),
        sa.Column("listing_json", sa.Text, nullable=True),
        sa.Column("listing_position", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_table(
        "events",
        sa.Column("workflow_id", sa.String, primary_key=True),
        sa.Column("seq", sa.Integer, primary_key=True),
        sa.Column("type", sa.String, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("time", sa.String, nullable=False),
        sa.Column("origin", sa.String, nullable=False),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "activity_tasks",
        sa.Column("workflow_id", sa.String, primary_key=True),
        sa.Column("activity_id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String, nullable=False),
        sa.Column("input", sa.Text, nullable=False),
        sa.Column("options", sa.Text, nullable=False),
        sa.Column("state", sa.String, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("next_attempt_at", sa.Float, nullable=False, server_default="0"),
        sa.Column("last_error", sa.Text, nullable=True),
        sa.Column("last_error_code", sa.String, nullable=True),
        sa.Column("updated_at", sa.String, nullable=False),
    )
    op.create_index("ix_activity_tasks_due", "activity_tasks", ["state", "next_attempt_at"])
    op.create_table(
        "timers",
        sa.Column("workflow_id", sa.String, primary_key=True),
        sa.Column("timer_id", sa.Integer, primary_key=True),
        sa.Column("fire_at", sa.Float, nullable=False),
    )
    op.create_index("ix_timers_fire_at", "timers", ["fire_at"])
    op.create_table(
        "settings",
        sa.Column("key", sa.String, primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )


def downgrade() -> None:
    for name in ("settings", "timers", "activity_tasks", "events", "workflows"):
        op.drop_table(name)
