"""The kill torture: scripted sales on 3 devices of 2 agents against 2 server instances on
one database, with SIGKILLs at random moments, then the oracle.

    python -m tests.torture.driver --kills 1000 --seed 1 --database-url URL [--json]

Processes: two server instances (``server_child``: build_app under uvicorn on loopback
ports, one shared database; lookups through demo upstreams served by this driver), and one
zygote per device (``device_child``: anna on two laptops, mark on one) that forks a worker
per life. Each worker works and syncs until it is killed; its acknowledgement log is
appended and fsynced only after the engine acknowledged a signal.

Kills (seeded choices; the moments are wall-clock and so only roughly repeatable):
- a device worker at a named point, by itself (``device_child.HOOKS``: mid-signal,
  mid-activity, mid-push, mid-pull, mid-rebase), or by the driver at a random time;
- a server instance at a random time while the devices keep it busy (so the kill usually
  lands inside a request and its database transaction); it is started again at once.

At the end everything is brought up and synced until quiet (heal), and the oracle checks:
no pending uploads and no refused history on any device; each device's history of every
sale it holds is the server's, event for event; every history (server and devices)
replays; every acknowledged signal is present exactly once (in the history, or as a
conflict shown on its device); no signal is present twice.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import queue
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import httpx

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from tests.sync.helpers import PASSWORD, python_env, seed  # noqa: E402
from tests.torture.device_child import HOOKS  # noqa: E402

DEVICES = (("anna1", "anna"), ("anna2", "anna"), ("mark1", "mark"))
KILL_CLASS = {
    "signal.uncommitted": "mid-signal",
    "signal.unlogged": "mid-signal",
    "activity.running": "mid-activity",
    "activity.recording": "mid-activity",
    "push.inflight": "mid-push",
    "push.sent": "mid-push",
    "pull.fetched": "mid-pull",
    "pull.applying": "mid-pull",
    "pull.before_cursor": "mid-pull",
    "rebase.uncommitted": "mid-pull",
    "random": "device-random-time",
    "server": "server",
}
HOOK_PATIENCE = 6.0  # seconds an armed worker gets to reach its hook before a plain kill
START_TIMEOUT = 60.0  # a loaded 2-core machine can be slow to start a process


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Lines:
    """Lines of a child's stdout, read on a thread, polled without blocking."""

    def __init__(self, stream: IO[str]) -> None:
        self.queue: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._pump, args=(stream,), daemon=True).start()

    def _pump(self, stream: IO[str]) -> None:
        for line in stream:
            self.queue.put(line.rstrip("\n"))
        self.queue.put("<eof>")

    def poll(self) -> list[str]:
        found = []
        while True:
            try:
                found.append(self.queue.get_nowait())
            except queue.Empty:
                return found

    def expect(self, prefix: str, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while True:
            line = self.queue.get(timeout=max(0.01, deadline - time.monotonic()))
            if line.startswith(prefix):
                return line
            if line == "<eof>":
                raise RuntimeError(f"the child ended while we waited for {prefix!r}")


# ------------------------------------------------------------------------------ servers


class ServerInstance:
    def __init__(
        self, index: int, database_url: str, upstreams: str, env: dict[str, str], logs: Path
    ) -> None:
        self.index = index
        self.port = free_port()
        self.database_url = database_url
        self.upstreams = upstreams
        self.env = env
        self.log = (logs / f"server{index}.log").open("a")
        self.zygote = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.torture.server_child",
                self.child_database_url(),
                str(self.port),
                self.upstreams,
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.log,
            env=self.env,
            cwd=REPO,
            text=True,
            bufsize=1,
        )
        assert self.zygote.stdout is not None
        self.lines = Lines(self.zygote.stdout)
        self.pid: int | None = None
        self.up_since: float | None = None
        self.kill_at = 0.0
        self.started_at = 0.0
        self.checked_at = 0.0
        self.starts = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def application_name(self) -> str:
        return f"salesdesk-torture-{self.port}"

    def child_database_url(self) -> str:
        """The shared database, with a name PostgreSQL shows for this instance's sessions
        (so the driver can tell whether a kill lands inside a transaction)."""
        if not self.database_url.startswith("postgresql"):
            return self.database_url
        sep = "&" if "?" in self.database_url else "?"
        return f"{self.database_url}{sep}application_name={self.application_name}"

    def start(self) -> None:
        if self.starts == 0:
            self.lines.expect("zygote ready", START_TIMEOUT)
        assert self.zygote.stdin is not None
        self.zygote.stdin.write("go\n")
        self.zygote.stdin.flush()
        self.pid = int(self.lines.expect("pid ", START_TIMEOUT).split()[1])
        self.up_since = None
        self.started_at = time.monotonic()
        self.starts += 1

    def healthy(self) -> bool:
        try:
            return httpx.get(f"{self.url}/healthz", timeout=1.0).status_code == 200
        except httpx.HTTPError:
            return False

    def poll_up(self, now: float, rng: random.Random) -> None:
        """Mark the instance up once it answers; fail loudly if it cannot start."""
        if self.up_since is not None or self.pid is None or now - self.checked_at < 0.1:
            return
        self.checked_at = now
        for line in self.lines.poll():
            if line.startswith(f"exit {self.pid} ") or line == "<eof>":
                raise RuntimeError(
                    f"server {self.index} ended while starting ({line}): see {self.log.name}"
                )
        if now - self.started_at > START_TIMEOUT:
            raise RuntimeError(f"server {self.index} did not come up: see {self.log.name}")
        if self.healthy():
            self.up_since = now
            self.kill_at = now + rng.uniform(1.5, 5.0)

    def wait_up(self, rng: random.Random) -> None:
        while self.up_since is None:
            self.poll_up(time.monotonic(), rng)
            time.sleep(0.05)

    def kill(self) -> None:
        if self.pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            code = int(self.lines.expect(f"exit {self.pid} ", START_TIMEOUT).split()[2])
            if code != -signal.SIGKILL:
                raise RuntimeError(
                    f"server {self.index} had ended by itself ({code}): see {self.log.name}"
                )
            self.pid = None
        self.up_since = None

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.kill()
        if self.zygote.poll() is None:
            self.zygote.kill()
        self.zygote.wait()
        self.log.close()


