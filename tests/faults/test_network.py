"""Network faults, issue #8: three desktops of two agents (anna on two laptops, otto on one)
sync through a fault-injecting TCP proxy with a real server on loopback (SQLite and
PostgreSQL). Every fault kind of the proxy is drawn from a seeded RNG: dropped and reset
connections, delays longer than the client waits, a bandwidth limit, truncated answers,
requests delivered twice (at once, or a stale copy later) and answers lost after the
server committed. Then the network heals and the devices converge.

Oracle: nothing left to upload, every device and the server hold identical histories,
every acknowledged signal present exactly once (in the history or as a visible conflict),
no signal from nowhere, every history replays (on each device and, from the server's copy,
with this build's code), and the server never answered 5xx, not even to a duplicate.

Short and seeded in the test run; ``SALESDESK_FAULT_ROUNDS`` (steps per seed) and
``SALESDESK_FAULT_SEEDS`` (comma-separated) make the long version for ``make torture``.
Figures (faults by kind, steps, sales, signals, conflicts, convergence rounds,
divergence) are printed, and appended as JSON lines to ``SALESDESK_FAULT_FIGURES`` if set.
"""

from __future__ import annotations

import json
import os
import random
import time
from collections import Counter
from typing import Any

import pytest
from tests.support.faulty_proxy import FaultyProxy

from salesdesk.flow.events import Event
from salesdesk.flow.replayer import replay_all, replay_history
from salesdesk.sales.service import WORKFLOWS
from salesdesk.sync.service import SyncService
from sync.agent_ops import RandomAgent, unique
from sync.helpers import Device, Fleet, ServerHandle, assert_converged, converge
from sync.test_faults import settle, small_pages

ROUNDS = int(os.environ.get("SALESDESK_FAULT_ROUNDS", "150"))
SEEDS = [int(s) for s in os.environ.get("SALESDESK_FAULT_SEEDS", "8").split(",")]
FIGURES = os.environ.get("SALESDESK_FAULT_FIGURES")

# Every fault the proxy can inject; a lost answer after the commit is the nastiest, so it
# is drawn more often.
WEIGHTS = {
    "drop": 1.0,
    "reset": 1.0,
    "delay": 1.0,
    "bandwidth": 1.0,
    "truncate": 1.0,
    "lost_response": 2.0,
    "duplicate": 1.5,
    "duplicate_late": 1.5,
}
# (device, user): anna works on two laptops, otto on one.
DEVICES = (("anna-1", "anna"), ("anna-2", "anna"), ("otto-1", "otto"))


# The devices here record the offline stand-ins' lookup results.
pytestmark = pytest.mark.stand_in_lookups


def device_via(fleet: Fleet, proxy: FaultyProxy, name: str, user: str, page: int) -> Device:
    device = fleet.device(name, lookups="standin", client_timeout=0.75)
    device.sync = SyncService(device.sales, client_factory=small_pages(page, 0.75))
    device.login(proxy.url, user=user)
    device.cycle()
    return device


def wids_of(devices: list[Device]) -> list[str]:
    return sorted({r.workflow_id for d in devices for r in d.engine.list_workflows()})


def divergence(server: ServerHandle, devices: list[Device]) -> int:
    """How many (device, sale) histories differ from the server's copy: a sale missing on
    one of its agent's devices counts too."""
    differ = 0
    for wid in wids_of(devices):
        expected = server.history(wid)
        for d in devices:
            held = {r.workflow_id for r in d.engine.list_workflows()}
            differ += wid not in held or d.history(wid) != expected
    return differ


def replays_everywhere(server: ServerHandle, devices: list[Device]) -> int:
    """Every device's histories and the server's copy of each replay; how many replayed."""
    replayed = 0
    for device in devices:
        report = replay_all(device.engine)
        assert report.ok, f"{device.data_dir.name}: {report.failures}"
        replayed += report.replayed
    wids = sorted({r.workflow_id for d in devices for r in d.engine.list_workflows()})
    for wid in wids:
        events = [
            Event(e["seq"], e["type"], e["data"], e["time"], e["origin"])
            for e in server.history(wid)
        ]
        replay_history(WORKFLOWS, wid, events)
        replayed += 1
    return replayed


