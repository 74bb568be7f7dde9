"""Push and pull over HTTP (invariant 6): accepted, duplicate, conflict, cursors."""

from __future__ import annotations

import threading
import uuid
from typing import Any

import pytest

from .helpers import (
    CONTACT,
    Cluster,
    batches,
    push_item,
    strip_cursor,
)


def test_fresh_sale_is_accepted_and_an_identical_repush_is_a_duplicate(cluster: Cluster) -> None:
    api = cluster.api("alice")
    device = cluster.device("alice")
    wid = device.sale()
    events = device.events(wid)

    first = api.push_one(device.device_id, device.item(wid))
    assert first["status"] == "accepted", first
    assert first["position"] == len(events)
    assert first["server_events"] == []  # an open sale gets no server reaction

    again = api.push_one(device.device_id, device.item(wid))
    assert again == {
        "workflow_id": wid,
        "status": "duplicate",
        "position": len(events),
        "reason": None,
        "server_events": [],
    }
    # A re-push of a prefix (the device lost the answer to an earlier push) is a no-op too.
    prefix = api.push_one(device.device_id, device.item(wid, upto=2))
    assert (prefix["status"], prefix["position"]) == ("duplicate", len(events))
    history = api.get(f"/api/v1/workflows/{wid}/events").json()["events"]
    assert [strip_cursor(e) for e in history] == events


def test_a_divergent_push_is_a_conflict_carrying_the_servers_events(cluster: Cluster) -> None:
    api = cluster.api("alice")
    laptop, desktop = cluster.device("alice"), cluster.device("alice")
    wid = laptop.sale(until="customer")
    base = len(laptop.events(wid))
    assert api.push_one(laptop.device_id, laptop.item(wid))["status"] == "accepted"
    desktop.adopt(wid, api.pull(desktop.device_id)["events"])

    # Both continue offline from the same position with different contacts.
    laptop.signal(wid, "contact", CONTACT)
    desktop.signal(wid, "contact", dict(CONTACT, name="Béla Nagy"))
    won = api.push_one(laptop.device_id, laptop.item(wid, after=base))
    assert won["status"] == "accepted"

    lost = api.push_one(desktop.device_id, desktop.item(wid, after=base))
    assert lost["status"] == "conflict"
    assert lost["position"] == won["position"]
    assert [strip_cursor(e) for e in lost["server_events"]] == laptop.events(wid, after=base)
    assert lost["reason"]

    # Rebase (what the desktop's sync does): adopt the server's history, redo the edit.
    desktop.adopt(wid, laptop.events(wid))
    desktop.signal(wid, "contact", dict(CONTACT, name="Béla Nagy"))
    rebased = api.push_one(desktop.device_id, desktop.item(wid, after=won["position"]))
    assert rebased["status"] == "accepted"
    assert api.sale(wid)["contact"]["name"] == "Béla Nagy"


def test_a_stale_expected_position_is_a_conflict(cluster: Cluster) -> None:
    api = cluster.api("alice")
    device = cluster.device("alice")
    wid = device.sale(until="contact")
    events = device.events(wid)
    split = len(batches(events, 1)[0])
    assert api.push_one(device.device_id, device.item(wid, upto=split))["status"] == "accepted"

    # The device believes the server is further on than it is.
    ahead = api.push_one(device.device_id, device.item(wid, after=split + 1))
    assert (ahead["status"], ahead["position"], ahead["server_events"]) == (
        "conflict",
        split,
        [],
    )
    # ...or behind, with events that differ from the server's.
    other = cluster.device("alice")
    theirs = other.sale(until="start")
    behind = api.push_one(
        device.device_id,
        push_item(wid, 0, [dict(e, origin=device.origin) for e in other.events(theirs)]),
    )
    assert behind["status"] == "conflict"
    assert [strip_cursor(e) for e in behind["server_events"]] == events[:split]
    # Nothing of either was stored; the real continuation still goes through.
    rest = api.push_one(device.device_id, device.item(wid, after=split))
    assert (rest["status"], rest["position"]) == ("accepted", len(events))


def test_pull_brings_other_devices_events_approvals_and_the_order(cluster: Cluster) -> None:
    alice, mary = cluster.api("alice"), cluster.api("mary")
    laptop, desktop = cluster.device("alice"), cluster.device("alice")
    wid = laptop.sale(discount="20")
    assert alice.push_one(laptop.device_id, laptop.item(wid))["status"] == "accepted"

    page = alice.pull(desktop.device_id, cursor=0)
    assert {e["workflow_id"] for e in page["events"]} == {wid}
    assert [strip_cursor(e) for e in page["events"]] == laptop.events(wid)
    assert {e["origin"] for e in page["events"]} == {laptop.origin}
    cursors = [e["cursor"] for e in page["events"]]
    assert cursors == sorted(cursors) and page["next_cursor"] == cursors[-1]
    desktop.adopt(wid, page["events"])
    desk_cursor = page["next_cursor"]

    assert mary.approve(wid, True, "fine for this customer").status_code == 200
    page = alice.pull(desktop.device_id, cursor=desk_cursor)
    (approval,) = page["events"]
    assert approval["origin"] == "server:mary"
    assert approval["data"]["name"] == "approve_discount"
    desktop.apply(wid, page["events"])
    desk_cursor = page["next_cursor"]

    # The desktop finishes the sale; the push answer carries the order.
    position = len(desktop.events(wid))
    desktop.signal(wid, "submit", {})
    result = alice.push_one(desktop.device_id, desktop.item(wid, after=position))
    assert result["status"] == "accepted"
    desktop.apply(wid, result["server_events"])
    assert desktop.service.summary(wid).status == "accepted"

    # The laptop catches up on everything the others recorded, in cursor order.
    laptop_cursor = cursors[-1]
    caught_up, _ = alice.pull_all(laptop.device_id, cursor=laptop_cursor)
    origins = [e["origin"] for e in caught_up]
    assert origins[0] == "server:mary"
    assert desktop.origin in origins and origins[-1] == "server"
    laptop.apply(wid, caught_up)
    assert laptop.events(wid) == desktop.events(wid)
    # Nothing more for a device that is up to date.
    assert alice.pull(laptop.device_id, cursor=caught_up[-1]["cursor"])["events"] == []


