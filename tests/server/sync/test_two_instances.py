"""Two server instances (two build_app, each its own uvicorn) on one PostgreSQL schema.

The server is stateless apart from its replay cache, which must never be trusted over the
database: instances see each other's appends, and concurrent pushes of one sale resolve
to exactly one winner. The last tests force the unlucky interleavings deterministically
by pausing instance A at a chosen point while instance B pushes.
"""

from __future__ import annotations

import copy
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import select

from salesdesk.server import eventstore
from salesdesk.server.db import create_engine_for
from salesdesk.server.tables import order_numbers

from .helpers import CONTACT, Api, Cluster, batches, push_item, strip_cursor


@pytest.fixture
def two(make_cluster: Callable[..., Cluster], pg_url: str) -> Iterator[Cluster]:
    yield make_cluster(pg_url, instances=2)


def _in_thread(fn: Callable[[], Any], timeout: float) -> list[Any]:
    """Run ``fn`` in a thread and wait up to ``timeout``; the result list fills later."""
    out: list[Any] = []
    thread = threading.Thread(target=lambda: out.append(fn()), daemon=True)
    thread.start()
    thread.join(timeout)
    return out


def test_push_to_one_instance_pull_from_the_other(two: Cluster) -> None:
    a, b = two.api("alice", 0), two.api("alice", 1)
    device = two.device("alice")
    wid = device.sale(submit=True)
    result = a.push_one(device.device_id, device.item(wid))
    assert result["status"] == "accepted"

    events, _ = b.pull_all("other-device")
    assert [strip_cursor(e) for e in events] == device.events(wid) + [
        strip_cursor(e) for e in result["server_events"]
    ]
    assert b.sale(wid)["status"] == "accepted" == a.sale(wid)["status"]
    assert (
        b.sale(wid)["order_number"] == result["server_events"][0]["data"]["payload"]["order_number"]
    )


def test_alternating_instances_keep_their_caches_honest(two: Cluster) -> None:
    apis = [two.api("alice", 0), two.api("alice", 1)]
    device = two.device("alice")
    wid = device.sale(discount="20")
    position = 0
    for n, chunk in enumerate(batches(device.events(wid), 1)):
        # Each instance reads the sale (caching it), then the other one appends.
        if position:
            assert apis[n % 2].sale(wid)["workflow_id"] == wid
        result = apis[(n + 1) % 2].push_one(device.device_id, push_item(wid, position, chunk))
        assert result["status"] == "accepted", (n, result)
        position = result["position"]
    # Both serve the same, current summary; a manager's decision on one is seen on the other.
    mary = [two.api("mary", 0), two.api("mary", 1)]
    assert mary[1].approve(wid, True).status_code == 200
    assert apis[0].sale(wid)["approval"]["status"] == "approved"
    page = apis[0].pull(device.device_id, cursor=0)
    device.apply(wid, [e for e in page["events"] if e["seq"] > position])
    device.signal(wid, "submit", {})
    result = apis[0].push_one(device.device_id, device.item(wid, after=position + 1))
    assert result["status"] == "accepted", result
    assert apis[1].sale(wid)["status"] == "accepted"


def _diverged(two: Cluster, api: Api) -> tuple[Any, Any, str, int]:
    laptop, desktop = two.device("alice"), two.device("alice")
    wid = laptop.sale(until="customer")
    assert api.push_one(laptop.device_id, laptop.item(wid))["status"] == "accepted"
    desktop.adopt(wid, laptop.events(wid))
    base = len(laptop.events(wid))
    laptop.signal(wid, "contact", CONTACT)
    desktop.signal(wid, "contact", dict(CONTACT, name="Béla Nagy"))
    return laptop, desktop, wid, base


