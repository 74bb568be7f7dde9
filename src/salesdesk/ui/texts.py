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
        }.get(state, step_state_text(state))
    if step == "submit":
        return {
            "done": translate("Texts", "Submitted"),
            "pending": translate("Texts", "Submitting…"),
            "empty": translate("Texts", "Not submitted"),
            "invalid": translate("Texts", "Stopped"),
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
