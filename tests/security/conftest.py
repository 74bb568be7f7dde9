"""Fixtures of the security tests: a whole server (build_app with the lookup gateway) on
loopback, on a SQLite file and on a fresh PostgreSQL schema."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
# tests.server.sync.helpers (seeding, serving, scripted devices) and tests.support by name.
if str(REPO) not in sys.path:
    sys.path.append(str(REPO))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'server.sqlite3'}"
    url: str = request.getfixturevalue("pg_url")
    return url
