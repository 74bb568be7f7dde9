"""Exact money arithmetic for sales: Decimal only, rounded half-up per line.

Everything here is pure and deterministic because sales are replayed from their
history: the same inputs must give the same cents on every machine, forever. That
is why arithmetic runs in a private decimal context (a caller changing the global
context must not change a replayed total) and why binary floats are refused at
every entry point instead of being converted.
"""

from __future__ import annotations

import copy
import decimal
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import Annotated, Any

from babel import Locale
from babel.numbers import NumberPattern, format_currency, list_currencies
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, PlainSerializer
from pydantic_core import PydanticCustomError

__all__ = [
    "FLOAT_MESSAGE",
    "CurrencyCode",
    "DecimalStr",
    "LineAmounts",
    "MoneyStr",
    "Totals",
    "VatGroup",
    "compute_totals",
    "currency_precision",
    "decimal_to_str",
    "format_money",
    "price_line",
    "round_money",
    "to_decimal",
    "validate_currency",
]

# Wide enough that products of prices, quantities and percentages are always exact
# (only quantize() rounds, and it does so on purpose). Traps turn silent NaNs into errors.
_CTX = decimal.Context(
    prec=60,
    rounding=ROUND_HALF_UP,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)
_HUNDRED = Decimal(100)

# ISO 4217 codes that babel knows but that are not money a customer pays with
# (no currency, test code, precious metals, IMF/bond units, withdrawn European units).
_NOT_MONEY = frozenset(
    {"XXX", "XTS", "XAU", "XAG", "XPT", "XPD", "XDR", "XSU", "XUA", "XBA", "XBB", "XBC", "XBD"}
    | {"XEU", "XFO", "XFU", "XRE"}
)


# --------------------------------------------------------------------------- decimals


def to_decimal(value: object, what: str = "amount") -> Decimal:
    """Accept Decimal, int or a decimal string; refuse floats, bools and non-finite values."""
    if isinstance(value, bool | float):
        # bool is an int subclass; a float has already lost the exact cents.
        raise ValueError(
            f"{what} must be an exact decimal (Decimal, int or text such as '12.50'), "
            f"not {type(value).__name__} {value!r}"
        )
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, str):
        try:
            result = Decimal(value.strip())
        except decimal.InvalidOperation:
            raise ValueError(f"{what} must be a number such as '12.50', got {value!r}") from None
    else:
        raise ValueError(f"{what} must be a decimal number, not {type(value).__name__}")
    if not result.is_finite():
        raise ValueError(f"{what} must be a finite number, got {value!r}")
    return result


def decimal_to_str(value: Decimal) -> str:
    """Fixed-point text (never exponent notation), keeping the scale: '10.50' stays '10.50'."""
    return format(value, "f")


#: pydantic message template (with {kind}) for a float where an exact decimal belongs.
FLOAT_MESSAGE = 'must be an exact decimal such as "12.50" (text or Decimal), not a {kind}'


def _reject_float(value: Any) -> Any:
    # Runs before pydantic's own Decimal parsing, which would accept floats, and reads
    # JSON numbers through float (a JSON 12.50 would arrive as Decimal("12.5")).
    if isinstance(value, bool | float):
        raise PydanticCustomError(
            "decimal_not_float",
            FLOAT_MESSAGE,
            {"kind": "true/false value" if isinstance(value, bool) else "floating-point number"},
        )
    return value


#: A Decimal serialised to JSON as a fixed-point string, so the history stores exactly
#: what was computed. Refuses NaN/Infinity but NOT floats: only for models that check
#: floats themselves (PriceItem does, once per item, which is cheaper than per field).
DecimalStr = Annotated[Decimal, PlainSerializer(decimal_to_str, return_type=str, when_used="json")]

#: Any exact decimal in a pydantic model: validated without floats, NaN or Infinity,
#: serialised to JSON as a string.
MoneyStr = Annotated[DecimalStr, BeforeValidator(_reject_float)]


# --------------------------------------------------------------------------- currency


@cache
def _known_currencies() -> frozenset[str]:
    return frozenset(list_currencies()) - _NOT_MONEY


def validate_currency(code: str) -> str:
    """Return the ISO 4217 code if it is a real currency, else raise ValueError."""
    if not isinstance(code, str) or len(code) != 3 or not code.isascii() or not code.isupper():
        raise ValueError(f"currency must be a three-letter ISO 4217 code such as EUR, got {code!r}")
    if code not in _known_currencies():
        raise ValueError(f"unknown currency {code!r} — use an ISO 4217 code such as EUR, HUF, USD")
    return code


def _currency_field(code: str) -> str:
    try:
        return validate_currency(code)
    except ValueError as exc:
        reason = str(exc).removeprefix("currency ")  # the field name is shown already
        raise PydanticCustomError("currency", "{reason}", {"reason": reason}) from None


#: A validated ISO 4217 currency code (upper case, e.g. "EUR").
CurrencyCode = Annotated[str, AfterValidator(_currency_field)]


#: ISO 4217 minor units of the currencies that do not have two. Frozen here rather than
#: read from babel's CLDR data because CLDR moves: CLDR 47 (babel 2.19) gives HUF 0 digits
#: where ISO 4217 and every earlier release gave 2, and a replayed sale must keep its cents
#: whatever babel version a device or the server happens to run.
_ZERO_DIGITS: tuple[str, ...] = ("BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG")
_ZERO_DIGITS += ("RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF")
_THREE_DIGITS = ("BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND")
_MINOR_UNITS = {
    **dict.fromkeys(_ZERO_DIGITS, 0),
    **dict.fromkeys(_THREE_DIGITS, 3),
    **dict.fromkeys(("CLF", "UYW"), 4),
}


