"""Fixtures of the desktop sync tests: an in-memory keyring, demo upstreams, a live server
(SQLite, and PostgreSQL where a scenario asks for it) and temporary desktop devices."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.support.inprocess import memory_keyring_installed

from salesdesk.server.demo_upstreams.runner import run_in_thread
from salesdesk.sync.memory_keyring import MemoryKeyring

from .helpers import REPO, Fleet, ServerHandle

# tests.support (the fault proxy, the file keyring of CLI subprocesses) by its full name.
if str(REPO) not in sys.path:
    sys.path.append(str(REPO))


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    with memory_keyring_installed() as backend:
        yield backend


@pytest.fixture
def upstreams() -> Iterator[str]:
    """Demo VIES, credit bureau and Nominatim on a free loopback port."""
    with run_in_thread() as (base_url, _stop):
        yield base_url


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'server.sqlite3'}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'server.sqlite3'}"
    url: str = request.getfixturevalue("pg_url")
    return url


@pytest.fixture
def make_server(
    upstreams: str, request: pytest.FixtureRequest
) -> Iterator[Callable[..., ServerHandle]]:
    servers: list[ServerHandle] = []
    stand_ins = request.node.get_closest_marker("stand_in_lookups") is not None

    def make(url: str, **kwargs: Any) -> ServerHandle:
        if stand_ins:
            kwargs.setdefault("verify_lookup_results", False)
        handle = ServerHandle(url, upstreams, **kwargs)
        servers.append(handle)
        handle.start()
        return handle

    try:
        yield make
    finally:
        for handle in servers:
            handle.stop()


@pytest.fixture
def server(make_server: Callable[..., ServerHandle], sqlite_url: str) -> ServerHandle:
    return make_server(sqlite_url)


@pytest.fixture
def any_server(make_server: Callable[..., ServerHandle], any_db_url: str) -> ServerHandle:
    return make_server(any_db_url)


@pytest.fixture
def fleet(tmp_path: Path) -> Iterator[Fleet]:
    devices = Fleet(tmp_path / "devices")
    try:
        yield devices
    finally:
        devices.close()
