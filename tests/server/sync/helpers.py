"""Helpers for the sync tests: seeding, live servers, HTTP clients and scripted devices."""

from __future__ import annotations

import copy
import socket
import threading
import time
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from fastapi import FastAPI

from salesdesk.flow.events import Event
from salesdesk.sales.pricelist import load_price_list
from salesdesk.sales.service import SalesService
from salesdesk.sales.standin import STANDIN_ACTIVITIES
from salesdesk.server.config import Argon2Params, ServerSettings
from salesdesk.server.db import create_engine_for, make_sessions
from salesdesk.server.main import build_app
from salesdesk.server.migrate import ensure_schema
from salesdesk.server.pricelists import import_price_list
from salesdesk.server.users import PasswordHasher, add_user

REPO = Path(__file__).resolve().parents[3]
PRICE_LIST_FILE = REPO / "resources" / "pricelists" / "demo-2026.json"
# Still argon2id, but cheap: password cost is not what these tests are about.
FAST_ARGON2 = Argon2Params(time_cost=1, memory_kib=1024, parallelism=1)
PASSWORD = "correct horse battery"

# name -> (role, team)
USERS: dict[str, tuple[str, str | None]] = {
    "alice": ("agent", "north"),
    "bob": ("agent", "north"),
    "carol": ("agent", "south"),
    "mary": ("manager", "north"),
    "oscar": ("manager", "south"),
    "root": ("admin", None),
}

PUSH = "/api/v1/sync/push"
PULL = "/api/v1/sync/pull"


def settings_for(url: str) -> ServerSettings:
    return ServerSettings(database_url=url, argon2=FAST_ARGON2)


def seed(url: str, users: dict[str, tuple[str, str | None]] | None = None) -> None:
    """Migrate, create the test users and publish the demo price list."""
    engine = create_engine_for(url)
    try:
        ensure_schema(engine)
        hasher = PasswordHasher(FAST_ARGON2)
        with make_sessions(engine).begin() as session:
            for name, (role, team) in (users or USERS).items():
                add_user(session, name, PASSWORD, role, team, hasher=hasher)
            import_price_list(session, PRICE_LIST_FILE.read_text(encoding="utf-8"))
    finally:
        engine.dispose()


def serve(stack: ExitStack, app: Any) -> str:
    """Serve ``app`` with uvicorn in a thread on a free loopback port; stopped by ``stack``.

    Like ``demo_upstreams.runner.run_in_thread``, but the listening socket is created with
    ``IPPROTO_TCP``: asyncio sets TCP_NODELAY only on sockets whose ``proto`` says TCP, and
    without it every response waits ~40 ms for a delayed ACK (Nagle).
    """
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        app, log_level="warning", access_log=False, lifespan="on", timeout_graceful_shutdown=1
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, name=f"server-{port}", daemon=True
    )
    thread.start()

    def stop() -> None:
        server.should_exit = True
        thread.join(timeout=15)
        sock.close()

    stack.callback(stop)
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the server did not start")
        time.sleep(0.01)
    return f"http://127.0.0.1:{port}"


# ------------------------------------------------------------------------------ clients


