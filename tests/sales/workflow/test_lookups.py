"""Lookups as activities: edits after a lookup, late results, overrides, offline, failures."""

from __future__ import annotations

import threading
from datetime import datetime

import pytest

from salesdesk import flow
from salesdesk.flow.replayer import replay_history
from salesdesk.sales.service import SalesService
from salesdesk.sales.workflow import SaleWorkflow

from .support import (
    CONTACT,
    DE,
    HU,
    LINES,
    Gate,
    Lookups,
    ServiceFactory,
    company_address,
    company_name,
    current,
    fill_sale,
    run_lookups,
    scheduled,
    step_status,
    terms,
)

STALE = "confirm again: Customer changed"


def views(svc: SalesService, wid: str) -> list[tuple[int, str, str]]:
    return [(v.activity_id, v.kind, v.status) for v in svc.summary(wid).lookups]


def signals(svc: SalesService, wid: str) -> list[str]:
    return [
        str(e.data["name"])
        for e in svc.engine.history(wid)
        if e.type == flow.EventType.SIGNAL_RECEIVED
    ]


def fill_sale_rest(svc: SalesService, wid: str) -> None:
    """Everything after the customer step, running the lookups in between."""
    run_lookups(svc)
    svc.signal(wid, "contact", CONTACT)
    svc.signal(wid, "lines", LINES)
    run_lookups(svc)
    svc.signal(wid, "terms", terms())


def test_changing_the_vat_number_after_the_lookup_supersedes_it_and_stales_later_steps(
    svc: SalesService, lookups: Lookups
) -> None:
    wid = svc.new_sale()
    fill_sale(svc, wid)
    assert svc.summary(wid).status == "ready"
    assert views(svc, wid) == [
        (1, "company", "done"),
        (2, "address", "done"),
        (3, "credit", "done"),
    ]

    svc.signal(wid, "customer", {"vat_number": DE})
    s = svc.summary(wid)
    assert step_status(s) == {
        "customer": "done",
        "contact": "stale",
        "lines": "stale",
        "terms": "stale",
    }
    assert {step.note for step in s.steps[1:]} == {STALE}
    assert (s.status, s.current_step) == ("awaiting_lookups", "contact")
    # A new company lookup runs for the new number; so does the credit check, whose input
    # (the VAT number) changed. The old ones are shown as superseded. The address check of
    # the old company's address stays current until the new company's address is known
    # (then it is superseded below, or kept if the address is the same).
    assert views(svc, wid) == [
        (1, "company", "superseded"),
        (2, "address", "done"),
        (3, "credit", "superseded"),
        (4, "company", "queued"),
        (5, "credit", "queued"),
    ]
    assert current(s, "company").input == {"country_code": "DE", "vat_number": "136695976"}
    assert s.customer is not None
    assert (s.customer.vat_number, s.customer.company_name, s.customer.vat_valid) == (
        DE,
        None,
        None,
    )
    assert s.problems == (
        f"Contact must be confirmed again ({STALE})",
        f"Lines must be confirmed again ({STALE})",
        f"Terms must be confirmed again ({STALE})",
        "the VAT number is still being checked",
        "the credit check is still running",
    )
    with pytest.raises(flow.SignalRejected) as refused:
        svc.signal(wid, "submit", {})
    assert refused.value.fields == {"": "; ".join(s.problems[:3])}

    run_lookups(svc)
    s = svc.summary(wid)
    assert s.customer is not None
    assert (s.customer.company_name, s.customer.vat_valid) == (company_name(DE), True)
    assert views(svc, wid) == [
        (1, "company", "superseded"),
        (2, "address", "superseded"),
        (3, "credit", "superseded"),
        (4, "company", "done"),
        (5, "credit", "done"),
        (6, "address", "done"),
    ]
    assert current(s, "address").input["address"] == " ".join(company_address(DE).split())
    assert [c["vat_number"] for c in lookups.called("credit_check")] == ["12892312", "136695976"]

    # Confirming the later steps again (unchanged) makes the sale ready; nothing re-runs.
    svc.signal(wid, "contact", CONTACT)
    svc.signal(wid, "lines", LINES)
    svc.signal(wid, "terms", terms())
    s = svc.summary(wid)
    assert (s.status, s.problems, len(s.lookups)) == ("ready", (), 6)
    svc.signal(wid, "submit", {})
    assert svc.summary(wid).status == "submitted"


