"""Shared pieces of the desktop sync tests: a real server on loopback (build_app in a uvicorn
thread, lookups through demo upstreams), desktop devices (SalesService + SyncService in a
temporary data dir) and the convergence oracle."""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from salesdesk.flow.events import Event, EventType
from salesdesk.flow.runner import ActivityContext, ActivityFn
from salesdesk.sales.service import SalesService
from salesdesk.sales.standin import STANDIN_ACTIVITIES
from salesdesk.sales.views import SaleSummary
from salesdesk.server.config import Argon2Params, ServerSettings
from salesdesk.server.db import create_engine_for, make_sessions
from salesdesk.server.demo_upstreams.runner import demo_lookups_config, run_in_thread
from salesdesk.server.main import build_app
from salesdesk.server.migrate import ensure_schema
from salesdesk.server.pricelists import import_price_list
from salesdesk.server.users import PasswordHasher, add_user
from salesdesk.sync.client import ServerClient
from salesdesk.sync.errors import SyncError
from salesdesk.sync.gateway_activities import KINDS, activities_for_profile
from salesdesk.sync.profile import SyncProfile
from salesdesk.sync.service import SyncService
from salesdesk.sync.synchronizer import CycleReport

REPO = Path(__file__).resolve().parents[2]
PRICE_LIST_FILE = REPO / "resources" / "pricelists" / "demo-2026.json"
FAST_ARGON2 = Argon2Params(time_cost=1, memory_kib=1024, parallelism=1)
PASSWORD = "anna-pass-2026"
USERS: dict[str, tuple[str, str | None]] = {
    "anna": ("agent", "north"),
    "mark": ("manager", "north"),
    "otto": ("agent", "south"),
    "root": ("admin", None),
}

SKU = "LAP-TP-X1C-G12"
SKU2 = "LAP-TP-T14-G5"
CUSTOMER = {"vat_number": "DE812453790"}  # demo upstreams: valid, credit limit 250000
CONTACT = {"name": "Anna Weber", "email": "anna.weber@example.de"}
TERMS = {"payment_terms_days": 30}


def lines(discount: str = "5", quantity: int = 2, sku: str = SKU) -> dict[str, Any]:
    return {"items": [{"sku": sku, "quantity": quantity, "discount_percent": discount}]}


# ------------------------------------------------------------------------------ server


def seed(url: str) -> None:
    """Migrate, create the users and publish the demo price list."""
    engine = create_engine_for(url)
    try:
        ensure_schema(engine)
        hasher = PasswordHasher(FAST_ARGON2)
        with make_sessions(engine).begin() as session:
            for name, (role, team) in USERS.items():
                add_user(session, name, PASSWORD, role, team, hasher=hasher)
            import_price_list(session, PRICE_LIST_FILE.read_text(encoding="utf-8"))
    finally:
        engine.dispose()


class Clock:
    """A server clock a test can move forward (token expiry without sleeping)."""

    def __init__(self) -> None:
        self.offset = timedelta(0)

    def __call__(self) -> datetime:
        from salesdesk.server.db import utcnow

        return utcnow() + self.offset


class ServerHandle:
    """build_app served by uvicorn in a thread; stop() and start() again on the same port
    and database stand for a server that went down and came back."""

    def __init__(
        self,
        url: str,
        upstreams_url: str,
        *,
        token_ttl: timedelta | None = None,
        verify_lookup_results: bool = True,
    ):
        self.url = url
        self.upstreams_url = upstreams_url
        self.clock = Clock()
        self.settings = ServerSettings(
            database_url=url,
            argon2=FAST_ARGON2,
            verify_lookup_results=verify_lookup_results,
            **({"token_ttl": token_ttl} if token_ttl else {}),
        )
        self.port = 0
        self._stack: ExitStack | None = None
        self.starts = 0
        seed(url)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> str:
        assert self._stack is None, "already running"
        app = build_app(self.settings, demo_lookups_config(self.upstreams_url), clock=self.clock)
        stack = ExitStack()
        base_url, _stop = stack.enter_context(run_in_thread(app, port=self.port, lifespan="on"))
        self.port = int(base_url.rsplit(":", 1)[1])
        self._stack = stack
        self.starts += 1
        return base_url

    def stop(self) -> None:
        if self._stack is not None:
            self._stack.close()
            self._stack = None

    @property
    def running(self) -> bool:
        return self._stack is not None

    # -------------------------------------------------------------- HTTP as a user
    def token(self, user: str) -> str:
        response = httpx.post(
            f"{self.base_url}/api/v1/auth/login",
            json={"name": user, "password": PASSWORD},
            timeout=30,
        )
        assert response.status_code == 200, response.text
        token: str = response.json()["token"]
        return token

    def http(self, user: str) -> httpx.Client:
        return httpx.Client(
            base_url=self.base_url,
            headers={"Authorization": f"Bearer {self.token(user)}"},
            timeout=30,
        )

    def history(self, wid: str, user: str = "root") -> list[dict[str, Any]]:
        with self.http(user) as http:
            response = http.get(f"/api/v1/workflows/{wid}/events")
        assert response.status_code == 200, response.text
        return [_event_json(e) for e in response.json()["events"]]

    def revoke(self, user: str) -> int:
        with self.http("root") as http:
            response = http.post("/api/v1/admin/tokens/revoke", json={"user": user})
        assert response.status_code == 200, response.text
        revoked: int = response.json()["revoked"]
        return revoked


