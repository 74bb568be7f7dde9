"""One desktop device of the kill torture, as a zygote that forks a worker per life.

``python -m tests.torture.device_child NAME DATA_DIR ACK_LOG SEED URL[,URL...]`` imports
everything once and prints ``zygote ready``; for every ``go LIFE HOOK COUNT`` line on
stdin it forks a worker and prints ``pid P``, and ``exit P CODE`` once the worker is gone.

A worker is the app in miniature: it opens the profile, lets the activity runner run
lookups (through a server's gateway) in the background, and alternates scripted agent
actions (start, customer, contact, lines, terms, submit, sometimes a re-edit or a cancel)
with sync cycles, against whichever server instance it picks (both share one database).
It runs until it is killed. Each signal is appended to the acknowledgement log, and the
log fsynced, only after the engine returned its acknowledgement.

``HOOK`` (not ``none``) arms a self-kill: at the COUNT-th time the worker reaches that
named point it prints ``hook P NAME`` and SIGKILLs itself there:

``signal.uncommitted``   a signal's events are written, its transaction not committed
``signal.unlogged``      the engine acknowledged a signal, the ack log does not have it
``activity.running``     a lookup answered, its result is not recorded
``activity.recording``   a lookup result is written, its transaction not committed
``push.inflight``        a push request is on its way (the kill lands mid-exchange)
``push.sent``            the server answered a push, the answer is not applied
``pull.fetched``         a pull page arrived, nothing of it is applied
``pull.applying``        pulled events are written, their transaction not committed
``pull.before_cursor``   pulled events are durable, the pull cursor has not moved
``rebase.uncommitted``   a rebase replaced the history and re-applied local signals,
                         its transaction not committed
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from tests.sync.agent_ops import SKUS, RandomAgent  # noqa: E402

from salesdesk.flow.engine import Engine  # noqa: E402
from salesdesk.flow.errors import ConnectivityError, FlowError  # noqa: E402
from salesdesk.flow.events import Event, EventType  # noqa: E402
from salesdesk.flow.runner import ActivityContext, ActivityFn  # noqa: E402
from salesdesk.sales.service import SalesService  # noqa: E402
from salesdesk.sync import credentials  # noqa: E402
from salesdesk.sync.client import ServerClient  # noqa: E402
from salesdesk.sync.errors import SyncError  # noqa: E402
from salesdesk.sync.gateway_activities import KINDS, make_gateway_activities  # noqa: E402
from salesdesk.sync.profile import SyncProfile, load_profile  # noqa: E402
from salesdesk.sync.service import SyncService  # noqa: E402
from salesdesk.sync.synchronizer import PULL_CURSOR  # noqa: E402

HOOKS = (
    "signal.uncommitted",
    "signal.unlogged",
    "activity.running",
    "activity.recording",
    "push.inflight",
    "push.sent",
    "pull.fetched",
    "pull.applying",
    "pull.before_cursor",
    "rebase.uncommitted",
)
STEPS = ("customer", "contact", "lines", "terms", "submit")


def say(line: str) -> None:
    """One whole line on stdout, unbuffered (shared by the zygote and its worker)."""
    os.write(1, (line + "\n").encode())


class Arming:
    """The self-kill a worker carries: at the ``count``-th hit of ``hook``."""

    def __init__(self, hook: str, count: int) -> None:
        self.hook = hook
        self.count = count
        self._lock = threading.Lock()

    def hit(self, name: str) -> None:
        if name != self.hook:
            return
        with self._lock:
            self.count -= 1
            if self.count > 0:
                return
            say(f"hook {os.getpid()} {name}")
            os.kill(os.getpid(), signal.SIGKILL)
            time.sleep(10)  # never reached


_flags = threading.local()


def _flag(name: str) -> bool:
    return bool(getattr(_flags, name, False))


@contextlib.contextmanager
def _flagged(name: str) -> Any:
    setattr(_flags, name, True)
    try:
        yield
    finally:
        setattr(_flags, name, False)


def install_hooks(arm: Arming) -> None:
    """Wrap engine and client methods (in this forked worker only) with the hook points."""
    persist = Engine._persist
    signal_fn = Engine.signal
    append_recorded = Engine.append_recorded
    replace_history = Engine.replace_history
    set_setting = Engine.set_setting
    push = ServerClient.push
    pull = ServerClient.pull

    def _persist(self: Engine, conn: Any, inst: Any, new: Any, *, create: bool) -> int:
        version = persist(self, conn, inst, new, create=create)
        if _flag("signal"):
            arm.hit("signal.uncommitted")
        elif _flag("pulling"):
            arm.hit("pull.applying")
        elif any(e.type in (EventType.ACTIVITY_COMPLETED, EventType.ACTIVITY_FAILED) for e in new):
            arm.hit("activity.recording")
        return version

    def _signal(self: Engine, *args: Any, **kwargs: Any) -> Any:
        with _flagged("signal"):
            return signal_fn(self, *args, **kwargs)

    def _append_recorded(self: Engine, *args: Any, **kwargs: Any) -> None:
        with _flagged("pulling"):
            append_recorded(self, *args, **kwargs)

    def _replace_history(self: Engine, *args: Any, then: Any = None, **kwargs: Any) -> Any:
        if then is None:
            return replace_history(self, *args, **kwargs)

        def then_and_hit(inst: Any) -> Any:
            added = then(inst)
            arm.hit("rebase.uncommitted")
            return added

        return replace_history(self, *args, then=then_and_hit, **kwargs)

    def _set_setting(self: Engine, key: str, value: str) -> None:
        if key == PULL_CURSOR:
            arm.hit("pull.before_cursor")
        set_setting(self, key, value)

    def _push(self: ServerClient, *args: Any, **kwargs: Any) -> Any:
        timer: threading.Timer | None = None
        if arm.hook == "push.inflight":
            in_flight = threading.Event()
            in_flight.set()

            def fire() -> None:
                if in_flight.is_set():
                    arm.hit("push.inflight")

            timer = threading.Timer(random.uniform(0.0, 0.03), fire)
            timer.start()
        try:
            outcomes = push(self, *args, **kwargs)
        finally:
            if timer is not None:
                in_flight.clear()
                timer.cancel()
        arm.hit("push.sent")
        return outcomes

    def _pull(self: ServerClient, *args: Any, **kwargs: Any) -> Any:
        page = pull(self, *args, **kwargs)
        arm.hit("pull.fetched")
        return page

    Engine._persist = _persist  # type: ignore[method-assign]
    Engine.signal = _signal  # type: ignore[method-assign]
    Engine.append_recorded = _append_recorded  # type: ignore[method-assign]
    Engine.replace_history = _replace_history  # type: ignore[method-assign]
    Engine.set_setting = _set_setting  # type: ignore[method-assign]
    ServerClient.push = _push  # type: ignore[method-assign]
    ServerClient.pull = _pull  # type: ignore[method-assign]


def gateway_activities(
    data_dir: Path, urls: list[str], rng: random.Random, arm: Arming
) -> dict[str, ActivityFn]:
    """Lookups through the gateway of a server instance picked at each attempt, with the
    token of the profile's login (valid on every instance: they share the database)."""
    profile = load_profile(data_dir)
    assert profile is not None, "the driver logs every device in first"

    def token() -> str | None:
        return credentials.load_token(profile.server_url, profile.user)

    per_url = {url: make_gateway_activities(SyncProfile(url, profile.user), token) for url in urls}

    def make(name: str) -> ActivityFn:
        def activity(payload: Any, ctx: ActivityContext) -> Any:
            first = rng.choice(urls)
            try:
                result = per_url[first][name](payload, ctx)
            except ConnectivityError:
                # That instance is down: the other one may answer (the runner would wait
                # for a network that is there).
                other = next(u for u in urls if u != first) if len(urls) > 1 else first
                result = per_url[other][name](payload, ctx)
            arm.hit("activity.running")
            return result

        return activity

    return {name: make(name) for name in KINDS}