def test_a_superseded_lookup_answering_late_is_recorded_but_ignored(
    svc: SalesService, lookups: Lookups
) -> None:
    gate = lookups.gates[HU] = Gate()
    wid = svc.new_sale()
    svc.signal(wid, "customer", {"vat_number": HU})
    worker = threading.Thread(target=svc.runner.run_due)
    worker.start()
    try:
        assert gate.entered.wait(5), "the company lookup did not start"
        assert views(svc, wid) == [(1, "company", "running")]

        # The agent corrects the VAT number while the first lookup is still out.
        svc.signal(wid, "customer", {"vat_number": DE})
        assert views(svc, wid) == [(1, "company", "superseded"), (2, "company", "queued")]
    finally:
        gate.release()
        worker.join(10)
    assert not worker.is_alive()

    history = svc.engine.history(wid)
    late = [e for e in history if e.type == flow.EventType.ACTIVITY_COMPLETED]
    assert [e.data["activity_id"] for e in late] == [1]
    assert late[0].data["result"]["name"] == company_name(HU)
    s = svc.summary(wid)
    old = s.lookups[0]
    assert (old.status, old.result is not None, old.attempts) == ("superseded", True, 1)
    assert s.customer is not None
    assert (s.customer.vat_number, s.customer.company_name, s.customer.address) == (DE, None, None)
    assert s.customer.vat_valid is None
    # The late answer started nothing: no address check for the old company's address.
    assert scheduled(svc, wid) == ["company_lookup", "company_lookup"]

    run_lookups(svc)
    s = svc.summary(wid)
    assert s.customer is not None and s.customer.company_name == company_name(DE)
    assert scheduled(svc, wid) == ["company_lookup", "company_lookup", "address_check"]
    assert lookups.called("address_check") == [
        {"address": " ".join(company_address(DE).split()), "country_code": "DE"}
    ]


def test_agent_entered_name_and_address_win_over_the_lookup(
    svc: SalesService, lookups: Lookups
) -> None:
    wid = svc.new_sale()
    svc.signal(
        wid,
        "customer",
        {"vat_number": HU, "company_name": "Kovács Bt.", "address": "Fő utca 1\n1011 Budapest"},
    )
    # The agent's address is known at once, so its check starts with the company lookup.
    assert scheduled(svc, wid) == ["company_lookup", "address_check"]
    fill_sale_rest(svc, wid)
    s = svc.summary(wid)
    assert s.customer is not None
    c = s.customer
    assert (c.company_name, c.address) == ("Kovács Bt.", "Fő utca 1\n1011 Budapest")
    assert (c.name_overridden, c.address_overridden, c.vat_valid) == (True, True, True)
    assert current(s, "company").result["name"] == company_name(HU)  # type: ignore[index]
    assert lookups.called("address_check") == [
        {"address": "Fő utca 1 1011 Budapest", "country_code": "HU"}
    ]
    assert lookups.called("credit_check")[0]["company_name"] == "Kovács Bt."
    assert svc.sales()[0].listing["customer"] == "Kovács Bt."  # type: ignore[index]
    assert svc.timeline(wid)[2].text == (
        "Customer set: VAT HU12892312, name overridden to 'Kovács Bt.'"
    )
    assert s.status == "ready"

    # Only the name overridden: the address comes from the lookup and is not flagged.
    svc.signal(wid, "customer", {"vat_number": HU, "company_name": "Kovács Bt."})
    run_lookups(svc)
    c = svc.summary(wid).customer
    assert c is not None
    assert (c.company_name, c.name_overridden) == ("Kovács Bt.", True)
    assert (c.address, c.address_overridden) == (company_address(HU), False)


def test_submit_while_lookups_wait_for_the_network_then_the_sale_submits_itself(
    svc: SalesService, lookups: Lookups
) -> None:
    lookups.offline = True
    wid = svc.new_sale()
    fill_sale(svc, wid)
    s = svc.summary(wid)
    assert s.status == "awaiting_lookups"
    for kind in ("company", "credit"):
        view = current(s, kind)
        assert (view.status, view.attempts, view.next_try, view.last_error) == (
            "waiting_for_network",
            0,  # waiting for the network uses up no attempts
            "when the network is back",
            "no route to the lookup gateway",
        )
    assert svc.runner.offline
    assert [(t.name, t.state) for t in svc.lookups()] == [
        ("company_lookup", "waiting_for_network"),
        ("credit_check", "waiting_for_network"),
    ]

    svc.signal(wid, "submit", {})
    s = svc.summary(wid)
    assert (s.status, s.submit_pending) == ("submit_pending", True)
    assert s.problems == (
        "the VAT number is still being checked",
        "the credit check is still running",
    )
    with pytest.raises(flow.SignalRejected) as refused:
        svc.signal(wid, "contact", CONTACT)
    assert refused.value.fields == {"": "the sale is waiting to submit; it cannot be changed now"}
    with pytest.raises(flow.SignalRejected) as refused:
        svc.signal(wid, "submit", {})
    assert refused.value.fields == {"": "the sale is already waiting to submit"}

    lookups.offline = False
    assert svc.network_available() == 2
    run_lookups(svc)
    s = svc.summary(wid)
    assert (s.status, s.submit_pending, s.problems) == ("submitted", False, ())
    assert signals(svc, wid)[-1] == "submit", "no further signal was needed"
    # Company, then the address check its answer started, then credit: all completed first.
    assert [v.status for v in s.lookups] == ["done", "done", "done"]
    assert svc.engine.next_timer_due() is None


