"""Money arithmetic: half-up per line, exact Decimals, currency precision from ISO 4217."""

from __future__ import annotations

import decimal
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from salesdesk.sales.money import (
    LineAmounts,
    MoneyStr,
    compute_totals,
    currency_precision,
    format_money,
    price_line,
    round_money,
)

D = Decimal


# --------------------------------------------------------------------------- rounding


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        ("0.005", "EUR", "0.01"),  # half-up, where half-even would give 0.00
        ("0.015", "EUR", "0.02"),
        ("0.025", "EUR", "0.03"),  # half-even would give 0.02
        ("0.0049", "EUR", "0.00"),
        ("0.00499999999", "EUR", "0.00"),
        ("2.675", "EUR", "2.68"),  # the classic float trap: float(2.675) < 2.675
        ("-0.005", "EUR", "-0.01"),  # commercial rounding: away from zero
        ("-0.004", "EUR", "0.00"),  # and no negative zero
        ("0.5", "JPY", "1"),
        ("1.4999", "JPY", "1"),
        ("1234.5", "JPY", "1235"),
        ("100.125", "HUF", "100.13"),  # ISO 4217: HUF has 2 minor digits
        ("1.0005", "KWD", "1.001"),
        ("7", "EUR", "7.00"),
    ],
)
def test_round_money_half_up(amount: str, currency: str, expected: str) -> None:
    result = round_money(D(amount), currency)
    assert str(result) == expected


def test_round_money_accepts_int() -> None:
    assert str(round_money(3, "EUR")) == "3.00"


@pytest.mark.parametrize(("currency", "digits"), [("EUR", 2), ("HUF", 2), ("JPY", 0), ("BHD", 3)])
def test_currency_precision(currency: str, digits: int) -> None:
    assert currency_precision(currency) == digits


@pytest.mark.parametrize("bad", [0.1, True, D("NaN"), D("Infinity"), D("-Infinity"), "abc"])
def test_round_money_refuses_inexact_or_non_finite(bad: object) -> None:
    with pytest.raises(ValueError):
        round_money(bad, "EUR")  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", ["eur", "EURO", "XYZ", "XXX", "XAU", ""])
def test_unknown_currency_is_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="ISO 4217"):
        round_money(D(1), bad)


def test_rounding_ignores_the_global_decimal_context() -> None:
    # Replays must not depend on whatever some other code did to the thread's context.
    with decimal.localcontext() as ctx:
        ctx.prec = 3
        ctx.rounding = decimal.ROUND_DOWN
        line = price_line(D("1234.5678"), 1000, D("12.5"), D(27), "EUR")
        assert str(round_money(D("0.005"), "EUR")) == "0.01"
    assert line == price_line(D("1234.5678"), 1000, D("12.5"), D(27), "EUR")
    assert line.net == D("1080246.83")


# --------------------------------------------------------------------------- lines


def test_price_line_simple() -> None:
    line = price_line(D("10.00"), 3, D(10), D(27), "EUR")
    assert (line.net, line.discount_amount, line.vat, line.gross) == (
        D("27.00"),
        D("3.00"),
        D("7.29"),
        D("34.29"),
    )


def test_price_line_rounds_net_first_then_vat() -> None:
    # net = 3 * 0.1650 = 0.495 -> 0.50; VAT 5 % of the ROUNDED net = 0.025 -> 0.03
    line = price_line(D("0.1650"), 3, D(0), D(5), "EUR")
    assert (line.net, line.vat, line.gross) == (D("0.50"), D("0.03"), D("0.53"))


def test_price_line_half_cent_unit_price() -> None:
    assert price_line(D("0.0050"), 1, D(0), D(0), "EUR").net == D("0.01")
    assert price_line(D("0.0049"), 1, D(0), D(0), "EUR").net == D("0.00")


def test_price_line_big_quantity_stays_exact() -> None:
    line = price_line(D("99999.9999"), 100_000, D("0.01"), D(27), "EUR")
    # list 9 999 999 990.0000; net 9 999 999 990 * 0.9999 = 9 998 999 990.001
    assert line.net == D("9998999990.00")
    assert line.discount_amount == D("1000000.00")
    assert line.vat == D("2699729997.30")
    assert line.gross == line.net + line.vat


def test_price_line_full_discount() -> None:
    line = price_line(D("1299.00"), 2, D(100), D(27), "EUR")
    assert (line.net, line.vat, line.gross) == (D("0.00"), D("0.00"), D("0.00"))
    assert line.discount_amount == D("2598.00")


