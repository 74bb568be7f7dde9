"""Words and formats the UI shows for the domain's codes (statuses, steps, lookups, money).

Kept free of heavy imports: the main window uses it before the engine is loaded.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDateTime, QLocale

from salesdesk.ui.i18n import current_language, translate

if TYPE_CHECKING:
    from salesdesk.sales.views import LookupView

OPEN_STATUSES = ("draft", "awaiting_lookups", "awaiting_approval", "ready", "submit_pending")
READ_ONLY_STATUSES = ("submit_pending", "submitted", "accepted", "cancelled", "expired")


def status_text(status: str) -> str:
    names = {
        "draft": translate("Texts", "Draft"),
        "awaiting_lookups": translate("Texts", "Waiting for lookups"),
        "awaiting_approval": translate("Texts", "Needs approval"),
        "ready": translate("Texts", "Ready to submit"),
        "submit_pending": translate("Texts", "Submitting"),
        "submitted": translate("Texts", "Submitted"),
        "accepted": translate("Texts", "Accepted"),
        "cancelled": translate("Texts", "Cancelled"),
        "expired": translate("Texts", "Expired"),
        "open": translate("Texts", "Open"),
    }
    return names.get(status, status.replace("_", " ").capitalize())


def status_chip(status: str) -> str:
    """Which chip colour a status gets (a stylesheet property value)."""
    return {
        "draft": "neutral",
        "awaiting_lookups": "info",
        "awaiting_approval": "warning",
        "ready": "ok",
        "submit_pending": "info",
        "submitted": "ok",
        "accepted": "ok",
        "cancelled": "danger",
        "expired": "danger",
    }.get(status, "neutral")


def unit_text(unit: str) -> str:
    """A price list's unit code as the reader's language writes it ("pcs" is "db" in hu)."""
    names = {
        "pcs": translate("Units", "pcs"),
        "box": translate("Units", "box"),
        "pack": translate("Units", "pack"),
        "set": translate("Units", "set"),
        "pair": translate("Units", "pair"),
        "ream": translate("Units", "ream"),
        "roll": translate("Units", "roll"),
        "m": translate("Units", "m"),
        "kg": translate("Units", "kg"),
        "l": translate("Units", "l"),
        "h": translate("Units", "h"),
        "day": translate("Units", "day"),
        "month": translate("Units", "month"),
        "year": translate("Units", "year"),
        "licence": translate("Units", "licence"),
        "user": translate("Units", "user"),
    }
    return names.get(unit, unit)


def step_title(step: str) -> str:
    return {
        "customer": translate("Texts", "Customer"),
        "contact": translate("Texts", "Contact"),
        "lines": translate("Texts", "Lines"),
        "terms": translate("Texts", "Terms"),
        "review": translate("Texts", "Review"),
        "submit": translate("Texts", "Submit"),
    }.get(step, step.capitalize())


def step_state_text(state: str, step: str = "") -> str:
    if step == "review":
        return {
            "done": translate("Texts", "Ready to submit"),
            "empty": translate("Texts", "Not ready yet"),
            "pending": translate("Texts", "Waiting for checks"),
            "approval": translate("Texts", "Needs approval"),
            "closed": translate("Texts", "Sale closed"),
        }.get(state, step_state_text(state))
    if step == "submit":
        return {
            "done": translate("Texts", "Submitted"),
            "pending": translate("Texts", "Submitting…"),
            "empty": translate("Texts", "Not submitted"),
            "invalid": translate("Texts", "Stopped"),
            "closed": translate("Texts", "Not submitted"),
        }.get(state, step_state_text(state))
    return {
        "done": translate("Texts", "Done"),
        "stale": translate("Texts", "Confirm again"),
        "empty": translate("Texts", "Not filled in"),
        "invalid": translate("Texts", "Needs correction"),
        "edited": translate("Texts", "Unsaved changes"),
        "pending": translate("Texts", "Waiting"),
    }.get(state, state)


def lookup_title(kind: str) -> str:
    return {
        "company": translate("Texts", "VAT number and company (VIES)"),
        "credit": translate("Texts", "Credit check"),
        "address": translate("Texts", "Address check"),
    }.get(kind, kind)


def lookup_state(view: LookupView) -> tuple[str, str]:
    """(icon name + colour token as 'icon:color', words) for a lookup's live state."""
    status = view.status
    if status == "queued":
        return "hourglass:muted", translate("Texts", "Queued — starts in a moment")
    if status == "running":
        return "hourglass:info", translate("Texts", "Checking…")
    if status == "waiting_for_network":
        return "wifi-off:warning", translate(
            "Texts", "Waiting for the network — runs by itself when you are back online"
        )
    if status == "backoff":
        when = format_time(view.next_try) if view.next_try else ""
        text = translate("Texts", "Trying again at {time} (attempt {n} failed: {reason})")
        return "hourglass:warning", text.format(
            time=when, n=view.attempts, reason=view.last_error or "?"
        )
    if status == "failed":
        return "x-circle:danger", translate("Texts", "Failed: {reason}").format(
            reason=view.error or view.last_error or "?"
        )
    if status == "superseded":
        return "circle:muted", translate("Texts", "Replaced by a newer check")
    return _done_text(view)


