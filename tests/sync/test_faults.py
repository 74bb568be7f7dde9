"""Sync through a fault-injecting proxy: each fault on its own, then seeded random sequences
of faults with two laptops working on several sales. Oracle after convergence: nothing
pending, identical histories on every device and the server, every acknowledged signal
present exactly once."""

from __future__ import annotations

import os
import random
import time
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from tests.support.faulty_proxy import FaultyProxy

from salesdesk.sync.client import ServerClient
from salesdesk.sync.errors import BadResponse, OfflineError
from salesdesk.sync.profile import SyncProfile
from salesdesk.sync.service import SyncService
from salesdesk.sync.synchronizer import Synchronizer

from .agent_ops import RandomAgent, unique
from .helpers import Device, Fleet, ServerHandle, assert_converged, converge

PUSH = "/api/v1/sync/push"
PULL = "/api/v1/sync/pull"
FUZZ_SEEDS = [int(s) for s in os.environ.get("SALESDESK_FUZZ_SEEDS", "11,29").split(",")]
FUZZ_STEPS = int(os.environ.get("SALESDESK_FUZZ_STEPS", "70"))


# The devices here record the offline stand-ins' lookup results.
pytestmark = pytest.mark.stand_in_lookups


@pytest.fixture
def proxy(server: ServerHandle) -> Iterator[FaultyProxy]:
    with FaultyProxy(server.base_url, seed=1) as p:
        yield p


class SmallPages(ServerClient):
    """Pulls a few events a page, so a few sales take several pages."""

    page = 20

    def pull(self, device_id: str, cursor: int, limit: int = 500) -> Any:
        return super().pull(device_id, cursor, limit=self.page)


def small_pages(page: int, timeout: float) -> Callable[[SyncProfile, str | None], ServerClient]:
    def factory(profile: SyncProfile, token: str | None) -> ServerClient:
        client = SmallPages(profile.server_url, token, timeout=timeout)
        client.page = page
        return client

    return factory


def device_via(
    fleet: Fleet, proxy: FaultyProxy, name: str, timeout: float = 2.0, page: int = 500
) -> Device:
    device = fleet.device(name, lookups="standin", client_timeout=timeout)
    device.sync = SyncService(device.sales, client_factory=small_pages(page, timeout))
    device.login(proxy.url)
    device.cycle()
    return device


def settle(proxy: FaultyProxy, seconds: float = 20.0) -> None:
    """Wait until the proxy has answered (or dropped) every request it read."""
    deadline = time.monotonic() + seconds
    while proxy.in_flight():
        assert time.monotonic() < deadline, f"still in flight: {proxy.in_flight()}"
        time.sleep(0.02)


def requests_to(proxy: FaultyProxy, path: str) -> list[str]:
    return [r.mode for r in proxy.log if r.path == path]


# ------------------------------------------------------------------------------ one by one


@pytest.mark.parametrize(
    ("mode", "error"),
    [
        ("drop", OfflineError),
        ("reset", OfflineError),
        ("truncate", BadResponse),
        ("lost_response", OfflineError),
        ("delay", OfflineError),  # longer than the client waits: it gives up
    ],
)
def test_push_fault_then_recovery(
    server: ServerHandle,
    proxy: FaultyProxy,
    fleet: Fleet,
    mode: str,
    error: type[Exception],
) -> None:
    device = device_via(fleet, proxy, "laptop", timeout=1.0)
    wid = device.full_sale(submit=True, wait=2)
    pending = device.pending()
    proxy.queue("pass", mode, delay_s=1.5)  # the price list passes, the push fails
    with pytest.raises(error):
        device.cycle()
    assert device.pending() == pending, "nothing is assumed to have happened"
    assert device.sync.board.current().online is False
    committed = mode in ("lost_response", "delay", "reset", "truncate")
    settle(proxy)  # a delayed request the client gave up on still reaches the server
    on_server = len(server.history(wid)) if committed else 0
    assert (on_server > 0) is committed

    device.cycle()
    assert device.pending() == 0
    assert device.summary(wid).status == "accepted"
    history = server.history(wid)
    assert device.history(wid) == history
    assert len(history) == pending + 2  # the device's events once, plus the order
    assert proxy.counts[mode] == 1
    if committed:
        # The server had it: the re-push is a no-op, the order number comes by pull.
        assert requests_to(proxy, PUSH)[-1] == "pass"


@pytest.mark.parametrize("mode", ["drop", "reset", "truncate", "lost_response"])
def test_pull_fault_then_recovery(
    server: ServerHandle, proxy: FaultyProxy, fleet: Fleet, mode: str
) -> None:
    a = device_via(fleet, proxy, "laptop-a")
    b = device_via(fleet, proxy, "laptop-b")
    wids = [a.full_sale(submit=True, wait=2) for _ in range(2)]
    a.cycle()
    cursor = b.engine.get_setting("pull_cursor")
    proxy.queue("pass", mode)  # the price list passes, the pull fails (nothing to push)
    with pytest.raises((OfflineError, BadResponse)):
        b.cycle()
    assert b.engine.get_setting("pull_cursor") == cursor, "the cursor moved without data"
    assert b.engine.list_workflows() == []
    assert requests_to(proxy, PULL)[-1] == mode
    b.cycle()
    for wid in wids:
        assert b.history(wid) == a.history(wid) == server.history(wid)
        assert b.summary(wid).status == "accepted"