@cache
def currency_precision(currency: str) -> int:
    """Number of minor-unit digits from ISO 4217 (EUR 2, HUF 2, JPY 0, KWD 3)."""
    return _MINOR_UNITS.get(validate_currency(currency), 2)


@cache
def _exponent(currency: str) -> Decimal:
    return Decimal(1).scaleb(-currency_precision(currency))


def round_money(amount: Decimal | int, currency: str) -> Decimal:
    """Round half-up (commercial rounding, away from zero) to the currency's precision."""
    value = to_decimal(amount)
    # The context goes in as an argument: a localcontext() block per call cost more than
    # the rounding (the server rounds every line of every sale it replays).
    rounded = value.quantize(_exponent(currency), rounding=ROUND_HALF_UP, context=_CTX)
    # -0.001 rounds to -0.00; a negative zero on an invoice only confuses people.
    return rounded.copy_abs() if rounded.is_zero() else rounded


def format_money(amount: Decimal | int, currency: str, locale: str = "en") -> str:
    """Human display, e.g. '€1,234.50' (en) or '1 234,50 €' (de)."""
    # babel rounds half-even; rounding first keeps the display equal to the stored cents.
    # The digits shown are ours too (see _MINOR_UNITS), not the CLDR release's.
    pattern = _currency_pattern(locale, currency_precision(currency))
    return str(
        format_currency(
            round_money(amount, currency), currency, pattern, locale=locale, currency_digits=False
        )
    )


@cache
def _currency_pattern(locale: str, digits: int) -> NumberPattern:
    pattern: NumberPattern = copy.copy(Locale.parse(locale).currency_formats["standard"])
    pattern.frac_prec = (digits, digits)
    return pattern


# --------------------------------------------------------------------------- lines


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class LineAmounts(_Frozen):
    """One priced line, every amount already rounded to the currency precision."""

    currency: CurrencyCode
    vat_rate: MoneyStr
    net: MoneyStr
    discount_amount: MoneyStr
    vat: MoneyStr
    gross: MoneyStr


def _check_percent(value: Decimal, what: str) -> None:
    if not Decimal(0) <= value <= _HUNDRED:
        raise ValueError(f"{what} must be between 0 and 100, got {decimal_to_str(value)}")


def price_line(
    unit_price: Decimal | int,
    quantity: int | Decimal,
    discount_percent: Decimal | int,
    vat_rate: Decimal | int,
    currency: str,
) -> LineAmounts:
    """Price one line: net = round(price*qty*(100-discount)/100), vat = round(net*rate/100).

    discount_amount is what the discount took off the rounded list amount, so
    round(price*qty) == net + discount_amount always holds.
    """
    price = to_decimal(unit_price, "unit price")
    qty = to_decimal(quantity, "quantity")
    discount = to_decimal(discount_percent, "discount percent")
    rate = to_decimal(vat_rate, "VAT rate")
    if price < 0:
        raise ValueError(f"unit price must not be negative, got {decimal_to_str(price)}")
    if qty < 0:
        raise ValueError(f"quantity must not be negative, got {decimal_to_str(qty)}")
    _check_percent(discount, "discount percent")
    _check_percent(rate, "VAT rate")
    with decimal.localcontext(_CTX):
        list_amount = round_money(price * qty, currency)
        net = round_money(price * qty * (_HUNDRED - discount) / _HUNDRED, currency)
        vat = round_money(net * rate / _HUNDRED, currency)
        gross = net + vat
        discount_amount = list_amount - net
    return LineAmounts(
        currency=currency,
        vat_rate=rate,
        net=net,
        discount_amount=discount_amount,
        vat=vat,
        gross=gross,
    )


# --------------------------------------------------------------------------- totals


class VatGroup(_Frozen):
    """One row of the VAT breakdown: all lines taxed at `rate`."""

    rate: MoneyStr
    base: MoneyStr
    vat: MoneyStr


class Totals(_Frozen):
    """Document totals; sums of the already-rounded line amounts."""

    currency: CurrencyCode
    net: MoneyStr
    discount: MoneyStr
    vat: MoneyStr
    gross: MoneyStr
    vat_breakdown: tuple[VatGroup, ...]


def _rate_key(rate: Decimal) -> Decimal:
    # 27, 27.0 and 27.00 are one VAT group; show it without trailing zeros or exponent.
    normal = rate.normalize(_CTX)
    return normal.quantize(Decimal(1)) if normal == normal.to_integral_value() else normal


def compute_totals(lines: Iterable[LineAmounts], currency: str) -> Totals:
    """Sum the lines (no re-rounding) and group VAT by rate, highest rate first.

    Summing the per-line VAT rather than recomputing it per group keeps the
    document equal to the sum of the lines the customer sees.
    """
    zero = round_money(0, currency)
    net = discount = vat = zero
    groups: dict[Decimal, tuple[Decimal, Decimal]] = {}
    with decimal.localcontext(_CTX):
        for line in lines:
            if line.currency != currency:
                raise ValueError(
                    f"cannot total a {line.currency} line into a {currency} document — "
                    "all lines must use the price list's currency"
                )
            net += line.net
            discount += line.discount_amount
            vat += line.vat
            key = _rate_key(line.vat_rate)
            base, group_vat = groups.get(key, (zero, zero))
            groups[key] = (base + line.net, group_vat + line.vat)
        gross = net + vat
    breakdown = tuple(
        VatGroup(rate=rate, base=base, vat=group_vat)
        for rate, (base, group_vat) in sorted(groups.items(), reverse=True)
    )
    return Totals(
        currency=currency,
        net=net,
        discount=discount,
        vat=vat,
        gross=gross,
        vat_breakdown=breakdown,
    )
