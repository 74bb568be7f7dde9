"""Every rule of the sale: field-level refusals that record nothing, discounts, money."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from salesdesk import flow
from salesdesk.sales.service import SalePolicy, SalesService

from .support import (
    CONTACT,
    HU,
    LINES,
    Clock,
    ServiceFactory,
    current,
    fill_sale,
    run_lookups,
    step_status,
    terms,
    write_price_list,
)


def refused(svc: SalesService, wid: str, name: str, payload: Any) -> dict[str, str]:
    """Send a signal that must be refused; return its field messages. Nothing is recorded."""
    before = [e.to_json() for e in svc.engine.history(wid)]
    with pytest.raises(flow.SignalRejected) as rejection:
        svc.signal(wid, name, payload)
    assert [e.to_json() for e in svc.engine.history(wid)] == before, "a refusal recorded events"
    return rejection.value.fields


# --------------------------------------------------------------------------- customer
VALID_VAT = {
    "DE136695976": ("DE", "136695976"),
    "de 136 695 976": ("DE", "136695976"),
    "HU-12892312": ("HU", "12892312"),
    "FR40303265045": ("FR", "40303265045"),
    "NL004495445B01": ("NL", "004495445B01"),
    "ATU13585627": ("AT", "U13585627"),
    "IT00743110157": ("IT", "00743110157"),
    "BE0403170701": ("BE", "0403170701"),
    "ESA28015865": ("ES", "A28015865"),
    "PL5260250274": ("PL", "5260250274"),
    "GR094019245": ("EL", "094019245"),
    "SE556036079301": ("SE", "556036079301"),
}


def test_real_vat_numbers_of_several_countries_pass_the_offline_check(svc: SalesService) -> None:
    wid = svc.new_sale()
    for raw in VALID_VAT:
        svc.validate(wid, "customer", {"vat_number": raw})  # as-you-type check: no error
    assert len(svc.engine.history(wid)) == 2  # validating records nothing

    for raw, (country, national) in VALID_VAT.items():
        svc.signal(wid, "customer", {"vat_number": raw})
        customer = svc.summary(wid).steps[0].data
        assert customer is not None
        assert (customer["vat_number"], customer["country_code"], customer["national_number"]) == (
            country + national,
            country,
            national,
        )
        assert current(svc.summary(wid), "company").input == {
            "country_code": country,
            "vat_number": national,
        }


@pytest.mark.parametrize(
    ("payload", "fields"),
    [
        (
            {"vat_number": "DE136695978"},
            {"vat_number": "DE136695978: check digit does not match — check for a typo"},
        ),
        (
            {"vat_number": "HU12892313"},
            {"vat_number": "HU12892313: check digit does not match — check for a typo"},
        ),
        (
            {"vat_number": "DE12345"},
            {
                "vat_number": "DE12345: wrong length for a German VAT number — expected "
                "9 digits after DE, got 5 characters"
            },
        ),
        (
            {"vat_number": "12892312"},
            {
                "vat_number": "12892312: missing country code — VAT numbers start with an EU "
                "country code such as DE, FR, HU (e.g. DE136695976)"
            },
        ),
        (
            {"vat_number": "GB980780684"},
            {
                "vat_number": "GB VAT numbers are not EU VAT numbers since 2021 — only "
                "Northern Ireland traders have one, starting with XI"
            },
        ),
        (
            {"vat_number": ""},
            {
                "vat_number": "VAT number is empty — enter it with its country code, "
                "e.g. DE136695976"
            },
        ),
        ({}, {"vat_number": "is required"}),
        ({"vat_number": HU, "company_name": ""}, {"company_name": "must not be empty"}),
        ({"vat_number": HU, "tax_id": "1"}, {"tax_id": "is not a known field; remove it"}),
    ],
)
def test_invalid_customer_is_refused_with_field_messages(
    svc: SalesService, payload: dict[str, Any], fields: dict[str, str]
) -> None:
    wid = svc.new_sale()
    assert refused(svc, wid, "customer", payload) == fields
    assert svc.summary(wid).lookups == ()


def test_contact_rules(svc: SalesService) -> None:
    wid = svc.new_sale()
    assert refused(svc, wid, "contact", {"name": "Anna", "email": "anna.example.com"}) == {
        "email": "An email address must have an @-sign."
    }
    assert refused(
        svc, wid, "contact", {"name": " ", "email": "a@example.hu", "phone": "06 30 123 4567"}
    ) == {
        "name": "must not be empty",
        "phone": "phone number must start with + and the country code, for example +36 1 234 5678",
    }
    assert refused(
        svc, wid, "contact", {"name": "Anna", "email": "a@example.hu", "phone": "+36 1 234"}
    ) == {
        "phone": "'+36 1 234' is not a valid phone number for country code +36 — check the "
        "country code and the number of digits"
    }
    assert refused(svc, wid, "contact", {"name": "Anna"}) == {"email": "is required"}

    svc.signal(
        wid, "contact", {"name": "Anna", "email": "Anna@Example.HU", "phone": "0036 1 234 5678"}
    )
    # Stored canonical: domain lower-cased, phone in E.164; an empty phone means none.
    assert svc.summary(wid).contact == {
        "name": "Anna",
        "email": "Anna@example.hu",
        "phone": "+3612345678",
    }
    svc.signal(wid, "contact", {"name": "Anna", "email": "anna@example.hu", "phone": ""})
    assert svc.summary(wid).contact == {"name": "Anna", "email": "anna@example.hu", "phone": None}


def test_line_rules(svc: SalesService) -> None:
    wid = svc.new_sale()
    line = {"sku": "LAP-1", "quantity": 1}
    assert refused(
        svc,
        wid,
        "lines",
        {"items": [line, {"sku": "NOPE-1", "quantity": 1}, {"sku": "x-9", "quantity": 2}]},
    ) == {
        "items.1.sku": "NOPE-1 is not in price list T-2026.1; pick a product from the list",
        "items.2.sku": "X-9 is not in price list T-2026.1; pick a product from the list",
    }
    assert refused(
        svc,
        wid,
        "lines",
        {
            "items": [
                {"sku": "LAP-1", "quantity": 0},
                {"sku": "CAB-M", "quantity": 100_001, "discount_percent": "100.01"},
                {"sku": "BOOK-1", "quantity": 1.5, "discount_percent": "-1"},
                {"sku": "MILK-12", "quantity": "two", "discount_percent": "12.345"},
            ]
        },
    ) == {
        "items.0.quantity": "must be a whole number greater than 0",
        "items.1.quantity": "must be at most 100000",
        "items.1.discount_percent": "must be between 0 and 100 percent",
        "items.2.quantity": "must be a whole number greater than 0",
        "items.2.discount_percent": "must be between 0 and 100 percent",
        "items.3.quantity": "must be a whole number greater than 0",
        "items.3.discount_percent": "must have at most 2 decimal places",
    }
    assert refused(svc, wid, "lines", {"items": []}) == {"items": "must have at least one line"}
    assert refused(svc, wid, "lines", {"items": [line, {"sku": "lap-1", "quantity": 2}]}) == {
        "items": "LAP-1 is on lines 1 and 2 — put it on one line with the total quantity"
    }

    # The bounds themselves are allowed.
    svc.signal(
        wid,
        "lines",
        {
            "items": [
                {"sku": "LAP-1", "quantity": 1, "discount_percent": "0"},
                {"sku": "CAB-M", "quantity": 100_000, "discount_percent": "15"},
            ]
        },
    )
    assert [(v.sku, v.quantity, v.discount_percent) for v in svc.summary(wid).lines] == [
        ("LAP-1", 1, "0"),
        ("CAB-M", 100000, "15"),
    ]


def test_terms_rules_compare_the_delivery_date_with_the_signal_time(
    svc: SalesService, clock: Clock
) -> None:
    wid = svc.new_sale()  # on START; nothing else happens for ten days
    clock.advance(days=10)
    assert refused(svc, wid, "terms", terms(days_from_start=9)) == {
        "delivery_date": "is in the past; choose today or a later date"
    }
    assert refused(
        svc, wid, "terms", {"payment_terms_days": 121, "delivery_date": "2026-02-30"}
    ) == {
        "payment_terms_days": "must be at most 120",
        "delivery_date": "2026-02-30 is not a date in the calendar",
    }
    svc.signal(wid, "terms", terms(days_from_start=10, payment_days=0))  # today is fine
    assert svc.summary(wid).terms == {
        "payment_terms_days": 0,
        "delivery_date": "2026-03-12",
        "notes": None,
    }
    svc.signal(wid, "terms", {"payment_terms_days": "120", "notes": "ring twice"})
    assert svc.summary(wid).terms == {
        "payment_terms_days": 120,
        "delivery_date": None,
        "notes": "ring twice",
    }


# --------------------------------------------------------------------------- discounts
DISCOUNTED = {
    "items": [
        {"sku": "LAP-1", "quantity": 2, "discount_percent": "20"},
        {"sku": "BOOK-1", "quantity": 1, "discount_percent": "10"},
    ]
}
APPROVAL_NEEDED = "a manager must approve the 20% discount (above 15%)"


def test_discount_above_the_threshold_needs_a_managers_approval(svc: SalesService) -> None:
    wid = svc.new_sale()
    fill_sale(svc, wid, lines=DISCOUNTED)
    s = svc.summary(wid)
    assert (s.status, s.problems) == ("awaiting_approval", (APPROVAL_NEEDED,))
    assert s.approval.model_dump() == {
        "required": True,
        "status": "pending",
        "max_discount": "20",
        "threshold": "15",
        "comment": None,
        "decided_by": None,
    }
    assert svc.sales()[0].listing["needs_approval"] is True  # type: ignore[index]
    assert refused(svc, wid, "submit", {}) == {"": APPROVAL_NEEDED}

    svc.engine.signal(
        wid, "approve_discount", {"approved": True, "comment": "key account"}, origin="server:maria"
    )
    s = svc.summary(wid)
    assert (s.status, s.problems) == ("ready", ())
    assert (s.approval.status, s.approval.decided_by, s.approval.comment) == (
        "approved",
        "maria",
        "key account",
    )
    assert svc.timeline(wid)[-1].text == "Discount approved — key account"
    assert svc.timeline(wid)[-1].who == "manager maria"

    # Any change to the discounted lines needs a fresh decision...
    changed = {"items": [{**DISCOUNTED["items"][0], "quantity": 3}, DISCOUNTED["items"][1]]}
    svc.signal(wid, "lines", changed)
    run_lookups(svc)
    s = svc.summary(wid)
    assert (s.status, s.approval.status, s.problems) == (
        "draft",
        "pending",
        ("Terms must be confirmed again (confirm again: Lines changed)", APPROVAL_NEEDED),
    )
    svc.signal(wid, "terms", terms())
    s = svc.summary(wid)
    assert (s.status, s.problems) == ("awaiting_approval", (APPROVAL_NEEDED,))
    # ...and lowering the discount to the threshold needs none.
    svc.signal(wid, "lines", {"items": [{"sku": "LAP-1", "quantity": 3, "discount_percent": "15"}]})
    run_lookups(svc)
    svc.signal(wid, "terms", terms())
    s = svc.summary(wid)
    assert (s.status, s.approval.required, s.approval.status) == ("ready", False, "not_needed")
    svc.signal(wid, "submit", {})
    assert svc.summary(wid).status == "submitted"


def test_rejected_discount_is_shown_and_blocks_submission(svc: SalesService) -> None:
    wid = svc.new_sale()
    fill_sale(svc, wid, lines=DISCOUNTED)
    svc.engine.signal(
        wid,
        "approve_discount",
        {"approved": False, "comment": "max 15% for this customer"},
        origin="server:maria",
    )
    s = svc.summary(wid)
    problem = "the manager rejected the discount: max 15% for this customer; lower it to resubmit"
    assert (s.status, s.problems, s.approval.status) == ("draft", (problem,), "rejected")
    assert refused(svc, wid, "submit", {}) == {"": problem}


def test_discount_threshold_comes_from_the_policy(make_service: ServiceFactory) -> None:
    svc = make_service(policy=SalePolicy(discount_approval_threshold=Decimal(25)))
    wid = svc.new_sale()
    fill_sale(svc, wid, lines=DISCOUNTED)
    s = svc.summary(wid)
    assert (s.status, s.approval.required, s.approval.threshold) == ("ready", False, "25")


# --------------------------------------------------------------------------- money
MIXED_LINES = {
    "items": [
        {"sku": "LAP-1", "quantity": 3, "discount_percent": "5"},
        {"sku": "CAB-M", "quantity": 305, "discount_percent": "7.5"},
        {"sku": "BOOK-1", "quantity": 1},
        {"sku": "MILK-12", "quantity": 7, "discount_percent": "10"},
        {"sku": "TRAIN-D", "quantity": 2},
    ]
}


def test_money_per_line_rounding_half_up_and_vat_breakdown(svc: SalesService) -> None:
    """Hand-computed:
    LAP-1   3 x 1289.00 = 3867.00, -5%   -> net 3673.65, VAT 27% 991.8855 -> 991.89
    CAB-M 305 x 0.8450  = 257.725 -> 257.73 list; -7.5% 238.395625 -> 238.40 net
            (discount 19.33), VAT 27% 64.368 -> 64.37
    BOOK-1  1 x 36.90 = 36.90, VAT 5% 1.845 -> 1.85 (half up; half-even would give 1.84)
    MILK-12 7 x 11.90 = 83.30, -10% -> 74.97 (discount 8.33), VAT 18% 13.4946 -> 13.49
    TRAIN-D 2 x 690.00 = 1380.00, VAT 0% -> 0.00
    """
    wid = svc.new_sale()
    svc.signal(wid, "lines", MIXED_LINES)
    s = svc.summary(wid)
    assert [(v.sku, v.unit_price, v.vat_rate, v.net, v.vat, v.gross) for v in s.lines] == [
        ("LAP-1", "1289.00", "27", "3673.65", "991.89", "4665.54"),
        ("CAB-M", "0.8450", "27", "238.40", "64.37", "302.77"),
        ("BOOK-1", "36.90", "5", "36.90", "1.85", "38.75"),
        ("MILK-12", "11.90", "18", "74.97", "13.49", "88.46"),
        ("TRAIN-D", "690.00", "0", "1380.00", "0.00", "1380.00"),
    ]
    assert [(v.name, v.unit, v.discount_percent) for v in s.lines][1] == (
        "Cat 6A cable by the metre",
        "m",
        "7.5",
    )
    t = s.totals.model_dump()
    assert t == {
        "currency": "EUR",
        "net": "5403.92",
        "discount": "221.01",
        "vat": "1071.60",
        "gross": "6475.52",
        "vat_breakdown": (
            {"rate": "27", "base": "3912.05", "vat": "1056.26"},
            {"rate": "18", "base": "74.97", "vat": "13.49"},
            {"rate": "5", "base": "36.90", "vat": "1.85"},
            {"rate": "0", "base": "1380.00", "vat": "0.00"},
        ),
    }


def test_currency_and_its_precision_come_from_the_price_list(
    make_service: ServiceFactory, tmp_path: Path
) -> None:
    """JPY has no minor unit: 3 x 1289 = 3867, -5% = 3673.65 -> 3674; VAT 27% 991.98 -> 992."""
    yen = write_price_list(tmp_path / "yen.json", version="T-JPY", currency="JPY")
    svc = make_service(price_list=yen)
    wid = svc.new_sale()
    svc.signal(wid, "customer", {"vat_number": HU})
    svc.signal(wid, "lines", LINES)
    s = svc.summary(wid)
    assert s.totals.model_dump() == {
        "currency": "JPY",
        "net": "3674",
        "discount": "193",
        "vat": "992",
        "gross": "4666",
        "vat_breakdown": ({"rate": "27", "base": "3674", "vat": "992"},),
    }
    assert s.price_list_version == "T-JPY"
    assert current(s, "credit").input["currency"] == "JPY"
    assert current(s, "credit").input["gross_total"] == "4666"


def test_submit_refused_with_plain_reasons_until_every_step_is_done(svc: SalesService) -> None:
    wid = svc.new_sale()
    svc.signal(wid, "contact", CONTACT)
    assert refused(svc, wid, "submit", {}) == {
        "": "Customer is not filled in yet; Lines is not filled in yet; Terms is not filled in yet"
    }
    # A customer entered after the contact makes the contact a suggestion to confirm again.
    svc.signal(wid, "customer", {"vat_number": HU})
    s = svc.summary(wid)
    assert (s.steps[1].status, s.steps[1].note) == ("stale", "confirm again: Customer changed")
    assert (s.current_step, s.status) == ("contact", "awaiting_lookups")
    assert refused(svc, wid, "submit", {}) == {
        "": "Contact must be confirmed again (confirm again: Customer changed); "
        "Lines is not filled in yet; Terms is not filled in yet"
    }
    svc.signal(wid, "contact", CONTACT)  # confirming unchanged data clears the note
    assert step_status(svc.summary(wid))["contact"] == "done"
    assert svc.summary(wid).steps[1].note is None