def test_pull_never_returns_another_agents_events(cluster: Cluster) -> None:
    sales: dict[str, str] = {}
    for agent in ("alice", "bob", "carol"):
        device = cluster.device(agent)
        sales[agent] = device.sale(until="customer")
        result = cluster.api(agent).push_one(device.device_id, device.item(sales[agent]))
        assert result["status"] == "accepted"

    def visible(name: str) -> set[str]:
        events, _ = cluster.api(name).pull_all(f"pull-{name}", limit=3)
        return {e["workflow_id"] for e in events}

    assert visible("alice") == {sales["alice"]}
    assert visible("bob") == {sales["bob"]}
    assert visible("carol") == {sales["carol"]}
    assert visible("mary") == {sales["alice"], sales["bob"]}  # her team, north
    assert visible("oscar") == {sales["carol"]}
    assert visible("root") == set(sales.values())
    # A cursor past others' events is still safe: a later own event is not skipped.
    alice_api = cluster.api("alice")
    cursor = alice_api.pull("d", cursor=0)["next_cursor"]
    device = cluster.device("bob")
    bob_sale = device.sale(until="start")
    cluster.api("bob").push_one(device.device_id, device.item(bob_sale))
    assert alice_api.pull("d", cursor=cursor)["events"] == []


def test_pull_pages_with_limit_and_more(cluster: Cluster) -> None:
    api = cluster.api("alice")
    device = cluster.device("alice")
    wid = device.sale()
    api.push_one(device.device_id, device.item(wid))
    total = len(device.events(wid))
    cursor, seen, pages = 0, [], 0
    while True:
        page = api.pull("alice-other-device", cursor=cursor, limit=4)
        seen += page["events"]
        pages += 1
        cursor = page["next_cursor"]
        if not page["more"]:
            break
    assert [e["seq"] for e in seen] == list(range(1, total + 1))
    assert pages == total // 4 + 1


def test_a_device_does_not_pull_back_its_own_events(cluster: Cluster) -> None:
    """It has them already; what others recorded (the server's order number here) it
    does get, and the cursor still moves past its own events."""
    api = cluster.api("alice")
    device = cluster.device("alice")
    wid = device.sale(submit=True)
    result = api.push_one(device.device_id, device.item(wid))
    assert result["status"] == "accepted"
    page = api.pull(device.device_id)
    assert page["events"] and {e["origin"] for e in page["events"]} == {"server"}
    assert [strip_cursor(e) for e in page["events"]] == [
        strip_cursor(e) for e in result["server_events"]
    ]
    assert page["next_cursor"] == page["events"][-1]["cursor"]
    assert api.pull(device.device_id, cursor=page["next_cursor"])["events"] == []
    assert len(api.pull("alice-other-device")["events"]) == result["position"]


@pytest.mark.usefixtures("pg_only_url")
def test_concurrent_pushers_and_a_puller_see_every_event_exactly_once(
    make_cluster: Any, pg_only_url: str
) -> None:
    """On PostgreSQL, appends commit concurrently; a pull must never skip one that took
    its cursor before another but committed after it."""
    cluster = make_cluster(pg_only_url)
    agents = ["alice", "bob", "carol", "alice"]
    devices = [cluster.device(a) for a in agents]
    templates = [d.events(d.sale(submit=True)) for d in devices]
    per_thread = 12
    errors: list[BaseException] = []
    done = threading.Event()
    pushed: dict[str, int] = {}
    guard = threading.Lock()

    def pusher(index: int) -> None:
        try:
            device, api = devices[index], cluster.api(agents[index])
            chunks = batches(templates[index], 2)
            wids = [f"w{index}-{n}-{uuid.uuid4().hex[:6]}" for n in range(per_thread)]
            positions = dict.fromkeys(wids, 0)
            for chunk in chunks:  # every workflow one step on, in one request per round
                items = [push_item(w, positions[w], chunk) for w in wids]
                for result in api.push(device.device_id, items):
                    assert result["status"] == "accepted", result
                    positions[result["workflow_id"]] = result["position"]
            with guard:
                pushed.update(positions)
        except BaseException as exc:  # surfaced by the main thread
            errors.append(exc)

    seen: list[tuple[str, int, int]] = []

    def puller() -> None:
        try:
            api, cursor = cluster.api("root"), 0
            while True:
                finished = done.is_set()
                page = api.pull("puller", cursor=cursor, limit=37)
                seen.extend((e["workflow_id"], e["seq"], e["cursor"]) for e in page["events"])
                cursor = page["next_cursor"]
                if finished and not page["more"]:
                    return
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=pusher, args=(i,)) for i in range(len(devices))]
    reader = threading.Thread(target=puller)
    reader.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    done.set()
    reader.join()
    assert not errors, errors

    keys = [(w, s) for w, s, _ in seen]
    assert len(keys) == len(set(keys)), "an event was pulled twice"
    expected = {(w, s) for w, position in pushed.items() for s in range(1, position + 1)}
    assert set(keys) == expected, "an event was skipped"
    cursors = [c for _, _, c in seen]
    assert cursors == sorted(cursors)
    # Submitted sales got the order desk's events too (seq beyond the device's own).
    assert all(position == len(templates[0]) + 2 for position in pushed.values())
