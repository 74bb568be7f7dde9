"""The server takes a lookup result only if its own gateway gave that answer to that user.

A device records its lookups' results in the sale's history itself, so replay alone would
take a credit approval edited into a history. Real server, real gateway over loopback, the
demo upstreams behind it, and desktops signed in as an agent would be.
"""

from __future__ import annotations

import copy
from typing import Any

from .helpers import CONTACT, CUSTOMER, TERMS, Device, Fleet, ServerHandle, lines

REFUSED = "is not an answer this server's lookup gateway gave you"


def sale_with_lookups_done(device: Device) -> str:
    """A sale up to its terms, its lookups run (not yet synced)."""
    device.cycle()  # the price list
    wid = device.sales.new_sale()
    for name, payload in (
        ("customer", CUSTOMER),
        ("contact", CONTACT),
        ("lines", lines("5")),
        ("terms", TERMS),
    ):
        device.signal(wid, name, payload, wait=10.0)
    assert device.summary(wid).status == "ready", device.summary(wid).problems
    return wid


def credit_result(history: list[dict[str, Any]]) -> dict[str, Any]:
    """The recorded credit check answer of ``history`` (the event itself, to edit)."""
    (activity_id,) = [
        e["data"]["activity_id"]
        for e in history
        if e["type"] == "ActivityScheduled" and e["data"]["name"] == "credit_check"
    ]
    (completed,) = [
        e
        for e in history
        if e["type"] == "ActivityCompleted" and e["data"]["activity_id"] == activity_id
    ]
    return completed


def push(server: ServerHandle, device: Device, wid: str, events: list[dict[str, Any]]) -> Any:
    with server.http("anna") as http:
        response = http.post(
            "/api/v1/sync/push",
            json={
                "device_id": device.sales.device_id,
                "workflows": [
                    {
                        "workflow_id": wid,
                        "workflow_type": "sale",
                        "expected_position": 0,
                        "events": events,
                    }
                ],
            },
        )
    assert response.status_code == 200, response.text
    (result,) = response.json()["results"]
    return result


def test_an_edited_credit_answer_is_refused_and_the_real_one_accepted(
    server: ServerHandle, fleet: Fleet
) -> None:
    laptop = fleet.device("laptop")
    laptop.login(server.base_url)
    wid = sale_with_lookups_done(laptop)
    genuine = laptop.history(wid)
    assert credit_result(genuine)["data"]["result"]["approved"] is True

    forged = copy.deepcopy(genuine)
    credit_result(forged)["data"]["result"]["limit"] = "9999999.00"
    refused = push(server, laptop, wid, forged)

    assert refused["status"] == "rejected"
    assert REFUSED in refused["reason"] and "credit" in refused["reason"], refused["reason"]
    with server.http("root") as http:
        assert http.get(f"/api/v1/workflows/{wid}/events").status_code == 404

    accepted = push(server, laptop, wid, genuine)
    assert accepted["status"] == "accepted", accepted
    assert server.history(wid) == genuine


def test_a_device_that_invents_its_lookups_cannot_sync_them(
    server: ServerHandle, fleet: Fleet
) -> None:
    """A profile signed in to the server whose lookups never went through its gateway
    (here the offline stand-ins): the sale is refused with the reason, nothing stored,
    and a desktop whose lookups did go through the gateway syncs the same sale."""
    inventor = fleet.device("inventor", lookups="standin")
    inventor.login(server.base_url)
    invented = sale_with_lookups_done(inventor)

    report = inventor.cycle()

    assert REFUSED in report.rejected[invented], report.rejected
    with server.http("root") as http:
        assert http.get(f"/api/v1/workflows/{invented}/events").status_code == 404

    honest = fleet.device("honest")
    honest.login(server.base_url)
    real = sale_with_lookups_done(honest)
    report = honest.cycle()
    assert report.rejected == {}
    assert honest.pending() == 0
    assert server.history(real) == honest.history(real)
