"""What the ``summary`` query answers: the sale as the wizard, the CLI and the server see it."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from salesdesk.sales.messages import Message

SaleStatus = Literal[
    "draft",
    "awaiting_lookups",
    "awaiting_approval",
    "ready",
    "submit_pending",
    "submitted",
    "accepted",
    "cancelled",
    "expired",
]
StepStatus = Literal["empty", "done", "stale", "invalid"]
LookupStatus = Literal[
    "queued",
    "running",
    "backoff",
    "waiting_for_network",
    "done",
    "failed",
    "cancelled",
    "superseded",
]
STEPS: tuple[str, ...] = ("customer", "contact", "lines", "terms")
STEP_TITLES = {
    "customer": "Customer",
    "contact": "Contact",
    "lines": "Lines",
    "terms": "Terms",
    "review": "Review",
}


class _View(BaseModel):
    model_config = ConfigDict(frozen=True)


class StepView(_View):
    name: str
    status: StepStatus
    data: dict[str, Any] | None = None
    note: str | None = None
    note_message: Message | None = None  # the note by code, for translation


class LookupView(_View):
    kind: str
    activity_id: int
    status: LookupStatus
    input: dict[str, Any]
    result: dict[str, Any] | None = None
    error: str | None = None
    error_code: str | None = None
    attempts: int = 0
    next_try: str | None = None
    last_error: str | None = None


class LineView(_View):
    sku: str
    name: str
    unit: str
    quantity: int
    unit_price: str
    discount_percent: str
    vat_rate: str
    net: str
    vat: str
    gross: str


class VatLineView(_View):
    rate: str
    base: str
    vat: str


class TotalsView(_View):
    currency: str
    net: str
    discount: str
    vat: str
    gross: str
    vat_breakdown: tuple[VatLineView, ...] = ()


class CustomerView(_View):
    vat_number: str
    country_code: str
    company_name: str | None = None
    address: str | None = None
    name_overridden: bool = False
    address_overridden: bool = False
    vat_valid: bool | None = None
    consultation_number: str | None = None
    normalized_address: dict[str, Any] | None = None


class ApprovalView(_View):
    required: bool
    status: Literal["not_needed", "pending", "approved", "rejected"]
    max_discount: str
    threshold: str
    comment: str | None = None
    decided_by: str | None = None


class SaleSummary(_View):
    workflow_id: str
    status: SaleStatus
    current_step: str
    steps: tuple[StepView, ...]
    customer: CustomerView | None = None
    contact: dict[str, Any] | None = None
    lines: tuple[LineView, ...] = ()
    terms: dict[str, Any] | None = None
    totals: TotalsView
    lookups: tuple[LookupView, ...] = ()
    approval: ApprovalView
    price_list_version: str
    price_list_hash: str
    agent: str
    device: str
    started_at: str
    expires_at: str
    submit_pending: bool = False
    problems: tuple[str, ...] = ()
    problem_messages: tuple[Message, ...] = ()  # the problems by code, for translation
    order_number: str | None = None
    cancel_reason: str | None = None
    conflicts: tuple[dict[str, Any], ...] = ()

    def listing(self) -> dict[str, Any]:
        """The few fields the sales list shows, cached per workflow by the engine."""
        return {
            "status": self.status,
            "customer": (self.customer.company_name or self.customer.vat_number)
            if self.customer
            else None,
            "vat_number": self.customer.vat_number if self.customer else None,
            "gross": self.totals.gross,
            "currency": self.totals.currency,
            "current_step": self.current_step,
            "agent": self.agent,
            "order_number": self.order_number,
            "needs_approval": self.approval.status == "pending",
        }