def test_price_line_zero_vat() -> None:
    line = price_line(D("690.00"), 2, D(0), D(0), "EUR")
    assert (line.net, line.vat, line.gross) == (D("1380.00"), D("0.00"), D("1380.00"))


def test_price_line_jpy_has_no_minor_units() -> None:
    line = price_line(D("333"), 3, D(10), D(10), "JPY")
    # 999 * 0.9 = 899.1 -> 899; VAT 89.9 -> 90
    assert (line.net, line.discount_amount, line.vat, line.gross) == (
        D("899"),
        D("100"),
        D("90"),
        D("989"),
    )


def test_price_line_huf() -> None:
    line = price_line(D("12990"), 7, D("2.5"), D(27), "HUF")
    assert line.net == D("88656.75")
    assert line.vat == D("23937.32")  # 23937.3225 -> .32
    assert line.gross == D("112594.07")


def test_price_line_zero_quantity() -> None:
    line = price_line(D("10"), 0, D(0), D(27), "EUR")
    assert line.gross == D("0.00")


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"unit_price": D("-1")}, "unit price must not be negative"),
        ({"quantity": -1}, "quantity must not be negative"),
        ({"discount_percent": D("100.01")}, "discount percent must be between 0 and 100"),
        ({"discount_percent": D("-1")}, "discount percent must be between 0 and 100"),
        ({"vat_rate": D("101")}, "VAT rate must be between 0 and 100"),
        ({"unit_price": 9.99}, "unit price must be an exact decimal"),
        ({"quantity": 1.5}, "quantity must be an exact decimal"),
        ({"quantity": True}, "quantity must be an exact decimal"),
        ({"unit_price": D("NaN")}, "unit price must be a finite number"),
        ({"currency": "EURO"}, "ISO 4217"),
    ],
)
def test_price_line_refuses_bad_input(kwargs: dict[str, object], fragment: str) -> None:
    args: dict[str, object] = {
        "unit_price": D("10"),
        "quantity": 1,
        "discount_percent": D(0),
        "vat_rate": D(27),
        "currency": "EUR",
    }
    args.update(kwargs)
    with pytest.raises(ValueError, match=fragment):
        price_line(**args)  # type: ignore[arg-type]


def test_line_amounts_json_is_lossless_strings() -> None:
    line = price_line(D("2149.00"), 2, D("7.5"), D(27), "EUR")
    text = line.model_dump_json()
    assert '"net":"3975.65"' in text
    assert '"vat_rate":"27"' in text
    assert LineAmounts.model_validate_json(text) == line


# --------------------------------------------------------------------------- totals


def test_totals_sum_lines_and_group_vat_by_rate() -> None:
    lines = [
        price_line(D("1289.00"), 2, D(5), D(27), "EUR"),
        price_line(D("36.90"), 3, D(0), D("5"), "EUR"),
        price_line(D("690.00"), 1, D(0), D(0), "EUR"),
        price_line(D("6.4900"), 10, D(0), D("27.00"), "EUR"),  # same group as 27
        price_line(D("18.50"), 2, D(0), D(18), "EUR"),
    ]
    totals = compute_totals(lines, "EUR")
    assert totals.net == sum((line.net for line in lines), D(0))
    assert totals.vat == sum((line.vat for line in lines), D(0))
    assert totals.gross == totals.net + totals.vat
    assert totals.discount == D("128.90")
    rows = [(str(g.rate), str(g.base), str(g.vat)) for g in totals.vat_breakdown]
    assert rows == [
        ("27", "2514.00", "678.78"),  # 2449.10 + 64.90; VAT 661.26 + 17.52
        ("18", "37.00", "6.66"),
        ("5", "110.70", "5.54"),
        ("0", "690.00", "0.00"),
    ]


def test_totals_use_line_vat_not_recomputed_group_vat() -> None:
    # Three lines of 0.05 at 27 % have 0.01 VAT each (0.0135); the group shows 0.03,
    # the sum the customer sees on the lines, not round(0.15 * 27 %) = 0.04.
    lines = [price_line(D("0.05"), 1, D(0), D(27), "EUR") for _ in range(3)]
    totals = compute_totals(lines, "EUR")
    assert totals.vat == D("0.03")
    assert totals.vat_breakdown[0].vat == D("0.03")


