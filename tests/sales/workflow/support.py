"""Helpers for the sale workflow tests: an injectable clock, scriptable lookups, a price list.

The lookups answer like the offline stand-ins unless a test tells them otherwise: be
offline (ConnectivityError), call a VAT number unknown to VIES, decline credit, fail for
good (NonRetryableError), fail once (RetryableError) or block until released.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from salesdesk import flow
from salesdesk.flow.runner import ActivityContext, ActivityFn
from salesdesk.sales.lookup_models import (
    AddressCheckInput,
    CompanyInfo,
    CompanyLookupInput,
    CreditCheckInput,
    CreditDecision,
    NormalizedAddress,
)
from salesdesk.sales.service import SalesService
from salesdesk.sales.views import LookupView, SaleSummary

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
REPO = Path(__file__).resolve().parents[3]
V1_FIXTURE = REPO / "tests" / "fixtures" / "sales" / "v1-open-sale.json"

PRICE_LIST: dict[str, Any] = {
    "version": "T-2026.1",
    "currency": "EUR",
    "valid_from": "2026-01-01",
    "items": [
        {
            "sku": "LAP-1",
            "name": "Laptop 14",
            "unit": "pcs",
            "unit_price": "1289.00",
            "vat_rate": "27",
            "category": "Laptops",
        },
        {
            "sku": "CAB-M",
            "name": "Cat 6A cable by the metre",
            "unit": "m",
            "unit_price": "0.8450",
            "vat_rate": "27",
            "category": "Cables",
        },
        {
            "sku": "BOOK-1",
            "name": "Clean Code",
            "unit": "pcs",
            "unit_price": "36.90",
            "vat_rate": "5",
            "category": "Books",
        },
        {
            "sku": "MILK-12",
            "name": "UHT milk, 12 x 1 l",
            "unit": "pack",
            "unit_price": "11.90",
            "vat_rate": "18",
            "category": "Food",
        },
        {
            "sku": "TRAIN-D",
            "name": "Training day (export, no VAT)",
            "unit": "day",
            "unit_price": "690.00",
            "vat_rate": "0",
            "category": "Services",
        },
    ],
}

HU = "HU12892312"
DE = "DE136695976"
CONTACT = {"name": "Kiss Éva", "email": "eva.kiss@example.hu", "phone": "+36 1 234 5678"}
LINES = {"items": [{"sku": "LAP-1", "quantity": 3, "discount_percent": "5"}]}


def write_price_list(path: Path, **changes: Any) -> Path:
    data = json.loads(json.dumps(PRICE_LIST))
    data.update(changes)
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    return path


def terms(days_from_start: int = 14, payment_days: int = 30) -> dict[str, Any]:
    delivery: date = (START + timedelta(days=days_from_start)).date()
    return {"payment_terms_days": payment_days, "delivery_date": delivery.isoformat()}


class Clock:
    """The engine's clock: a datetime the test moves forward."""

    def __init__(self, start: datetime = START) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


class Gate:
    """Makes an activity block until the test releases it."""

    def __init__(self) -> None:
        self.entered = threading.Event()
        self.opened = threading.Event()

    def pass_through(self) -> None:
        self.entered.set()
        if not self.opened.wait(10):
            raise TimeoutError("the test never released the gate")

    def release(self) -> None:
        self.opened.set()


def company_name(vat_full: str) -> str:
    return f"Company {vat_full} Ltd."


def company_address(vat_full: str) -> str:
    return f"{vat_full[2:]} Main Street\n1000 {vat_full[:2]} City"


@dataclass
class Lookups:
    """Scriptable lookup activities with a record of every call."""

    offline: bool = False
    not_in_vies: set[str] = field(default_factory=set)
    company_error: Exception | None = None
    fail_company_once: bool = False
    credit_declined: str | None = None
    credit_limit: str = "50000"
    gates: dict[str, Gate] = field(default_factory=dict)
    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def _enter(self, name: str, payload: Any) -> None:
        with self._lock:
            self.calls.append((name, dict(payload)))
        if self.offline:
            raise flow.ConnectivityError("no route to the lookup gateway")

    def company_lookup(self, payload: Any, ctx: ActivityContext) -> dict[str, Any]:
        self._enter("company_lookup", payload)
        inp = CompanyLookupInput.model_validate(payload)
        full = inp.country_code + inp.vat_number
        gate = self.gates.get(full)
        if gate is not None:
            gate.pass_through()
        if self.company_error is not None:
            raise self.company_error
        if self.fail_company_once and ctx.attempt == 1:
            raise flow.RetryableError("VIES answered 503 (member state unavailable)")
        valid = full not in self.not_in_vies
        return CompanyInfo(
            valid=valid,
            name=company_name(full) if valid else None,
            address=company_address(full) if valid else None,
            country_code=inp.country_code,
            vat_number=inp.vat_number,
            consultation_number=f"WAPI-{full}" if valid else None,
            request_date=START,
        ).model_dump(mode="json")

    def credit_check(self, payload: Any, ctx: ActivityContext) -> dict[str, Any]:
        self._enter("credit_check", payload)
        CreditCheckInput.model_validate(payload)
        declined = self.credit_declined
        return CreditDecision(
            approved=declined is None,
            limit=self.credit_limit,
            rating="B" if declined is None else "E",
            reference="CB-0001",
            reason=declined,
        ).model_dump(mode="json")

    def address_check(self, payload: Any, ctx: ActivityContext) -> dict[str, Any]:
        self._enter("address_check", payload)
        inp = AddressCheckInput.model_validate(payload)
        return NormalizedAddress(
            found=True, display=inp.address.upper(), country_code=inp.country_code
        ).model_dump(mode="json")

    def activities(self) -> dict[str, ActivityFn]:
        return {
            "company_lookup": self.company_lookup,
            "credit_check": self.credit_check,
            "address_check": self.address_check,
        }

    def called(self, name: str) -> list[dict[str, Any]]:
        with self._lock:
            return [payload for called, payload in self.calls if called == name]


ServiceFactory = Callable[..., SalesService]


# --------------------------------------------------------------------------- queries
def run_lookups(svc: SalesService) -> None:
    """Run every due lookup to completion in the foreground (as the CLI does)."""
    svc.run_lookups(5.0)


def current(summary: SaleSummary, kind: str) -> LookupView:
    found = [v for v in summary.lookups if v.kind == kind and v.status != "superseded"]
    assert len(found) == 1, f"expected one current {kind} lookup in {summary.lookups}"
    return found[0]


def step_status(summary: SaleSummary) -> dict[str, str]:
    return {step.name: step.status for step in summary.steps}


def event_types(svc: SalesService, workflow_id: str) -> list[str]:
    return [e.type for e in svc.engine.history(workflow_id)]


def scheduled(svc: SalesService, workflow_id: str) -> list[str]:
    """Names of the activities the sale scheduled, in order."""
    return [
        str(e.data["name"])
        for e in svc.engine.history(workflow_id)
        if e.type == flow.EventType.ACTIVITY_SCHEDULED
    ]


def fill_sale(
    svc: SalesService,
    workflow_id: str,
    *,
    vat: str = HU,
    lines: dict[str, Any] | None = None,
    run: bool = True,
) -> None:
    """Customer, contact, lines and terms, running the lookups in between when ``run``."""
    svc.signal(workflow_id, "customer", {"vat_number": vat})
    if run:
        run_lookups(svc)
    svc.signal(workflow_id, "contact", CONTACT)
    svc.signal(workflow_id, "lines", lines or LINES)
    if run:
        run_lookups(svc)
    svc.signal(workflow_id, "terms", terms())
