"""Sign-in, tokens, throttling and rights (SQLite and PostgreSQL)."""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import Engine, select

from salesdesk.server.auth import hash_token
from salesdesk.server.config import Argon2Params, ThrottleSettings
from salesdesk.server.db import ServerContext, make_sessions
from salesdesk.server.tables import tokens, users
from salesdesk.server.users import (
    PasswordHasher,
    Principal,
    Role,
    add_user,
    can_access_workflow,
    set_disabled,
)

from .test_support import (  # noqa: F401  (fixtures)
    FAST_ARGON2,
    PASSWORD,
    FakeClock,
    TestClient,
    app_client,
    bearer,
    db_url_fixture,
    make_app,
    make_user,
)

USERS = [
    ("root", "admin", None),
    ("ann", "agent", "north"),
    ("bob", "agent", "north"),
    ("meg", "manager", "north"),
]


@dataclass
class Server:
    app: FastAPI
    client: TestClient
    clock: FakeClock
    engine: Engine

    @property
    def ctx(self) -> ServerContext:
        ctx: ServerContext = self.app.state.salesdesk
        return ctx

    def login(self, name: str, password: str = PASSWORD) -> Any:
        return self.client.post("/api/v1/auth/login", json={"name": name, "password": password})

    def token(self, name: str) -> str:
        response = self.login(name)
        assert response.status_code == 200, response.text
        token: str = response.json()["token"]
        return token


def _server(url: str, **changes: object) -> Iterator[Server]:
    clock = FakeClock()
    app = make_app(url, clock=clock, **changes)
    with app_client(app) as client:
        engine: Engine = app.state.salesdesk.engine
        for name, role, team in USERS:
            make_user(engine, name, role, team)
        yield Server(app, client, clock, engine)


@pytest.fixture
def server(db_url: str) -> Iterator[Server]:
    yield from _server(db_url)


def test_login_me_logout(server: Server) -> None:
    response = server.login("ann")
    assert response.status_code == 200
    body = response.json()
    assert body["user"] == {"name": "ann", "role": "agent", "team": "north"}
    assert body["expires_at"].startswith("2026-03-01T21:00:00")  # 12 h after the fake now
    token = body["token"]
    assert len(token) >= 43
    me = server.client.get("/api/v1/me", headers=bearer(token))
    assert me.status_code == 200 and me.json() == body["user"]
    assert server.client.post("/api/v1/auth/logout", headers=bearer(token)).status_code == 204
    gone = server.client.get("/api/v1/me", headers=bearer(token))
    assert gone.status_code == 401
    assert gone.headers["www-authenticate"] == "Bearer"
    assert gone.json()["error"] == "unauthorized"


def test_tokens_are_stored_only_as_sha256(server: Server) -> None:
    token = server.token("ann")
    with server.engine.connect() as conn:
        stored = conn.execute(select(tokens.c.token_hash)).scalars().all()
        hashes = conn.execute(select(users.c.password_hash)).scalars().all()
    assert stored == [hashlib.sha256(token.encode()).hexdigest()] == [hash_token(token)]
    assert all(h.startswith("$argon2id$") for h in hashes)


def test_missing_or_invalid_token_is_401_with_a_bearer_challenge(server: Server) -> None:
    for headers in ({}, {"Authorization": "Bearer nonsense"}, {"Authorization": "Basic YTpi"}):
        response = server.client.get("/api/v1/me", headers=headers)
        assert response.status_code == 401
        assert response.headers["www-authenticate"] == "Bearer"
        assert set(response.json()) == {"error", "message", "fields"}


def test_wrong_password_and_unknown_user_look_the_same(server: Server) -> None:
    calls: list[str | None] = []
    verify = server.ctx.hasher.verify

    def spy(password_hash: str | None, password: str) -> bool:
        calls.append(password_hash)
        return verify(password_hash, password)

    server.ctx.hasher.verify = spy  # type: ignore[method-assign]
    wrong = server.login("ann", "not the password")
    unknown = server.login("nobody", "not the password")
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()
    assert wrong.json()["error"] == "invalid_credentials"
    # An unknown name still costs one argon2 verification (of a dummy hash).
    assert len(calls) == 2 and calls[1] is None


