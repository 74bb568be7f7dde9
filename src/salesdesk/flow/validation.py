"""Turn pydantic validation errors into plain, field-level messages."""

from __future__ import annotations

from pydantic import ValidationError

from salesdesk.flow.errors import SignalRejected

_PLAIN = {
    "missing": "is required",
    "extra_forbidden": "is not a known field; remove it",
    "int_parsing": "must be a whole number",
    "int_type": "must be a whole number",
    "int_from_float": "must be a whole number",
    "decimal_parsing": "must be a number",
    "string_type": "must be text",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "date_from_datetime_parsing": "must be a date like 2026-12-31",
    "date_parsing": "must be a date like 2026-12-31",
    "date_type": "must be a date like 2026-12-31",
    "list_type": "must be a list",
    "model_type": "must be an object",
    "dict_type": "must be an object",
    "string_too_short": "must not be empty",
}


def field_messages(exc: ValidationError) -> dict[str, str]:
    out: dict[str, str] = {}
    for err in exc.errors():
        path = ".".join(str(p) for p in err.get("loc", ()))
        kind = str(err.get("type", ""))
        msg = _PLAIN.get(kind)
        if msg is None:
            text = str(err.get("msg", "is not valid"))
            # Messages raised by our own validators come as "Value error, <text>".
            for prefix in ("Value error, ", "Assertion failed, "):
                if text.startswith(prefix):
                    text = text[len(prefix) :]
            msg = text
        out.setdefault(path, msg)
    return out


def rejection_from(signal: str, exc: ValidationError) -> SignalRejected:
    return SignalRejected(signal, field_messages(exc))
