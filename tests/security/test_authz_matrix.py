"""Authorization matrix: every route of the whole server × every kind of caller.

The routes are read from the app itself (``app.routes``), so an endpoint added without an
entry here fails :func:`test_every_route_has_a_matrix_entry`. Each cell is a real HTTP
request on loopback; SQLite and PostgreSQL.

Callers: no token; an expired and a revoked token (both of the sale's owner, the caller
with most rights to lose); alice (agent, north, owns the sale); bob (another agent of her
team); carol (an agent of another team); mary (manager of north); oscar (manager of
south); root (admin).

A sale someone may not see is answered 403 or 404 (the server is moving to 404 so that a
foreign id is indistinguishable from a missing one); either way the answer must not carry
the sale's data.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import update
from tests.server.sync.helpers import (
    PASSWORD,
    PRICE_LIST_FILE,
    USERS,
    Device,
    login,
    seed,
    serve,
    settings_for,
)

from salesdesk.sales.lookup_models import LOOKUP_KINDS
from salesdesk.server.auth import hash_token
from salesdesk.server.db import create_engine_for, utcnow
from salesdesk.server.lookups import LookupsConfig
from salesdesk.server.main import build_app
from salesdesk.server.tables import tokens

INVALID = ("anonymous", "expired", "revoked")
SIGNED_IN = ("alice", "bob", "carol", "mary", "oscar", "root")
CALLERS = (*INVALID, *SIGNED_IN)
SEES_THE_SALE = {"alice", "mary", "root"}
FOREIGN = (403, 404)

# A spare user: the target of the admin's token revocation and of the sign-in cell.
EXTRA_USERS = {**USERS, "dora": ("agent", "north")}


def routes_of(app: FastAPI) -> set[tuple[str, str]]:
    """(method, path template) of every route the app answers, HEAD aside (it mirrors GET)."""
    found: set[tuple[str, str]] = set()

    def add(methods: Iterable[str] | None, path: str) -> None:
        assert methods, f"route {path} has no methods: an unknown kind of route"
        found.update((m, path) for m in methods if m != "HEAD")

    for route in app.routes:
        if hasattr(route, "effective_candidates"):  # FastAPI >= 0.16x: an included router
            candidates = route.effective_candidates
            for ctx in candidates() if callable(candidates) else candidates:
                add(ctx.methods, ctx.path)
        elif hasattr(route, "path"):
            add(getattr(route, "methods", None), route.path)
        else:
            raise AssertionError(f"unknown kind of route {route!r}: extend routes_of")
    return found


@dataclass
class World:
    base_url: str
    app: FastAPI
    wid: str
    device: Device
    content_hash: str
    tokens: dict[str, str | None] = field(default_factory=dict)

    def client(self, caller: str) -> httpx.Client:
        token = self.tokens[caller]
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.Client(base_url=self.base_url, headers=headers, timeout=30)


Request = Callable[[World, httpx.Client, str], httpx.Response]
Check = Callable[[World, str, httpx.Response], None]


@dataclass(frozen=True)
class Cell:
    request: Request
    expected: dict[str, tuple[int, ...]]
    check: Check | None = None


def _public(status: int = 200) -> dict[str, tuple[int, ...]]:
    return dict.fromkeys(CALLERS, (status,))


def _signed_in(status: int = 200) -> dict[str, tuple[int, ...]]:
    return {**dict.fromkeys(INVALID, (401,)), **dict.fromkeys(SIGNED_IN, (status,))}


def _admin_only(status: int) -> dict[str, tuple[int, ...]]:
    return {**_signed_in(403), "root": (status,)}


def _sale_readers() -> dict[str, tuple[int, ...]]:
    return {**_signed_in(200), **{c: FOREIGN for c in set(SIGNED_IN) - SEES_THE_SALE}}


def _deciders() -> dict[str, tuple[int, ...]]:
    # alice sees her sale but may not approve her own discount.
    return {**_sale_readers(), "alice": (403,), "mary": (200,), "root": (200,)}


def _no_sale_data(world: World, caller: str, response: httpx.Response) -> None:
    if response.status_code >= 400:
        assert "customer" not in response.text and "events" not in response.text, response.text


def _visible(world: World, caller: str, ids: set[str]) -> None:
    expected = {world.wid} if caller in SEES_THE_SALE else set()
    assert ids == expected, (caller, ids)


def _check_pull(world: World, caller: str, response: httpx.Response) -> None:
    if response.status_code == 200:
        _visible(world, caller, {e["workflow_id"] for e in response.json()["events"]})


def _check_list(world: World, caller: str, response: httpx.Response) -> None:
    if response.status_code == 200:
        _visible(world, caller, {r["workflow_id"] for r in response.json()})


def _check_push(world: World, caller: str, response: httpx.Response) -> None:
    if response.status_code != 200:
        return
    (result,) = response.json()["results"]
    if caller == "alice":
        assert result["status"] == "duplicate", result
    elif caller not in SEES_THE_SALE:
        # Refused, and nothing of the server's history is handed out with the refusal.
        assert result["status"] == "rejected", (caller, result)
        assert result["server_events"] == [], (caller, result)


def _check_login(world: World, caller: str, response: httpx.Response) -> None:
    # Whoever calls, signing in yields the named user's identity, never the caller's.
    assert response.json()["user"]["name"] == "dora"


def _post(path: str, body: Callable[[World, str], Any]) -> Request:
    return lambda world, http, caller: http.post(path, json=body(world, caller))


def _get(path: str) -> Request:
    return lambda world, http, caller: http.get(path.format(wid=world.wid, h=world.content_hash))


def _import_price_list(world: World, http: httpx.Client, caller: str) -> httpx.Response:
    return http.post(
        "/api/v1/admin/price-lists",
        content=PRICE_LIST_FILE.read_bytes(),
        headers={"Content-Type": "application/json"},
    )


def _approve(world: World, http: httpx.Client, caller: str) -> httpx.Response:
    return http.post(
        f"/api/v1/sales/{world.wid}/approve-discount",
        json={"approved": True, "comment": f"by {caller}"},
    )


def _push(world: World, http: httpx.Client, caller: str) -> httpx.Response:
    body = {"device_id": world.device.device_id, "workflows": [world.device.item(world.wid)]}
    return http.post("/api/v1/sync/push", json=body)


MATRIX: dict[tuple[str, str], Cell] = {
    # -- documentation and operations: public on purpose
    ("GET", "/openapi.json"): Cell(_get("/openapi.json"), _public()),
    ("GET", "/docs"): Cell(_get("/docs"), _public()),
    ("GET", "/docs/oauth2-redirect"): Cell(_get("/docs/oauth2-redirect"), _public()),
    ("GET", "/redoc"): Cell(_get("/redoc"), _public()),
    ("GET", "/healthz"): Cell(_get("/healthz"), _public()),
    ("GET", "/metrics"): Cell(_get("/metrics"), _public()),
    # -- auth
    ("POST", "/api/v1/auth/login"): Cell(
        _post("/api/v1/auth/login", lambda w, c: {"name": "dora", "password": PASSWORD}),
        _public(),
        _check_login,
    ),
    ("GET", "/api/v1/me"): Cell(_get("/api/v1/me"), _signed_in()),
    # ("POST", "/api/v1/auth/logout") runs last: see test_authorization_matrix.
    ("POST", "/api/v1/auth/logout"): Cell(
        lambda w, http, c: http.post("/api/v1/auth/logout"), _signed_in(204)
    ),
    # -- admin
    ("POST", "/api/v1/admin/users"): Cell(
        _post(
            "/api/v1/admin/users",
            lambda w, c: {"name": f"new-{c}", "password": "long enough pw", "role": "agent"},
        ),
        _admin_only(201),
    ),
    ("POST", "/api/v1/admin/tokens/revoke"): Cell(
        _post("/api/v1/admin/tokens/revoke", lambda w, c: {"user": "dora"}), _admin_only(200)
    ),
    ("POST", "/api/v1/admin/price-lists"): Cell(_import_price_list, _admin_only(200)),
    # -- price lists: every signed-in user (agents price their sales with them)
    ("GET", "/api/v1/price-lists/current"): Cell(_get("/api/v1/price-lists/current"), _signed_in()),
    ("GET", "/api/v1/price-lists/{content_hash}"): Cell(
        _get("/api/v1/price-lists/{h}"), _signed_in()
    ),
    # -- sync: anyone signed in may call; what they get is checked
    ("POST", "/api/v1/sync/push"): Cell(_push, _signed_in(), _check_push),
    ("POST", "/api/v1/sync/pull"): Cell(
        _post("/api/v1/sync/pull", lambda w, c: {"device_id": f"dev-{c}", "cursor": 0}),
        _signed_in(),
        _check_pull,
    ),
    ("GET", "/api/v1/workflows/{workflow_id}/events"): Cell(
        _get("/api/v1/workflows/{wid}/events"), _sale_readers(), _no_sale_data
    ),
    # -- sales
    ("GET", "/api/v1/sales"): Cell(_get("/api/v1/sales"), _signed_in(), _check_list),
    ("GET", "/api/v1/sales/{workflow_id}"): Cell(
        _get("/api/v1/sales/{wid}"), _sale_readers(), _no_sale_data
    ),
    ("POST", "/api/v1/sales/{workflow_id}/approve-discount"): Cell(
        _approve, _deciders(), _no_sale_data
    ),
    # -- lookups: any signed-in user; an invalid input is answered without an upstream call
    ("POST", "/api/v1/lookups/{kind}"): Cell(
        lambda w, http, c: http.post(f"/api/v1/lookups/{LOOKUP_KINDS[0]}", json={}),
        _signed_in(),
    ),
}
LAST = ("POST", "/api/v1/auth/logout")


def _full_app(url: str) -> FastAPI:
    # The lookup gateway is mounted as in production; its upstreams are never reached here.
    lookups = LookupsConfig(credit_url="http://127.0.0.1:9", credit_api_key="matrix-key")
    # Its sales are recorded with the offline stand-ins' lookup results.
    return build_app(replace(settings_for(url), verify_lookup_results=False), lookups)


def test_every_route_has_a_matrix_entry(tmp_path: Path) -> None:
    app = _full_app(f"sqlite:///{tmp_path / 'routes.sqlite3'}")
    routes = routes_of(app)
    missing = sorted(routes - set(MATRIX))
    stale = sorted(set(MATRIX) - routes)
    assert not missing, f"routes without an authorization matrix entry: {missing}"
    assert not stale, f"matrix entries for routes that no longer exist: {stale}"
    for cell in MATRIX.values():
        assert set(cell.expected) == set(CALLERS)


@pytest.fixture
def world(db_url: str, tmp_path: Path) -> Iterator[World]:
    with ExitStack() as stack:
        seed(db_url, EXTRA_USERS)
        app = _full_app(db_url)
        base_url = serve(stack, app)
        device = Device(tmp_path / "alice-laptop", "alice", "north")
        stack.callback(device.close)
        wid = device.sale(discount="20")  # above the threshold: waits for a manager
        names = [n for n in SIGNED_IN]
        world = World(base_url, app, wid, device, "")
        world.tokens = {"anonymous": None, **{n: login(base_url, n) for n in names}}
        with world.client("alice") as http:
            pushed = _push(world, http, "alice").json()["results"][0]
            assert pushed["status"] == "accepted", pushed
            world.content_hash = http.get("/api/v1/price-lists/current").headers["ETag"].strip('"')
        # Two more tokens of alice: one signed out, one past its expiry.
        world.tokens["revoked"] = login(base_url, "alice")
        with world.client("revoked") as http:
            assert http.post("/api/v1/auth/logout").status_code == 204
        world.tokens["expired"] = login(base_url, "alice")
        engine = create_engine_for(db_url)
        try:
            with engine.begin() as conn:
                conn.execute(
                    update(tokens)
                    .where(tokens.c.token_hash == hash_token(str(world.tokens["expired"])))
                    .values(expires_at=utcnow() - timedelta(seconds=1))
                )
        finally:
            engine.dispose()
        yield world


def test_authorization_matrix(world: World) -> None:
    routes = routes_of(world.app)
    assert routes <= set(MATRIX), "see test_every_route_has_a_matrix_entry"
    order = sorted(routes, key=lambda r: (r == LAST, r))  # signing out invalidates tokens
    wrong: list[str] = []
    cells = 0
    clients = {caller: world.client(caller) for caller in CALLERS}
    try:
        for route in order:
            cell = MATRIX[route]
            for caller in CALLERS:
                cells += 1
                response = cell.request(world, clients[caller], caller)
                expected = cell.expected[caller]
                if response.status_code not in expected:
                    wrong.append(
                        f"{route[0]} {route[1]} as {caller}: {response.status_code}, expected "
                        f"{' or '.join(map(str, expected))}: {response.text[:200]}"
                    )
                    continue
                if response.status_code == 401:
                    assert response.headers.get("www-authenticate") == "Bearer", (route, caller)
                if cell.check is not None:
                    cell.check(world, caller, response)
    finally:
        for http in clients.values():
            http.close()
    assert not wrong, "\n".join(wrong)
    assert cells == len(routes) * len(CALLERS)
    print(f"authorization matrix: {len(routes)} routes x {len(CALLERS)} callers = {cells} cells")