def test_submit_intent_stops_with_the_problem_when_the_credit_check_declines(
    svc: SalesService, lookups: Lookups
) -> None:
    lookups.offline = True
    wid = svc.new_sale()
    fill_sale(svc, wid)
    svc.signal(wid, "submit", {})
    lookups.offline = False
    lookups.credit_declined = "payment defaults in 2025"
    svc.network_available()
    run_lookups(svc)

    declined = "the credit bureau did not approve this order (payment defaults in 2025)"
    s = svc.summary(wid)
    assert (s.status, s.submit_pending) == ("draft", False)
    assert s.problems == (f"automatic submission stopped: {declined}", declined)
    assert "Finished credit check: declined, limit 50000 rating E (attempt 1)" in [
        e.text for e in svc.timeline(wid)
    ]
    # The sale can be changed again; submitting once more is refused with the reason.
    with pytest.raises(flow.SignalRejected) as refused:
        svc.signal(wid, "submit", {})
    assert refused.value.fields == {"": declined}
    svc.signal(wid, "terms", terms(payment_days=8))
    assert svc.summary(wid).status == "draft"


def test_a_vat_number_unknown_to_vies_marks_the_customer_invalid(
    svc: SalesService, lookups: Lookups
) -> None:
    lookups.not_in_vies.add(HU)
    wid = svc.new_sale()
    fill_sale(svc, wid)
    s = svc.summary(wid)
    assert (s.steps[0].status, s.steps[0].note) == (
        "invalid",
        "the VAT number is not registered in VIES",
    )
    assert s.customer is not None
    assert (s.customer.vat_valid, s.customer.company_name) == (False, None)
    assert s.problems == ("VAT number HU12892312 is not registered in VIES; correct it",)
    assert s.status == "draft"
    assert "address_check" not in scheduled(svc, wid)  # no address to check
    with pytest.raises(flow.SignalRejected) as refused:
        svc.signal(wid, "submit", {})
    assert refused.value.fields == {"": s.problems[0]}
    assert "Finished VAT / company lookup: NOT valid (attempt 1)" in [
        e.text for e in svc.timeline(wid)
    ]

    svc.signal(wid, "customer", {"vat_number": DE})
    run_lookups(svc)
    s = svc.summary(wid)
    assert s.steps[0].status == "done"
    assert s.customer is not None and s.customer.vat_valid is True


def test_a_lookup_failing_for_good_is_shown_and_can_be_run_again(
    svc: SalesService, lookups: Lookups
) -> None:
    lookups.company_error = flow.NonRetryableError(
        "VIES refused the request: INVALID_INPUT", code="INVALID_INPUT"
    )
    wid = svc.new_sale()
    fill_sale(svc, wid)
    s = svc.summary(wid)
    company = current(s, "company")
    assert (company.status, company.attempts, company.error, company.error_code) == (
        "failed",
        1,
        "VIES refused the request: INVALID_INPUT",
        "INVALID_INPUT",
    )
    assert company.last_error == "VIES refused the request: INVALID_INPUT"
    assert len(lookups.called("company_lookup")) == 1, "a non-retryable error is not retried"
    assert s.problems == (
        "the VAT number could not be checked: VIES refused the request: INVALID_INPUT",
    )
    assert s.status == "draft"
    assert "VAT / company lookup failed: VIES refused the request: INVALID_INPUT" in [
        e.text for e in svc.timeline(wid)
    ]

    # Confirming the same customer again runs the failed lookup again.
    lookups.company_error = None
    svc.signal(wid, "customer", {"vat_number": HU})
    run_lookups(svc)
    s = svc.summary(wid)
    assert [(v.kind, v.status) for v in s.lookups if v.kind == "company"] == [
        ("company", "superseded"),
        ("company", "done"),
    ]
    assert s.customer is not None and s.customer.vat_valid is True


