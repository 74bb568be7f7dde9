"""Tampered histories pushed by a client are rejected by server-side replay, with a reason,
and nothing of them is stored (SQLite and PostgreSQL, real HTTP on loopback).

tests/server/sync/test_server_replay.py holds the detailed single-edit cases (VAT number,
deleted results, own prices, times); this file covers the rest of the attacker's list:
reordered events, a duplicated sequence number, edited totals, an edited price snapshot,
forged ``approve_discount`` / ``accepted`` (as the device and in the server's name), a
manager's decision rewritten after the fact, and the whole path an agent would take on
the desktop: import a forged history with ``salesdesk sale import``, then ``salesdesk sync``.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
from tests.server.sync.helpers import (
    PASSWORD,
    Cluster,
    Device,
    push_item,
    start_cluster,
    stored,
)
from tests.support.inprocess import memory_keyring_installed, run_cli

History = list[dict[str, Any]]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def cluster(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Cluster]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
    else:
        url = request.getfixturevalue("pg_url")
    with ExitStack() as stack:
        yield start_cluster(stack, url, tmp_path)


def _index(events: History, kind: str, name: str | None = None) -> int:
    for i, e in enumerate(events):
        if e["type"] == kind and (name is None or name in (e["data"].get("name"),)):
            return i
    raise AssertionError(f"no {kind} {name or ''}")


def _signal_after(events: History, name: str, payload: Any, origin: str) -> History:
    last = events[-1]
    extra = {
        "seq": last["seq"] + 1,
        "type": "SignalReceived",
        "time": last["time"],
        "origin": origin,
        "data": {"name": name, "payload": payload},
    }
    return [*events, extra]


def _reorder(events: History, device: Device) -> History:
    i = _index(events, "SignalReceived", "contact")
    j = _index(events, "SignalReceived", "lines")
    events[i]["data"], events[j]["data"] = events[j]["data"], events[i]["data"]
    return events


def _swap_seq(events: History, device: Device) -> History:
    i = _index(events, "SignalReceived", "contact")
    events[i], events[i + 1] = events[i + 1], events[i]
    return events


def _duplicate_seq(events: History, device: Device) -> History:
    i = _index(events, "SignalReceived", "contact")
    twin = copy.deepcopy(events[i])
    twin["data"]["payload"]["name"] = "Someone Else"
    return [*events[: i + 1], twin, *events[i + 1 :]]


def _edited_totals(events: History, device: Device) -> History:
    i = _index(events, "ActivityScheduled", "credit_check")
    events[i]["data"]["input"]["gross_total"] = "1.00"  # a tiny sale for the credit check
    return events


def _edited_price_snapshot(events: History, device: Device) -> History:
    for item in events[0]["data"]["input"]["price_list"]["items"]:
        item["unit_price"] = "1.00"
    return events


def _forged_approval(events: History, device: Device) -> History:
    return _signal_after(events, "approve_discount", {"approved": True}, device.origin)


def _approval_in_a_managers_name(events: History, device: Device) -> History:
    return _signal_after(events, "approve_discount", {"approved": True}, "server:mary")


def _forged_acceptance(events: History, device: Device) -> History:
    return _signal_after(events, "accepted", {"order_number": "SO-2026-000001"}, device.origin)


def _acceptance_in_the_servers_name(events: History, device: Device) -> History:
    return _signal_after(events, "accepted", {"order_number": "SO-2026-000001"}, "server")


TAMPERED: dict[str, tuple[Callable[[History, Device], History], tuple[str, ...]]] = {
    "reordered signals": (_reorder, ("does not replay",)),
    "swapped events": (_swap_seq, ("order",)),
    "duplicated sequence number": (_duplicate_seq, ("order",)),
    "edited totals": (_edited_totals, ("does not replay",)),
    "edited price snapshot": (_edited_price_snapshot, ("price list",)),
    "forged approve_discount": (_forged_approval, ("only come from the server",)),
    "approve_discount in a manager's name": (
        _approval_in_a_managers_name,
        ("recorded itself",),
    ),
    "forged accepted": (_forged_acceptance, ("only come from the server",)),
    "accepted in the server's name": (_acceptance_in_the_servers_name, ("recorded itself",)),
}


def test_tampered_histories_are_rejected_with_a_reason_and_nothing_is_stored(
    cluster: Cluster,
) -> None:
    api = cluster.api("alice")
    device = cluster.device("alice")
    reasons = {}
    # A refused push stores nothing, so each case can start from the same two sales.
    waiting, submitted = device.sale(discount="20"), device.sale(discount="5", submit=True)
    for case, (tamper, words) in TAMPERED.items():
        wid = submitted if "accepted" in case else waiting  # accepted needs a submitted sale
        events = tamper(copy.deepcopy(device.events(wid)), device)
        before = stored(cluster.url)

        result = api.push_one(device.device_id, push_item(wid, 0, events))

        assert result["status"] == "rejected", (case, result)
        reason = result["reason"] or ""
        reasons[case] = reason
        assert any(w in reason for w in words), (case, reason)
        assert stored(cluster.url) == before, case
        assert cluster.api("root").get(f"/api/v1/workflows/{wid}/events").status_code == 404
    print("tampering:", json.dumps(reasons, indent=1))
    # The honest histories go through afterwards: no cache was poisoned.
    for row in device.service.sales():
        assert api.push_one(device.device_id, device.item(row.workflow_id))["status"] == (
            "accepted"
        )


@pytest.mark.parametrize("cluster", ["sqlite"], indirect=True)  # the DB is not the point
def test_a_managers_decision_cannot_be_rewritten_afterwards(cluster: Cluster) -> None:
    api = cluster.api("alice")
    device = cluster.device("alice")
    wid = device.sale(discount="20")
    assert api.push_one(device.device_id, device.item(wid))["status"] == "accepted"
    decided = cluster.api("mary").approve(wid, approved=False, comment="too much")
    assert decided.status_code == 200, decided.text
    server = cluster.api("root").get(f"/api/v1/workflows/{wid}/events").json()["events"]
    rewritten = copy.deepcopy([{k: e[k] for k in ("seq", "type", "time", "origin", "data")}
                               for e in server])  # fmt: skip
    i = _index(rewritten, "SignalReceived", "approve_discount")
    rewritten[i]["data"]["payload"]["approved"] = True
    before = stored(cluster.url)

    result = api.push_one(device.device_id, push_item(wid, 0, rewritten))

    assert result["status"] in ("conflict", "rejected"), result
    assert stored(cluster.url) == before
    after = cluster.api("root").get(f"/api/v1/workflows/{wid}/events").json()["events"]
    assert after == server
    assert api.sale(wid)["approval"]["status"] == "rejected"


@pytest.mark.parametrize("cluster", ["sqlite"], indirect=True)
def test_a_forged_history_imported_on_the_desktop_is_refused_by_the_server(
    cluster: Cluster, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The agent's own route: edit an exported history to carry a manager's approval,
    import it (the desktop cannot tell: pulled histories carry such events), sync."""
    monkeypatch.setenv("SALESDESK_POLICY_FILE", str(tmp_path / "no-policy.toml"))
    with memory_keyring_installed():
        laptop = str(tmp_path / "laptop")
        code, out, err = run_cli(
            "--data-dir", laptop, "login", "--server", cluster.base_url, "--user", "alice",
            stdin=f"{PASSWORD}\n",
        )  # fmt: skip
        assert code == 0, err
        device = cluster.device("alice")
        wid = device.sale(discount="20")
        forged = _approval_in_a_managers_name(copy.deepcopy(device.events(wid)), device)
        document = {**device.service.export_history(wid), "events": forged}
        file = tmp_path / "forged.json"
        file.write_text(json.dumps(document), encoding="utf-8")
        code, out, err = run_cli("--data-dir", laptop, "sale", "import", str(file))
        assert code == 0, err  # locally it is a well-formed history
        before = stored(cluster.url)

        code, out, err = run_cli("--data-dir", laptop, "sync")

        assert code == 0, err
        assert f"sale {wid}: refused by the server" in out, out
        assert "recorded itself" in out, out
        assert stored(cluster.url) == before
        assert cluster.api("root").get(f"/api/v1/workflows/{wid}/events").status_code == 404
