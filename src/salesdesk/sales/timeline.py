"""A sale's history as readable entries, for support staff and for the agent's trust."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from salesdesk.flow.events import Event, EventType
from salesdesk.sales.messages import Message, msg


@dataclass(frozen=True)
class TimelineEntry:
    seq: int
    time: str
    origin: str
    who: str
    text: str
    # The text by stable code and JSON parameters (salesdesk.sales.messages), for a UI
    # that shows it in another language.
    code: str = ""
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def message(self) -> Message:
        return Message(code=self.code, params=self.params)


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
        message = _describe(e, names)
        if message is None:
            continue
        who = who_of(e.origin, this_device)
        out.append(
            TimelineEntry(
                e.seq, e.time, e.origin, who, message.text, message.code, dict(message.params)
            )
        )
    return out


def _describe(e: Event, names: dict[int, str]) -> Message | None:
    d: dict[str, Any] = e.data
    if e.type == EventType.WORKFLOW_STARTED:
        inp = d.get("input") or {}
        version = (inp.get("price_list") or {}).get("version", "?")
        return msg("tl_started", agent=inp.get("agent", "?"), version=version)
    if e.type == EventType.SIGNAL_RECEIVED:
        name = str(d.get("name"))
        payload = d.get("payload") or {}
        if name == "customer":
            if payload.get("company_name"):
                return msg(
                    "tl_customer_named",
                    vat=payload.get("vat_number"),
                    name=payload["company_name"],
                )
            return msg("tl_customer", vat=payload.get("vat_number"))
        if name == "contact":
            return msg("tl_contact", name=payload.get("name"), email=payload.get("email"))
        if name == "lines":
            return msg("tl_lines", count=len(payload.get("items") or []))
        if name == "terms":
            return msg("tl_terms", days=payload.get("payment_terms_days"))
        if name == "submit":
            return msg("tl_submit")
        if name == "cancel":
            return msg("tl_cancel", reason=payload.get("reason"))
        if name == "approve_discount":
            verdict = "approved" if payload.get("approved") else "rejected"
            if payload.get("comment"):
                return msg(f"tl_discount_{verdict}_comment", comment=payload["comment"])
            return msg(f"tl_discount_{verdict}")
        if name == "accepted":
            return msg("tl_accepted", order=payload.get("order_number"))
        return msg("tl_signal", name=name)
    if e.type == EventType.ACTIVITY_SCHEDULED:
        lookup = str(d.get("name"))
        names[int(d["activity_id"])] = lookup
        return msg("tl_lookup_started", lookup=lookup)
    if e.type == EventType.ACTIVITY_COMPLETED:
        lookup = names.get(int(d["activity_id"]), "")
        result = d.get("result") or {}
        attempts = d.get("attempts", 1)
        if "valid" in result:
            valid = "valid" if result["valid"] else "invalid"
            if result.get("name"):
                code = "tl_vat_valid" if result["valid"] else "tl_vat_invalid_named"
                return msg(code, lookup=lookup, name=result["name"], attempts=attempts)
            code = "tl_vat_valid_unnamed" if valid == "valid" else "tl_vat_invalid"
            return msg(code, lookup=lookup, attempts=attempts)
        if "approved" in result:
            code = "tl_credit_approved" if result["approved"] else "tl_credit_declined"
            return msg(
                code,
                lookup=lookup,
                limit=result.get("limit"),
                rating=result.get("rating"),
                attempts=attempts,
            )
        if "found" in result:
            if result.get("display"):
                return msg(
                    "tl_address_found", lookup=lookup, address=result["display"], attempts=attempts
                )
            return msg("tl_address_not_found", lookup=lookup, attempts=attempts)
        return msg("tl_lookup_done", lookup=lookup, attempts=attempts)
    if e.type == EventType.ACTIVITY_FAILED:
        lookup = names.get(int(d["activity_id"]), "")
        err = d.get("error") or {}
        return msg("tl_lookup_failed", lookup=lookup, error=err.get("message"))
    if e.type == EventType.ACTIVITY_CANCELLED:
        return msg("tl_lookup_cancelled", lookup=names.get(int(d["activity_id"]), ""))
    if e.type == EventType.TIMER_STARTED:
        return msg("tl_quote_valid_until", date=str(d.get("fire_at"))[:10])
    if e.type == EventType.TIMER_FIRED:
        return msg("tl_quote_expired")
    if e.type == EventType.TIMER_CANCELLED:
        return None
    if e.type == EventType.MARKER_RECORDED:
        return msg("tl_marker", patch=d.get("patch_id"))
    if e.type == EventType.WORKFLOW_COMPLETED:
        result = d.get("result") or {}
        return msg("tl_closed", status=result.get("status"))
    if e.type == EventType.WORKFLOW_FAILED:
        return msg("tl_failed", error=(d.get("error") or {}).get("message"))
    return msg("tl_event", type=str(e.type))
