"""Stable codes for the sentences the sales domain shows people.

The domain speaks English (the CLI, the server, logs); a user interface in another
language translates the *code* with its parameters instead of the English sentence. Every
sentence here has a code that never changes once released and parameters that are plain
JSON values (step and lookup names are codes too, never English words). ``english()``
renders the sentence exactly as the domain always has, so the plain ``problems``, step
``note`` and timeline ``text`` stay what they were.

No Qt here: ``salesdesk.ui.texts`` holds the translations.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

STEP_TITLES = {
    "customer": "Customer",
    "contact": "Contact",
    "lines": "Lines",
    "terms": "Terms",
    "review": "Review",
}
LOOKUP_NAMES = {
    "company_lookup": "VAT / company lookup",
    "credit_check": "credit check",
    "address_check": "address check",
}


class Message(BaseModel):
    """A sentence by code: ``code`` is stable, ``params`` are JSON values."""

    model_config = ConfigDict(frozen=True)

    code: str
    params: dict[str, Any] = Field(default_factory=dict)

    @property
    def text(self) -> str:
        return english(self)


def msg(code: str, **params: Any) -> Message:
    return Message(code=code, params=params)


def _step(name: Any) -> str:
    return STEP_TITLES.get(str(name), str(name))


def _lookup(name: Any) -> str:
    return LOOKUP_NAMES.get(str(name), str(name) if name else "lookup")


#: English templates. Parameters named ``step``/``changed`` are step codes and ``lookup``
#: a lookup code; they are rendered through their own tables (here and in the UI).
TEMPLATES: dict[str, str] = {
    # -- problems (what blocks submission)
    "step_empty": "{step} is not filled in yet",
    "step_stale": "{step} must be confirmed again (confirm again: {changed} changed)",
    "vat_checking": "the VAT number is still being checked",
    "vat_check_failed": "the VAT number could not be checked: {error}",
    "vat_not_registered": "VAT number {vat} is not registered in VIES; correct it",
    "credit_running": "the credit check is still running",
    "credit_failed": "the credit check failed: {error}",
    "credit_declined": "the credit bureau did not approve this order ({reason})",
    "credit_declined_no_reason": "the credit bureau did not approve this order (no reason given)",
    "credit_limit_exceeded": "the gross total {gross} exceeds the approved credit limit {limit}",
    "credit_not_run": "the credit check has not run yet",
    "address_checking": "the address is still being checked",
    "approval_pending": "a manager must approve the {discount}% discount (above {threshold}%)",
    "approval_rejected": "the manager rejected the discount; lower it to resubmit",
    "approval_rejected_comment": (
        "the manager rejected the discount: {comment}; lower it to resubmit"
    ),
    "submit_stopped": "automatic submission stopped: {problems}",
    # -- step notes
    "note_changed": "confirm again: {changed} changed",
    "note_vat_not_registered": "the VAT number is not registered in VIES",
    # -- timeline
    "tl_started": "Sale started by {agent} with price list {version}",
    "tl_customer": "Customer set: VAT {vat}",
    "tl_customer_named": "Customer set: VAT {vat}, name overridden to {name!r}",
    "tl_contact": "Contact set: {name} <{email}>",
    "tl_lines": "Lines set: {count} line(s)",
    "tl_terms": "Terms set: {days} days payment",
    "tl_submit": "Submitted by the agent",
    "tl_cancel": "Cancelled: {reason}",
    "tl_discount_approved": "Discount approved",
    "tl_discount_approved_comment": "Discount approved — {comment}",
    "tl_discount_rejected": "Discount rejected",
    "tl_discount_rejected_comment": "Discount rejected — {comment}",
    "tl_accepted": "Order accepted: order number {order}",
    "tl_signal": "Signal {name}",
    "tl_lookup_started": "Started {lookup}",
    "tl_lookup_done": "Finished {lookup} (attempt {attempts})",
    "tl_vat_valid": "Finished {lookup}: valid, {name} (attempt {attempts})",
    "tl_vat_valid_unnamed": "Finished {lookup}: valid (attempt {attempts})",
    "tl_vat_invalid": "Finished {lookup}: NOT valid (attempt {attempts})",
    "tl_vat_invalid_named": "Finished {lookup}: NOT valid, {name} (attempt {attempts})",
    "tl_credit_approved": (
        "Finished {lookup}: approved, limit {limit} rating {rating} (attempt {attempts})"
    ),
    "tl_credit_declined": (
        "Finished {lookup}: declined, limit {limit} rating {rating} (attempt {attempts})"
    ),
    "tl_address_found": "Finished {lookup}: {address} (attempt {attempts})",
    "tl_address_not_found": "Finished {lookup}: address not found (attempt {attempts})",
    "tl_lookup_failed": "{lookup} failed: {error}",
    "tl_lookup_cancelled": "{lookup} cancelled",
    "tl_quote_valid_until": "Quote valid until {date}",
    "tl_quote_expired": "Quote validity ran out",
    "tl_marker": "Process version marker {patch}",
    "tl_closed": "Sale closed: {status}",
    "tl_failed": "Sale failed: {error}",
    "tl_event": "{type}",
}


def english(message: Message) -> str:
    params = dict(message.params)
    for key in ("step", "changed"):
        if key in params:
            params[key] = _step(params[key])
    if "lookup" in params:
        params["lookup"] = _lookup(params["lookup"])
    if message.code == "submit_stopped":
        params["problems"] = "; ".join(english(Message(**p)) for p in params.get("problems", []))
    template = TEMPLATES.get(message.code)
    if template is None:
        return message.code
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return message.code