def _event_json(e: dict[str, Any]) -> dict[str, Any]:
    return {k: e[k] for k in ("seq", "type", "time", "origin", "data")}


# ------------------------------------------------------------------------------ devices


def lazy_gateway(data_dir: Path) -> dict[str, ActivityFn]:
    """Gateway lookups of whatever profile the data dir is signed in to at call time (the
    app builds them anew after a login; the CLI at each start)."""

    def make(name: str) -> ActivityFn:
        def activity(payload: Any, ctx: ActivityContext) -> Any:
            found = activities_for_profile(data_dir)
            if found is None:
                from salesdesk.flow.errors import ConnectivityError

                raise ConnectivityError("not signed in", code="LOGIN_REQUIRED")
            return found[name](payload, ctx)

        return activity

    return {name: make(name) for name in KINDS}


def quick_client(timeout: float) -> Callable[[SyncProfile, str | None], ServerClient]:
    def factory(profile: SyncProfile, token: str | None) -> ServerClient:
        return ServerClient(profile.server_url, token, ca_file=profile.ca_file, timeout=timeout)

    return factory


class Device:
    """One desktop profile: the sales service and its sync service."""

    def __init__(
        self,
        data_dir: Path,
        *,
        lookups: str = "gateway",
        client_timeout: float = 10.0,
        interval_seconds: float = 30.0,
        max_backoff_seconds: float = 60.0,
    ) -> None:
        self.data_dir = data_dir
        activities = lazy_gateway(data_dir) if lookups == "gateway" else STANDIN_ACTIVITIES
        self.sales = SalesService(data_dir, activities)
        self.sync = SyncService(
            self.sales,
            interval_seconds=interval_seconds,
            max_backoff_seconds=max_backoff_seconds,
            client_factory=quick_client(client_timeout),
        )

    def close(self) -> None:
        self.sync.stop()
        self.sales.close()

    @property
    def engine(self) -> Any:
        return self.sales.engine

    def login(self, server_url: str, user: str = "anna", password: str = PASSWORD) -> None:
        self.sync.login(server_url, user, password)

    def cycle(self) -> CycleReport:
        return self.sync.run_cycle()

    def try_cycle(self) -> CycleReport | SyncError:
        try:
            return self.sync.run_cycle()
        except SyncError as exc:
            return exc

    def sync_and_run(self, wait: float = 10.0) -> CycleReport:
        """What `salesdesk sync` does: a cycle, the lookups, a cycle to upload their results."""
        report = self.sync.run_cycle()
        self.sales.run_lookups(wait)
        self.sync.run_cycle()
        return report

    def signal(self, wid: str, name: str, payload: Any, wait: float = 0.0) -> None:
        self.sales.signal(wid, name, payload)
        if wait:
            self.sales.run_lookups(wait)

    def summary(self, wid: str) -> SaleSummary:
        return self.sales.summary(wid)

    def history(self, wid: str) -> list[dict[str, Any]]:
        return [e.to_json() for e in self.sales.engine.history(wid)]

    def pending(self) -> int:
        return sum(max(0, r.position - r.synced_position) for r in self.engine.list_workflows())

    def full_sale(self, *, discount: str = "5", submit: bool = True, wait: float = 0.0) -> str:
        wid = self.sales.new_sale()
        self.signal(wid, "customer", CUSTOMER, wait)
        self.signal(wid, "contact", CONTACT, wait)
        self.signal(wid, "lines", lines(discount), wait)
        self.signal(wid, "terms", TERMS, wait)
        if submit:
            self.signal(wid, "submit", {}, wait)
        return wid


@dataclass
class Fleet:
    """Devices of a test, closed at the end."""

    root: Path
    devices: list[Device] = field(default_factory=list)

    def device(self, name: str, **kwargs: Any) -> Device:
        device = Device(self.root / name, **kwargs)
        self.devices.append(device)
        return device

    def close(self) -> None:
        for device in self.devices:
            device.close()


# ------------------------------------------------------------------------------ oracle


