"""A sale from start to ``submitted`` and ``accepted``, and what its queries answer."""

from __future__ import annotations

from datetime import timedelta

import pytest

from salesdesk import flow
from salesdesk.sales.service import SalesService
from salesdesk.sales.views import SaleSummary

from .support import (
    CONTACT,
    HU,
    START,
    Lookups,
    company_address,
    company_name,
    current,
    event_types,
    run_lookups,
    step_status,
    terms,
)

ORDER = "SO-2026-000123"


def test_happy_path_to_submitted_then_accepted_by_the_server(
    svc: SalesService, lookups: Lookups
) -> None:
    wid = svc.new_sale()
    s = svc.summary(wid)
    assert (s.status, s.current_step) == ("draft", "customer")
    assert step_status(s) == dict.fromkeys(("customer", "contact", "lines", "terms"), "empty")
    assert (s.agent, s.device, s.price_list_version) == ("anna", svc.device_id, "T-2026.1")
    assert s.price_list_hash == svc.price_lists.current().content_hash()  # type: ignore[union-attr]
    assert s.started_at == START.isoformat()
    assert s.expires_at == (START + timedelta(days=30)).isoformat()
    assert s.problems[0] == "Customer is not filled in yet"
    assert (s.lookups, s.lines, s.customer, s.order_number) == ((), (), None, None)

    svc.signal(wid, "customer", {"vat_number": "hu 1289-2312"})
    s = svc.summary(wid)
    assert s.status == "awaiting_lookups"
    company = current(s, "company")
    assert (company.status, company.attempts, company.input) == (
        "queued",
        0,
        {"country_code": "HU", "vat_number": "12892312"},
    )
    assert s.customer is not None and s.customer.vat_valid is None
    assert "the VAT number is still being checked" in s.problems

    run_lookups(svc)
    s = svc.summary(wid)
    assert s.customer is not None
    assert s.customer.vat_number == HU
    assert (s.customer.company_name, s.customer.address) == (
        company_name(HU),
        company_address(HU),
    )
    assert (s.customer.vat_valid, s.customer.consultation_number) == (True, "WAPI-" + HU)
    assert not s.customer.name_overridden and not s.customer.address_overridden
    assert s.customer.normalized_address is not None
    assert s.customer.normalized_address["display"] == "12892312 MAIN STREET 1000 HU CITY"
    assert [(v.kind, v.status, v.attempts) for v in s.lookups] == [
        ("company", "done", 1),
        ("address", "done", 1),
    ]
    assert (s.status, s.current_step) == ("draft", "contact")

    svc.signal(wid, "contact", CONTACT)
    svc.signal(wid, "lines", {"items": [{"sku": "lap-1", "quantity": 3, "discount_percent": "5"}]})
    run_lookups(svc)
    svc.signal(wid, "terms", terms())
    s = svc.summary(wid)
    assert (s.status, s.current_step, s.problems) == ("ready", "review", ())
    assert step_status(s) == dict.fromkeys(("customer", "contact", "lines", "terms"), "done")
    assert s.contact == {"name": "Kiss Éva", "email": "eva.kiss@example.hu", "phone": "+3612345678"}
    assert s.terms == {"payment_terms_days": 30, "delivery_date": "2026-03-16", "notes": None}
    assert current(s, "credit").result == {
        "approved": True,
        "limit": "50000",
        "rating": "B",
        "reference": "CB-0001",
        "reason": None,
        "review": False,
    }
    # The credit bureau got the agent's VAT number and the sale's gross total.
    assert lookups.called("credit_check") == [
        {
            "country_code": "HU",
            "vat_number": "12892312",
            "company_name": None,
            "gross_total": "4665.54",
            "currency": "EUR",
        }
    ]
    assert svc.engine.next_timer_due() is not None

    ack = svc.signal(wid, "submit", {})
    s = svc.summary(wid)
    assert (s.status, s.submit_pending) == ("submitted", False)
    assert svc.engine.next_timer_due() is None, "a submitted sale keeps no expiry timer"
    assert event_types(svc, wid)[ack.seq - 1 :] == ["SignalReceived", "TimerCancelled"]

    # Only the server may say that the order was accepted.
    before = len(svc.engine.history(wid))
    with pytest.raises(flow.SignalRejected) as refused:
        svc.signal(wid, "accepted", {"order_number": ORDER})
    assert refused.value.fields == {"": "this signal may only come from the server"}
    assert len(svc.engine.history(wid)) == before
    assert svc.summary(wid).status == "submitted"

    svc.engine.signal(wid, "accepted", {"order_number": ORDER.lower()}, origin="server")
    s = svc.summary(wid)
    assert (s.status, s.order_number, s.problems) == ("accepted", ORDER, ())
    assert svc.engine.get(wid).status == "completed"
    with pytest.raises(flow.WorkflowClosedError):
        svc.signal(wid, "cancel", {"reason": "too late"})

    listing = svc.sales()[0].listing
    assert listing == {
        "status": "accepted",
        "customer": company_name(HU),
        "vat_number": HU,
        "gross": "4665.54",
        "currency": "EUR",
        "current_step": "review",
        "agent": "anna",
        "order_number": ORDER,
        "needs_approval": False,
    }

    entries = svc.timeline(wid)
    assert [e.text for e in entries] == [
        "Sale started by anna with price list T-2026.1",
        "Quote valid until 2026-04-01",
        "Customer set: VAT HU12892312",
        "Started VAT / company lookup",
        "Process version marker address-check",
        f"Finished VAT / company lookup: valid, {company_name(HU)} (attempt 1)",
        "Started address check",
        "Finished address check: 12892312 MAIN STREET 1000 HU CITY (attempt 1)",
        "Contact set: Kiss Éva <eva.kiss@example.hu>",
        "Lines set: 1 line(s)",
        "Started credit check",
        "Finished credit check: approved, limit 50000 rating B (attempt 1)",
        "Terms set: 30 days payment",
        "Submitted by the agent",
        f"Order accepted: order number {ORDER}",
        "Sale closed: accepted",
    ]
    assert {e.who for e in entries[:-2]} == {"this device"}
    assert [e.who for e in entries[-2:]] == ["server", "server"]
    assert [e.seq for e in entries] == sorted(e.seq for e in entries)


