"""Signal payloads of the sales workflow, validated before they reach the history.

A signal is validated when the agent sends it, again when a history is replayed and
again on the server, so validation is pure: no clock, no network, no price list
(whether a SKU exists is for the workflow to decide against its price snapshot).
Values are normalised here (VAT number compacted, phone in E.164, SKU upper-cased)
so that what is stored is canonical, and validating a stored payload again is a
no-op. Every message is written for the agent; `field_errors` maps them to fields.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Final

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    ValidationError,
    field_validator,
)
from pydantic_core import ErrorDetails, PydanticCustomError

from salesdesk.sales.contact import InvalidContact, normalize_email, normalize_phone
from salesdesk.sales.money import MoneyStr
from salesdesk.sales.pricelist import IsoDate, check_sku
from salesdesk.sales.vat import InvalidVatNumber, parse_vat_number

__all__ = [
    "MAX_LINES",
    "MAX_QUANTITY",
    "NON_FIELD",
    "AcceptedSignal",
    "ApproveDiscountSignal",
    "CancelSignal",
    "ContactSignal",
    "CustomerSignal",
    "LineItem",
    "LinesSignal",
    "SubmitSignal",
    "TermsSignal",
    "field_errors",
]

MAX_QUANTITY: Final = 100_000
MAX_LINES: Final = 500
MAX_PAYMENT_DAYS: Final = 120
#: field_errors() key for an error that belongs to no single field.
NON_FIELD: Final = "__all__"
_ORDER_NUMBER: Final = re.compile(r"SO-\d{4}-\d{6}")
_DIGITS: Final = re.compile(r"[0-9]{1,9}")  # ASCII only, and short enough for int()


class _Signal(BaseModel):
    # frozen: a validated signal is what gets stored; nobody may change it afterwards.
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


# --------------------------------------------------------------------------- field types


def _custom(kind: str, message: str) -> PydanticCustomError:
    # Messages go through "{reason}" so braces in user input are never read as a template.
    return PydanticCustomError(kind, "{reason}", {"reason": message})


def _whole_number(low: int, high: int, message: str) -> BeforeValidator:
    """An int in [low, high]; refuses bools, floats (1.5 and 2.0 alike) and other text."""

    def check(value: Any) -> int:
        if isinstance(value, str) and _DIGITS.fullmatch(value.strip()):
            value = int(value.strip())  # a spin box or form field may hand over text
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            raise _custom("whole_number", message)
        if value > high:
            raise _custom("too_large", f"must be at most {high}")
        return int(value)

    return BeforeValidator(check)


def _blank_to_none(value: Any) -> Any:
    # An optional free-text box that was left empty means "no value".
    return None if isinstance(value, str) and not value.strip() else value


def _vat_number(value: str) -> str:
    try:
        return parse_vat_number(value).full
    except InvalidVatNumber as exc:
        raise _custom("vat_number", str(exc)) from None


def _email(value: str) -> str:
    try:
        return normalize_email(value)
    except InvalidContact as exc:
        raise _custom("email", str(exc)) from None


def _phone(value: str) -> str:
    try:
        return normalize_phone(value)
    except InvalidContact as exc:
        raise _custom("phone", str(exc)) from None


def _discount(value: Decimal) -> Decimal:
    if not Decimal(0) <= value <= Decimal(100):
        raise _custom("discount", "must be between 0 and 100 percent")
    exponent = value.normalize().as_tuple().exponent  # 12.500 is 12.5: fine
    if isinstance(exponent, int) and exponent < -2:
        raise _custom("discount", "must have at most 2 decimal places")
    return value


def _plausible_date(value: date) -> date:
    # Not compared with today: that would make a stored signal invalid on replay
    # tomorrow. The workflow compares it with its own (recorded) time.
    if not 2000 <= value.year <= 2099:
        raise _custom("date_range", f"year {value.year} looks like a typo")
    return value


def _order_number(value: str) -> str:
    value = value.upper()
    if not _ORDER_NUMBER.fullmatch(value):
        raise _custom("order_number", "must look like SO-2026-000123")
    return value


# --------------------------------------------------------------------------- signals


class CustomerSignal(_Signal):
    """Who buys: the VAT number (with country code) and optional agent overrides of
    the registry's company name and address."""

    vat_number: Annotated[str, AfterValidator(_vat_number)]
    company_name: Annotated[str, Field(min_length=1, max_length=200)] | None = None
    address: Annotated[str, Field(min_length=1, max_length=500)] | None = None


class ContactSignal(_Signal):
    name: Annotated[str, Field(min_length=1, max_length=200)]
    email: Annotated[str, AfterValidator(_email)]
    phone: Annotated[
        Annotated[str, AfterValidator(_phone)] | None, BeforeValidator(_blank_to_none)
    ] = None


