"""Fixtures for the sync tests: a live server on loopback, seeded users, scripted devices.

Every database fixture runs on a SQLite file and on a fresh PostgreSQL schema. The server
is ``build_app`` served by uvicorn in a thread on a free loopback port; clients speak real
HTTP through httpx. Devices are real ``SalesService`` profiles (with the stand-in lookups)
in temporary directories, so pushed histories are exactly what a desktop records.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from .helpers import Cluster, start_cluster


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'server.sqlite3'}"
    url: str = request.getfixturevalue("pg_url")
    return url


@pytest.fixture
def pg_only_url(pg_url: str) -> str:
    return pg_url


@pytest.fixture
def cluster(db_url: str, tmp_path: Path) -> Iterator[Cluster]:
    """One server instance, seeded with users and the demo price list."""
    with ExitStack() as stack:
        yield start_cluster(stack, db_url, tmp_path, instances=1)


@pytest.fixture
def make_cluster(tmp_path: Path) -> Iterator[Callable[..., Cluster]]:
    with ExitStack() as stack:

        def make(url: str, instances: int = 1) -> Cluster:
            return start_cluster(stack, url, tmp_path, instances=instances)

        yield make