def run_faults(server: ServerHandle, fleet: Fleet, seed: int, steps: int) -> dict[str, Any]:
    rng = random.Random(seed)
    started = time.monotonic()
    with FaultyProxy(server.base_url, seed=seed) as proxy:
        devices = [
            device_via(fleet, proxy, name, user, page=rng.choice((9, 30))) for name, user in DEVICES
        ]
        agents = [
            RandomAgent(d.sales, random.Random(seed * 100 + i), f"{seed}{name}")
            for i, (d, (name, _user)) in enumerate(zip(devices, DEVICES, strict=True))
        ]
        proxy.randomize(
            0.3,
            WEIGHTS,
            seed=seed,
            delay_range=(0.05, 1.2),  # sometimes longer than the client waits
            rate_range=(64 * 1024, 256 * 1024),
        )
        outcomes: Counter[str] = Counter()
        for step in range(steps):
            if step == steps // 3:
                # Whatever the draw, each fault kind happens at least once per run.
                proxy.queue(*WEIGHTS, delay_s=1.0)
            i = rng.randrange(len(devices))
            if rng.random() < 0.45:
                result = devices[i].try_cycle()
                outcomes["cycle " + ("failed" if isinstance(result, Exception) else "ok")] += 1
            else:
                outcomes[agents[i].act()] += 1
            devices[i].sales.run_lookups(2.0)
        faults = {mode: n for mode, n in proxy.counts.items() if mode != "pass"}
        # Heal: no more faults; the stale copies and delayed requests still land.
        proxy.clear()
        settle(proxy)
        rounds = converge(devices, rounds=15)
        settle(proxy)
        # Each agent's devices hold that agent's sales; otto sees none of anna's.
        groups = {
            user: [d for d, (_name, u) in zip(devices, DEVICES, strict=True) if u == user]
            for user in sorted({u for _n, u in DEVICES})
        }
        diverged = sum(divergence(server, group) for group in groups.values())
        assert not set(wids_of(groups["anna"])) & set(wids_of(groups["otto"]))
        found: dict[str, Any] = {"sales": 0, "signals": 0, "conflicts": Counter()}
        acked: Counter[tuple[str, str, str]] = Counter()
        try:
            for user, group in groups.items():
                group_acked = Counter(
                    k
                    for agent, (_name, u) in zip(agents, DEVICES, strict=True)
                    if u == user
                    for k in agent.acked
                )
                acked += group_acked
                part = assert_converged(server, group, group_acked, unique=unique)
                found = {k: found[k] + part[k] for k in found}
            replayed = replays_everywhere(server, devices)
        except AssertionError:
            print(f"seed {seed}: faults {faults}, steps {dict(outcomes)}, divergence {diverged}")
            raise
        server_errors = [
            (r.method, r.path, r.status)
            for r in proxy.log
            if r.status is not None and r.status >= 500
        ] + [("copy", "", s) for s in proxy.replay_statuses if s is not None and s >= 500]
        figures = {
            "seed": seed,
            "steps": steps,
            "database": server.url.split(":", 1)[0],
            "requests": sum(proxy.counts.values()),
            "faults": faults,
            "faults_total": sum(faults.values()),
            "outcomes": dict(outcomes),
            "acknowledged_signals": sum(acked.values()),
            "sales": found["sales"],
            "signals_in_histories": found["signals"],
            "conflicts": sum(found["conflicts"].values()),
            "histories_replayed": replayed,
            "convergence_rounds": rounds,
            "divergence": diverged,
            "server_5xx": len(server_errors),
            "seconds": round(time.monotonic() - started, 1),
        }
    print("network faults:", json.dumps(figures, sort_keys=True))
    if FIGURES:
        with open(FIGURES, "a", encoding="utf-8") as fh:
            fh.write(json.dumps({"part": "network", **figures}, sort_keys=True) + "\n")
    assert diverged == 0
    assert not server_errors, f"the server answered 5xx under faults: {server_errors[:5]}"
    return figures


@pytest.mark.parametrize("seed", SEEDS)
def test_three_devices_two_agents_converge_under_every_network_fault(
    any_server: ServerHandle, fleet: Fleet, seed: int
) -> None:
    figures = run_faults(any_server, fleet, seed, ROUNDS)
    # The run meant something: every fault kind happened, cycles failed and succeeded.
    if ROUNDS >= 30:
        assert set(figures["faults"]) == set(WEIGHTS), figures["faults"]
    assert figures["outcomes"].get("cycle ok") and figures["outcomes"].get("cycle failed")
    assert figures["acknowledged_signals"] > 0


PUSH = "/api/v1/sync/push"


@pytest.mark.parametrize("mode", ["duplicate", "duplicate_late"])
def test_a_push_delivered_twice_is_stored_once(
    any_server: ServerHandle, fleet: Fleet, mode: str
) -> None:
    """The same push reaches the server twice: at once, or as a stale copy that lands after
    the device has pushed more. The server stores it once and answers no 5xx."""
    with FaultyProxy(any_server.base_url, seed=3) as proxy:
        a = device_via(fleet, proxy, "anna-1", "anna", page=500)
        b = device_via(fleet, proxy, "anna-2", "anna", page=500)
        wid = a.full_sale(submit=False, wait=2)
        proxy.queue("pass", mode, delay_s=0.4)  # the price list passes, the push is doubled
        a.cycle()
        assert [r.mode for r in proxy.log if r.path == PUSH][-1] == mode
        a.signal(wid, "terms", {"payment_terms_days": 60, "notes": "after the copy"})
        a.cycle()  # pushed while the stale copy may still be on its way
        settle(proxy)
        assert proxy.replay_statuses and all(
            s is not None and s < 500 for s in proxy.replay_statuses
        )
        converge([a, b])
        history = any_server.history(wid)
        assert a.history(wid) == b.history(wid) == history
        terms = [e for e in history if e["data"].get("name") == "terms"]
        assert len(terms) == 2, "each terms signal once, the stale copy changed nothing"
        assert a.summary(wid).terms is not None
