"""Quote expiry: a durable timer on the engine's (injected) clock, surviving restarts."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from salesdesk import flow
from salesdesk.sales.service import SalePolicy, SalesService

from .support import HU, START, Clock, Lookups, ServiceFactory, fill_sale


def expire_due(svc: SalesService) -> None:
    """What the background runner does for timers on each tick."""
    svc.engine.fire_due_timers()


def test_an_open_sale_expires_after_30_days(svc: SalesService, clock: Clock) -> None:
    wid = svc.new_sale()
    svc.signal(wid, "customer", {"vat_number": HU})
    assert svc.summary(wid).expires_at == "2026-04-01T09:00:00+00:00"

    clock.advance(days=30, seconds=-1)
    expire_due(svc)
    assert svc.summary(wid).status != "expired"

    clock.advance(seconds=1)
    expire_due(svc)
    s = svc.summary(wid)
    assert (s.status, s.problems) == ("expired", ())
    assert svc.engine.get(wid).status == "completed"
    assert [e.text for e in svc.timeline(wid)[-3:]] == [
        "Quote validity ran out",
        "Sale closed: expired",
        "VAT / company lookup cancelled",
    ]
    # The lookup that was still queued went with it; the sale takes no more signals.
    assert [t.state for t in svc.engine.activity_tasks(wid)] == ["cancelled"]
    with pytest.raises(flow.WorkflowClosedError):
        svc.signal(wid, "submit", {})


def test_expiry_survives_a_restart(
    make_service: ServiceFactory, clock: Clock, lookups: Lookups
) -> None:
    svc = make_service()
    wid = svc.new_sale()
    svc.signal(wid, "customer", {"vat_number": HU})
    svc.close()  # the app is closed for five weeks

    clock.advance(days=35)
    reopened = make_service(price_list=None)
    assert reopened.summary(wid).status != "expired"  # nothing fires without the runner
    reopened.runner.run_due()
    s = reopened.summary(wid)
    assert s.status == "expired"
    fired = [e for e in reopened.engine.history(wid) if e.type == flow.EventType.TIMER_FIRED]
    assert [datetime.fromisoformat(e.time) for e in fired] == [START + timedelta(days=35)]
    assert lookups.called("company_lookup") == [], "an expired sale runs no more lookups"


def test_quote_validity_is_configurable(make_service: ServiceFactory, clock: Clock) -> None:
    svc = make_service(policy=SalePolicy(quote_validity_days=7))
    wid = svc.new_sale()
    assert svc.summary(wid).expires_at == (START + timedelta(days=7)).isoformat()
    clock.advance(days=6)
    expire_due(svc)
    assert svc.summary(wid).status == "draft"
    clock.advance(days=1)
    expire_due(svc)
    assert svc.summary(wid).status == "expired"


def test_a_submitted_sale_does_not_expire(svc: SalesService, clock: Clock) -> None:
    wid = svc.new_sale()
    fill_sale(svc, wid)
    clock.advance(days=29)
    svc.signal(wid, "submit", {})
    assert svc.engine.next_timer_due() is None
    clock.advance(days=60)
    expire_due(svc)
    assert svc.summary(wid).status == "submitted"
    assert flow.EventType.TIMER_FIRED not in [e.type for e in svc.engine.history(wid)]