def _done_text(view: LookupView) -> tuple[str, str]:
    result: dict[str, Any] = view.result or {}
    if view.kind == "company":
        if result.get("valid"):
            return "check-circle:success", translate("Texts", "Registered in VIES: {name}").format(
                name=result.get("name") or translate("Texts", "(no name published)")
            )
        return "x-circle:danger", translate(
            "Texts", "Not registered in VIES — check the number with the customer"
        )
    if view.kind == "credit":
        currency = str((view.input or {}).get("currency") or "EUR")
        if result.get("approved"):
            return "check-circle:success", translate(
                "Texts", "Approved up to {limit} (rating {rating})"
            ).format(
                limit=money(result.get("limit", "0"), currency), rating=result.get("rating", "?")
            )
        return "x-circle:danger", translate("Texts", "Declined: {reason}").format(
            reason=result.get("reason") or translate("Texts", "no reason given")
        )
    if view.kind == "address":
        if result.get("found"):
            return "check-circle:success", translate("Texts", "Address found: {address}").format(
                address=result.get("display") or ""
            )
        return "alert:warning", translate("Texts", "Address not found — check it")
    return "check-circle:success", translate("Texts", "Done")


def to_decimal(value: object) -> Decimal:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return Decimal(0)


def money(amount: object, currency: str) -> str:
    """'€3,110.36' in English, '3.110,36 €' in German, in the UI language."""
    return _money(str(amount), currency, current_language())


@lru_cache(maxsize=8192)
def _money(amount: str, currency: str, language: str) -> str:
    # babel takes most of a millisecond per call; tables ask for the same amounts on
    # every paint, so formatted amounts are remembered.
    from salesdesk.sales.money import format_money

    try:
        return format_money(to_decimal(amount), currency, locale=language)
    except ValueError:
        return f"{amount} {currency}"


def percent(value: object) -> str:
    number = to_decimal(value).normalize()
    text = format(number, "f")
    if current_language() in ("de", "hu"):
        text = text.replace(".", ",")
    return f"{text} %" if current_language() in ("de", "hu") else f"{text}%"


def parse_time(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _qdatetime(value: str) -> QDateTime | None:
    moment = parse_time(value)
    if moment is None:
        return None
    return QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))


def format_datetime(value: str | None) -> str:
    if not value:
        return ""
    qdt = _qdatetime(value)
    if qdt is None:
        return value
    return QLocale().toString(qdt, QLocale.FormatType.ShortFormat)


def format_time(value: str | None) -> str:
    if not value:
        return ""
    qdt = _qdatetime(value)
    if qdt is None:
        return value
    return QLocale().toString(qdt.time(), QLocale.FormatType.ShortFormat)


def format_date(value: str | None) -> str:
    if not value:
        return ""
    qdt = _qdatetime(value if "T" in value else value + "T12:00:00+00:00")
    if qdt is None:
        return value
    return QLocale().toString(qdt.date(), QLocale.FormatType.ShortFormat)