def signal_key(e: dict[str, Any] | Event) -> tuple[str, str, str]:
    """Who sent which signal with which payload (times change when a rebase re-applies)."""
    data = e.data if isinstance(e, Event) else e["data"]
    origin = e.origin if isinstance(e, Event) else e["origin"]
    payload = json.dumps(data.get("payload"), sort_keys=True, separators=(",", ":"))
    return origin, str(data.get("name")), payload


def conflict_key(origin: str, c: dict[str, Any]) -> tuple[str, str, str]:
    payload = json.dumps(c.get("payload"), sort_keys=True, separators=(",", ":"))
    return origin, str(c.get("signal")), payload


def signals_in(history: Iterable[dict[str, Any]]) -> Counter[tuple[str, str, str]]:
    return Counter(signal_key(e) for e in history if e["type"] == EventType.SIGNAL_RECEIVED)


def converge(devices: list[Device], *, rounds: int = 12, server: ServerHandle | None = None) -> int:
    """Cycle every device (with its lookups) until nothing is pending or moving."""
    for round_no in range(1, rounds + 1):
        moved = 0
        for device in devices:
            report = device.cycle()
            moved += report.pushed_events + report.pulled_events
            device.sales.run_lookups(5.0)
        pending = sum(d.pending() for d in devices)
        if moved == 0 and pending == 0:
            return round_no
    raise AssertionError(
        f"no convergence after {rounds} rounds: pending "
        + ", ".join(f"{d.data_dir.name}={d.pending()}" for d in devices)
    )


def assert_converged(
    server: ServerHandle,
    devices: list[Device],
    acked: Counter[tuple[str, str, str]],
    *,
    unique: Callable[[tuple[str, str, str]], bool] = lambda key: key[1] != "submit",
    maybe_origins: Iterable[str] = (),
) -> dict[str, Any]:
    """The oracle: nothing pending, identical histories everywhere, every acknowledged
    signal present exactly once (in the history, or as a conflict on its device), and no
    signal present twice. ``maybe_origins``: devices killed between recording a signal and
    logging its acknowledgement, whose unacknowledged signals may be present (once)."""
    maybe = set(maybe_origins)
    for device in devices:
        for row in device.engine.list_workflows():
            assert row.position == row.synced_position, (
                f"{device.data_dir.name}: {row.workflow_id} has "
                f"{row.position - row.synced_position} event(s) not uploaded"
            )
    wids = sorted({r.workflow_id for d in devices for r in d.engine.list_workflows()})
    in_histories: Counter[tuple[str, str, str]] = Counter()
    for wid in wids:
        expected = server.history(wid)
        for device in devices:
            local = device.history(wid)
            assert local == expected, (
                f"{device.data_dir.name}: history of {wid} differs from the server's: "
                + describe_difference(local, expected)
            )
        in_histories += signals_in(expected)
    in_conflicts: Counter[tuple[str, str, str]] = Counter()
    for device in devices:
        for wid in wids:
            for c in device.sales.conflicts(wid):
                if c.get("kind") == "conflict":
                    in_conflicts[conflict_key(device.sales.origin, c)] += 1
    seen = in_histories + in_conflicts
    for key, count in acked.items():
        if unique(key):
            assert seen[key] == 1, f"acknowledged signal {key} is present {seen[key]} time(s)"
        else:
            assert seen[key] >= count, f"acknowledged signal {key} lost ({seen[key]} < {count})"
    for key, count in seen.items():
        if unique(key) and key[0].startswith("device:"):
            assert count <= 1, f"signal {key} is present {count} times"
            assert key in acked or key[0] in maybe, f"signal {key} appeared from nowhere"
    return {"sales": len(wids), "signals": sum(in_histories.values()), "conflicts": in_conflicts}


def describe_difference(local: list[dict[str, Any]], server: list[dict[str, Any]]) -> str:
    at = next(
        (i for i, (x, y) in enumerate(zip(local, server, strict=False)) if x != y),
        min(len(local), len(server)),
    )

    def brief(e: dict[str, Any] | None) -> str:
        if e is None:
            return "nothing"
        name = e["data"].get("name") or e["data"].get("activity_id") or ""
        return f"#{e['seq']} {e['type']} {name} by {e['origin']} at {e['time']}"

    return (
        f"{len(local)} events here, {len(server)} on the server; from #{at + 1}: here "
        f"{brief(local[at] if at < len(local) else None)}, server "
        f"{brief(server[at] if at < len(server) else None)}"
    )


def python_env(keyring_file: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        PYTHONPATH=str(REPO),
        PYTHON_KEYRING_BACKEND="tests.support.file_keyring.TestFileKeyring",
        SALESDESK_TEST_KEYRING_FILE=str(keyring_file),
    )
    env.update(extra)
    env.pop("SALESDESK_DATABASE_URL", None)
    return env


SALESDESK = [sys.executable, "-m", "salesdesk.cli"]
