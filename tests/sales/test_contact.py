"""E-mail and phone normalisation, offline."""

from __future__ import annotations

import pytest

from salesdesk.sales.contact import InvalidContact, normalize_email, normalize_phone


def test_email_domain_is_lower_cased_local_part_kept() -> None:
    assert normalize_email("  Kovacs.Anna@Telekom.HU ") == "Kovacs.Anna@telekom.hu"


def test_international_email_is_accepted() -> None:
    assert normalize_email("anna@müller.de") == "anna@müller.de"


@pytest.mark.parametrize("bad", ["", "anna", "anna@", "@example.com", "a b@example.com", "a@b"])
def test_bad_emails(bad: str) -> None:
    with pytest.raises(InvalidContact):
        normalize_email(bad)


def test_email_check_needs_no_network() -> None:
    # A syntactically fine address at a domain that does not exist is accepted:
    # deliverability would make validation depend on DNS, which replay cannot.
    assert normalize_email("a@no-such-domain-for-salesdesk.invalid.example")


@pytest.mark.parametrize(
    ("raw", "e164"),
    [
        ("+36 1 234 5678", "+3612345678"),
        ("+36-30-123-4567", "+36301234567"),
        ("0049 89 1234567", "+49891234567"),
        ("+420 224 004 111", "+420224004111"),
    ],
)
def test_phone_e164(raw: str, e164: str) -> None:
    assert normalize_phone(raw) == e164
    assert normalize_phone(e164) == e164  # idempotent


@pytest.mark.parametrize("bad", ["", "06 1 234 5678", "+36 1", "+999 1234567", "x" * 41])
def test_bad_phones(bad: str) -> None:
    with pytest.raises(InvalidContact):
        normalize_phone(bad)