def test_tokens_expire(server: Server) -> None:
    token = server.token("ann")
    server.clock.advance(hours=11, minutes=59)
    assert server.client.get("/api/v1/me", headers=bearer(token)).status_code == 200
    server.clock.advance(minutes=1)
    expired = server.client.get("/api/v1/me", headers=bearer(token))
    assert expired.status_code == 401 and expired.headers["www-authenticate"] == "Bearer"


def test_token_lifetime_is_configurable(db_url: str) -> None:
    for server in _server(db_url, token_ttl=timedelta(minutes=5)):
        token = server.token("ann")
        server.clock.advance(minutes=5, seconds=1)
        assert server.client.get("/api/v1/me", headers=bearer(token)).status_code == 401


def test_admin_revokes_all_tokens_of_a_user(server: Server) -> None:
    admin = server.token("root")
    first, second, other = server.token("ann"), server.token("ann"), server.token("bob")
    revoke = server.client.post(
        "/api/v1/admin/tokens/revoke", json={"user": "ann"}, headers=bearer(admin)
    )
    assert revoke.status_code == 200 and revoke.json() == {"revoked": 2}
    for token in (first, second):
        assert server.client.get("/api/v1/me", headers=bearer(token)).status_code == 401
    assert server.client.get("/api/v1/me", headers=bearer(other)).status_code == 200
    unknown = server.client.post(
        "/api/v1/admin/tokens/revoke", json={"user": "zed"}, headers=bearer(admin)
    )
    assert unknown.status_code == 404 and unknown.json()["fields"] == {"user": "unknown"}
    assert (
        server.client.post(
            "/api/v1/admin/tokens/revoke", json={"user": "bob"}, headers=bearer(other)
        ).status_code
        == 403
    )


def test_a_disabled_user_can_neither_sign_in_nor_use_old_tokens(server: Server) -> None:
    token = server.token("ann")
    with make_sessions(server.engine).begin() as session:
        ann = session.execute(select(users.c.id).where(users.c.name == "ann")).scalar_one()
        set_disabled(session, ann, True)
    assert server.client.get("/api/v1/me", headers=bearer(token)).status_code == 401
    assert server.login("ann").status_code == 401


def _fail(server: Server, name: str, times: int) -> None:
    for _ in range(times):
        assert server.login(name, "wrong password!").status_code == 401


def test_failed_logins_are_throttled_with_growing_lockouts(server: Server) -> None:
    _fail(server, "ann", 5)
    locked = server.login("ann")  # even the right password waits
    assert locked.status_code == 429
    assert locked.headers["retry-after"] == "30"
    assert locked.json()["error"] == "too_many_requests"
    server.clock.advance(seconds=29)
    assert server.login("ann").headers["retry-after"] == "1"
    server.clock.advance(seconds=1)
    _fail(server, "ann", 1)  # the streak goes on: the lockout doubles
    assert server.login("ann").headers["retry-after"] == "60"
    server.clock.advance(seconds=60)
    _fail(server, "ann", 1)
    assert server.login("ann").headers["retry-after"] == "120"
    server.clock.advance(seconds=120)
    assert server.login("ann").status_code == 200  # success clears the streak
    _fail(server, "ann", 4)
    assert server.login("ann").status_code == 200
    # Other users are not affected by ann's lockout.
    _fail(server, "ann", 5)
    assert server.login("bob").status_code == 200


