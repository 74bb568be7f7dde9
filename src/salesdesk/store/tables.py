"""Tables of the local database. The events table is the truth; the others are indexes
of it (pending activities and timers, list-view caches) that can be rebuilt by replay."""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

workflows = sa.Table(
    "workflows",
    metadata,
    sa.Column("workflow_id", sa.String, primary_key=True),
    sa.Column("workflow_type", sa.String, nullable=False),
    sa.Column("status", sa.String, nullable=False),  # open | completed | failed
    sa.Column("position", sa.Integer, nullable=False),
    # Bumped by every write, so another process's change (even a rebase that keeps the
    # length) is noticed before a cached instance is trusted.
    sa.Column("version", sa.Integer, nullable=False, server_default="0"),
    # Highest seq the server has accepted; events above it are still to be uploaded.
    sa.Column("synced_position", sa.Integer, nullable=False, server_default="0"),
    sa.Column("created_at", sa.String, nullable=False),
    sa.Column("updated_at", sa.String, nullable=False),
    # A cached listing row (customer, totals, status) for the sales list; rebuildable.
    sa.Column("listing_json", sa.Text, nullable=True),
    sa.Column("listing_position", sa.Integer, nullable=False, server_default="0"),
)

events = sa.Table(
    "events",
    metadata,
    sa.Column("workflow_id", sa.String, primary_key=True),
    sa.Column("seq", sa.Integer, primary_key=True),
    sa.Column("type", sa.String, nullable=False),
    sa.Column("data", sa.Text, nullable=False),
    sa.Column("time", sa.String, nullable=False),
    sa.Column("origin", sa.String, nullable=False),
    sqlite_with_rowid=False,
)

activity_tasks = sa.Table(
    "activity_tasks",
    metadata,
    sa.Column("workflow_id", sa.String, primary_key=True),
    sa.Column("activity_id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String, nullable=False),
    sa.Column("input", sa.Text, nullable=False),
    sa.Column("options", sa.Text, nullable=False),
    # queued | backoff | waiting_for_network | done | failed | cancelled
    sa.Column("state", sa.String, nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
    sa.Column("next_attempt_at", sa.Float, nullable=False, server_default="0"),
    sa.Column("last_error", sa.Text, nullable=True),
    sa.Column("last_error_code", sa.String, nullable=True),
    sa.Column("updated_at", sa.String, nullable=False),
)
sa.Index("ix_activity_tasks_due", activity_tasks.c.state, activity_tasks.c.next_attempt_at)

timers = sa.Table(
    "timers",
    metadata,
    sa.Column("workflow_id", sa.String, primary_key=True),
    sa.Column("timer_id", sa.Integer, primary_key=True),
    sa.Column("fire_at", sa.Float, nullable=False),  # epoch seconds, for the due scan
)
sa.Index("ix_timers_fire_at", timers.c.fire_at)

settings = sa.Table(
    "settings",
    metadata,
    sa.Column("key", sa.String, primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)