class LineItem(_Signal):
    sku: Annotated[str, AfterValidator(str.upper), AfterValidator(check_sku)]
    quantity: Annotated[
        int, _whole_number(1, MAX_QUANTITY, "must be a whole number greater than 0")
    ]
    discount_percent: Annotated[MoneyStr, AfterValidator(_discount)] = Decimal(0)


class LinesSignal(_Signal):
    """The complete set of lines (replaces earlier lines; SKUs checked by the workflow)."""

    items: Annotated[tuple[LineItem, ...], Field(max_length=MAX_LINES)]

    @field_validator("items")
    @classmethod
    def _one_line_per_sku(cls, items: tuple[LineItem, ...]) -> tuple[LineItem, ...]:
        # Checked here, not with Field(min_length=1): pydantic would also report
        # "too short" whenever some lines fail, counting only the valid ones.
        if not items:
            raise _custom("no_lines", "must have at least one line")
        first_line: dict[str, int] = {}
        for number, line in enumerate(items, start=1):
            seen = first_line.setdefault(line.sku, number)
            if seen != number:
                raise _custom(
                    "duplicate_sku",
                    f"{line.sku} is on lines {seen} and {number} — put it on one line "
                    "with the total quantity",
                )
        return items


class TermsSignal(_Signal):
    payment_terms_days: Annotated[
        int,
        _whole_number(
            0, MAX_PAYMENT_DAYS, f"must be a whole number of days from 0 to {MAX_PAYMENT_DAYS}"
        ),
    ]
    delivery_date: Annotated[
        Annotated[IsoDate, AfterValidator(_plausible_date)] | None,
        BeforeValidator(_blank_to_none),
    ] = None
    notes: Annotated[
        Annotated[str, Field(max_length=2000)] | None, BeforeValidator(_blank_to_none)
    ] = None


class SubmitSignal(_Signal):
    pass


class CancelSignal(_Signal):
    reason: Annotated[str, Field(min_length=1, max_length=500)]


class ApproveDiscountSignal(_Signal):
    # Strict: "no" or 0 must not silently approve or reject a discount.
    approved: Annotated[bool, Strict()]
    comment: Annotated[
        Annotated[str, Field(max_length=1000)] | None, BeforeValidator(_blank_to_none)
    ] = None


class AcceptedSignal(_Signal):
    order_number: Annotated[str, AfterValidator(_order_number)]


# --------------------------------------------------------------------------- errors


# Exact pydantic error types only: our own validators' types pass through untouched.
_PYDANTIC_INT: Final = frozenset({"int_type", "int_parsing", "int_from_float", "int_parsing_size"})
_PYDANTIC_DECIMAL: Final = frozenset({"decimal_type", "decimal_parsing"})
_PYDANTIC_DATE: Final = frozenset(
    {"date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"}
)


def _plural(count: Any, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _plain(error: ErrorDetails) -> str:
    """The agent-facing text of one pydantic error."""
    kind, ctx = error["type"], error.get("ctx", {})
    if kind == "missing":
        return "is required"
    if kind == "extra_forbidden":
        return "is not a field of this form"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"must be at most {_plural(ctx.get('max_length'), 'character')}"
    if kind == "too_short":
        least = ctx.get("min_length")
        return (
            "must have at least one entry" if least == 1 else f"must have at least {least} entries"
        )
    if kind == "too_long":
        return f"must have at most {ctx.get('max_length')} entries"
    if kind == "string_type":
        return "must be text"
    if kind in {"bool_type", "bool_parsing"}:
        return "must be true or false"
    if kind in _PYDANTIC_INT:
        return "must be a whole number"
    if kind in _PYDANTIC_DECIMAL:
        return "must be a number such as 12.5"
    if kind in _PYDANTIC_DATE:
        return "must be a date like 2026-03-31"
    if kind == "finite_number":
        return "must be a finite number"
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        return "must be a group of fields (an object)"
    if kind in {"list_type", "tuple_type"}:
        return "must be a list"
    message = error["msg"]
    # Our own validators already speak plainly; pydantic's fallbacks get de-jargoned.
    message = message.removeprefix("Value error, ")
    # "Input should be ...", "String should have ..." -> "must be ...", "must have ..."
    message = re.sub(r"^\w+(?: \w+)? should (be|have)\b", r"must \1", message)
    return message


def field_errors(exc: ValidationError) -> dict[str, str]:
    """Map "items.0.quantity" -> "must be a whole number greater than 0", first error wins."""
    result: dict[str, str] = {}
    for error in exc.errors(include_url=False, include_input=False):
        key = ".".join(str(part) for part in error["loc"]) or NON_FIELD
        result.setdefault(key, _plain(error))
    return result