def relative_time(value: str | None, now: datetime | None = None) -> str:
    """'just now', '5 min ago', 'today 14:02', or the date."""
    moment = parse_time(value) if value else None
    if moment is None:
        return ""
    current = now or datetime.now(moment.tzinfo)
    seconds = (current - moment).total_seconds()
    if seconds < 60:
        return translate("Texts", "just now")
    if seconds < 3600:
        return translate("Texts", "%n min ago", None, int(seconds // 60))
    local = moment.astimezone()
    if local.date() == current.astimezone().date():
        return translate("Texts", "today {time}").format(time=format_time(value))
    return format_datetime(value)


# --------------------------------------------------------------------------- domain messages
_LOOKUP_CODES = {"company_lookup": "company", "credit_check": "credit", "address_check": "address"}


def _message_templates() -> dict[str, str]:
    return _message_templates_in(current_language())


@lru_cache(maxsize=4)
def _message_templates_in(_language: str) -> dict[str, str]:
    """The UI's wording of salesdesk.sales.messages codes (translated by Qt Linguist),
    once per language."""
    return {
        "step_empty": translate("Messages", "{step} is not filled in yet"),
        "step_stale": translate("Messages", "{step} must be confirmed again ({changed} changed)"),
        "vat_checking": translate("Messages", "the VAT number is still being checked"),
        "vat_check_failed": translate("Messages", "the VAT number could not be checked: {error}"),
        "vat_not_registered": translate(
            "Messages", "VAT number {vat} is not registered in VIES; correct it"
        ),
        "credit_running": translate("Messages", "the credit check is still running"),
        "credit_failed": translate("Messages", "the credit check failed: {error}"),
        "credit_declined": translate(
            "Messages", "the credit bureau did not approve this order ({reason})"
        ),
        "credit_declined_no_reason": translate(
            "Messages", "the credit bureau did not approve this order (no reason given)"
        ),
        "credit_limit_exceeded": translate(
            "Messages", "the gross total {gross} exceeds the approved credit limit {limit}"
        ),
        "credit_not_run": translate("Messages", "the credit check has not run yet"),
        "address_checking": translate("Messages", "the address is still being checked"),
        "approval_pending": translate(
            "Messages", "a manager must approve the {discount} discount (above {threshold})"
        ),
        "approval_rejected": translate(
            "Messages", "the manager rejected the discount; lower it to resubmit"
        ),
        "approval_rejected_comment": translate(
            "Messages", "the manager rejected the discount: {comment}; lower it to resubmit"
        ),
        "submit_stopped": translate("Messages", "automatic submission stopped: {problems}"),
        "note_changed": translate("Messages", "{changed} changed"),
        "note_vat_not_registered": translate(
            "Messages", "the VAT number is not registered in VIES"
        ),
        "tl_started": translate("Messages", "Sale started by {agent} with price list {version}"),
        "tl_customer": translate("Messages", "Customer set: VAT {vat}"),
        "tl_customer_named": translate(
            "Messages", "Customer set: VAT {vat}, company name “{name}”"
        ),
        "tl_contact": translate("Messages", "Contact set: {name} <{email}>"),
        "tl_lines": translate("Messages", "Lines set: {lines}"),
        "tl_terms": translate("Messages", "Terms set: payment in {days} days"),
        "tl_submit": translate("Messages", "Submitted by the agent"),
        "tl_cancel": translate("Messages", "Cancelled: {reason}"),
        "tl_discount_approved": translate("Messages", "Discount approved"),
        "tl_discount_approved_comment": translate("Messages", "Discount approved — {comment}"),
        "tl_discount_rejected": translate("Messages", "Discount rejected"),
        "tl_discount_rejected_comment": translate("Messages", "Discount rejected — {comment}"),
        "tl_accepted": translate("Messages", "Order accepted: order number {order}"),
        "tl_signal": translate("Messages", "Signal {name}"),
        "tl_lookup_started": translate("Messages", "Started: {lookup}"),
        "tl_lookup_done": translate("Messages", "Finished: {lookup} (attempt {attempts})"),
        "tl_vat_valid": translate(
            "Messages", "Finished: {lookup} — valid, {name} (attempt {attempts})"
        ),
        "tl_vat_valid_unnamed": translate(
            "Messages", "Finished: {lookup} — valid (attempt {attempts})"
        ),
        "tl_vat_invalid": translate(
            "Messages", "Finished: {lookup} — NOT valid (attempt {attempts})"
        ),
        "tl_vat_invalid_named": translate(
            "Messages", "Finished: {lookup} — NOT valid, {name} (attempt {attempts})"
        ),
        "tl_credit_approved": translate(
            "Messages",
            "Finished: {lookup} — approved, limit {limit}, rating {rating} (attempt {attempts})",
        ),
        "tl_credit_declined": translate(
            "Messages",
            "Finished: {lookup} — declined, limit {limit}, rating {rating} (attempt {attempts})",
        ),
        "tl_address_found": translate(
            "Messages", "Finished: {lookup} — {address} (attempt {attempts})"
        ),
        "tl_address_not_found": translate(
            "Messages", "Finished: {lookup} — address not found (attempt {attempts})"
        ),
        "tl_lookup_failed": translate("Messages", "{lookup} failed: {error}"),
        "tl_lookup_cancelled": translate("Messages", "{lookup} cancelled"),
        "tl_quote_valid_until": translate("Messages", "Quote valid until {date}"),
        "tl_quote_expired": translate("Messages", "Quote validity ran out"),
        "tl_marker": translate("Messages", "Process version marker {patch}"),
        "tl_closed": translate("Messages", "Sale closed: {status}"),
        "tl_failed": translate("Messages", "Sale failed: {error}"),
        "tl_event": translate("Messages", "{type}"),
    }


def _message_params(code: str, params: dict[str, Any]) -> dict[str, Any]:
    out = {k: ("?" if v is None else v) for k, v in params.items()}
    for key in ("step", "changed"):
        if key in out:
            out[key] = step_title(str(out[key]))
    if "lookup" in out:
        kind = _LOOKUP_CODES.get(str(out["lookup"]))
        out["lookup"] = lookup_title(kind) if kind else translate("Texts", "Lookup")
    if code == "submit_stopped":
        out["problems"] = "; ".join(message_text(p) for p in params.get("problems") or [])
    if code == "approval_pending":
        out["discount"] = percent(out.get("discount"))
        out["threshold"] = percent(out.get("threshold"))
    if code == "credit_limit_exceeded":
        for key in ("gross", "limit"):
            out[key] = format_number(out[key])
    if code in ("tl_credit_approved", "tl_credit_declined"):
        out["limit"] = format_number(out.get("limit"))
    if code == "tl_lines":
        out["lines"] = translate("Texts", "%n line(s)", None, int(out.get("count") or 0))
    if code == "tl_quote_valid_until":
        out["date"] = format_date(str(out.get("date")))
    if code == "tl_closed":
        out["status"] = status_text(str(out.get("status")))
    return out


def message_text(message: Any) -> str:
    """A domain message (``salesdesk.sales.messages.Message``, or its dict) in the UI's
    language; an unknown code falls back to the domain's English sentence."""
    if isinstance(message, dict):
        code, params = str(message.get("code")), dict(message.get("params") or {})
    else:
        code, params = str(message.code), dict(message.params)
    template = _message_templates().get(code)
    if template is None:
        from salesdesk.sales.messages import Message, english

        return english(Message(code=code, params=params))
    try:
        return template.format(**_message_params(code, params))
    except (KeyError, IndexError, ValueError):
        from salesdesk.sales.messages import Message, english

        return english(Message(code=code, params=params))


def format_number(value: object) -> str:
    amount = to_decimal(value)
    return QLocale().toString(float(amount), "f", 2 if amount != amount.to_integral() else 0)


def problem_texts(summary: Any) -> list[str]:
    """The summary's problems in the UI's language (by code when the summary has them)."""
    messages = getattr(summary, "problem_messages", ())
    if messages and len(messages) == len(summary.problems):
        return [message_text(m) for m in messages]
    return list(summary.problems)


def submit_stopped_text(summary: Any) -> str | None:
    """Why automatic submission stopped, in the UI's language; None when it did not."""
    for message in getattr(summary, "problem_messages", ()):
        if message.code == "submit_stopped":
            return "; ".join(message_text(p) for p in message.params.get("problems") or [])
    for problem in summary.problems:
        if problem.startswith("automatic submission stopped"):
            return str(problem[len("automatic submission stopped: ") :])
    return None


def step_note_text(view: Any) -> str | None:
    """A step's note ("Customer changed") in the UI's language."""
    message = getattr(view, "note_message", None)
    if message is not None:
        return message_text(message)
    return str(view.note) if view.note else None
