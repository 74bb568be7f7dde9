"""A manager approves discounts above the threshold for the team's sales."""

from __future__ import annotations

from .helpers import Cluster


def test_manager_approves_a_discount_and_the_agent_pulls_it(cluster: Cluster) -> None:
    alice, mary, oscar = cluster.api("alice"), cluster.api("mary"), cluster.api("oscar")
    device = cluster.device("alice")
    wid = device.sale(discount="20")  # 20 % > the 15 % threshold
    plain = device.sale(discount="5")
    for sale in (wid, plain):
        assert alice.push_one(device.device_id, device.item(sale))["status"] == "accepted"
    position = len(device.events(wid))
    bob_device = cluster.device("bob")
    bobs = bob_device.sale(discount="30")
    cluster.api("bob").push_one(bob_device.device_id, bob_device.item(bobs))
    carol_device = cluster.device("carol")
    carols = carol_device.sale(discount="25")
    cluster.api("carol").push_one(carol_device.device_id, carol_device.item(carols))

    waiting = mary.get("/api/v1/sales?needs_approval=true").json()
    assert {r["workflow_id"] for r in waiting} == {wid, bobs}
    row = next(r for r in waiting if r["workflow_id"] == wid)
    assert (row["team"], row["needs_approval"], row["status"]) == (
        "north",
        True,
        "awaiting_approval",
    )
    assert {r["workflow_id"] for r in mary.get("/api/v1/sales").json()} == {wid, plain, bobs}
    assert [r["workflow_id"] for r in oscar.get("/api/v1/sales?needs_approval=true").json()] == [
        carols
    ]
    assert [r["workflow_id"] for r in alice.get("/api/v1/sales?needs_approval=true").json()] == [
        wid
    ]

    # Neither the agent herself nor another team's manager may decide.
    refused = alice.approve(wid, True)
    assert refused.status_code == 403 and refused.json()["error"] == "forbidden"
    assert oscar.approve(wid, True).status_code == 404  # to him it does not exist
    assert mary.approve(plain, True).status_code == 409  # nothing to approve there
    assert mary.approve("no-such-sale", True).status_code == 404

    decided = mary.approve(wid, True, "ok for this customer")
    assert decided.status_code == 200, decided.text
    approval = decided.json()["approval"]
    assert (approval["status"], approval["decided_by"], approval["comment"]) == (
        "approved",
        "mary",
        "ok for this customer",
    )
    history = mary.get(f"/api/v1/workflows/{wid}/events").json()["events"]
    last = history[-1]
    assert (last["seq"], last["type"], last["origin"]) == (
        position + 1,
        "SignalReceived",
        "server:mary",
    )
    assert last["data"] == {
        "name": "approve_discount",
        "payload": {"approved": True, "comment": "ok for this customer"},
    }
    waiting = mary.get("/api/v1/sales?needs_approval=true").json()
    assert {r["workflow_id"] for r in waiting} == {bobs}

    # The agent's device pulls the decision, applies it and can now submit.
    events, _ = alice.pull_all(device.device_id)
    new = [e for e in events if e["workflow_id"] == wid and e["seq"] > position]
    assert [e["origin"] for e in new] == ["server:mary"]
    device.apply(wid, new)
    assert device.service.summary(wid).approval.status == "approved"
    device.signal(wid, "submit", {})
    result = alice.push_one(device.device_id, device.item(wid, after=position + 1))
    assert result["status"] == "accepted"
    assert alice.sale(wid)["status"] == "accepted"
    # A decided, accepted sale takes no further decision.
    assert mary.approve(wid, False).status_code == 409


def test_a_rejected_discount_blocks_submission(cluster: Cluster) -> None:
    alice, mary = cluster.api("alice"), cluster.api("mary")
    device = cluster.device("alice")
    wid = device.sale(discount="40")
    alice.push_one(device.device_id, device.item(wid))
    response = mary.approve(wid, False, "too generous")
    assert response.status_code == 200
    summary = response.json()
    assert summary["approval"]["status"] == "rejected"
    assert any("rejected the discount: too generous" in p for p in summary["problems"])
    assert mary.get("/api/v1/sales?needs_approval=true").json() == []