# ------------------------------------------------------------------------------ devices


@dataclass
class DeviceProc:
    name: str
    user: str
    data_dir: Path
    ack_log: Path
    zygote: subprocess.Popen[str]
    lines: Lines
    life: int = 0
    pid: int | None = None
    hook: str = "none"
    ready_at: float | None = None
    kill_at: float = 0.0
    self_killed: str | None = None
    alive: bool = False
    sent_at: float = 0.0
    errors: list[str] = field(default_factory=list)

    def go(self, rng: random.Random) -> None:
        self.life += 1
        if rng.random() < 0.3:
            self.hook, count = "none", 0
        else:
            self.hook, count = rng.choice(HOOKS), rng.choice((1, 1, 1, 2, 3))
        assert self.zygote.stdin is not None
        self.zygote.stdin.write(f"go {self.life} {self.hook} {count}\n")
        self.zygote.stdin.flush()
        self.pid, self.ready_at, self.self_killed = None, None, None
        self.alive = True  # from this "go" until its "exit" line
        self.sent_at = time.monotonic()


@dataclass
class Figures:
    kills: Counter[str] = field(default_factory=Counter)
    hooks_missed: Counter[str] = field(default_factory=Counter)  # armed, killed before
    server_kills_in_transaction: int = 0  # a session of the instance was inside one
    worker_errors: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.kills.values())