class Api:
    """An authenticated HTTP client of one server instance."""

    def __init__(self, base_url: str, token: str | None) -> None:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.http = httpx.Client(base_url=base_url, headers=headers, timeout=30)

    def close(self) -> None:
        self.http.close()

    def push_raw(self, device_id: str, workflows: Sequence[dict[str, Any]]) -> httpx.Response:
        return self.http.post(PUSH, json={"device_id": device_id, "workflows": list(workflows)})

    def push(self, device_id: str, workflows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
        response = self.push_raw(device_id, workflows)
        assert response.status_code == 200, response.text
        results: list[dict[str, Any]] = response.json()["results"]
        return results

    def push_one(self, device_id: str, workflow: dict[str, Any]) -> dict[str, Any]:
        (result,) = self.push(device_id, [workflow])
        return result

    def pull(self, device_id: str, cursor: int = 0, limit: int = 500) -> dict[str, Any]:
        response = self.http.post(
            PULL, json={"device_id": device_id, "cursor": cursor, "limit": limit}
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    def pull_all(self, device_id: str, cursor: int = 0, limit: int = 500) -> tuple[list, int]:
        """Every event after ``cursor`` (following ``more``) and the final cursor."""
        out: list[dict[str, Any]] = []
        while True:
            page = self.pull(device_id, cursor, limit)
            out.extend(page["events"])
            cursor = page["next_cursor"]
            if not page["more"]:
                return out, cursor

    def get(self, path: str) -> httpx.Response:
        return self.http.get(path)

    def sale(self, workflow_id: str) -> dict[str, Any]:
        response = self.http.get(f"/api/v1/sales/{workflow_id}")
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    def approve(
        self, workflow_id: str, approved: bool = True, comment: str | None = None
    ) -> httpx.Response:
        return self.http.post(
            f"/api/v1/sales/{workflow_id}/approve-discount",
            json={"approved": approved, "comment": comment},
        )


def login(base_url: str, name: str, password: str = PASSWORD) -> str:
    with httpx.Client(base_url=base_url, timeout=30) as http:
        response = http.post("/api/v1/auth/login", json={"name": name, "password": password})
    assert response.status_code == 200, response.text
    token: str = response.json()["token"]
    return token


# ------------------------------------------------------------------------------ devices

CUSTOMER = {"vat_number": "HU12345676"}
CONTACT = {"name": "Anna Kovács", "email": "anna@example.com", "phone": "+36 1 234 5678"}
TERMS = {"payment_terms_days": 30}


def lines(discount: str = "5", sku: str = "LAP-TP-X1C-G12", quantity: int = 2) -> dict[str, Any]:
    return {"items": [{"sku": sku, "quantity": quantity, "discount_percent": discount}]}


class Device:
    """A desktop profile (SalesService with stand-in lookups) of one agent."""

    def __init__(self, data_dir: Path, agent: str, team: str | None) -> None:
        self.service = SalesService(data_dir, STANDIN_ACTIVITIES)
        self.service.set_agent(agent, team)
        self.service.price_lists.add(load_price_list(PRICE_LIST_FILE))
        self.device_id = self.service.device_id
        self.origin = self.service.origin

    def close(self) -> None:
        self.service.close()

    def signal(self, wid: str, name: str, payload: Any) -> None:
        self.service.signal(wid, name, payload)
        self.service.run_lookups(5)

    def sale(self, *, discount: str = "5", submit: bool = False, until: str = "terms") -> str:
        """Script a sale up to ``until`` (start, customer, contact, lines, terms)."""
        svc = self.service
        wid = svc.new_sale()
        steps = [
            ("customer", CUSTOMER),
            ("contact", CONTACT),
            ("lines", lines(discount)),
            ("terms", TERMS),
        ]
        for name, payload in steps:
            if until == "start":
                break
            self.signal(wid, name, payload)
            if name == until:
                break
        if submit:
            self.signal(wid, "submit", {})
        return wid

    def history(self, wid: str) -> list[Event]:
        return self.service.engine.history(wid)

    def events(self, wid: str, after: int = 0) -> list[dict[str, Any]]:
        return [e.to_json() for e in self.history(wid) if e.seq > after]

    def item(self, wid: str, after: int = 0, upto: int | None = None) -> dict[str, Any]:
        """The push entry for events after ``after`` (up to seq ``upto``)."""
        events = [e for e in self.events(wid, after) if upto is None or e["seq"] <= upto]
        return push_item(wid, after, events)

    def apply(self, wid: str, events: Sequence[dict[str, Any]]) -> None:
        """Append events pulled or answered by the server (after a checked replay)."""
        self.service.engine.append_recorded(wid, [to_event(e) for e in events], synced=True)

    def adopt(self, wid: str, events: Sequence[dict[str, Any]]) -> None:
        """Take over a sale started elsewhere (pulled from the server)."""
        self.service.engine.replace_history(
            wid, "sale", [to_event(e) for e in events], synced_position=len(events)
        )


def push_item(wid: str, after: int, events: Sequence[dict[str, Any]]) -> dict[str, Any]:
    return {
        "workflow_id": wid,
        "workflow_type": "sale",
        "expected_position": after,
        "events": [copy.deepcopy(dict(e)) for e in events],
    }


def to_event(e: dict[str, Any]) -> Event:
    return Event(e["seq"], e["type"], e["data"], e["time"], e["origin"])


def strip_cursor(e: dict[str, Any]) -> dict[str, Any]:
    return {k: e[k] for k in ("seq", "type", "time", "origin", "data")}


# ------------------------------------------------------------------------------ cluster


@dataclass
class Cluster:
    """Server instance(s) on one database, plus factories for clients and devices."""

    url: str
    base_urls: list[str]
    apps: list[FastAPI]
    tmp_path: Path
    stack: ExitStack
    _tokens: dict[str, str] = field(default_factory=dict)
    _devices: int = 0

    @property
    def base_url(self) -> str:
        return self.base_urls[0]

    def api(self, name: str | None, instance: int = 0) -> Api:
        token = None
        if name is not None:
            if name not in self._tokens:
                self._tokens[name] = login(self.base_url, name)
            token = self._tokens[name]
        api = Api(self.base_urls[instance], token)
        self.stack.callback(api.close)
        return api

    def device(self, agent: str) -> Device:
        self._devices += 1
        _role, team = USERS[agent]
        device = Device(self.tmp_path / f"device-{self._devices}-{agent}", agent, team)
        self.stack.callback(device.close)
        return device

    def metrics(self, instance: int = 0) -> str:
        return httpx.get(f"{self.base_urls[instance]}/metrics", timeout=10).text


def start_cluster(stack: ExitStack, url: str, tmp_path: Path, instances: int = 1) -> Cluster:
    seed(url)
    # No gateway here: the devices record the offline stand-ins' lookup results.
    settings = replace(settings_for(url), verify_lookup_results=False)
    apps = [build_app(settings) for _ in range(instances)]
    base_urls = [serve(stack, app) for app in apps]
    return Cluster(url, base_urls, apps, tmp_path, stack)


DECISIONS = frozenset(
    {
        "ActivityScheduled",
        "ActivityCancelled",
        "TimerStarted",
        "TimerCancelled",
        "MarkerRecorded",
        "SideEffect",
        "WorkflowCompleted",
        "WorkflowFailed",
    }
)


def activations(events: Sequence[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Split a history where a device commits: an external event and its decisions."""
    groups: list[list[dict[str, Any]]] = []
    for e in events:
        if e["type"] in DECISIONS and groups:
            groups[-1].append(e)
        else:
            groups.append([e])
    return groups


def batches(events: Sequence[dict[str, Any]], per_push: int) -> list[list[dict[str, Any]]]:
    """Consecutive pushes of ``per_push`` activations each (how a device syncs a sale)."""
    groups = activations(events)
    return [
        [e for g in groups[i : i + per_push] for e in g] for i in range(0, len(groups), per_push)
    ]


def stored(url: str) -> dict[str, int]:
    """Row counts the server stored, read straight from its database."""
    from sqlalchemy import func, select

    from salesdesk.server.tables import event_counter, events, workflows

    engine = create_engine_for(url)
    try:
        with engine.connect() as conn:
            return {
                "events": conn.execute(select(func.count()).select_from(events)).scalar_one(),
                "workflows": conn.execute(select(func.count()).select_from(workflows)).scalar_one(),
                "counter": conn.execute(select(event_counter.c.value)).scalar_one(),
            }
    finally:
        engine.dispose()
