"""The server trusts no client (invariant 7): every push is replayed with the same code,
and what does not replay, or breaks a rule, is rejected with nothing of it stored."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

from salesdesk.sales.pricelist import PriceList, load_price_list

from .helpers import PRICE_LIST_FILE, Cluster, Device, push_item, stored

History = list[dict[str, Any]]


def _find(events: History, name: str) -> int:
    """Index of the signal ``name`` in a history."""
    return next(
        i
        for i, e in enumerate(events)
        if e["type"] == "SignalReceived" and e["data"]["name"] == name
    )


def _renumber(events: History) -> History:
    return [dict(e, seq=i) for i, e in enumerate(events, start=1)]


def _signal(after: dict[str, Any], name: str, payload: Any, origin: str) -> dict[str, Any]:
    return {
        "seq": after["seq"] + 1,
        "type": "SignalReceived",
        "time": after["time"],
        "origin": origin,
        "data": {"name": name, "payload": payload},
    }


def _set_vat(events: History) -> History:
    # A different, well-formed VAT number: the company lookup was scheduled for the old one.
    i = _find(events, "customer")
    events[i]["data"]["payload"]["vat_number"] = "DE136695976"
    return events


def _drop_lookup_result(events: History) -> History:
    i = next(i for i, e in enumerate(events) if e["type"] == "ActivityCompleted")
    return _renumber(events[:i] + events[i + 1 :])


def _drop_decision(events: History) -> History:
    i = next(i for i, e in enumerate(events) if e["type"] == "ActivityScheduled")
    return _renumber(events[:i] + events[i + 1 :])


def _leave_a_gap(events: History) -> History:
    return events[:3] + events[4:]


def _cheaper_lines(events: History) -> History:
    # Edit the discount after the credit check was scheduled for the original total.
    i = _find(events, "lines")
    events[i]["data"]["payload"]["items"][0]["discount_percent"] = "12"
    return events


def _lines_with_own_prices(events: History) -> History:
    i = _find(events, "lines")
    events[i]["data"]["payload"]["items"][0]["unit_price"] = "1.00"
    return events


def _credit_input_total(events: History) -> History:
    i = next(
        i
        for i, e in enumerate(events)
        if e["type"] == "ActivityScheduled" and e["data"]["name"] == "credit_check"
    )
    events[i]["data"]["input"]["gross_total"] = "10.00"
    return events


def _time_with_z(events: History) -> History:
    events[2]["time"] = events[2]["time"].replace("+00:00", "Z")
    return events


def _time_without_micros(events: History) -> History:
    events[0]["time"] = events[0]["time"][:19] + "+00:00"
    return events


def _time_in_another_zone(events: History) -> History:
    hour = int(events[0]["time"][11:13])
    events[0]["time"] = (
        events[0]["time"][:11] + f"{(hour + 1) % 24:02d}" + events[0]["time"][13:-6] + "+01:00"
    )
    return events


REJECTED: dict[str, tuple[Callable[[History], History], str]] = {
    "changed VAT number": (_set_vat, "does not replay"),
    "deleted lookup result": (_drop_lookup_result, "does not replay"),
    "deleted decision": (_drop_decision, "does not replay"),
    "deleted event, gap": (_leave_a_gap, "out of order"),
    "edited discount": (_cheaper_lines, "does not replay"),
    "own prices in lines": (_lines_with_own_prices, "would have been refused"),
    "edited credit total": (_credit_input_total, "does not replay"),
    "time with Z": (_time_with_z, "canonical"),
    "time without microseconds": (_time_without_micros, "canonical"),
    "time in another zone": (_time_in_another_zone, "canonical"),
}


def _assert_nothing_stored(cluster: Cluster, wid: str, before: dict[str, int]) -> None:
    assert stored(cluster.url) == before
    api = cluster.api("root")
    assert api.get(f"/api/v1/workflows/{wid}/events").status_code == 404
    assert api.pull("audit")["events"] == []


def test_tampered_new_sales_are_rejected_and_nothing_is_stored(cluster: Cluster) -> None:
    api = cluster.api("alice")
    device = cluster.device("alice")
    for case, (tamper, reason) in REJECTED.items():
        wid = device.sale()
        events = tamper(copy.deepcopy(device.events(wid)))
        before = stored(cluster.url)

        result = api.push_one(device.device_id, push_item(wid, 0, events))

        assert result["status"] == "rejected", (case, result)
        assert reason in result["reason"], (case, result["reason"])
        assert result["position"] == 0
        _assert_nothing_stored(cluster, wid, before)
    # The honest histories still go through afterwards (no cache was poisoned).
    for row in device.service.sales():
        honest = api.push_one(device.device_id, device.item(row.workflow_id))
        assert honest["status"] == "accepted"


def test_a_tampered_continuation_is_rejected_and_the_server_keeps_its_history(
    cluster: Cluster,
) -> None:
    api = cluster.api("alice")
    device = cluster.device("alice")
    wid = device.sale(until="customer")
    base = len(device.events(wid))
    assert api.push_one(device.device_id, device.item(wid))["status"] == "accepted"
    device.signal(wid, "lines", {"items": [{"sku": "LAP-TP-X1C-G12", "quantity": 3}]})
    before = stored(cluster.url)

    tampered = _credit_input_total(copy.deepcopy(device.events(wid, after=base)))
    result = api.push_one(device.device_id, push_item(wid, base, tampered))

    assert (result["status"], result["position"]) == ("rejected", base)
    assert stored(cluster.url) == before
    assert len(api.get(f"/api/v1/workflows/{wid}/events").json()["events"]) == base
    # Honest continuation, then the server's totals are what the lines say.
    assert api.push_one(device.device_id, device.item(wid, after=base))["status"] == "accepted"
    assert api.sale(wid)["totals"] == device.service.summary(wid).totals.model_dump(mode="json")


def test_signals_only_the_server_may_send_are_refused(cluster: Cluster) -> None:
    api = cluster.api("alice")
    device = cluster.device("alice")
    discounted = device.sale(discount="20")
    submitted = device.sale(submit=True)
    before = stored(cluster.url)

    def push(wid: str, extra: dict[str, Any]) -> dict[str, Any]:
        events = device.events(wid)
        return api.push_one(device.device_id, push_item(wid, 0, [*events, extra]))

    approve = {"approved": True, "comment": None}
    order = {"order_number": "SO-2026-999999"}
    last = device.events(discounted)[-1]
    # Recorded by the device itself: the workflow's origin rules refuse them on replay.
    forged = push(discounted, _signal(last, "approve_discount", approve, device.origin))
    assert forged["status"] == "rejected"
    assert "may only come from the server" in forged["reason"]
    last = device.events(submitted)[-1]
    forged = push(submitted, _signal(last, "accepted", order, device.origin))
    assert forged["status"] == "rejected"
    assert "may only come from the server" in forged["reason"]
    # Claiming to be the server: a device may only push what it recorded itself.
    for origin in ("server", "server:mary"):
        forged = push(submitted, _signal(last, "accepted", order, origin))
        assert forged["status"] == "rejected"
        assert "may only push events it recorded itself" in forged["reason"]
    assert stored(cluster.url) == before
    # A manager's name on a device event changes nothing either.
    forged = push(
        discounted,
        _signal(device.events(discounted)[-1], "approve_discount", approve, "server:mary"),
    )
    assert forged["status"] == "rejected"
    assert stored(cluster.url) == before


def test_a_price_list_the_server_never_published_is_rejected(cluster: Cluster) -> None:
    document = json.loads(PRICE_LIST_FILE.read_text(encoding="utf-8"))
    document["version"] = "2026.1-cheap"
    document["items"][0]["unit_price"] = "1.00"
    device = cluster.device("alice")
    device.service.price_lists.add(PriceList.model_validate(document))
    wid = device.sale()
    before = stored(cluster.url)

    result = cluster.api("alice").push_one(device.device_id, device.item(wid))

    assert result["status"] == "rejected"
    assert "never published" in result["reason"]
    _assert_nothing_stored(cluster, wid, before)


def test_an_embedded_price_list_that_does_not_match_its_hash_is_rejected(
    cluster: Cluster,
) -> None:
    """A sale embeds the published list's hash but its own (cheaper) prices."""
    api = cluster.api("alice")
    device = cluster.device("alice")
    honest = device.sale()
    # The server has now seen (and may remember) the genuine list under this hash.
    assert api.push_one(device.device_id, device.item(honest))["status"] == "accepted"
    wid = device.sale(until="start")
    events = copy.deepcopy(device.events(wid))
    published = load_price_list(PRICE_LIST_FILE)
    items = events[0]["data"]["input"]["price_list"]["items"]
    assert items[0]["unit_price"] == str(published.items[0].unit_price)
    items[0]["unit_price"] = "1.00"
    before = stored(cluster.url)

    result = api.push_one(device.device_id, push_item(wid, 0, events))

    assert result["status"] == "rejected", result
    assert "price list" in result["reason"]
    _assert_nothing_stored_for(cluster, wid, before)