def run_torture(
    *,
    kills: int,
    seed_value: int,
    database_url: str,
    workdir: Path,
    time_limit: float | None = None,
    say: Callable[[str], None] = lambda s: None,
) -> dict[str, Any]:
    """Run the torture and the oracle; returns the figures (see ``main``)."""
    started = time.monotonic()
    tell = say

    def say(message: str) -> None:
        tell(f"[{time.monotonic() - started:6.1f}s] {message}")

    rng = random.Random(seed_value)
    workdir.mkdir(parents=True, exist_ok=True)
    logs = workdir / "logs"
    logs.mkdir(exist_ok=True)
    keyring_file = workdir / "keyring.json"
    # The children import this checkout's code (src/ first), whatever is installed.
    env = python_env(keyring_file, PYTHONPATH=f"{REPO / 'src'}{os.pathsep}{REPO}")
    os.environ["SALESDESK_TEST_KEYRING_FILE"] = str(keyring_file)
    import keyring
    from tests.support.file_keyring import TestFileKeyring

    from salesdesk.server.demo_upstreams.runner import run_in_thread

    previous_keyring = keyring.get_keyring()
    keyring.set_keyring(TestFileKeyring())
    seed(database_url)
    figures = Figures()
    servers: list[ServerInstance] = []
    devices: list[DeviceProc] = []
    try:
        with run_in_thread() as (upstreams, _stop):
            servers = [ServerInstance(i, database_url, upstreams, env, logs) for i in (0, 1)]
            for s in servers:
                s.start()
            for s in servers:
                s.wait_up(rng)
            say(f"servers up at {[s.url for s in servers]} after {time.monotonic() - started:.1f}s")
            urls = ",".join(s.url for s in servers)
            for name, user in DEVICES:
                data_dir = workdir / "devices" / name
                _login(data_dir, servers[0].url, user)
                ack_log = workdir / f"acks-{name}.jsonl"
                err = (logs / f"{name}.err").open("a")
                zygote = subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "tests.torture.device_child",
                        name,
                        str(data_dir),
                        str(ack_log),
                        str(seed_value),
                        urls,
                    ],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=err,
                    text=True,
                    env=env,
                    cwd=REPO,
                    bufsize=1,
                )
                assert zygote.stdout is not None
                devices.append(
                    DeviceProc(name, user, data_dir, ack_log, zygote, Lines(zygote.stdout))
                )
            for d in devices:
                d.lines.expect("zygote ready", START_TIMEOUT)
                d.go(rng)
            _kill_loop(servers, devices, rng, figures, kills, time_limit, say)
            kill_phase = time.monotonic() - started
            for d in devices:
                _stop_device(d, figures)
            for s in servers:
                if s.up_since is None:
                    s.wait_up(rng)
            say(f"{figures.total} kills in {kill_phase:.0f}s: {dict(figures.kills)}; healing")
            result = _heal_and_check(servers, devices, say)
    finally:
        for d in devices:
            if d.pid is not None:
                _kill_pid(d.pid)
            if d.zygote.poll() is None:
                d.zygote.kill()
            d.zygote.wait()
        for s in servers:
            s.close()
        keyring.set_keyring(previous_keyring)
    classes: Counter[str] = Counter()
    for kind, n in figures.kills.items():
        classes[KILL_CLASS[kind]] += n
    result.update(
        seed=seed_value,
        kills=figures.total,
        kills_by_class=dict(sorted(classes.items())),
        kills_by_point=dict(sorted(figures.kills.items())),
        hooks_missed=dict(sorted(figures.hooks_missed.items())),
        server_kills_in_transaction=figures.server_kills_in_transaction,
        server_starts=sum(s.starts for s in servers),
        worker_errors=figures.worker_errors,
        seconds=round(time.monotonic() - started, 1),
    )
    result["ok"] = (
        not result["lost"]
        and not result["duplicated"]
        and not result["divergent"]
        and not result["missing_on_device"]
        and not result["replay_failures"]
        and not result["pending_uploads"]
        and not result["refused"]
        and not figures.worker_errors
    )
    return result


def _login(data_dir: Path, url: str, user: str) -> None:
    from salesdesk.sales.service import SalesService
    from salesdesk.sync.service import SyncService

    sales = SalesService(data_dir)
    try:
        sync = SyncService(sales)
        sync.login(url, user, PASSWORD)
        sync.run_cycle()  # the price list
    finally:
        sales.close()


