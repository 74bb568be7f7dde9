"""Token expiry, revocation and login throttling hold across server instances.

The server is stateless (several instances share one database), so a guess on one
instance counts on the others, and a token signed out, revoked or expired on one is dead
on all of them. Two instances on one database, real HTTP on loopback, SQLite and
PostgreSQL; one movable clock stands for time passing on both. The fine points of each
rule (growing lockouts, per-address budgets, unknown names) are in
tests/server/test_server_auth.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import httpx
import pytest
from tests.server.sync.helpers import PASSWORD, seed, serve, settings_for

from salesdesk.server.db import utcnow
from salesdesk.server.main import build_app
from salesdesk.sync.client import ServerClient
from salesdesk.sync.errors import AuthError


class Clock:
    def __init__(self) -> None:
        self.offset = timedelta(0)

    def __call__(self) -> datetime:
        return utcnow() + self.offset


@dataclass
class Pair:
    urls: list[str]
    clock: Clock

    def login(self, instance: int, name: str, password: str = PASSWORD) -> httpx.Response:
        return httpx.post(
            f"{self.urls[instance]}/api/v1/auth/login",
            json={"name": name, "password": password},
            timeout=30,
        )

    def token(self, instance: int, name: str) -> str:
        response = self.login(instance, name)
        assert response.status_code == 200, response.text
        token: str = response.json()["token"]
        return token

    def me(self, instance: int, token: str) -> int:
        return httpx.get(
            f"{self.urls[instance]}/api/v1/me",
            headers={"Authorization": f"Bearer {token}"},
            timeout=30,
        ).status_code


@pytest.fixture
def pair(db_url: str) -> Iterator[Pair]:
    seed(db_url)
    clock = Clock()
    with ExitStack() as stack:
        urls = [serve(stack, build_app(settings_for(db_url), clock=clock)) for _ in range(2)]
        yield Pair(urls, clock)


def test_guesses_on_two_instances_share_one_budget(pair: Pair) -> None:
    for attempt in range(5):  # max_failures_per_user, spread over both instances
        assert pair.login(attempt % 2, "alice", f"guess number {attempt}").status_code == 401
    for instance in (0, 1):
        locked = pair.login(instance, "alice")  # even the right password waits
        assert locked.status_code == 429, locked.text
        assert 1 <= int(locked.headers["retry-after"]) <= 30
        assert "try again in" in locked.json()["message"].lower()
    assert pair.login(1, "bob").status_code == 200  # only alice is locked
    pair.clock.offset += timedelta(seconds=31)
    assert pair.login(0, "alice").status_code == 200


def test_a_dead_token_is_dead_on_every_instance(pair: Pair, tmp_path: Path) -> None:
    signed_out = pair.token(0, "alice")
    revoked = pair.token(1, "alice")
    expiring = pair.token(0, "bob")
    admin = pair.token(1, "root")
    for token in (signed_out, revoked, expiring):
        assert pair.me(0, token) == pair.me(1, token) == 200

    assert (
        httpx.post(
            f"{pair.urls[1]}/api/v1/auth/logout",
            headers={"Authorization": f"Bearer {signed_out}"},
            timeout=30,
        ).status_code
        == 204
    )
    assert pair.me(0, signed_out) == pair.me(1, signed_out) == 401
    assert pair.me(0, revoked) == 200  # signing one token out leaves the others alone

    answer = httpx.post(
        f"{pair.urls[0]}/api/v1/admin/tokens/revoke",
        json={"user": "alice"},
        headers={"Authorization": f"Bearer {admin}"},
        timeout=30,
    )
    assert answer.status_code == 200 and answer.json()["revoked"] >= 1, answer.text
    assert pair.me(0, revoked) == pair.me(1, revoked) == 401

    pair.clock.offset += settings_for("sqlite://").token_ttl + timedelta(seconds=1)
    assert pair.me(0, expiring) == pair.me(1, expiring) == 401
    # The desktop hears "log in again", not a generic failure.
    with ServerClient(pair.urls[1], expiring) as client, pytest.raises(AuthError) as refused:
        client.me()
    assert "log in again" in str(refused.value)
    # A fresh sign-in works at once.
    assert pair.me(1, pair.token(0, "alice")) == 200
