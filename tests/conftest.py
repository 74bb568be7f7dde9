"""Fixtures shared by every test room.

PostgreSQL: tests that need it take the ``pg_url`` fixture. It reads
``SALESDESK_TEST_PG_URL``; outside CI the tests skip visibly when it is unset,
in CI (``CI=true``) a missing or unreachable PostgreSQL is an error, never a skip.
Each test gets a fresh schema so tests never see each other's rows.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from urllib.parse import quote

import pytest

PG_ENV = "SALESDESK_TEST_PG_URL"


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A SQLAlchemy URL to a brand-new, empty PostgreSQL schema."""
    base = os.environ.get(PG_ENV)
    if not base:
        if _in_ci():
            pytest.fail(f"{PG_ENV} is not set, but PostgreSQL tests must run in CI")
        pytest.skip(f"PostgreSQL not configured: set {PG_ENV} to run this test")
    import sqlalchemy as sa

    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    except sa.exc.OperationalError as exc:
        admin.dispose()
        if _in_ci():
            pytest.fail(f"PostgreSQL at {PG_ENV} is unreachable: {exc}")
        pytest.skip(f"PostgreSQL unreachable: {exc}")
    sep = "&" if "?" in base else "?"
    url = f"{base}{sep}options={quote(f'-csearch_path={schema}')}"
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()