def test_one_user_signing_in_from_many_places_at_once(server: Server) -> None:
    # Each success deletes the name's throttle row while others insert and lock it.
    results: list[int] = []

    def sign_in() -> None:
        for _ in range(4):
            results.append(server.login("ann").status_code)

    threads = [threading.Thread(target=sign_in) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert results == [200] * 24


def test_unknown_names_are_throttled_like_known_ones(server: Server) -> None:
    _fail(server, "nobody", 5)
    assert server.login("nobody", "x").status_code == 429


def test_a_quiet_pause_ends_a_failure_streak(server: Server) -> None:
    _fail(server, "ann", 4)
    server.clock.advance(minutes=15, seconds=1)
    _fail(server, "ann", 4)
    assert server.login("ann").status_code == 200


def test_failures_are_also_throttled_per_client_address(db_url: str) -> None:
    throttle = ThrottleSettings(max_failures_per_address=6)
    for server in _server(db_url, throttle=throttle):
        for name in ("a1", "a2", "a3"):
            _fail(server, name, 2)
        # Six failures from this address, spread over names: the address is locked.
        response = server.login("bob")
        assert response.status_code == 429 and int(response.headers["retry-after"]) > 0


def test_login_upgrades_an_old_password_hash(server: Server) -> None:
    weak = PasswordHasher(Argon2Params(time_cost=1, memory_kib=256, parallelism=1))
    with make_sessions(server.engine).begin() as session:
        add_user(session, "old", PASSWORD, "agent", hasher=weak)
    assert server.token("old")
    with server.engine.connect() as conn:
        stored = conn.execute(select(users.c.password_hash).where(users.c.name == "old"))
        assert "m=1024,t=1,p=1" in stored.scalar_one()  # FAST_ARGON2, the configured cost
    assert FAST_ARGON2.memory_kib == 1024


def test_admin_creates_users_and_others_may_not(server: Server) -> None:
    new = {"name": "cid", "password": "long enough pw", "role": "agent", "team": "south"}
    for name in ("ann", "meg"):
        response = server.client.post(
            "/api/v1/admin/users", json=new, headers=bearer(server.token(name))
        )
        assert response.status_code == 403
        assert response.json()["error"] == "forbidden"
    admin = bearer(server.token("root"))
    created = server.client.post("/api/v1/admin/users", json=new, headers=admin)
    assert created.status_code == 201
    assert created.json() | {"id": 0} == {"id": 0, **{k: new[k] for k in ("name", "role", "team")}}
    assert server.login("cid", "long enough pw").status_code == 200
    again = server.client.post("/api/v1/admin/users", json=new, headers=admin)
    assert again.status_code == 409 and again.json()["fields"] == {"name": "already taken"}
    bad = server.client.post(
        "/api/v1/admin/users",
        json={"name": "dan", "password": "short", "role": "boss"},
        headers=admin,
    )
    assert bad.status_code == 422
    assert set(bad.json()["fields"]) == {"password", "role"}


def test_passwords_and_tokens_never_reach_the_logs(
    server: Server, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    token = server.token("ann")
    server.login("ann", "a-wrong-secret")
    server.client.get("/api/v1/me", headers=bearer(token))
    server.client.post("/api/v1/auth/logout", headers=bearer(token))
    assert caplog.records  # the failed sign-in is logged...
    text = caplog.text
    assert PASSWORD not in text and "a-wrong-secret" not in text and token not in text


def test_workflow_access_rules() -> None:
    ann = Principal(1, "ann", Role.AGENT, "north")
    meg = Principal(2, "meg", Role.MANAGER, "north")
    lone = Principal(3, "lone", Role.MANAGER, None)
    root = Principal(4, "root", Role.ADMIN, None)
    assert can_access_workflow(ann, 1, "north")
    assert not can_access_workflow(ann, 5, "north")  # a teammate's sale
    assert can_access_workflow(meg, 5, "north")
    assert not can_access_workflow(meg, 5, "south")
    assert can_access_workflow(meg, 2, "south")  # own sale, whatever the team
    assert not can_access_workflow(lone, 5, None)
    assert can_access_workflow(root, 5, "south")
