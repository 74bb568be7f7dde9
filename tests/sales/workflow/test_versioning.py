"""Versioning: release 1 histories keep their path; the patched() guard is what keeps them."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest

from salesdesk import flow
from salesdesk.flow.engine import parse_history_document
from salesdesk.flow.replayer import replay_all, replay_history, version_report
from salesdesk.sales.service import WORKFLOWS, SalesService

from .support import (
    CONTACT,
    HU,
    V1_FIXTURE,
    Clock,
    Lookups,
    event_types,
    run_lookups,
    scheduled,
)

V1_ID = "83ee86b8-b088-4db8-a245-76810d7f69d5"
MARKER = flow.EventType.MARKER_RECORDED


def v1_document() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(V1_FIXTURE.read_text(encoding="utf-8"))
    return document


@pytest.fixture
def after_v1(clock: Clock) -> Clock:
    """The fixture was recorded on 2026-11-22; go on a day later, well before it expires."""
    clock.now = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    return clock


def address_check_usage(svc: SalesService) -> tuple[int, int, bool]:
    [usage] = [u for u in version_report(svc.engine) if u.patch_id == "address-check"]
    assert usage.workflow_type == "sale"
    return usage.open_with_marker, usage.open_without_marker, usage.old_branch_needed


def test_a_release_1_history_replays_and_keeps_the_old_path(
    svc: SalesService, lookups: Lookups, after_v1: Clock
) -> None:
    assert svc.import_history(v1_document()) == V1_ID
    s = svc.summary(V1_ID)
    assert (s.status, s.current_step, s.price_list_version) == ("draft", "terms", "2026.0")
    assert [(v.kind, v.status, v.attempts) for v in s.lookups] == [
        ("company", "done", 1),
        ("credit", "done", 1),
    ]
    assert (s.totals.net, s.totals.gross) == ("1083.00", "1375.41")  # 12 h x 95.00 -5 %
    assert s.problems == ("Terms is not filled in yet",)
    assert MARKER not in event_types(svc, V1_ID)

    # Further signals, even one with an address to check at once, keep release 1's path.
    svc.signal(V1_ID, "customer", {"vat_number": HU, "address": "Nádor utca 7\n1051 Budapest"})
    run_lookups(svc)
    later_terms = {"payment_terms_days": 30, "delivery_date": "2026-12-01"}
    for name, payload in (("contact", CONTACT), ("lines", s.steps[2].data), ("terms", later_terms)):
        svc.signal(V1_ID, name, payload)
    s = svc.summary(V1_ID)
    assert s.status == "ready", s.problems
    assert "address_check" not in scheduled(svc, V1_ID)
    assert MARKER not in event_types(svc, V1_ID)
    assert s.customer is not None and s.customer.normalized_address is None
    assert lookups.called("address_check") == []

    # A new sale on the same profile takes release 2's path.
    new = svc.new_sale()
    svc.signal(new, "customer", {"vat_number": HU})
    run_lookups(svc)
    assert scheduled(svc, new) == ["company_lookup", "address_check"]
    assert event_types(svc, new).count(MARKER) == 1
    assert (address_check_usage(svc)) == (1, 1, True)

    svc.signal(V1_ID, "submit", {})
    svc.engine.signal(V1_ID, "accepted", {"order_number": "SO-2026-000001"}, origin="server")
    assert svc.summary(V1_ID).status == "accepted"
    assert address_check_usage(svc) == (1, 0, False)  # the old branch can now be removed

    # Everything still replays from disk with the current code.
    svc.engine.clear_cache()
    report = replay_all(svc.engine)
    assert (report.replayed, report.failures) == (2, [])


def test_without_the_patched_guard_the_release_1_history_no_longer_replays(
    svc: SalesService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Release 2 as it would be without its guard: patched() always True, i.e. every sale
    takes the address check. The release 1 history then stops replaying, naming the event."""
    document = v1_document()
    _, _, events = parse_history_document(document)
    replay_history(WORKFLOWS, V1_ID, events)  # with the guard: fine

    monkeypatch.setattr(flow, "patched", lambda change_id: True)
    with pytest.raises(flow.NonDeterminismError) as broken:
        replay_history(WORKFLOWS, V1_ID, events)
    error = broken.value
    assert (error.workflow_id, error.workflow_type, error.seq) == (V1_ID, "sale", 6)
    assert error.expected == "no further command"
    assert error.got == "ActivityScheduled(activity #2 'address_check')"
    message = str(error)
    assert f"sale workflow {V1_ID} at event #6" in message
    assert "guard the new path with patched('<change-id>')" in message

    with pytest.raises(flow.NonDeterminismError):
        svc.import_history(document)
    assert svc.sales() == [], "nothing was imported"


def test_a_guard_that_never_takes_the_new_path_breaks_new_histories(
    svc: SalesService, monkeypatch: pytest.MonkeyPatch
) -> None:
    wid = svc.new_sale()
    svc.signal(wid, "customer", {"vat_number": HU})
    events = svc.engine.history(wid)
    monkeypatch.setattr(flow, "patched", lambda change_id: False)
    with pytest.raises(flow.NonDeterminismError) as broken:
        replay_history(WORKFLOWS, wid, events)
    assert (broken.value.seq, broken.value.expected, broken.value.got) == (
        5,
        "MarkerRecorded(patch 'address-check')",
        "nothing",
    )
