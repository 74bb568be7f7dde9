"""Alembic revisions; one file per revision, applied in order by ``migrate.ensure_schema``."""
