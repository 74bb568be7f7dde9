"""A sale's history as readable entries, for support staff and for the agent's trust."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from salesdesk.flow.events import Event, EventType

_LOOKUP_NAMES = {
    "company_lookup": "VAT / company lookup",
    "credit_check": "credit check",
    "address_check": "address check",
}
_SIGNAL_TEXT = {
    "customer": "Customer set",
    "contact": "Contact set",
    "lines": "Lines set",
    "terms": "Terms set",
    "submit": "Submitted by the agent",
    "cancel": "Cancelled",
    "approve_discount": "Discount decision",
    "accepted": "Order accepted",
}


@dataclass(frozen=True)
class TimelineEntry:
    seq: int
    time: str
    origin: str
    who: str
    text: str


def who_of(origin: str, this_device: str | None) -> str:
    kind, _, rest = origin.partition(":")
    if kind == "device":
        return "this device" if origin == this_device else f"other device ({rest[:8]})"
    if kind == "server":
        return f"manager {rest}" if rest else "server"
    return origin


def timeline(events: Sequence[Event], this_device: str | None = None) -> list[TimelineEntry]:
    names: dict[int, str] = {}
    out: list[TimelineEntry] = []
    for e in events:
        text = _describe(e, names)
        if text is None:
            continue
        out.append(TimelineEntry(e.seq, e.time, e.origin, who_of(e.origin, this_device), text))
    return out


def _describe(e: Event, names: dict[int, str]) -> str | None:
    d: dict[str, Any] = e.data
    if e.type == EventType.WORKFLOW_STARTED:
        inp = d.get("input") or {}
        version = (inp.get("price_list") or {}).get("version", "?")
        return f"Sale started by {inp.get('agent', '?')} with price list {version}"
    if e.type == EventType.SIGNAL_RECEIVED:
        name = str(d.get("name"))
        payload = d.get("payload") or {}
        base = _SIGNAL_TEXT.get(name, f"Signal {name}")
        if name == "customer":
            return f"{base}: VAT {payload.get('vat_number')}" + (
                f", name overridden to {payload['company_name']!r}"
                if payload.get("company_name")
                else ""
            )
        if name == "contact":
            return f"{base}: {payload.get('name')} <{payload.get('email')}>"
        if name == "lines":
            items = payload.get("items") or []
            return f"{base}: {len(items)} line(s)"
        if name == "terms":
            return f"{base}: {payload.get('payment_terms_days')} days payment"
        if name == "cancel":
            return f"{base}: {payload.get('reason')}"
        if name == "approve_discount":
            verdict = "approved" if payload.get("approved") else "rejected"
            comment = f" — {payload['comment']}" if payload.get("comment") else ""
            return f"Discount {verdict}{comment}"
        if name == "accepted":
            return f"{base}: order number {payload.get('order_number')}"
        return base
    if e.type == EventType.ACTIVITY_SCHEDULED:
        label = _LOOKUP_NAMES.get(str(d.get("name")), str(d.get("name")))
        names[int(d["activity_id"])] = label
        return f"Started {label}"
    if e.type == EventType.ACTIVITY_COMPLETED:
        label = names.get(int(d["activity_id"]), "lookup")
        result = d.get("result") or {}
        detail = ""
        if "valid" in result:
            detail = f": {'valid' if result['valid'] else 'NOT valid'}"
            if result.get("name"):
                detail += f", {result['name']}"
        elif "approved" in result:
            detail = f": {'approved' if result['approved'] else 'declined'}"
            detail += f", limit {result.get('limit')} rating {result.get('rating')}"
        elif "found" in result:
            detail = f": {result.get('display') or 'address not found'}"
        return f"Finished {label}{detail} (attempt {d.get('attempts', 1)})"
    if e.type == EventType.ACTIVITY_FAILED:
        label = names.get(int(d["activity_id"]), "lookup")
        err = d.get("error") or {}
        return f"{label} failed: {err.get('message')}"
    if e.type == EventType.ACTIVITY_CANCELLED:
        return f"{names.get(int(d['activity_id']), 'lookup')} cancelled"
    if e.type == EventType.TIMER_STARTED:
        return f"Quote valid until {str(d.get('fire_at'))[:10]}"
    if e.type == EventType.TIMER_FIRED:
        return "Quote validity ran out"
    if e.type == EventType.TIMER_CANCELLED:
        return None
    if e.type == EventType.MARKER_RECORDED:
        return f"Process version marker {d.get('patch_id')}"
    if e.type == EventType.WORKFLOW_COMPLETED:
        result = d.get("result") or {}
        return f"Sale closed: {result.get('status')}"
    if e.type == EventType.WORKFLOW_FAILED:
        return f"Sale failed: {(d.get('error') or {}).get('message')}"
    return e.type
