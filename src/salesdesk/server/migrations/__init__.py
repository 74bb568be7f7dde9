"""Alembic environment and revisions for the central server's database."""
