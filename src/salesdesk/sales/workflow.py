"""The ``sale`` workflow: customer -> contact -> lines -> terms -> review/submit.

Everything here is replayed from history, so it takes time and randomness only from
``salesdesk.flow`` and never reads files, clocks or the network. Lookups are activities;
their inputs are keyed so that an edit re-runs only the lookups whose inputs changed,
and a result that arrives for superseded inputs is recorded but ignored.

Price snapshot: the start event embeds the whole price list (about 30 KB for the demo
list) with its content hash. The history is then self-contained: it replays identically
on any device and on the server without fetching anything, and the server checks the hash
against the lists it published, so a client cannot invent prices.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from salesdesk import flow
from salesdesk.flow.errors import ActivityFailure, TimerCancelledError
from salesdesk.sales.lookup_models import (
    MIN_CHECKABLE_ADDRESS,
    AddressCheckInput,
    CompanyLookupInput,
    CreditCheckInput,
)
from salesdesk.sales.messages import Message, msg
from salesdesk.sales.money import LineAmounts, compute_totals, price_line
from salesdesk.sales.payloads import (
    AcceptedSignal,
    ApproveDiscountSignal,
    CancelSignal,
    ContactSignal,
    CustomerSignal,
    LinesSignal,
    SubmitSignal,
    TermsSignal,
)
from salesdesk.sales.pricelist import PriceList, PriceListError
from salesdesk.sales.vat import parse_vat_number
from salesdesk.sales.views import (
    STEPS,
    ApprovalView,
    CustomerView,
    LineView,
    LookupView,
    SaleSummary,
    StepView,
    TotalsView,
    VatLineView,
)

WORKFLOW_TYPE = "sale"
PricedLine = tuple[dict[str, Any], LineAmounts]
LOOKUP_ACTIVITIES = {
    "company": "company_lookup",
    "credit": "credit_check",
    "address": "address_check",
}
#: Activity name -> lookup kind ("credit_check" -> "credit"), as the gateway names them.
LOOKUP_KIND_OF_ACTIVITY = {activity: kind for kind, activity in LOOKUP_ACTIVITIES.items()}
LOOKUP_RETRY = flow.RetryPolicy(
    initial_interval=2.0, backoff=2.0, maximum_interval=300.0, maximum_attempts=8
)
LOOKUP_TIMEOUT_SECONDS = 20.0
TERMINAL = ("accepted", "cancelled", "expired")


class SaleStart(BaseModel):
    model_config = ConfigDict(extra="forbid")

    agent: Annotated[str, Field(min_length=1, max_length=100)]
    device: Annotated[str, Field(min_length=1, max_length=100)]
    team: str | None = None
    price_list: dict[str, Any]
    price_list_hash: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    quote_validity_days: Annotated[int, Field(ge=1, le=365)] = 30
    discount_approval_threshold: Annotated[Decimal, Field(ge=0, le=100)] = Decimal(15)


class SaleResult(BaseModel):
    status: str
    order_number: str | None = None


_PRICE_LISTS: dict[str, tuple[dict[str, Any], PriceList]] = {}


def _snapshot(data: dict[str, Any], content_hash: str) -> PriceList:
    """Content-addressed, so sharing parsed lists between workflows cannot change replay.

    A cache hit needs the same embedded data, not only the same claimed hash: otherwise a
    history whose list was altered (but kept the published hash) would be accepted by any
    process that had already parsed the genuine list.
    """
    cached = _PRICE_LISTS.get(content_hash)
    if cached is not None and cached[0] == data:
        return cached[1]
    try:
        parsed = PriceList.from_snapshot(data, content_hash)
    except PriceListError as exc:
        # Raised as a history error, not as a failure of the sale: otherwise the engine
        # records WorkflowFailed, and replaying such a history reports a misleading
        # non-determinism ("guard with patched()") instead of the altered list.
        raise flow.HistoryFormatError(
            f"the sale's price list snapshot is unusable: {exc}"
        ) from None
    if len(_PRICE_LISTS) > 32:
        _PRICE_LISTS.clear()
    _PRICE_LISTS[content_hash] = (data, parsed)
    return parsed


@dataclass
class Lookup:
    kind: str
    activity_id: int
    key: str
    input: dict[str, Any]
    status: str = "pending"  # pending | done | failed
    result: dict[str, Any] | None = None
    error: str | None = None
    error_code: str | None = None


@dataclass
class Step:
    status: str = "empty"  # empty | done | stale
    data: dict[str, Any] | None = None
    note: str | None = None
    changed: str | None = None  # for a stale step: which earlier step changed


@dataclass
class Approval:
    status: str = "not_needed"  # not_needed | pending | approved | rejected
    lines_key: str = ""
    comment: str | None = None
    decided_by: str | None = None


def _key(data: Any) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"))


# Change ids guarded by flow.patched(); `salesdesk replay --report-versions` says which
# ones open sales still need the old branch of.
PATCH_ADDRESS_CHECK = "address-check"  # release 2: normalise the customer's address


@flow.workflow(WORKFLOW_TYPE, patches=(PATCH_ADDRESS_CHECK,))
class SaleWorkflow:
    def __init__(self) -> None:
        self.phase = "open"  # open | submitted | accepted | cancelled | expired
        self.steps: dict[str, Step] = {name: Step() for name in STEPS}
        self.lookups: dict[str, Lookup] = {}
        self.superseded: list[Lookup] = []
        self.approval = Approval()
        self.submit_intent = False
        self.submit_stopped: tuple[str, ...] = ()
        self.submit_stopped_messages: tuple[Message, ...] = ()
        self.order_number: str | None = None
        self.cancel_reason: str | None = None
        self.start: SaleStart | None = None
        self.price_list: PriceList | None = None
        self.started_at = ""
        self.expires_at = ""
        self._expiry: flow.TimerHandle | None = None
        # The priced lines of the current lines step and price list (both replaced, never
        # changed in place): the summary and the lookups price them several times over.
        self._priced: tuple[object, object, tuple[PricedLine, ...]] | None = None

    # ------------------------------------------------------------------ run
    @flow.run
    async def run(self, start: SaleStart) -> SaleResult:
        self.start = start
        self.price_list = _snapshot(start.price_list, start.price_list_hash)
        begun = flow.now()
        self.started_at = begun.isoformat()
        validity = timedelta(days=start.quote_validity_days)
        self.expires_at = (begun + validity).isoformat()
        self._expiry = flow.start_timer(validity)
        flow.start_task(self._watch_expiry(self._expiry), "quote expiry")
        while self.phase not in TERMINAL:
            await flow.wait_condition(
                lambda: (
                    self.phase in TERMINAL or (self.submit_intent and not self._lookups_pending())
                )
            )
            if self.phase in TERMINAL:
                break
            self._finish_submit_intent()
        return SaleResult(status=self.phase, order_number=self.order_number)

    async def _watch_expiry(self, timer: flow.TimerHandle) -> None:
        try:
            await timer
        except TimerCancelledError:
            return
        if self.phase == "open":
            self.phase = "expired"
            self.submit_intent = False

    # ------------------------------------------------------------------ signals
    @flow.signal(CustomerSignal)
    def customer(self, payload: CustomerSignal) -> None:
        vat = parse_vat_number(payload.vat_number)
        data = {
            "vat_number": vat.full,
            "country_code": vat.country_code,
            "national_number": vat.number,
            "company_name": payload.company_name,
            "address": payload.address,
        }
        self._set_step("customer", data)
        self._start_lookup(
            "company",
            CompanyLookupInput(country_code=vat.country_code, vat_number=vat.number),
        )
        self._refresh_lookups()

    @customer.validator
    def _check_customer(self, payload: CustomerSignal) -> None:
        self._require_editable("customer")

    @flow.signal(ContactSignal)
    def contact(self, payload: ContactSignal) -> None:
        self._set_step("contact", payload.model_dump(mode="json"))

    @contact.validator
    def _check_contact(self, payload: ContactSignal) -> None:
        self._require_editable("contact")

    @flow.signal(LinesSignal)
    def lines(self, payload: LinesSignal) -> None:
        self._set_step("lines", payload.model_dump(mode="json"))
        self._update_approval()
        self._refresh_lookups()

    @lines.validator
    def _check_lines(self, payload: LinesSignal) -> None:
        self._require_editable("lines")
        assert self.price_list is not None
        problems: dict[str, str] = {}
        for index, item in enumerate(payload.items):
            if item.sku not in self.price_list:
                problems[f"items.{index}.sku"] = (
                    f"{item.sku} is not in price list {self.price_list.version}; "
                    "pick a product from the list"
                )
        if problems:
            raise flow.SignalRejected("lines", problems)

    @flow.signal(TermsSignal)
    def terms(self, payload: TermsSignal) -> None:
        self._set_step("terms", payload.model_dump(mode="json"))

    @terms.validator
    def _check_terms(self, payload: TermsSignal) -> None:
        self._require_editable("terms")
        if payload.delivery_date is not None and payload.delivery_date < flow.now().date():
            raise flow.SignalRejected(
                "terms", {"delivery_date": "is in the past; choose today or a later date"}
            )

    @flow.signal(SubmitSignal)
    def submit(self, payload: SubmitSignal) -> None:
        self.submit_intent = True
        self.submit_stopped = ()
        self.submit_stopped_messages = ()

    @submit.validator
    def _check_submit(self, payload: SubmitSignal) -> None:
        self._require_open()
        if self.submit_intent:
            raise flow.SignalRejected("submit", {"": "the sale is already waiting to submit"})
        blocking = self._problems(include_pending_lookups=False)
        if blocking:
            raise flow.SignalRejected("submit", {"": "; ".join(blocking)})

    @flow.signal(CancelSignal)
    def cancel(self, payload: CancelSignal) -> None:
        self.phase = "cancelled"
        self.cancel_reason = payload.reason
        self.submit_intent = False

    @cancel.validator
    def _check_cancel(self, payload: CancelSignal) -> None:
        self._require_open()

    @flow.signal(ApproveDiscountSignal, origins=("server",))
    def approve_discount(self, payload: ApproveDiscountSignal) -> None:
        self.approval.status = "approved" if payload.approved else "rejected"
        self.approval.comment = payload.comment
        # The server records a manager's decision with origin "server:<manager name>".
        origin = flow.info().event_origin
        self.approval.decided_by = origin.split(":", 1)[1] if ":" in origin else origin

    @approve_discount.validator
    def _check_approval(self, payload: ApproveDiscountSignal) -> None:
        self._require_open()
        if self.approval.status == "not_needed":
            raise flow.SignalRejected(
                "approve_discount", {"": "no discount on this sale needs approval"}
            )

    @flow.signal(AcceptedSignal, origins=("server",))
    def accepted(self, payload: AcceptedSignal) -> None:
        self.phase = "accepted"
        self.order_number = payload.order_number

    @accepted.validator
    def _check_accepted(self, payload: AcceptedSignal) -> None:
        if self.phase != "submitted":
            raise flow.SignalRejected(
                "accepted", {"": f"only a submitted sale can be accepted (it is {self.phase})"}
            )

    # ------------------------------------------------------------------ step rules
    def _require_open(self) -> None:
        if self.phase == "submitted":
            raise flow.SignalRejected(
                "", {"": "the sale was submitted and waits for its order number"}
            )
        if self.phase != "open":
            raise flow.SignalRejected("", {"": f"the sale is {self.phase}"})

    def _require_editable(self, step: str) -> None:
        self._require_open()
        if self.submit_intent:
            raise flow.SignalRejected(
                step, {"": "the sale is waiting to submit; it cannot be changed now"}
            )

    def _set_step(self, name: str, data: dict[str, Any]) -> None:
        step = self.steps[name]
        changed = step.data != data
        step.data = data
        step.status = "done"
        step.note = None
        step.changed = None
        if not changed:
            return
        # Editing a step makes every later finished step a suggestion to confirm again.
        for later in STEPS[STEPS.index(name) + 1 :]:
            other = self.steps[later]
            if other.status == "done":
                other.status = "stale"
                other.changed = name
                other.note = msg("note_changed", changed=name).text

    # ------------------------------------------------------------------ lookups
    def _start_lookup(self, kind: str, payload: BaseModel) -> None:
        data = payload.model_dump(mode="json")
        key = _key(data)
        current = self.lookups.get(kind)
        if current is not None and current.key == key and current.status != "failed":
            return
        handle = flow.execute_activity(
            LOOKUP_ACTIVITIES[kind],
            data,
            retry=LOOKUP_RETRY,
            start_to_close_seconds=LOOKUP_TIMEOUT_SECONDS,
        )
        record = Lookup(kind, handle.activity_id, key, data)
        if current is not None:
            self.superseded.append(current)
        self.lookups[kind] = record
        flow.start_task(self._collect(record, handle), f"{kind} lookup")

    async def _collect(self, record: Lookup, handle: flow.ActivityHandle) -> None:
        try:
            result = await handle
        except ActivityFailure as failure:
            record.status = "failed"
            record.error = failure.message
            record.error_code = failure.code
        else:
            record.status = "done"
            record.result = result
        if self.lookups.get(record.kind) is record:
            self._refresh_lookups()

    def _refresh_lookups(self) -> None:
        """Start the lookups whose inputs are now known (or changed)."""
        if self.phase != "open":
            return
        customer = self.steps["customer"].data
        if customer is None:
            return
        # Release 2 added the address check. Sales recorded before it keep their path:
        # their histories have no marker, so patched() answers False on replay.
        if flow.patched(PATCH_ADDRESS_CHECK):
            address = customer.get("address")
            company = self.lookups.get("company")
            if address is None and company is not None and company.result is not None:
                address = company.result.get("address")
            # Too short to look up (an agent's "0", a registry's "-"): no check, as with
            # no address. Histories never held such a check: it used to crash here.
            text = " ".join(str(address).split())[:300] if address else ""
            if len(text) >= MIN_CHECKABLE_ADDRESS:
                self._start_lookup(
                    "address",
                    AddressCheckInput(address=text, country_code=customer["country_code"]),
                )
        if self.steps["lines"].data is None:
            return
        # Only the agent's own name goes to the bureau: the VIES name arriving later must
        # not re-run a credit check whose real inputs (VAT number, amount) did not change.
        name = customer.get("company_name")
        totals = self._totals()
        self._start_lookup(
            "credit",
            CreditCheckInput(
                country_code=customer["country_code"],
                vat_number=customer["national_number"],
                company_name=name,
                gross_total=Decimal(totals.gross),
                currency=totals.currency,
            ),
        )

    def _lookups_pending(self) -> bool:
        return any(lookup.status == "pending" for lookup in self.lookups.values())

    # ------------------------------------------------------------------ approval
    def _max_discount(self) -> Decimal:
        data = self.steps["lines"].data
        if not data:
            return Decimal(0)
        return max((Decimal(str(i["discount_percent"])) for i in data["items"]), default=Decimal(0))

    def _update_approval(self) -> None:
        assert self.start is not None
        over = self._max_discount() > self.start.discount_approval_threshold
        lines_key = _key(self.steps["lines"].data)
        if not over:
            self.approval = Approval()
        elif self.approval.lines_key != lines_key:
            # Any change to the discounted lines needs a fresh decision.
            self.approval = Approval(status="pending", lines_key=lines_key)

    # ------------------------------------------------------------------ submission
    def _finish_submit_intent(self) -> None:
        self.submit_intent = False
        problems = self._problem_messages(include_pending_lookups=False)
        if problems:
            self.submit_stopped = tuple(m.text for m in problems)
            self.submit_stopped_messages = tuple(problems)
            return
        self.phase = "submitted"
        if self._expiry is not None and not self._expiry.done():
            self._expiry.cancel()

    def _problems(self, *, include_pending_lookups: bool = True) -> list[str]:
        """What blocks submission, in plain words."""
        return [
            m.text for m in self._problem_messages(include_pending_lookups=include_pending_lookups)
        ]

    def _problem_messages(self, *, include_pending_lookups: bool = True) -> list[Message]:
        """What blocks submission, by stable code (see salesdesk.sales.messages)."""
        out: list[Message] = []
        for name in STEPS:
            step = self.steps[name]
            if step.status == "empty":
                out.append(msg("step_empty", step=name))
            elif step.status == "stale":
                out.append(msg("step_stale", step=name, changed=step.changed or name))
        company = self.lookups.get("company")
        if company is not None:
            if company.status == "pending" and include_pending_lookups:
                out.append(msg("vat_checking"))
            elif company.status == "failed":
                out.append(msg("vat_check_failed", error=company.error))
            elif company.status == "done" and company.result and not company.result.get("valid"):
                vat = (self.steps["customer"].data or {}).get("vat_number")
                out.append(msg("vat_not_registered", vat=vat))
        credit = self.lookups.get("credit")
        if credit is not None:
            if credit.status == "pending" and include_pending_lookups:
                out.append(msg("credit_running"))
            elif credit.status == "failed":
                out.append(msg("credit_failed", error=credit.error))
            elif credit.status == "done" and credit.result:
                if not credit.result.get("approved"):
                    reason = credit.result.get("reason")
                    out.append(
                        msg("credit_declined", reason=reason)
                        if reason
                        else msg("credit_declined_no_reason")
                    )
                else:
                    limit = Decimal(str(credit.result.get("limit", "0")))
                    gross = Decimal(self._totals().gross)
                    if gross > limit:
                        out.append(msg("credit_limit_exceeded", gross=str(gross), limit=str(limit)))
        elif self.steps["customer"].data and self.steps["lines"].data:
            out.append(msg("credit_not_run"))
        address = self.lookups.get("address")
        if address is not None and address.status == "pending" and include_pending_lookups:
            out.append(msg("address_checking"))
        if self.approval.status == "pending":
            threshold = self.start.discount_approval_threshold if self.start else 15
            out.append(
                msg(
                    "approval_pending",
                    discount=str(self._max_discount()),
                    threshold=str(threshold),
                )
            )
        elif self.approval.status == "rejected":
            if self.approval.comment:
                out.append(msg("approval_rejected_comment", comment=self.approval.comment))
            else:
                out.append(msg("approval_rejected"))
        return out

    # ------------------------------------------------------------------ money
    def _priced_lines(self) -> tuple[PricedLine, ...]:
        data = self.steps["lines"].data
        if not data or self.price_list is None:
            return ()
        memo = self._priced
        if memo is not None and memo[0] is data and memo[1] is self.price_list:
            return memo[2]
        out = []
        for item in data["items"]:
            product = self.price_list.item(item["sku"])
            amounts = price_line(
                product.unit_price,
                int(item["quantity"]),
                Decimal(str(item["discount_percent"])),
                product.vat_rate,
                self.price_list.currency,
            )
            out.append((item, amounts))
        priced = tuple(out)
        self._priced = (data, self.price_list, priced)
        return priced

    def _totals(self) -> TotalsView:
        currency = self.price_list.currency if self.price_list else "EUR"
        totals = compute_totals([a for _, a in self._priced_lines()], currency)
        return TotalsView(
            currency=currency,
            net=str(totals.net),
            discount=str(totals.discount),
            vat=str(totals.vat),
            gross=str(totals.gross),
            vat_breakdown=tuple(
                VatLineView(rate=str(g.rate), base=str(g.base), vat=str(g.vat))
                for g in totals.vat_breakdown
            ),
        )

    # ------------------------------------------------------------------ queries
    def status(self) -> str:
        if self.phase != "open":
            return self.phase
        if self.submit_intent:
            return "submit_pending"
        if self._lookups_pending():
            return "awaiting_lookups"
        if self.approval.status == "pending" and not [
            m for m in self._problem_messages() if m.code != "approval_pending"
        ]:
            return "awaiting_approval"
        if not self._problems():
            return "ready"
        return "draft"

    @flow.query
    def summary(self) -> SaleSummary:
        assert self.start is not None and self.price_list is not None
        messages = list(self._problem_messages()) if self.phase == "open" else []
        if self.submit_stopped and self.phase == "open" and not self.submit_intent:
            stopped = [m.model_dump() for m in self.submit_stopped_messages]
            messages.insert(0, msg("submit_stopped", problems=stopped))
        problems = [m.text for m in messages]
        return SaleSummary(
            workflow_id=flow.info().workflow_id,
            status=self.status(),
            current_step=self._current_step(),
            steps=self._step_views(),
            customer=self._customer_view(),
            contact=self.steps["contact"].data,
            lines=tuple(self._line_views()),
            terms=self.steps["terms"].data,
            totals=self._totals(),
            lookups=tuple(self._lookup_views()),
            approval=ApprovalView(
                required=self.approval.status != "not_needed",
                status=self.approval.status,
                max_discount=str(self._max_discount()),
                threshold=str(self.start.discount_approval_threshold),
                comment=self.approval.comment,
                decided_by=self.approval.decided_by,
            ),
            price_list_version=self.price_list.version,
            price_list_hash=self.start.price_list_hash,
            agent=self.start.agent,
            device=self.start.device,
            started_at=self.started_at,
            expires_at=self.expires_at,
            submit_pending=self.submit_intent,
            problems=tuple(problems),
            problem_messages=tuple(messages),
            order_number=self.order_number,
            cancel_reason=self.cancel_reason,
        )

    def _current_step(self) -> str:
        for name in STEPS:
            if self.steps[name].status != "done":
                return name
        return "review"

    def _step_views(self) -> tuple[StepView, ...]:
        views = []
        company = self.lookups.get("company")
        for name in STEPS:
            step = self.steps[name]
            status = step.status
            note = step.note
            note_message = (
                msg("note_changed", changed=step.changed)
                if status == "stale" and step.changed
                else None
            )
            if (
                name == "customer"
                and status == "done"
                and company is not None
                and company.status == "done"
                and company.result is not None
                and not company.result.get("valid")
            ):
                note_message = msg("note_vat_not_registered")
                status, note = "invalid", note_message.text
            views.append(
                StepView(
                    name=name, status=status, data=step.data, note=note, note_message=note_message
                )
            )
        return tuple(views)

    def _customer_view(self) -> CustomerView | None:
        data = self.steps["customer"].data
        if data is None:
            return None
        company = self.lookups.get("company")
        found = company.result if company is not None and company.status == "done" else None
        address = self.lookups.get("address")
        return CustomerView(
            vat_number=data["vat_number"],
            country_code=data["country_code"],
            company_name=data.get("company_name") or (found or {}).get("name"),
            address=data.get("address") or (found or {}).get("address"),
            name_overridden=data.get("company_name") is not None,
            address_overridden=data.get("address") is not None,
            vat_valid=None if found is None else bool(found.get("valid")),
            consultation_number=(found or {}).get("consultation_number"),
            normalized_address=address.result
            if address is not None and address.status == "done"
            else None,
        )

    def _line_views(self) -> list[LineView]:
        assert self.price_list is not None
        views = []
        for item, amounts in self._priced_lines():
            product = self.price_list.item(item["sku"])
            views.append(
                LineView(
                    sku=product.sku,
                    name=product.name,
                    unit=product.unit,
                    quantity=int(item["quantity"]),
                    unit_price=str(product.unit_price),
                    discount_percent=str(item["discount_percent"]),
                    vat_rate=str(product.vat_rate),
                    net=str(amounts.net),
                    vat=str(amounts.vat),
                    gross=str(amounts.gross),
                )
            )
        return views

    def _lookup_views(self) -> list[LookupView]:
        views = []
        for record in [*self.lookups.values(), *self.superseded]:
            current = self.lookups.get(record.kind) is record
            status = record.status if current else "superseded"
            views.append(
                LookupView(
                    kind=record.kind,
                    activity_id=record.activity_id,
                    status="queued" if status == "pending" else status,
                    input=record.input,
                    result=record.result,
                    error=record.error,
                    error_code=record.error_code,
                )
            )
        views.sort(key=lambda v: v.activity_id)
        return views