def test_a_retryable_failure_waits_with_backoff_and_shows_the_next_try(
    make_service: ServiceFactory, lookups: Lookups
) -> None:
    wall = [1_800_000_000.0]
    svc = make_service(wall_clock=lambda: wall[0])
    lookups.fail_company_once = True
    wid = svc.new_sale()
    svc.signal(wid, "customer", {"vat_number": HU})
    run_lookups(svc)
    s = svc.summary(wid)
    company = current(s, "company")
    assert (company.status, company.attempts) == ("backoff", 1)
    assert company.last_error == "VIES answered 503 (member state unavailable)"
    assert company.next_try is not None
    wait = datetime.fromisoformat(company.next_try).timestamp() - wall[0]
    assert 1 <= wait <= 3, "first retry after 2 s +-20 % (whole seconds shown)"
    assert s.status == "awaiting_lookups"

    wall[0] += 10
    run_lookups(svc)
    company = current(svc.summary(wid), "company")
    # Done on the second attempt; the earlier error is no longer shown.
    assert (company.status, company.attempts, company.last_error) == ("done", 2, None)


@pytest.mark.parametrize("address", ["0", " a\n ", "-"])
def test_an_address_too_short_to_check_is_kept_but_not_looked_up(
    svc: SalesService, lookups: Lookups, address: str
) -> None:
    """Found by the long signal fuzzing: a one-character address crashed the sale's code
    (the check's input needs 3 characters), so the signal could not be recorded at all."""
    wid = svc.new_sale()
    svc.signal(wid, "customer", {"vat_number": HU, "address": address})
    assert scheduled(svc, wid) == ["company_lookup"]
    fill_sale_rest(svc, wid)
    s = svc.summary(wid)
    assert s.status == "ready"
    assert s.customer is not None and s.customer.address == address.strip()
    assert lookups.called("address_check") == []
    replayed = replay_history([SaleWorkflow], wid, svc.engine.history(wid))
    assert replayed.query("summary").status == "ready"


def rebase_while_the_lookup_is_out(
    svc: SalesService, lookups: Lookups, late: Exception | None = None
) -> str:
    """A sale whose company lookup of HU is still out when a sync rebase replaces the
    history: on the server's history another laptop of the agent had set the customer to
    DE, so activity #1 now stands for the lookup of DE. The HU lookup then answers (or
    fails with ``late``)."""
    gate = lookups.gates[HU] = Gate()
    wid = svc.new_sale()
    synced = len(svc.engine.history(wid))
    svc.signal(wid, "customer", {"vat_number": HU})
    worker = threading.Thread(target=svc.runner.run_due)
    worker.start()
    try:
        assert gate.entered.wait(5), "the company lookup did not start"
        svc.engine.replace_history(
            wid,
            "sale",
            svc.engine.history(wid)[:synced],
            synced_position=synced,
            then=lambda inst: inst.signal(
                "customer", {"vat_number": DE}, time=svc.engine.now_iso(), origin="device:b"
            ),
        )
        assert views(svc, wid) == [(1, "company", "queued")]
        lookups.company_error = late
    finally:
        gate.release()
        worker.join(10)
    assert not worker.is_alive()
    lookups.company_error = None
    return wid


def test_a_late_answer_to_a_call_a_rebase_replaced_is_dropped(
    svc: SalesService, lookups: Lookups
) -> None:
    """Found by the 1,000-kill run once the server checked lookup results: a lookup still
    out while a sync rebase replaced the history answered afterwards, and its answer was
    recorded against the activity id that now stood for a lookup of another company."""
    wid = rebase_while_the_lookup_is_out(svc, lookups)

    assert [e for e in svc.engine.history(wid) if e.type == "ActivityCompleted"] == []
    run_lookups(svc)
    s = svc.summary(wid)
    assert s.customer is not None
    assert (s.customer.vat_number, s.customer.company_name) == (DE, company_name(DE))
    assert [p["vat_number"] for p in lookups.called("company_lookup")] == [HU[2:], DE[2:]]


@pytest.mark.parametrize(
    "late",
    [flow.ConnectivityError("no route"), flow.RetryableError("VIES answered 503")],
    ids=["offline", "retryable"],
)
def test_a_late_failure_of_a_call_a_rebase_replaced_does_not_hold_up_the_new_one(
    svc: SalesService, lookups: Lookups, late: Exception
) -> None:
    wid = rebase_while_the_lookup_is_out(svc, lookups, late)

    tasks = [(t.name, t.state, t.attempts, t.last_error) for t in svc.lookups()]
    assert tasks == [("company_lookup", "queued", 0, None)]
    run_lookups(svc)
    s = svc.summary(wid)
    assert s.customer is not None and s.customer.company_name == company_name(DE)