def _kill_pid(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def _stop_device(d: DeviceProc, figures: Figures) -> None:
    """End the current life (not counted as a kill), if one was started, and the zygote."""
    deadline = time.monotonic() + START_TIMEOUT
    while d.alive:
        if d.pid is not None:
            _kill_pid(d.pid)
        try:
            line = d.lines.queue.get(timeout=max(0.01, deadline - time.monotonic()))
        except queue.Empty:
            raise RuntimeError(f"{d.name} life {d.life} could not be stopped") from None
        if line.startswith("pid "):
            d.pid = int(line.split()[1])
        elif line.startswith("exit ") or line == "<eof>":
            d.alive, d.pid = False, None
    assert d.zygote.stdin is not None
    d.zygote.stdin.write("quit\n")
    d.zygote.stdin.flush()
    d.zygote.wait(START_TIMEOUT)


def _kill_loop(
    servers: list[ServerInstance],
    devices: list[DeviceProc],
    rng: random.Random,
    figures: Figures,
    kills: int,
    time_limit: float | None,
    say: Callable[[str], None],
) -> None:
    """Kill until ``kills`` kills, or until ``time_limit`` seconds of this phase."""
    started = time.monotonic()
    probe = _transaction_probe(servers[0].database_url)
    last_report = time.monotonic()
    while figures.total < kills:
        now = time.monotonic()
        if time_limit is not None and now - started > time_limit:
            say(f"time limit reached after {figures.total} kills")
            break
        for s in servers:
            s.poll_up(now, rng)
        for s in servers:
            other = servers[1 - s.index]
            if (
                s.up_since is not None
                and now >= s.kill_at
                and other.up_since is not None
                and figures.total < kills
            ):
                if probe is not None and _hunt(probe, s.application_name, 2.0):
                    figures.server_kills_in_transaction += 1
                s.kill()
                figures.kills["server"] += 1
                s.start()
        for d in devices:
            _tend_device(d, now, rng, figures, kills)
        if now - last_report > 30:
            last_report = now
            say(f"{figures.total} kills: {dict(figures.kills)}")
        time.sleep(0.02)


def _hunt(probe: Callable[[str], bool], name: str, patience: float) -> bool:
    """Wait (up to ``patience`` seconds) until a session of the instance is inside a
    transaction, so that the kill that follows at once lands in the middle of it."""
    deadline = time.monotonic() + patience
    while time.monotonic() < deadline:
        if probe(name):
            return True
        time.sleep(0.002)
    return False


def _transaction_probe(database_url: str) -> Callable[[str], bool] | None:
    """On PostgreSQL: a function telling whether a session of the named instance is
    inside a transaction right now (checked just before that instance is killed)."""
    if not database_url.startswith("postgresql"):
        return None
    import sqlalchemy as sa

    engine = sa.create_engine(database_url, isolation_level="AUTOCOMMIT", pool_size=1)
    query = sa.text(
        "SELECT count(*) FROM pg_stat_activity WHERE application_name = :name "
        "AND (state = 'active' OR state LIKE 'idle in transaction%')"
    )

    def busy(name: str) -> bool:
        with engine.connect() as conn:
            return bool(conn.execute(query, {"name": name}).scalar())

    return busy


def _tend_device(
    d: DeviceProc, now: float, rng: random.Random, figures: Figures, kills: int
) -> None:
    for line in d.lines.poll():
        word, *rest = line.split()
        if word == "pid":
            d.pid = int(rest[0])
        elif word == "ready":
            d.ready_at = now
            patience = HOOK_PATIENCE if d.hook != "none" else rng.uniform(0.3, 2.5)
            d.kill_at = now + patience
        elif word == "hook":
            d.self_killed = rest[1]
        elif word == "exit":
            code = int(rest[1])
            if code == -signal.SIGKILL:
                figures.kills[d.self_killed or "random"] += 1
                if not d.self_killed and d.hook != "none":
                    figures.hooks_missed[d.hook] += 1
            else:
                figures.worker_errors.append(
                    f"{d.name} life {d.life} exited with {code} (see logs/{d.name}.err)"
                )
            d.pid, d.alive = None, False
            if figures.total < kills:
                d.go(rng)
        elif word == "<eof>":
            raise RuntimeError(f"the zygote of {d.name} ended: see logs/{d.name}.err")
    if d.pid is not None and d.ready_at is None and now - d.sent_at > START_TIMEOUT:
        raise RuntimeError(f"{d.name} life {d.life} never became ready")
    if d.pid is not None and d.ready_at is not None and now >= d.kill_at and not d.self_killed:
        _kill_pid(d.pid)
        d.ready_at = None  # the exit line follows


# ------------------------------------------------------------------------------ oracle


def _heal_and_check(
    servers: list[ServerInstance], devices: list[DeviceProc], say: Callable[[str], None]
) -> dict[str, Any]:
    import sqlalchemy as sa

    from salesdesk.flow.events import Event, EventType
    from salesdesk.flow.replayer import replay_all, replay_history
    from salesdesk.sales.service import WORKFLOWS, SalesService
    from salesdesk.sync.client import ServerClient
    from salesdesk.sync.gateway_activities import activities_for_profile
    from salesdesk.sync.profile import SyncProfile
    from salesdesk.sync.service import SyncService

    url = servers[0].url

    def client(profile: SyncProfile, token: str | None) -> ServerClient:
        return ServerClient(url, token, timeout=30.0)

    opened = []
    for d in devices:
        sales = SalesService(d.data_dir, activities_for_profile(d.data_dir))
        opened.append((d, sales, SyncService(sales, client_factory=client)))
    try:
        rounds = 0
        while rounds < 40:
            rounds += 1
            moved = 0
            for _d, sales, sync in opened:
                report = sync.run_cycle()
                moved += report.pushed_events + report.pulled_events + len(report.rebased)
                sales.run_lookups(1.0)
            pending = sum(
                max(0, r.position - r.synced_position)
                for _d, sales, _s in opened
                for r in sales.engine.list_workflows()
            )
            if moved == 0 and pending == 0:
                break
        say(f"quiet after {rounds} heal rounds; checking")

        token = httpx.post(
            f"{url}/api/v1/auth/login", json={"name": "root", "password": PASSWORD}, timeout=30
        ).json()["token"]
        engine = sa.create_engine(servers[0].database_url)
        try:
            with engine.connect() as conn:
                owners = {
                    r[0]: (r[1], r[2])
                    for r in conn.execute(
                        sa.text(
                            "SELECT w.workflow_id, u.name, w.team FROM workflows w "
                            "JOIN users u ON u.id = w.owner_user_id"
                        )
                    )
                }
            wids = sorted(owners)
        finally:
            engine.dispose()
        server_histories: dict[str, list[dict[str, Any]]] = {}
        replay_failures: list[str] = []
        with httpx.Client(
            base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=60
        ) as http:
            for wid in wids:
                response = http.get(f"/api/v1/workflows/{wid}/events")
                response.raise_for_status()
                history = [
                    {k: e[k] for k in ("seq", "type", "time", "origin", "data")}
                    for e in response.json()["events"]
                ]
                server_histories[wid] = history
                events = [
                    Event(e["seq"], e["type"], e["data"], e["time"], e["origin"]) for e in history
                ]
                try:
                    replay_history(WORKFLOWS, wid, events)
                except Exception as exc:  # any failure to replay is a finding
                    replay_failures.append(f"server {wid}: {exc}")

        pending_uploads: dict[str, int] = {}
        refused: list[str] = []
        divergent: list[str] = []
        missing: list[str] = []
        seen: Counter[tuple[str, str, str, str]] = Counter()
        for wid, history in server_histories.items():
            for e in history:
                if e["type"] == EventType.SIGNAL_RECEIVED:
                    seen[
                        _key(wid, e["origin"], e["data"].get("name"), e["data"].get("payload"))
                    ] += 1
        conflicts = 0
        for d, sales, _sync in opened:
            engine_ = sales.engine
            report = replay_all(engine_)
            replay_failures += [f"{d.name} {wid}: {msg}" for wid, msg in report.failures]
            rows = engine_.list_workflows()
            waiting = sum(max(0, r.position - r.synced_position) for r in rows)
            if waiting:
                pending_uploads[d.name] = waiting
            held = {r.workflow_id for r in rows}
            for wid, (owner, team) in owners.items():
                # Everything the user may see must have reached the device (pull).
                visible = owner == d.user or (d.user == "mark" and team == "north")
                if visible and wid not in held:
                    missing.append(f"{d.name} {wid}")
            for r in rows:
                if sales.rejected(r.workflow_id):
                    refused.append(f"{d.name} {r.workflow_id}: {sales.rejected(r.workflow_id)}")
                local = [e.to_json() for e in engine_.history(r.workflow_id)]
                if local != server_histories.get(r.workflow_id):
                    divergent.append(f"{d.name} {r.workflow_id}")
                for c in sales.conflicts(r.workflow_id):
                    if c.get("kind") == "conflict":
                        conflicts += 1
                        seen[
                            _key(r.workflow_id, sales.origin, c.get("signal"), c.get("payload"))
                        ] += 1
        acked: Counter[tuple[str, str, str, str]] = Counter()
        for d in devices:
            acked += _read_acks(d.ack_log)
        lost: list[str] = []
        duplicated: list[str] = []
        for key, count in acked.items():
            if key[2] == "submit":
                if seen[key] < count:
                    lost.append(f"{key} acknowledged {count}x, present {seen[key]}x")
            elif seen[key] != 1:
                (lost if seen[key] == 0 else duplicated).append(
                    f"{key} acknowledged {count}x, present {seen[key]}x"
                )
        origins = {sales.origin for _d, sales, _s in opened}
        unacked_present = 0
        for key, count in seen.items():
            if key[1] not in origins or key[2] == "submit":
                continue
            if count > 1 and key not in acked:
                duplicated.append(f"{key} (not acknowledged) present {count}x")
            if key not in acked:
                unacked_present += 1  # recorded, then killed before the ack was logged
        return {
            "sales": len(server_histories),
            "server_events": sum(len(h) for h in server_histories.values()),
            "signals_acknowledged": sum(acked.values()),
            "signals_present_unacknowledged": unacked_present,
            "conflicts_shown": conflicts,
            # Acknowledged twice with one payload: the oracle could not tell them apart.
            "payload_collisions": sum(1 for k, n in acked.items() if n > 1 and k[2] != "submit"),
            "lost": lost,
            "duplicated": duplicated,
            "divergent": divergent,
            "missing_on_device": missing,
            "replay_failures": replay_failures,
            "pending_uploads": pending_uploads,
            "refused": refused,
            "heal_rounds": rounds,
        }
    finally:
        for _d, sales, sync in opened:
            sync.stop()
            sales.close()


def _key(wid: str, origin: str, name: Any, payload: Any) -> tuple[str, str, str, str]:
    return wid, origin, str(name), json.dumps(payload, sort_keys=True, separators=(",", ":"))


def _read_acks(path: Path) -> Counter[tuple[str, str, str, str]]:
    found: Counter[tuple[str, str, str, str]] = Counter()
    if not path.exists():
        return found
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            wid, origin, name, payload = json.loads(line)
        except ValueError:
            continue  # cut by a kill: never acknowledged as far as the log can tell
        found[_key(wid, origin, name, payload)] += 1
    return found


def summary_line(result: dict[str, Any]) -> str:
    return (
        f"seed {result['seed']}: {result['kills']} kills {result['kills_by_class']} "
        f"({result['server_kills_in_transaction']} server kills inside a transaction) in "
        f"{result['seconds']}s; {result['sales']} sales, {result['server_events']} server "
        f"events; {result['signals_acknowledged']} signals acknowledged "
        f"(+{result['signals_present_unacknowledged']} recorded but killed before the ack "
        f"was logged), {result['conflicts_shown']} conflicts shown; lost "
        f"{len(result['lost'])}, duplicated {len(result['duplicated'])}, divergent "
        f"{len(result['divergent'])}, missing on a device {len(result['missing_on_device'])}, "
        f"replay failures {len(result['replay_failures'])}, "
        f"pending uploads {sum(result['pending_uploads'].values())}, refused "
        f"{len(result['refused'])}, worker errors {len(result['worker_errors'])}"
    )


@contextlib.contextmanager
def fresh_schema(base: str, *, keep: bool = False) -> Iterator[str]:
    """A brand-new PostgreSQL schema for one run (as tests/conftest.py's pg_url does), so
    that runs never see each other's users and sales; any other URL is used as it is."""
    if not base.startswith("postgresql"):
        yield base
        return
    import uuid
    from urllib.parse import quote

    import sqlalchemy as sa

    schema = f"torture_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
        sep = "&" if "?" in base else "?"
        yield f"{base}{sep}options={quote(f'-csearch_path={schema}')}"
    finally:
        if not keep:
            with admin.connect() as conn:
                conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("SALESDESK_TEST_PG_URL"),
        help="server database (SQLAlchemy URL; PostgreSQL for two instances)",
    )
    parser.add_argument("--workdir", help="where devices, logs and ack logs go (default: temp)")
    parser.add_argument("--time-limit", type=float, help="end the kill phase after N seconds")
    parser.add_argument("--json", action="store_true", help="print one JSON object at the end")
    parser.add_argument(
        "--keep-schema",
        action="store_true",
        help="keep the run's PostgreSQL schema for a post-mortem",
    )
    args = parser.parse_args(argv)
    if not args.database_url:
        parser.error("--database-url (or SALESDESK_TEST_PG_URL) is required")
    import tempfile

    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="salesdesk-torture-"))
    with fresh_schema(args.database_url, keep=args.keep_schema) as database_url:
        result = run_torture(
            kills=args.kills,
            seed_value=args.seed,
            database_url=database_url,
            workdir=workdir,
            time_limit=args.time_limit,
            say=lambda s: print(s, file=sys.stderr, flush=True),
        )
    result["workdir"] = str(workdir)
    if args.json:
        print(json.dumps(result, sort_keys=True))
    else:
        print(summary_line(result))
        for name in (
            "lost",
            "duplicated",
            "divergent",
            "missing_on_device",
            "replay_failures",
            "refused",
            "worker_errors",
        ):
            for item in result[name][:20]:
                print(f"  {name}: {item}")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