def test_concurrent_pushes_of_one_sale_to_both_instances(two: Cluster) -> None:
    a, b = two.api("alice", 0), two.api("alice", 1)
    for _round in range(4):
        laptop, desktop, wid, base = _diverged(two, a)
        barrier = threading.Barrier(2)
        results: dict[str, dict[str, Any]] = {}

        def push(
            name: str,
            api: Api,
            device: Any,
            wid: str = wid,
            base: int = base,
            barrier: threading.Barrier = barrier,
            results: dict[str, dict[str, Any]] = results,
        ) -> None:
            item = device.item(wid, after=base)
            barrier.wait()
            results[name] = api.push_one(device.device_id, item)

        threads = [
            threading.Thread(target=push, args=("laptop", a, laptop)),
            threading.Thread(target=push, args=("desktop", b, desktop)),
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        statuses = sorted(r["status"] for r in results.values())
        assert statuses == ["accepted", "conflict"], results
        winner = "laptop" if results["laptop"]["status"] == "accepted" else "desktop"
        loser = "desktop" if winner == "laptop" else "laptop"
        device = laptop if winner == "laptop" else desktop
        assert [strip_cursor(e) for e in results[loser]["server_events"]] == device.events(
            wid, after=base
        )
        # Both instances now serve the winner's contact.
        name = device.service.summary(wid).contact["name"]  # type: ignore[index]
        assert a.sale(wid)["contact"]["name"] == name == b.sale(wid)["contact"]["name"]


def test_a_push_racing_an_append_on_the_other_instance_is_a_conflict_not_a_rejection(
    two: Cluster, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Instance A has read the sale's position; B appends before A loads its replay
    instance. A must not replay onto B's events (and call the history invalid)."""
    a, b = two.api("alice", 0), two.api("alice", 1)
    laptop, desktop, wid, base = _diverged(two, a)
    cache = two.apps[0].state.sync.cache
    original = cache.load
    raced: list[Any] = []

    def load(*args: Any, **kwargs: Any) -> Any:
        if not raced:  # B pushes now; it may have to wait for A's transaction
            raced.append(
                _in_thread(lambda: b.push_one(desktop.device_id, desktop.item(wid, base)), 1.0)
            )
        return original(*args, **kwargs)

    monkeypatch.setattr(cache, "load", load)
    mine = a.push_one(laptop.device_id, laptop.item(wid, after=base))
    deadline = threading.Event()
    while not raced[0]:
        deadline.wait(0.05)
    theirs = raced[0][0]
    assert sorted([mine["status"], theirs["status"]]) == ["accepted", "conflict"], (mine, theirs)


def test_identical_pushes_racing_on_two_instances_react_once(
    two: Cluster, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A submitted sale pushed to A and B at once: one stores it and gives the order
    number, the other answers duplicate (not 500, and no second order number)."""
    a, b = two.api("alice", 0), two.api("alice", 1)
    device = two.device("alice")
    wid = device.sale(submit=True)
    cache = two.apps[0].state.sync.cache
    original = cache.new
    raced: list[Any] = []

    def new(*args: Any, **kwargs: Any) -> Any:
        if not raced:
            raced.append(_in_thread(lambda: b.push_one(device.device_id, device.item(wid)), 10))
        return original(*args, **kwargs)

    monkeypatch.setattr(cache, "new", new)
    mine = a.push_one(device.device_id, device.item(wid))
    (theirs,) = raced[0]
    assert theirs["status"] == "accepted"
    assert mine["status"] == "duplicate", mine
    assert mine["position"] == theirs["position"]
    history = a.get(f"/api/v1/workflows/{wid}/events").json()["events"]
    accepted = [e for e in history if e["data"].get("name") == "accepted"]
    assert len(accepted) == 1
    engine = create_engine_for(two.url)
    try:
        with engine.connect() as conn:
            assert conn.execute(select(order_numbers.c.last_value)).scalar_one() == 1
    finally:
        engine.dispose()


def test_a_tampered_continuation_racing_the_sales_creation_is_still_replayed(
    two: Cluster, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reads "no such sale" and B then creates it up to exactly the position A's push
    expects: A's events must still be replayed, never stored as they are."""
    a, b = two.api("alice", 0), two.api("alice", 1)
    device = two.device("alice")
    wid = device.sale(until="contact")
    events = device.events(wid)
    prefix = batches(events, 1)[0]
    rest = copy.deepcopy(events[len(prefix) :])
    customer = next(e for e in rest if e["data"].get("name") == "customer")
    customer["data"]["payload"]["vat_number"] = "DE136695976"  # the lookup was for HU...
    original = eventstore.lock_workflows
    raced: list[Any] = []
    fired: list[bool] = []

    def lock_workflows(conn: Any, workflow_ids: Any) -> Any:
        found = original(conn, workflow_ids)
        if wid in workflow_ids and not fired:  # only A's first look (B's goes through)
            fired.append(True)
            raced.append(
                _in_thread(lambda: b.push_one(device.device_id, push_item(wid, 0, prefix)), 10)
            )
        return found

    monkeypatch.setattr(eventstore, "lock_workflows", lock_workflows)
    mine = a.push_one(device.device_id, push_item(wid, len(prefix), rest))
    deadline = time.monotonic() + 60  # B finishes once A commits; a loaded CI is slow
    while not raced[0] and time.monotonic() < deadline:
        time.sleep(0.05)
    assert raced[0][0]["status"] == "accepted"
    assert mine["status"] == "rejected", mine
    history = a.get(f"/api/v1/workflows/{wid}/events").json()["events"]
    assert [strip_cursor(e) for e in history] == prefix
