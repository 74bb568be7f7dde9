"""Alembic environment of the local database; always run through salesdesk.store.schema."""

from __future__ import annotations

from alembic import context

from salesdesk.store.tables import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
