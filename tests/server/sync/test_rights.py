"""Who may do what (invariant 7): every sync and sales endpoint for every kind of caller.

Alice (agent, north) owns the sale. Bob is another agent of her team, Mary manages north,
Oscar manages south, root is an admin; ``None`` sends no token at all.
"""

from __future__ import annotations

from typing import Any

from salesdesk.server.sync import DEVICE_TAKEN, FOREIGN_OR_MISSING

from .helpers import Api, Cluster, push_item

CALLERS = [None, "alice", "bob", "mary", "oscar", "root"]
SEES_IT = {"alice", "mary", "root"}


def test_rights_matrix(cluster: Cluster) -> None:
    """One sale, every endpoint, every caller (in this order: deciding and signing out
    change the sale and the tokens)."""
    device = cluster.device("alice")
    wid = device.sale(discount="20")
    assert cluster.api("alice").push_one(device.device_id, device.item(wid))["status"] == (
        "accepted"
    )
    sale = (wid, device)
    _reading_a_sale(cluster, sale)
    _listing_and_pulling(cluster, sale)
    _pushing_to_a_sale(cluster, sale)
    _deciding_a_discount(cluster, sale)
    _a_bad_or_revoked_token_is_refused(cluster, sale)


def _expect(caller: str | None, allowed: int) -> int:
    if caller is None:
        return 401
    # A sale the caller may not see is answered like one that does not exist.
    return allowed if caller in SEES_IT else 404


def _reading_a_sale(cluster: Cluster, sale: tuple[str, Any]) -> None:
    wid, _device = sale
    for caller in CALLERS:
        api = cluster.api(caller)
        for path in (f"/api/v1/workflows/{wid}/events", f"/api/v1/sales/{wid}"):
            response = api.get(path)
            assert response.status_code == _expect(caller, 200), (caller, path, response.text)
            if response.status_code == 401:
                assert response.headers["www-authenticate"] == "Bearer"
            if response.status_code == 404:
                assert "customer" not in response.text
                # The very answer an unknown id gets (with the id put in).
                missing = api.get(path.replace(wid, "no-such-sale"))
                assert missing.status_code == 404
                assert missing.text.replace("no-such-sale", wid) == response.text
        if caller is not None:  # an unknown sale is simply not there
            assert api.get("/api/v1/sales/no-such-sale").status_code == 404


def _listing_and_pulling(cluster: Cluster, sale: tuple[str, Any]) -> None:
    wid, _device = sale
    for caller in CALLERS:
        api = cluster.api(caller)
        listing = api.get("/api/v1/sales")
        pulled = api.http.post("/api/v1/sync/pull", json={"device_id": f"d1-{caller}", "cursor": 0})
        if caller is None:
            assert (listing.status_code, pulled.status_code) == (401, 401)
            continue
        assert listing.status_code == pulled.status_code == 200
        listed = {r["workflow_id"] for r in listing.json()}
        events = {e["workflow_id"] for e in pulled.json()["events"]}
        expected = {wid} if caller in SEES_IT else set()
        assert listed == expected == events, caller
        waiting = {r["workflow_id"] for r in api.get("/api/v1/sales?needs_approval=true").json()}
        assert waiting == expected, caller


