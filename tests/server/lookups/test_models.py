"""The shared lookup models: normalisation, field errors, Decimal as text, outcome rules."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError
from stdnum.eu import vat as eu_vat

from salesdesk.sales.lookup_models import (
    AddressCheckInput,
    CompanyLookupInput,
    CreditCheckInput,
    CreditDecision,
    LookupOutcome,
)
from salesdesk.server.demo_upstreams import COMPANIES, PLACES, TEST_NUMBERS


@pytest.mark.parametrize(
    ("country", "number", "expected"),
    [
        ("DE", "812453790", ("DE", "812453790")),
        ("de", "DE 812 453 790", ("DE", "812453790")),
        ("GR", "EL094259216", ("EL", "094259216")),
        ("EL", "GR-094.259.216", ("EL", "094259216")),
        ("FR", "FR64443061841", ("FR", "64443061841")),
        ("FR", "64443061841", ("FR", "64443061841")),
        ("AT", "ATU36417515", ("AT", "U36417515")),
        ("NL", "812345678b01", ("NL", "812345678B01")),
        ("IT", "100", ("IT", "100")),  # VIES test-service numbers must pass through
    ],
)
def test_company_input_is_normalised(country: str, number: str, expected: tuple[str, str]) -> None:
    query = CompanyLookupInput(country_code=country, vat_number=number)
    assert (query.country_code, query.vat_number) == expected


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"country_code": "US", "vat_number": "123456789"}, "country_code"),
        ({"country_code": "DE", "vat_number": "1"}, "vat_number"),
        ({"country_code": "DE", "vat_number": "12345678901234"}, "vat_number"),
        ({"country_code": "DE", "vat_number": "12#45"}, "vat_number"),
        ({"country_code": "DE"}, "vat_number"),
        ({"country_code": "DE", "vat_number": "123456789", "extra": 1}, "extra"),
    ],
)
def test_company_input_errors_name_the_field(payload: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as info:
        CompanyLookupInput.model_validate(payload)
    assert field in {str(error["loc"][0]) for error in info.value.errors()}


def test_credit_input_keeps_money_exact_as_text() -> None:
    query = CreditCheckInput.model_validate(
        {
            "country_code": "DE",
            "vat_number": "812453790",
            "gross_total": "1234.10",
            "currency": "eur",
        }
    )
    data = json.loads(query.model_dump_json())
    assert data["gross_total"] == "1234.10"
    assert data["currency"] == "EUR"
    with pytest.raises(ValidationError):
        CreditCheckInput(country_code="DE", vat_number="812453790", gross_total=Decimal("-1"))
    with pytest.raises(ValidationError):
        CreditCheckInput.model_validate(
            {"country_code": "DE", "vat_number": "812453790", "gross_total": "NaN"}
        )


@given(st.decimals(min_value=0, max_value=Decimal("1e12"), places=2, allow_nan=False))
def test_credit_amount_survives_the_wire(amount: Decimal) -> None:
    query = CreditCheckInput(country_code="FR", vat_number="64443061841", gross_total=amount)
    again = CreditCheckInput.model_validate_json(query.model_dump_json())
    assert again.gross_total == amount
    assert isinstance(json.loads(query.model_dump_json())["gross_total"], str)


def test_address_input_maps_vies_codes_to_iso() -> None:
    assert AddressCheckInput(address="Ermou 25", country_code="el").country_code == "GR"
    assert AddressCheckInput(address="Ermou 25", country_code="").country_code is None
    with pytest.raises(ValidationError):
        AddressCheckInput(address="Ermou 25", country_code="Greece")


def test_outcome_rules() -> None:
    decision = CreditDecision(approved=True, limit=Decimal("10.50"), rating="A", reference="R")
    ok = LookupOutcome.ok(decision)
    assert ok.result is not None and ok.result["limit"] == "10.50"
    assert CreditDecision.model_validate(ok.result) == decision
    with pytest.raises(ValidationError):
        LookupOutcome(status="ok")
    with pytest.raises(ValidationError):
        LookupOutcome(status="retryable", code="X")  # no message for the agent
    with pytest.raises(ValidationError):
        ok.model_copy().__setattr__("status", "permanent")  # frozen


def test_demo_companies_have_checksum_valid_unique_vat_numbers() -> None:
    seen = set()
    for company in COMPANIES:
        full = company.country_code + company.vat_number
        assert eu_vat.is_valid(full), full
        assert (
            CompanyLookupInput(
                country_code=company.country_code, vat_number=company.vat_number
            ).vat_number
            == company.vat_number
        )
        seen.add(full)
    assert len(seen) == len(COMPANIES) >= 30
    assert len({c.country_code for c in COMPANIES}) >= 10
    assert len(PLACES) >= 30
    assert set(TEST_NUMBERS) >= {"100", "200", "201", "202", "300", "301", "302", "600"}
