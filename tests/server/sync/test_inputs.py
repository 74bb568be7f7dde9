"""Odd inputs are answered as client errors (4xx or a rejected push), never as a 500.

Each case here was found by fuzzing (tests/server/test_openapi_fuzz.py)."""

from __future__ import annotations

import copy
from typing import Any

from .helpers import Cluster, push_item, stored


def _result_of(events: list[dict[str, Any]], activity: str) -> dict[str, Any]:
    scheduled = next(
        e["data"]["activity_id"]
        for e in events
        if e["type"] == "ActivityScheduled" and e["data"]["name"] == activity
    )
    completed = next(
        e
        for e in events
        if e["type"] == "ActivityCompleted" and e["data"]["activity_id"] == scheduled
    )
    result: dict[str, Any] = completed["data"]["result"]
    return result


def test_activity_results_the_sale_cannot_use_are_rejected(cluster: Cluster) -> None:
    """Lookup results are recorded on the device, so they are client input as well."""
    api = cluster.api("alice")
    device = cluster.device("alice")
    cases = {
        # Replays, but the summary cannot be built from it.
        "consultation number is a list": (
            "company_lookup",
            {"consultation_number": []},
            "cannot be summarised",
        ),
        # A signal validator (submit) chokes on it during replay.
        "credit limit is null": ("credit_check", {"limit": None}, "does not replay"),
    }
    for case, (activity, change, reason) in cases.items():
        wid = device.sale(submit=True)
        events = copy.deepcopy(device.events(wid))
        _result_of(events, activity).update(change)
        before = stored(cluster.url)
        result = api.push_one(device.device_id, push_item(wid, 0, events))
        assert result["status"] == "rejected", (case, result)
        assert reason in result["reason"], (case, result["reason"])
        assert stored(cluster.url) == before, case


def test_numbers_beyond_the_database_columns_are_422(cluster: Cluster) -> None:
    api = cluster.api("alice")
    huge = 2**64
    response = api.http.post("/api/v1/sync/pull", json={"device_id": "d", "cursor": huge})
    assert response.status_code == 422
    assert "cursor" in response.json()["fields"]
    largest = api.http.post("/api/v1/sync/pull", json={"device_id": "d", "cursor": 2**63 - 1})
    assert (largest.status_code, largest.json()["events"]) == (200, [])
    event = {"seq": 2**31, "type": "SignalReceived", "time": "x" * 20, "origin": "o", "data": {}}
    response = api.push_raw("d", [push_item("w", 2**31 - 1, [event])])
    assert response.status_code == 422
    response = api.push_raw("d", [push_item("w", 2**40, [])])
    assert response.status_code == 422


def test_a_control_character_in_a_query_is_422(cluster: Cluster) -> None:
    # PostgreSQL text cannot hold NUL: this was a 500 there.
    api = cluster.api("alice")
    assert api.get("/api/v1/sales?status=a%00b").status_code == 422
    assert api.get("/api/v1/sales?status=accepted").json() == []