def test_totals_of_no_lines() -> None:
    totals = compute_totals([], "JPY")
    assert (totals.net, totals.vat, totals.gross, totals.vat_breakdown) == (D(0), D(0), D(0), ())


def test_totals_refuse_mixed_currencies() -> None:
    with pytest.raises(ValueError, match="cannot total a HUF line into a EUR document"):
        compute_totals([price_line(D(1), 1, D(0), D(27), "HUF")], "EUR")


def test_totals_json_round_trip() -> None:
    totals = compute_totals([price_line(D("10.10"), 3, D(0), D(27), "EUR")], "EUR")
    assert type(totals).model_validate_json(totals.model_dump_json()) == totals


# --------------------------------------------------------------------------- formatting


@pytest.mark.parametrize(
    ("amount", "currency", "locale", "expected"),
    [
        ("1234.5", "EUR", "en", "€1,234.50"),
        ("1234.5", "EUR", "de_DE", "1.234,50\xa0€"),
        ("1234.5", "HUF", "hu_HU", "1\xa0234,50\xa0Ft"),
        ("1234.5", "JPY", "en", "¥1,235"),
        ("0.125", "EUR", "en", "€0.13"),  # babel alone would round half-even to 0.12
    ],
)
def test_format_money(amount: str, currency: str, locale: str, expected: str) -> None:
    assert format_money(D(amount), currency, locale) == expected


# --------------------------------------------------------------------------- MoneyStr


class _Priced(BaseModel):
    amount: MoneyStr


@pytest.mark.parametrize("bad", [1.5, True, "NaN", "Infinity", "-inf", "sNaN", "ten"])
def test_money_str_refuses_floats_and_non_finite(bad: object) -> None:
    with pytest.raises(ValidationError):
        _Priced.model_validate({"amount": bad})


def test_money_str_refuses_json_numbers_with_a_fraction() -> None:
    # pydantic would read 12.50 through a float and store 12.5.
    with pytest.raises(ValidationError, match="exact decimal"):
        _Priced.model_validate_json('{"amount": 12.50}')


def test_money_str_serialises_as_fixed_point_string() -> None:
    assert _Priced(amount=D("12.50")).model_dump_json() == '{"amount":"12.50"}'
    assert _Priced(amount=D("1E+3")).model_dump_json() == '{"amount":"1000"}'
    assert _Priced(amount=D("12.50")).model_dump()["amount"] == D("12.50")


# --------------------------------------------------------------------------- properties

prices = st.decimals(min_value=0, max_value=100_000, places=4, allow_nan=False)
quantities = st.integers(min_value=0, max_value=100_000)
percents = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False)
currencies = st.sampled_from(["EUR", "HUF", "JPY", "KWD", "USD"])


@given(prices, quantities, percents, percents, currencies)
def test_line_invariants(
    price: Decimal, qty: int, discount: Decimal, rate: Decimal, currency: str
) -> None:
    line = price_line(price, qty, discount, rate, currency)
    exponent = -currency_precision(currency)
    for amount in (line.net, line.vat, line.gross, line.discount_amount):
        assert amount >= 0
        assert amount.as_tuple().exponent == exponent
        assert round_money(amount, currency) == amount  # already rounded: idempotent
    assert line.gross == line.net + line.vat
    assert line.net + line.discount_amount == round_money(price * qty, currency)
    assert line.vat <= line.net
    if discount == 0:
        assert line.discount_amount == 0


@given(st.decimals(allow_nan=False, allow_infinity=False, places=6), currencies)
def test_round_money_is_idempotent_and_close(amount: Decimal, currency: str) -> None:
    once = round_money(amount, currency)
    assert round_money(once, currency) == once
    assert abs(once - amount) <= D(1).scaleb(-currency_precision(currency)) / 2


@given(st.lists(st.tuples(prices, quantities, percents, st.sampled_from([0, 5, 18, 27]))))
def test_totals_are_sums_of_lines(rows: list[tuple[Decimal, int, Decimal, int]]) -> None:
    lines = [price_line(p, q, d, D(r), "EUR") for p, q, d, r in rows]
    totals = compute_totals(lines, "EUR")
    assert totals.gross == sum((line.gross for line in lines), D(0))
    assert totals.gross == totals.net + totals.vat
    assert sum((g.base for g in totals.vat_breakdown), D(0)) == totals.net
    assert sum((g.vat for g in totals.vat_breakdown), D(0)) == totals.vat
    assert [g.rate for g in totals.vat_breakdown] == sorted({D(r) for *_, r in rows}, reverse=True)