def _assert_nothing_stored_for(cluster: Cluster, wid: str, before: dict[str, int]) -> None:
    assert stored(cluster.url) == before
    assert cluster.api("root").get(f"/api/v1/workflows/{wid}/events").status_code == 404


def test_events_from_another_device_are_rejected(cluster: Cluster) -> None:
    api = cluster.api("alice")
    laptop, desktop = cluster.device("alice"), cluster.device("alice")
    wid = laptop.sale()
    before = stored(cluster.url)
    result = api.push_one(desktop.device_id, laptop.item(wid))
    assert result["status"] == "rejected"
    assert laptop.origin in result["reason"]
    _assert_nothing_stored(cluster, wid, before)


def test_a_sale_naming_another_agent_is_rejected(cluster: Cluster, tmp_path: Any) -> None:
    impostor = Device(tmp_path / "impostor", "alice", "north")  # bob's laptop, alice's name
    try:
        wid = impostor.sale()
        before = stored(cluster.url)
        result = cluster.api("bob").push_one(impostor.device_id, impostor.item(wid))
        assert result["status"] == "rejected"
        assert "names agent 'alice'" in result["reason"]
        _assert_nothing_stored(cluster, wid, before)
    finally:
        impostor.close()


MALFORMED_STARTS: list[Any] = ["not a sale", [1, 2], None, {}, {"agent": "alice"}]


