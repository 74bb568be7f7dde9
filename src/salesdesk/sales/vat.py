"""EU VAT numbers checked offline: normalisation, format and check digit per member state.

This only says whether a number *can* exist; whether it is registered is a VIES
lookup, which runs as an activity because it needs the network. The offline check
catches typos at the keyboard, where fixing them is cheap, and its messages are
written for the agent who typed the number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from stdnum import exceptions as stdnum_errors
from stdnum.eu import vat as stdnum_vat

__all__ = ["InvalidVatNumber", "VatNumber", "is_valid_vat", "normalize_vat", "parse_vat_number"]


@dataclass(frozen=True, slots=True)
class _Country:
    name: str
    shape: str  # what follows the country code, in the words an agent understands

    @property
    def a_name(self) -> str:
        return ("an " if self.name[0] in "AEIOU" else "a ") + self.name


# Keyed by the VIES prefix: Greece is EL in VAT numbers (GR is only its ISO code) and
# Northern Ireland traders keep EU VAT numbers under XI after Brexit.
_COUNTRIES: Final[dict[str, _Country]] = {
    "AT": _Country("Austrian", "the letter U and 8 digits"),
    "BE": _Country("Belgian", "10 digits starting with 0 or 1"),
    "BG": _Country("Bulgarian", "9 or 10 digits"),
    "CY": _Country("Cypriot", "8 digits and a letter"),
    "CZ": _Country("Czech", "8, 9 or 10 digits"),
    "DE": _Country("German", "9 digits"),
    "DK": _Country("Danish", "8 digits"),
    "EE": _Country("Estonian", "9 digits"),
    "EL": _Country("Greek", "9 digits"),
    "ES": _Country("Spanish", "9 characters: a letter or digit, 7 digits, a letter or digit"),
    "FI": _Country("Finnish", "8 digits"),
    "FR": _Country("French", "2 check characters and the 9-digit SIREN"),
    "HR": _Country("Croatian", "11 digits"),
    "HU": _Country("Hungarian", "8 digits"),
    "IE": _Country("Irish", "7 digits and one or two letters"),
    "IT": _Country("Italian", "11 digits"),
    "LT": _Country("Lithuanian", "9 or 12 digits"),
    "LU": _Country("Luxembourg", "8 digits"),
    "LV": _Country("Latvian", "11 digits"),
    "MT": _Country("Maltese", "8 digits"),
    "NL": _Country("Dutch", "9 digits, the letter B and 2 digits"),
    "PL": _Country("Polish", "10 digits"),
    "PT": _Country("Portuguese", "9 digits"),
    "RO": _Country("Romanian", "2 to 10 digits"),
    "SE": _Country("Swedish", "12 digits ending in 01"),
    "SI": _Country("Slovenian", "8 digits"),
    "SK": _Country("Slovak", "10 digits"),
    "XI": _Country("Northern Ireland", "9 or 12 digits"),
}
_ISO_ALIASES: Final[dict[str, str]] = {"GR": "EL"}
_VIES_TO_ISO: Final[dict[str, str]] = {"EL": "GR", "XI": "GB"}

# Separators people type or copy from letterheads; anything else that is not a
# letter or digit is reported rather than silently dropped.
_SEPARATORS = re.compile(r"[\s.\-]+")
# '+' and '*' occur in old-style Irish numbers. ASCII only, checked before upper-casing
# so that e.g. 'ß' is reported instead of turning into 'SS'.
_ALLOWED = re.compile(r"[A-Za-z0-9+*]+")
_MAX_INPUT = 40
_EXAMPLE = "e.g. DE136695976"


class InvalidVatNumber(ValueError):
    """The text cannot be an EU VAT number; str(exc) tells the agent what to fix.

    `code` is a stable machine-readable reason: empty, too_long, characters,
    missing_country, unknown_country, country_mismatch, length, format, component,
    checksum.
    """

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True, slots=True)
class VatNumber:
    """A VAT number that passed the offline check, in VIES form."""

    country_code: str  # VIES prefix: EL for Greece, XI for Northern Ireland
    number: str  # national part, compact (e.g. "U13585627" for Austria)

    @property
    def full(self) -> str:
        return self.country_code + self.number

    @property
    def iso_country(self) -> str:
        """ISO 3166-1 code of the issuing country (GR for EL, GB for XI)."""
        return _VIES_TO_ISO.get(self.country_code, self.country_code)

    def __str__(self) -> str:
        return self.full


def normalize_vat(raw: str) -> str:
    """Upper-case and drop spaces, dots and dashes; no validation."""
    return _SEPARATORS.sub("", raw).upper()


def _vies_code(country: str) -> str:
    code = country.strip().upper()
    code = _ISO_ALIASES.get(code, code)
    if code not in _COUNTRIES:
        raise InvalidVatNumber(
            f"country {country!r} has no EU VAT numbers — use an EU country code such as "
            "DE, FR, HU (EL or GR for Greece, XI for Northern Ireland)",
            "unknown_country",
        )
    return code


def _unknown_prefix(prefix: str) -> InvalidVatNumber:
    if prefix == "GB":
        return InvalidVatNumber(
            "GB VAT numbers are not EU VAT numbers since 2021 — only Northern Ireland "
            "traders have one, starting with XI",
            "unknown_country",
        )
    return InvalidVatNumber(
        f"unknown country prefix {prefix!r} — VAT numbers start with an EU country code "
        "such as DE, FR, HU",
        "unknown_country",
    )


def _split(text: str, country: str | None) -> tuple[str, str]:
    """Return (VIES country code, national part) of compact text."""
    head = text[:2]
    if country is None:
        if not head.isalpha():
            raise InvalidVatNumber(
                f"{text}: missing country code — VAT numbers start with an EU country code "
                f"such as DE, FR, HU ({_EXAMPLE})",
                "missing_country",
            )
        code = _ISO_ALIASES.get(head, head)
        if code not in _COUNTRIES:
            raise _unknown_prefix(head)
        return code, text[2:]
    code = _vies_code(country)
    if head == code or _ISO_ALIASES.get(head) == code:
        return code, text[2:]
    # A French check key may itself be two letters, so a leading foreign code is
    # only a mismatch if the text does not work as a national number.
    other = _ISO_ALIASES.get(head, head)
    if other in _COUNTRIES and not stdnum_vat.is_valid(code + text):
        raise InvalidVatNumber(
            f"{text}: starts with {head}, but the customer's country is {code} — check the "
            "number or the country",
            "country_mismatch",
        )
    return code, text


def parse_vat_number(raw: str, country: str | None = None) -> VatNumber:
    """Normalise and check an EU VAT number offline, or raise InvalidVatNumber.

    Without `country` the number must carry its prefix (DE136695976). With a
    country (ISO or VIES code; GR and EL both mean Greece) the prefix is optional.
    """
    if not isinstance(raw, str):
        raise InvalidVatNumber("VAT number must be text", "format")
    stripped = _SEPARATORS.sub("", raw)
    text = stripped.upper()
    if not text:
        raise InvalidVatNumber(
            f"VAT number is empty — enter it with its country code, {_EXAMPLE}", "empty"
        )
    if len(text) > _MAX_INPUT:
        raise InvalidVatNumber(
            f"VAT number is too long ({len(text)} characters) — enter a single number",
            "too_long",
        )
    stray = _ALLOWED.sub("", stripped)
    if stray:
        raise InvalidVatNumber(
            f"{stripped}: contains {stray[0]!r}, which cannot be part of a VAT number — use only "
            "the letters A-Z and the digits 0-9",
            "characters",
        )
    code, national = _split(text, country)
    full = code + national
    info = _COUNTRIES[code]
    if not national:
        raise InvalidVatNumber(
            f"{full}: only the country code was entered — add the {info.shape} that follow it",
            "length",
        )
    try:
        compact: str = stdnum_vat.validate(full)
    except stdnum_errors.InvalidChecksum:
        raise InvalidVatNumber(
            f"{full}: check digit does not match — check for a typo", "checksum"
        ) from None
    except stdnum_errors.InvalidLength:
        raise InvalidVatNumber(
            f"{full}: wrong length for {info.a_name} VAT number — expected {info.shape} after "
            f"{code}, got {len(national)} characters",
            "length",
        ) from None
    except stdnum_errors.InvalidComponent:
        raise InvalidVatNumber(
            f"{full}: cannot be {info.a_name} VAT number (a fixed part such as the first "
            f"digits is wrong) — expected {info.shape} after {code}",
            "component",
        ) from None
    except stdnum_errors.ValidationError:
        raise InvalidVatNumber(
            f"{full}: not in the {info.name} format — expected {info.shape} after {code}",
            "format",
        ) from None
    # stdnum may complete the number (9-digit Belgian numbers gain a leading 0).
    return VatNumber(country_code=code, number=compact[2:])


def is_valid_vat(raw: str, country: str | None = None) -> bool:
    try:
        parse_vat_number(raw, country)
    except InvalidVatNumber:
        return False
    return True