def test_slow_links_and_a_server_that_comes_and_goes(
    server: ServerHandle, proxy: FaultyProxy, fleet: Fleet
) -> None:
    a = device_via(fleet, proxy, "laptop-a")
    b = device_via(fleet, proxy, "laptop-b")
    wid = a.full_sale(submit=False, wait=2)
    proxy.set_mode("bandwidth", bytes_per_s=96 * 1024)
    started = time.monotonic()
    a.cycle()
    b.cycle()
    assert time.monotonic() - started > 0.2, "the bandwidth limit did not apply"
    proxy.set_mode("delay", delay_s=0.3)
    a.signal(wid, "submit", {})
    a.cycle()
    proxy.down()
    with pytest.raises(OfflineError):
        b.cycle()
    assert b.sync.board.current().online is False
    proxy.up()
    proxy.clear()
    b.cycle()
    assert b.sync.board.current().online is True
    assert b.summary(wid).status == "accepted"
    assert b.history(wid) == a.history(wid) == server.history(wid)


# ------------------------------------------------------------------------------ random


@pytest.mark.parametrize("seed", FUZZ_SEEDS)
def test_random_faults_converge(server: ServerHandle, fleet: Fleet, seed: int) -> None:
    rng = random.Random(seed)
    with FaultyProxy(server.base_url, seed=seed) as proxy:
        # Small pull pages: activations cut at page ends, under faults too.
        devices = [
            device_via(fleet, proxy, name, timeout=0.75, page=rng.choice((7, 25)))
            for name in ("a", "b")
        ]
        agents = [
            RandomAgent(d.sales, random.Random(seed * 100 + i), f"{seed}{'ab'[i]}")
            for i, d in enumerate(devices)
        ]
        proxy.randomize(
            0.25,
            {
                "drop": 1,
                "reset": 1,
                "truncate": 1,
                "lost_response": 2,
                "delay": 1,
                "bandwidth": 1,
            },
            seed=seed,
            delay_range=(0.05, 1.2),  # sometimes longer than the client waits
            rate_range=(64 * 1024, 256 * 1024),
        )
        outcomes: Counter[str] = Counter()
        for _step in range(FUZZ_STEPS):
            i = rng.randrange(2)
            if rng.random() < 0.4:
                result = devices[i].try_cycle()
                outcomes["cycle " + ("ok" if not isinstance(result, Exception) else "failed")] += 1
            else:
                outcomes[agents[i].act()] += 1
            devices[i].sales.run_lookups(2.0)
        proxy.clear()
        settle(proxy)  # delayed requests the clients gave up on still reach the server
        rounds = converge(devices)
        acked = Counter(k for agent in agents for k in agent.acked)
        found = assert_converged(server, devices, acked, unique=unique)
        print(
            f"seed {seed}: faults {dict(proxy.counts)}, steps {dict(outcomes)}, "
            f"{found['sales']} sales, {found['signals']} signals, "
            f"{sum(found['conflicts'].values())} conflicts, converged in {rounds} rounds"
        )
        assert proxy.faults() >= 10, "too few faults to mean anything"
        assert outcomes["cycle ok"] and outcomes["cycle failed"]


# ------------------------------------------------------------------------------ batches, pages


def test_batched_push_and_paged_pull_resume_after_faults(
    server: ServerHandle, proxy: FaultyProxy, fleet: Fleet, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Synchronizer.__init__, "__kwdefaults__", {"batch_events": 10})
    a = device_via(fleet, proxy, "laptop-a")
    wids = [a.full_sale(submit=True, wait=2) for _ in range(5)]
    pending = a.pending()
    # price list, push batch 1, push batch 2 (the server commits, the answer is lost)
    proxy.queue("pass", "pass", "lost_response")
    with pytest.raises(OfflineError):
        a.cycle()
    assert requests_to(proxy, PUSH) == ["pass", "lost_response"]
    assert 0 < a.pending() < pending, "the first batch's answer was applied"
    a.cycle()
    assert a.pending() == 0
    assert len(requests_to(proxy, PUSH)) >= 2 + 3  # each sale is a batch of its own here

    b = fleet.device("laptop-b", lookups="standin")
    b.sync = SyncService(b.sales, client_factory=small_pages(20, 2.0))
    b.login(proxy.url)
    pulls = len(requests_to(proxy, PULL))
    proxy.queue("pass", "pass", "pass", "reset")  # price list, pages 1 and 2, page 3 cut
    with pytest.raises(OfflineError):
        b.cycle()
    assert len(requests_to(proxy, PULL)) - pulls == 3
    cursor = int(b.engine.get_setting("pull_cursor") or 0)
    assert cursor > 0, "the pages applied before the fault keep their cursor"
    # What the pages before the fault brought is applied for good: whole activations (a
    # page may end inside one), each a prefix of the server's history.
    applied = {r.workflow_id: r.position for r in b.engine.list_workflows()}
    assert 0 < sum(applied.values()) <= 40
    for wid, position in applied.items():
        assert b.history(wid) == server.history(wid)[:position]
    b.cycle()
    assert int(b.engine.get_setting("pull_cursor") or 0) > cursor
    for wid in wids:
        assert b.history(wid) == a.history(wid) == server.history(wid)
        assert b.summary(wid).status == "accepted"
