"""Offline EU VAT number checks: real numbers from many member states, clear errors."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.eu import vat as stdnum_vat

from salesdesk.sales.vat import InvalidVatNumber, VatNumber, is_valid_vat, parse_vat_number

# Publicly listed VAT numbers of well-known companies and public bodies, as people
# type them (spaces, dots, dashes, lower case) -> the compact VIES form.
VALID = [
    ("DE 136 695 976", "DE136695976"),
    ("nl004495445b01", "NL004495445B01"),
    ("BE 0403.170.701", "BE0403170701"),
    ("ATU 13585627", "ATU13585627"),
    ("FR 40 303 265 045", "FR40303265045"),
    ("IT-00743110157", "IT00743110157"),
    ("HU12892312", "HU12892312"),
    ("ES A28015865", "ESA28015865"),
    ("PL 526-025-09-95", "PL5260250995"),
    ("DK 13 58 56 28", "DK13585628"),
    ("IE6388047V", "IE6388047V"),
    ("IE 8Z49289F", "IE8Z49289F"),  # old-style Irish format
    ("SE 5567 0374 8501", "SE556703748501"),
    ("EL 094 259 216", "EL094259216"),
    ("CZ00177041", "CZ00177041"),
    ("PT 500 697 256", "PT500697256"),
    ("FI20774740", "FI20774740"),
    ("LU15027442", "LU15027442"),
    ("SK2020317068", "SK2020317068"),
    ("SI50223054", "SI50223054"),
    ("LT100001919017", "LT100001919017"),
    ("CY10259033P", "CY10259033P"),
    ("HR33392005961", "HR33392005961"),
    ("MT11679112", "MT11679112"),
    ("LV40003009497", "LV40003009497"),
    ("EE100247019", "EE100247019"),
    ("BG175074752", "BG175074752"),
]


@pytest.mark.parametrize(("typed", "full"), VALID)
def test_valid_numbers(typed: str, full: str) -> None:
    assert stdnum_vat.is_valid(full), "test data must be valid according to stdnum itself"
    parsed = parse_vat_number(typed)
    assert parsed.full == full
    assert parsed == VatNumber(full[:2], full[2:])
    assert str(parsed) == full
    assert is_valid_vat(typed)


def test_valid_numbers_cover_many_countries() -> None:
    assert len({full[:2] for _, full in VALID}) >= 20


@pytest.mark.parametrize(
    ("typed", "country", "full"),
    [
        ("136695976", "DE", "DE136695976"),
        ("136695976", "de", "DE136695976"),
        ("DE136695976", "DE", "DE136695976"),
        ("U13585627", "AT", "ATU13585627"),
        ("094259216", "GR", "EL094259216"),  # ISO code for Greece
        ("094259216", "EL", "EL094259216"),  # VIES code for Greece
        ("GR094259216", "GR", "EL094259216"),
        ("EL094259216", "GR", "EL094259216"),
        ("40303265045", "FR", "FR40303265045"),
        ("12892312", "HU", "HU12892312"),
    ],
)
def test_country_given_makes_prefix_optional(typed: str, country: str, full: str) -> None:
    assert parse_vat_number(typed, country).full == full


def test_greece_uses_el_in_vies_and_gr_in_iso() -> None:
    parsed = parse_vat_number("GR094259216")
    assert parsed.country_code == "EL"
    assert parsed.iso_country == "GR"
    assert parse_vat_number("DE136695976").iso_country == "DE"


def test_belgian_nine_digit_numbers_are_completed() -> None:
    assert parse_vat_number("BE403170701").full == "BE0403170701"


@pytest.mark.parametrize(
    ("typed", "country", "code", "message"),
    [
        (
            "DE136695977",
            None,
            "checksum",
            "DE136695977: check digit does not match — check for a typo",
        ),
        (
            "XX123456789",
            None,
            "unknown_country",
            "unknown country prefix 'XX' — VAT numbers start with an EU country code such as "
            "DE, FR, HU",
        ),
        (
            "",
            None,
            "empty",
            "VAT number is empty — enter it with its country code, e.g. DE136695976",
        ),
        (
            "   ",
            None,
            "empty",
            "VAT number is empty — enter it with its country code, e.g. DE136695976",
        ),
        (
            "DE12345",
            None,
            "length",
            "DE12345: wrong length for a German VAT number — expected 9 digits after DE, "
            "got 5 characters",
        ),
        (
            "NL004495445B012",
            None,
            "length",
            "NL004495445B012: wrong length for a Dutch VAT number — expected 9 digits, the "
            "letter B and 2 digits after NL, got 13 characters",
        ),
        (
            "IT0074311015",
            None,
            "length",
            "IT0074311015: wrong length for an Italian VAT number — expected 11 digits",
        ),
        (
            "SE55670374850",
            None,
            "format",
            "SE55670374850: not in the Swedish format — expected 12 digits ending in 01 after SE",
        ),
        (
            "ATX13585627",
            None,
            "format",
            "ATX13585627: not in the Austrian format — expected the letter U and 8 digits after AT",
        ),
        (
            "BE2403170701",
            None,
            "component",
            "BE2403170701: cannot be a Belgian VAT number (a fixed part such as the first digits "
            "is wrong) — expected 10 digits starting with 0 or 1 after BE",
        ),
        ("FR40303265046", None, "checksum", "FR40303265046: check digit does not match"),
        ("HU12892313", None, "checksum", "HU12892313: check digit does not match"),
        ("IT00743110158", None, "checksum", "IT00743110158: check digit does not match"),
        ("PL5260250996", None, "checksum", "PL5260250996: check digit does not match"),
        (
            "GB123456789",
            None,
            "unknown_country",
            "GB VAT numbers are not EU VAT numbers since 2021",
        ),
        ("136695976", None, "missing_country", "136695976: missing country code"),
        ("DE", None, "length", "DE: only the country code was entered — add the 9 digits"),
        (
            "FR40303265045",
            "DE",
            "country_mismatch",
            "FR40303265045: starts with FR, but the customer's country is DE",
        ),
        ("123456789", "US", "unknown_country", "country 'US' has no EU VAT numbers"),
        ("DE1366ß5976", None, "characters", "contains 'ß', which cannot be part of a VAT number"),
        ("DE136695976, DE136695976", None, "characters", "contains ','"),
        ("DE" + "1" * 60, None, "too_long", "VAT number is too long (62 characters)"),
    ],
)
def test_invalid_numbers_say_what_is_wrong(
    typed: str, country: str | None, code: str, message: str
) -> None:
    with pytest.raises(InvalidVatNumber) as caught:
        parse_vat_number(typed, country)
    assert caught.value.code == code
    assert message in str(caught.value)
    assert isinstance(caught.value, ValueError)
    assert not is_valid_vat(typed, country)


def test_french_key_of_two_letters_is_not_taken_for_a_country() -> None:
    # French check keys may be letters; with country FR, a key that happens to look like
    # another country code must still be read as part of the French number.
    import stdnum.fr.siren as siren

    number = next(
        f"FR{key}{body}"
        for body in ("303265045", "542065479", "552100554")
        if siren.is_valid(body)
        for key in ("HU", "DE", "AT", "BE", "SE")
        if stdnum_vat.is_valid(f"FR{key}{body}")
    )
    assert parse_vat_number(number[2:], "FR").full == number


separators = st.lists(st.sampled_from([" ", ".", "-", "\t"]), max_size=2).map("".join)


@given(st.sampled_from([full for _, full in VALID]), st.data())
def test_normalisation_is_forgiving_and_idempotent(full: str, data: st.DataObject) -> None:
    pieces = [c + data.draw(separators) for c in full]
    typed = "".join(c.lower() if data.draw(st.booleans()) else c for c in "".join(pieces))
    parsed = parse_vat_number(typed)
    assert parsed.full == full
    assert parse_vat_number(parsed.full) == parsed
    assert parse_vat_number(parsed.number, parsed.country_code) == parsed


@given(st.text(max_size=30))
def test_arbitrary_text_never_crashes(text: str) -> None:
    try:
        parsed = parse_vat_number(text)
    except InvalidVatNumber as exc:
        assert str(exc)
    else:
        assert stdnum_vat.is_valid(parsed.full)