def test_server_only_signals_and_their_state_checks(svc: SalesService) -> None:
    wid = svc.new_sale()
    svc.signal(wid, "customer", {"vat_number": HU})
    before = len(svc.engine.history(wid))

    # From the server, too, `accepted` needs a submitted sale.
    with pytest.raises(flow.SignalRejected) as refused:
        svc.engine.signal(wid, "accepted", {"order_number": ORDER}, origin="server")
    assert refused.value.fields == {"": "only a submitted sale can be accepted (it is open)"}
    # A discount decision with no discount to decide on is refused, from anywhere.
    with pytest.raises(flow.SignalRejected) as refused:
        svc.engine.signal(wid, "approve_discount", {"approved": True}, origin="server:maria")
    assert refused.value.fields == {"": "no discount on this sale needs approval"}
    with pytest.raises(flow.SignalRejected) as refused:
        svc.signal(wid, "approve_discount", {"approved": True})
    assert refused.value.fields == {"": "this signal may only come from the server"}
    # Unknown signals and payloads that are not objects are refused with plain words.
    with pytest.raises(flow.SignalRejected) as refused:
        svc.signal(wid, "approve", {})
    assert "unknown signal; this workflow accepts: accepted, approve_discount" in str(refused.value)
    with pytest.raises(flow.SignalRejected) as refused:
        svc.signal(wid, "contact", ["Anna", "anna@example.hu"])
    assert refused.value.fields == {"": "must be an object"}
    assert len(svc.engine.history(wid)) == before

    svc.signal(wid, "cancel", {"reason": "customer changed their mind"})
    s = svc.summary(wid)
    assert (s.status, s.cancel_reason, s.problems) == (
        "cancelled",
        "customer changed their mind",
        (),
    )
    # The pending company lookup was cancelled with the sale; nothing is left to run.
    assert svc.engine.get(wid).status == "completed"
    assert [t.state for t in svc.engine.activity_tasks(wid)] == ["cancelled"]
    assert svc.engine.next_timer_due() is None


def test_the_summary_of_a_closed_sale_with_a_pending_lookup_is_a_valid_summary(
    svc: SalesService,
) -> None:
    wid = svc.new_sale()
    svc.signal(wid, "customer", {"vat_number": HU})
    svc.signal(wid, "cancel", {"reason": "duplicate"})
    summary = svc.summary(wid)
    assert SaleSummary.model_validate(summary.model_dump(mode="json")) == summary