def test_a_malformed_start_event_is_rejected_not_an_error(cluster: Cluster) -> None:
    device = cluster.device("alice")
    for start_input in MALFORMED_STARTS:
        wid = device.sale(until="start")
        events = copy.deepcopy(device.events(wid))
        events[0]["data"]["input"] = start_input
        before = stored(cluster.url)
        result = cluster.api("alice").push_one(device.device_id, push_item(wid, 0, events))
        assert result["status"] == "rejected", (start_input, result)
        _assert_nothing_stored(cluster, wid, before)


def test_a_sale_started_without_the_required_engine_check_is_rejected(
    cluster: Cluster,
) -> None:
    """Without ``check_activity_input`` replay would take any recorded lookup result, for
    whatever input: the server refuses such a sale (missing, emptied or odd flags)."""
    device = cluster.device("alice")
    for flags in (None, [], ["something-else"], "check_activity_input"):
        wid = device.sale()
        events = copy.deepcopy(device.events(wid))
        if flags is None:
            del events[0]["data"]["flags"]
        else:
            events[0]["data"]["flags"] = flags
        before = stored(cluster.url)
        result = cluster.api("alice").push_one(device.device_id, push_item(wid, 0, events))
        assert result["status"] == "rejected", (flags, result)
        assert "check_activity_input" in result["reason"], result["reason"]
        _assert_nothing_stored(cluster, wid, before)
    honest = device.sale()
    assert cluster.api("alice").push_one(device.device_id, device.item(honest))["status"] == (
        "accepted"
    )