class ScriptedAgent(RandomAgent):
    """Takes each sale it started through its steps in order (start, customer, contact,
    lines, terms, submit), with some re-edits; acts at random on sales it did not start in
    this life (pulled from the other devices, or from before a kill)."""

    def __init__(
        self, *args: Any, life: int, log: Callable[[str, Event], None], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.life = life
        self.progress: dict[str, int] = {}
        self._log = log

    def payload(self, name: str) -> Any:
        if name != "lines":
            return super().payload(name)
        # The oracle tells signals apart by payload: RandomAgent's lines differ only by a
        # discount from 0.01 to 14.99 %, which repeats from one life to the next. Two items
        # carry this device's unique number (life * 2000 + counter) in their discounts.
        n = self.life * 2000 + self._next()
        first, second = self.rng.sample(SKUS, 2)
        return {
            "items": [
                {"sku": first, "quantity": 1, "discount_percent": f"{n % 1500 / 100:.2f}"},
                {
                    "sku": second,
                    "quantity": 1,
                    "discount_percent": f"{n // 1500 % 1500 / 100:.2f}",
                },
            ]
        }

    def signal(self, wid: str, name: str, payload: Any) -> bool:
        try:
            ack = self.sales.signal(wid, name, payload)
        except FlowError:
            self.refused += 1
            return False
        recorded = self.sales.engine.events_after(wid, ack.seq - 1)[0]
        self._log(wid, recorded)
        return True

    def act(self) -> str:
        open_sales = self.open_sales()
        if not open_sales or (len(open_sales) < self.max_open and self.rng.random() < 0.2):
            wid = self.sales.new_sale()
            self.progress[wid] = 1
            self.signal(wid, "customer", self.payload("customer"))
            return "new"
        wid = self.rng.choice(open_sales)
        step = self.progress.get(wid)
        if step is not None and step < len(STEPS) and self.rng.random() < 0.8:
            name = STEPS[step]
            self.progress[wid] = step + 1
        else:
            name = self.rng.choices(
                ("customer", "contact", "lines", "terms", "submit", "cancel"),
                weights=(1, 2, 3, 2, 2, 0.3),
            )[0]
        self.signal(wid, name, self.payload(name))
        return name


def work(
    name: str, data_dir: Path, ack_log: Path, seed: int, urls: list[str], life: int, arm: Arming
) -> None:
    rng = random.Random(f"{seed}/{name}/{life}")
    install_hooks(arm)
    sales = SalesService(data_dir, gateway_activities(data_dir, urls, rng, arm))
    sales.start_background()  # like the app: interrupted lookups run again at once

    def client(profile: SyncProfile, token: str | None) -> ServerClient:
        return ServerClient(rng.choice(urls), token, timeout=4.0)

    sync = SyncService(sales, client_factory=client)
    fd = os.open(ack_log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)

    def acked(wid: str, event: Event) -> None:
        arm.hit("signal.unlogged")
        line = json.dumps(
            [wid, event.origin, event.data.get("name"), event.data.get("payload")],
            sort_keys=True,
        )
        os.write(fd, (line + "\n").encode())
        os.fsync(fd)

    agent = ScriptedAgent(sales, rng, f"{name}{seed}x{life}", life=life, log=acked)
    say(f"ready {os.getpid()}")
    while True:
        if rng.random() < 0.35:
            with contextlib.suppress(SyncError, FlowError):
                sync.run_cycle()
        else:
            agent.act()
        time.sleep(rng.uniform(0.01, 0.05))


def main() -> None:
    name, data_dir, ack_log = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    seed, urls = int(sys.argv[4]), sys.argv[5].split(",")
    say("zygote ready")
    for line in sys.stdin:
        parts = line.split()
        if not parts or parts[0] == "quit":
            return
        if parts[0] != "go":
            continue
        life, hook, count = int(parts[1]), parts[2], int(parts[3])
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                work(name, data_dir, ack_log, seed, urls, life, Arming(hook, count))
            except BaseException as exc:  # a worker never returns normally
                import traceback

                traceback.print_exc()
                print(f"worker {name} life {life} failed: {exc!r}", file=sys.stderr, flush=True)
                code = 1
            finally:
                os._exit(code)
        say(f"pid {pid}")
        _, status = os.waitpid(pid, 0)
        say(f"exit {pid} {os.waitstatus_to_exitcode(status)}")


if __name__ == "__main__":
    main()
