"""Signal payloads: field-level validation with messages an agent can act on."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from salesdesk.sales.payloads import (
    NON_FIELD,
    AcceptedSignal,
    ApproveDiscountSignal,
    CancelSignal,
    ContactSignal,
    CustomerSignal,
    LineItem,
    LinesSignal,
    SubmitSignal,
    TermsSignal,
    field_errors,
)
from salesdesk.sales.vat import InvalidVatNumber, parse_vat_number

JARGON = ("Input should", "Value error", "pydantic", "validation error", "type=")


def errors(model: type[BaseModel], data: Any) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    result = field_errors(caught.value)
    for message in result.values():
        assert not any(word in message for word in JARGON), message
    return result


VALID_SIGNALS: list[tuple[type[BaseModel], dict[str, Any]]] = [
    (CustomerSignal, {"vat_number": "hu 12892312", "company_name": " Magyar Telekom Nyrt. "}),
    (CustomerSignal, {"vat_number": "DE136695976", "address": "Bonn, Friedrich-Ebert-Allee 140"}),
    (ContactSignal, {"name": "Kovács Anna", "email": "Anna@Example.HU", "phone": "+36 30 1234567"}),
    (ContactSignal, {"name": "Max Muster", "email": "max@example.de"}),
    (LinesSignal, {"items": [{"sku": "lap-tp-x1c-g12", "quantity": 2, "discount_percent": "7.5"},
                             {"sku": "BOOK-DDIA", "quantity": "3"}]}),
    (TermsSignal, {"payment_terms_days": 30, "delivery_date": "2026-03-31", "notes": "Gate 4"}),
    (TermsSignal, {"payment_terms_days": 0}),
    (SubmitSignal, {}),
    (CancelSignal, {"reason": "Customer chose another supplier"}),
    (ApproveDiscountSignal, {"approved": True, "comment": "Strategic customer"}),
    (ApproveDiscountSignal, {"approved": False}),
    (AcceptedSignal, {"order_number": "SO-2026-000123"}),
]  # fmt: skip


@pytest.mark.parametrize(("model", "data"), VALID_SIGNALS)
def test_valid_signals_round_trip_through_json(
    model: type[BaseModel], data: dict[str, Any]
) -> None:
    signal = model.model_validate(data)
    stored = signal.model_dump_json()
    # A stored signal validates again (replay, server) to exactly the same value.
    again = model.model_validate_json(stored)
    assert again == signal
    assert again.model_dump_json() == stored


def test_signals_are_frozen() -> None:
    signal = CancelSignal(reason="x")
    with pytest.raises(ValidationError):
        signal.reason = "y"  # type: ignore[misc]


# --------------------------------------------------------------------------- customer


def test_customer_vat_number_is_normalised() -> None:
    signal = CustomerSignal.model_validate({"vat_number": " el 094 259 216 "})
    assert signal.vat_number == "EL094259216"
    assert signal.company_name is None


@pytest.mark.parametrize("typed", ["DE136695977", "XX123", "", "GB123456789", "DE12"])
def test_customer_vat_error_is_the_vat_module_message(typed: str) -> None:
    with pytest.raises(InvalidVatNumber) as expected:
        parse_vat_number(typed.strip())
    assert errors(CustomerSignal, {"vat_number": typed}) == {"vat_number": str(expected.value)}


def test_customer_overrides() -> None:
    assert errors(CustomerSignal, {"vat_number": "DE136695976", "company_name": "  "}) == {
        "company_name": "must not be empty"
    }
    assert errors(CustomerSignal, {"vat_number": "DE136695976", "address": "x" * 501}) == {
        "address": "must be at most 500 characters"
    }
    assert errors(CustomerSignal, {"company_name": "ACME", "vat": "DE1"}) == {
        "vat_number": "is required",
        "vat": "is not a field of this form",
    }
    assert errors(CustomerSignal, {"vat_number": 136695976}) == {"vat_number": "must be text"}


# --------------------------------------------------------------------------- contact


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("+36 30 123 4567", "+36301234567"),
        ("+36 (1) 234-5678", "+3612345678"),
        ("0036 1 234 5678", "+3612345678"),
        ("+49 30 901820", "+4930901820"),
        ("+43 1 5131515", "+4315131515"),
        ("+1 650-253-0000", "+16502530000"),
        ("", None),
        ("   ", None),
        (None, None),
    ],
)
def test_contact_phone_is_e164(typed: str | None, stored: str | None) -> None:
    signal = ContactSignal.model_validate({"name": "Anna", "email": "a@example.hu", "phone": typed})
    assert signal.phone == stored


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("06 30 123 4567", "phone number must start with + and the country code, for example "
                           "+36 1 234 5678"),
        ("+36 1 23", "'+36 1 23' is not a valid phone number for country code +36 — check the "
                     "country code and the number of digits"),
        ("+36 1 234 5678 ext. 12", "phone extensions cannot be stored — enter the number "
                                   "without the extension"),
        ("call me", "phone number must start with + and the country code"),
        ("+", "'+' is not a phone number — write it like +36 1 234 5678"),
    ],
)  # fmt: skip
def test_contact_phone_errors(typed: str, message: str) -> None:
    found = errors(ContactSignal, {"name": "Anna", "email": "a@example.hu", "phone": typed})
    assert found["phone"].startswith(message)


def test_contact_email() -> None:
    signal = ContactSignal.model_validate({"name": "Anna", "email": " Anna@EXAMPLE.hu "})
    assert signal.email == "Anna@example.hu"
    found = errors(ContactSignal, {"name": "", "email": "anna@@example.hu"})
    assert found == {
        "name": "must not be empty",
        "email": "The part after the @-sign contains invalid characters: '@'.",
    }
    assert errors(ContactSignal, {"name": "A", "email": "anna.example.hu"}) == {
        "email": "An email address must have an @-sign."
    }
    assert errors(ContactSignal, {"name": "A", "email": ""}) == {"email": "e-mail address is empty"}


# --------------------------------------------------------------------------- lines


def test_line_item_defaults_and_normalisation() -> None:
    line = LineItem.model_validate({"sku": " lap-tp-x1c-g12 ", "quantity": "2"})
    assert (line.sku, line.quantity, line.discount_percent) == ("LAP-TP-X1C-G12", 2, Decimal(0))


@pytest.mark.parametrize(
    ("quantity", "message"),
    [
        (1.5, "must be a whole number greater than 0"),
        (2.0, "must be a whole number greater than 0"),
        (True, "must be a whole number greater than 0"),
        (0, "must be a whole number greater than 0"),
        (-3, "must be a whole number greater than 0"),
        ("1.5", "must be a whole number greater than 0"),
        ("two", "must be a whole number greater than 0"),
        ("1" * 5000, "must be a whole number greater than 0"),
        ("٣", "must be a whole number greater than 0"),
        (None, "must be a whole number greater than 0"),
        (100_001, "must be at most 100000"),
    ],
)
def test_line_quantity(quantity: Any, message: str) -> None:
    found = errors(LinesSignal, {"items": [{"sku": "A-1", "quantity": quantity}]})
    assert found == {"items.0.quantity": message}


@pytest.mark.parametrize(
    ("discount", "message"),
    [
        ("100.01", "must be between 0 and 100 percent"),
        ("-1", "must be between 0 and 100 percent"),
        ("12.345", "must have at most 2 decimal places"),
        ("NaN", "must be a finite number"),
        ("ten", "must be a number such as 12.5"),
        (12.5, 'must be an exact decimal such as "12.50" (text or Decimal), not a '
               "floating-point number"),
    ],
)  # fmt: skip
def test_line_discount(discount: Any, message: str) -> None:
    found = errors(LineItem, {"sku": "A-1", "quantity": 1, "discount_percent": discount})
    assert found == {"discount_percent": message}


@pytest.mark.parametrize("discount", ["0", "100", "12.5", "33.33", "12.500", 10, Decimal("7.50")])
def test_line_discount_valid(discount: Any) -> None:
    line = LineItem.model_validate({"sku": "A-1", "quantity": 1, "discount_percent": discount})
    assert line.discount_percent == Decimal(discount)


def test_line_sku_format() -> None:
    assert errors(LineItem, {"sku": "A 1", "quantity": 1}) == {
        "sku": "'A 1' is not a valid SKU — use 1 to 40 capital letters, digits and - . _ / "
        "(for example LAP-TP-X1C-G12)"
    }


def test_lines_count_limits() -> None:
    assert errors(LinesSignal, {"items": []}) == {"items": "must have at least one line"}
    assert errors(LinesSignal, {}) == {"items": "is required"}
    many = [{"sku": f"SKU-{n}", "quantity": 1} for n in range(501)]
    assert errors(LinesSignal, {"items": many}) == {"items": "must have at most 500 entries"}
    assert len(LinesSignal.model_validate({"items": many[:500]}).items) == 500


def test_lines_reject_duplicate_skus() -> None:
    data = {"items": [{"sku": "a-1", "quantity": 1}, {"sku": "B-2", "quantity": 1},
                      {"sku": "A-1", "quantity": 4}]}  # fmt: skip
    assert errors(LinesSignal, data) == {
        "items": "A-1 is on lines 1 and 3 — put it on one line with the total quantity"
    }


def test_only_line_errors_are_reported_for_bad_lines() -> None:
    # pydantic alone would also call the list "too short" when a line is invalid.
    data = {"items": [{"sku": "A-1", "quantity": 0}, {"sku": "B-2", "quantity": 1, "qty": 1}]}
    assert errors(LinesSignal, data) == {
        "items.0.quantity": "must be a whole number greater than 0",
        "items.1.qty": "is not a field of this form",
    }


# --------------------------------------------------------------------------- terms


DAYS = "must be a whole number of days from 0 to 120"
DATE_LIKE = "must be a date like 2026-03-31"


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"payment_terms_days": 121}, "payment_terms_days", "must be at most 120"),
        ({"payment_terms_days": -1}, "payment_terms_days", DAYS),
        ({"payment_terms_days": 30.0}, "payment_terms_days", DAYS),
        ({"payment_terms_days": False}, "payment_terms_days", DAYS),
        ({}, "payment_terms_days", "is required"),
        ({"delivery_date": "31.03.2026"}, "delivery_date", DATE_LIKE),
        (
            {"delivery_date": "2026-02-29"},
            "delivery_date",
            "2026-02-29 is not a date in the calendar",
        ),
        ({"delivery_date": "1926-03-31"}, "delivery_date", "year 1926 looks like a typo"),
        ({"delivery_date": 1774915200}, "delivery_date", DATE_LIKE),
        (
            {"delivery_date": datetime(2026, 3, 31, 12)},
            "delivery_date",
            "must be a date without a time, like 2026-03-31",
        ),
        ({"notes": "x" * 2001}, "notes", "must be at most 2000 characters"),
    ],
)
def test_terms_errors(data: dict[str, Any], field: str, message: str) -> None:
    if field != "payment_terms_days":
        data = {"payment_terms_days": 8, **data}
    assert errors(TermsSignal, data) == {field: message}


def test_terms_values() -> None:
    terms = TermsSignal.model_validate(
        {"payment_terms_days": "120", "delivery_date": date(2026, 3, 31), "notes": "   "}
    )
    assert (terms.payment_terms_days, terms.delivery_date, terms.notes) == (
        120,
        date(2026, 3, 31),
        None,
    )


# --------------------------------------------------------------------------- the rest


def test_submit_takes_nothing() -> None:
    assert errors(SubmitSignal, {"now": True}) == {"now": "is not a field of this form"}


def test_cancel_needs_a_reason() -> None:
    assert errors(CancelSignal, {"reason": "  "}) == {"reason": "must not be empty"}
    assert errors(CancelSignal, {}) == {"reason": "is required"}


@pytest.mark.parametrize("approved", ["yes", "true", 1, 0, None])
def test_approval_must_be_a_real_boolean(approved: Any) -> None:
    assert errors(ApproveDiscountSignal, {"approved": approved}) == {
        "approved": "must be true or false"
    }


def test_approval_from_json() -> None:
    signal = ApproveDiscountSignal.model_validate_json('{"approved": true, "comment": ""}')
    assert (signal.approved, signal.comment) == (True, None)


@pytest.mark.parametrize(
    "number", ["SO-26-123", "SO-2026-12345", "SO-2026-0001234", "PO-2026-000123", ""]
)
def test_order_number_format(number: str) -> None:
    assert errors(AcceptedSignal, {"order_number": number}) == {
        "order_number": "must look like SO-2026-000123"
    }


def test_order_number_is_upper_cased() -> None:
    assert AcceptedSignal(order_number=" so-2026-000123 ").order_number == "SO-2026-000123"


def test_non_field_errors_get_a_key() -> None:
    assert errors(SubmitSignal, "not a dict") == {
        NON_FIELD: "must be a group of fields (an object)"
    }


# --------------------------------------------------------------------------- fuzzing

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=8,
)
SIGNAL_MODELS = [CustomerSignal, ContactSignal, LineItem, LinesSignal, TermsSignal,
                 SubmitSignal, CancelSignal, ApproveDiscountSignal, AcceptedSignal]  # fmt: skip


@given(st.sampled_from(SIGNAL_MODELS), st.dictionaries(
    st.sampled_from(["vat_number", "company_name", "name", "email", "phone", "sku", "quantity",
                     "discount_percent", "items", "payment_terms_days", "delivery_date", "notes",
                     "reason", "approved", "comment", "order_number", "extra"]),
    json_values, max_size=5))  # fmt: skip
def test_any_input_gives_plain_messages_or_a_stable_signal(
    model: type[BaseModel], data: dict[str, Any]
) -> None:
    try:
        signal = model.model_validate(data)
    except ValidationError as exc:
        for key, message in field_errors(exc).items():
            assert message, key
            assert not any(word in message for word in JARGON), (key, message)
    else:
        assert model.model_validate_json(signal.model_dump_json()) == signal
