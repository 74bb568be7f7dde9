"""Shared fixtures and helpers for the server tests (imported by the test_server_* files).

Every database fixture runs twice: on a SQLite file in tmp_path and on a fresh PostgreSQL
schema (``pg_url`` from tests/conftest.py, skipped when PostgreSQL is not configured).
"""

from __future__ import annotations

import socket
import threading
import time
import warnings
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from sqlalchemy import Engine

from salesdesk.server.app import create_app
from salesdesk.server.config import Argon2Params, ServerSettings
from salesdesk.server.db import create_engine_for, make_sessions
from salesdesk.server.migrate import ensure_schema
from salesdesk.server.users import PasswordHasher, Principal, add_user

with warnings.catch_warnings():
    # Starlette now prefers the httpx2 package; plain httpx still works for these tests.
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient as TestClient

# Still argon2id, but cheap: the cost parameters are not what these tests are about.
FAST_ARGON2 = Argon2Params(time_cost=1, memory_kib=1024, parallelism=1)
PASSWORD = "correct horse battery"


@pytest.fixture(name="db_url", params=["sqlite", "postgresql"])
def db_url_fixture(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'server.sqlite3'}"
    url: str = request.getfixturevalue("pg_url")
    return url


@pytest.fixture(name="engine")
def engine_fixture(db_url: str) -> Iterator[Engine]:
    eng = create_engine_for(db_url)
    ensure_schema(eng)
    yield eng
    eng.dispose()


def settings_for(url: str, **changes: object) -> ServerSettings:
    return replace(ServerSettings(database_url=url, argon2=FAST_ARGON2), **changes)  # type: ignore[arg-type]


def make_user(engine: Engine, name: str, role: str = "agent", team: str | None = None) -> Principal:
    with make_sessions(engine).begin() as session:
        return add_user(session, name, PASSWORD, role, team, hasher=PasswordHasher(FAST_ARGON2))


class FakeClock:
    """A settable clock for expiry and throttle tests."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 3, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def login(client: httpx.Client, name: str, password: str = PASSWORD) -> str:
    response = client.post("/api/v1/auth/login", json={"name": name, "password": password})
    assert response.status_code == 200, response.text
    token: str = response.json()["token"]
    return token


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


class LiveServer:
    """uvicorn serving ``app`` on a free loopback port in a background thread."""

    def __init__(self, app: FastAPI) -> None:
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        host, port = self._sock.getsockname()
        self.url = f"http://{host}:{port}"
        config = uvicorn.Config(app, log_config=None, access_log=False, lifespan="on")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._sock]}, daemon=True
        )

    def __enter__(self) -> LiveServer:
        self._thread.start()
        deadline = time.monotonic() + 20
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.01)
        return self

    def __exit__(self, *_exc: object) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)
        self._sock.close()

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=10)


def wait_until(predicate: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached in time")
        time.sleep(0.01)


def app_client(app: FastAPI) -> TestClient:
    """Starlette's TestClient (use it as a context manager to run the lifespan)."""
    return TestClient(app)


def make_app(url: str, clock: FakeClock | None = None, **changes: object) -> FastAPI:
    return create_app(settings_for(url, **changes), clock=clock)