def _pushing_to_a_sale(cluster: Cluster, sale: tuple[str, Any]) -> None:
    wid, device = sale
    diverged = [dict(e, data={**e["data"], "edited": True}) for e in device.events(wid)[3:5]]
    for caller in CALLERS:
        api = cluster.api(caller)
        # A re-push, and one with a stale position that would otherwise be answered with
        # the server's events: nobody but the sale's people may learn anything from it.
        # Alice's device id is hers: anyone else pushing with it is refused outright.
        for item in (device.item(wid), push_item(wid, 3, diverged)):
            response = api.push_raw(device.device_id, [item])
            if caller is None:
                assert response.status_code == 401
                continue
            (result,) = response.json()["results"]
            if caller == "alice":
                assert result["status"] in ("duplicate", "conflict"), (caller, result)
                if result["status"] == "conflict":
                    assert len(result["server_events"]) == result["position"] - 3
            else:
                assert result == {
                    "workflow_id": wid,
                    "status": "rejected",
                    "position": 0,
                    "reason": DEVICE_TAKEN,
                    "server_events": [],
                }, caller
        if caller in (None, "alice"):
            continue
        # With a device of their own, the events as if recorded there.
        own = f"device:{caller}-laptop"
        item = push_item(wid, 3, [dict(e, origin=own) for e in diverged])
        (result,) = api.push_raw(f"{caller}-laptop", [item]).json()["results"]
        if caller in SEES_IT:  # a manager or admin learns the server's events
            assert result["status"] == "conflict", (caller, result)
        else:
            assert result == {
                "workflow_id": wid,
                "status": "rejected",
                "position": 0,
                "reason": FOREIGN_OR_MISSING,
                "server_events": [],
            }, caller


def _deciding_a_discount(cluster: Cluster, sale: tuple[str, Any]) -> None:
    wid, _device = sale
    # Oscar manages another team: to him the sale does not exist.
    expected = {None: 401, "alice": 403, "bob": 403, "oscar": 404, "mary": 200, "root": 200}
    for caller in CALLERS:
        response = cluster.api(caller).approve(wid, True)
        assert response.status_code == expected[caller], (caller, response.text)
    history = cluster.api("root").get(f"/api/v1/workflows/{wid}/events").json()["events"]
    decisions = [e["origin"] for e in history if e["data"].get("name") == "approve_discount"]
    assert decisions == ["server:mary", "server:root"]


def _a_bad_or_revoked_token_is_refused(cluster: Cluster, sale: tuple[str, Any]) -> None:
    wid, _device = sale
    forged = Api(cluster.base_url, "not-a-token")
    try:
        assert forged.get(f"/api/v1/sales/{wid}").status_code == 401
        assert forged.push_raw("d", []).status_code == 401
    finally:
        forged.close()
    api = cluster.api("alice")
    assert api.http.post("/api/v1/auth/logout").status_code == 204
    assert api.get(f"/api/v1/sales/{wid}").status_code == 401


def test_a_device_id_belongs_to_the_user_who_first_used_it(cluster: Cluster) -> None:
    """Bob cannot push or pull as Alice's laptop, nor hide her events from her by taking
    its id first; Alice keeps using it, and Bob's own devices work."""
    laptop = cluster.device("alice")
    alice, bob = cluster.api("alice"), cluster.api("bob")
    wid = laptop.sale(until="customer")
    assert alice.push_one(laptop.device_id, laptop.item(wid))["status"] == "accepted"

    pulled = bob.http.post("/api/v1/sync/pull", json={"device_id": laptop.device_id})
    assert pulled.status_code == 403, pulled.text
    assert pulled.json()["message"] == DEVICE_TAKEN
    bobs = cluster.device("bob")
    bob_sale = bobs.sale(until="start")
    # Bob's events claiming to come from Alice's laptop (the origin must match the id).
    events = [dict(e, origin=laptop.origin) for e in bobs.events(bob_sale)]
    (result,) = bob.push_raw(laptop.device_id, [push_item(bob_sale, 0, events)]).json()["results"]
    assert (result["status"], result["reason"]) == ("rejected", DEVICE_TAKEN)
    assert bob.get(f"/api/v1/workflows/{bob_sale}/events").status_code == 404

    # A device id Bob uses first is his: Alice cannot take it over either.
    assert bob.push_one(bobs.device_id, bobs.item(bob_sale))["status"] == "accepted"
    taken = alice.http.post("/api/v1/sync/pull", json={"device_id": bobs.device_id})
    assert taken.status_code == 403
    # Both go on with their own.
    assert alice.pull(laptop.device_id)["events"] == []
    assert [e["workflow_id"] for e in bob.pull("bob-phone")["events"]] == [bob_sale] * len(
        bobs.events(bob_sale)
    )
