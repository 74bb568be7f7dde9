"""Local SQLite storage of workflow histories (SQLAlchemy tables + Alembic migrations)."""
