"""Wire and result models of the lookups (company/VAT, credit check, address).

Shared by the desktop (activities record these in the sale's history) and the server's lookup
gateway, so they import no HTTP code. Every model is frozen: a recorded result must not change
after the fact. Decimals travel as strings in JSON so that money never passes through a float.
"""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any, Final, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    ValidationInfo,
    field_validator,
    model_validator,
)

LookupKind = Literal["company", "credit", "address"]
LOOKUP_KINDS: Final[tuple[LookupKind, ...]] = ("company", "credit", "address")

# Outcome codes that the desktop may act on. Upstream codes (the VIES userError values such as
# MS_UNAVAILABLE) are passed through as they are; these are the gateway's own.
INVALID_INPUT: Final = "INVALID_INPUT"
UPSTREAM_BAD_RESPONSE: Final = "UPSTREAM_BAD_RESPONSE"
UPSTREAM_UNREACHABLE: Final = "UPSTREAM_UNREACHABLE"
UPSTREAM_TIMEOUT: Final = "UPSTREAM_TIMEOUT"
UPSTREAM_UNAVAILABLE: Final = "UPSTREAM_UNAVAILABLE"  # 5xx, maintenance page
UPSTREAM_REJECTED: Final = "UPSTREAM_REJECTED"  # 4xx that no retry will fix
RATE_LIMITED: Final = "RATE_LIMITED"
AUTH_REJECTED: Final = "AUTH_REJECTED"  # the server's own credentials upstream
INTERNAL_ERROR: Final = "INTERNAL_ERROR"

# VIES member-state codes: ISO 3166-1 alpha-2 except Greece (EL) and Northern Ireland (XI).
VIES_COUNTRY_CODES: Final = frozenset(
    {
        "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "ES", "FI", "FR", "HR", "HU",
        "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK", "XI",
    }
)  # fmt: skip

# Characters VIES accepts in the national part; "+" and "*" occur in Irish and Dutch numbers.
_VAT_NATIONAL = re.compile(r"[0-9A-Z+*]{2,12}")
_VAT_SEPARATORS = re.compile(r"[\s.\-/]")
_ISO_COUNTRY = re.compile(r"[A-Z]{2}")
_CURRENCY = re.compile(r"[A-Z]{3}")


def _decimal_to_str(value: Decimal) -> str:
    return str(value)


# A Decimal that is written as a JSON string, never as a number (floats would round money).
DecimalStr = Annotated[Decimal, PlainSerializer(_decimal_to_str, return_type=str, when_used="json")]


def _vies_country(value: str) -> str:
    code = value.strip().upper()
    if code == "GR":
        # Agents type the ISO code; VIES knows Greece only as EL.
        code = "EL"
    if code not in VIES_COUNTRY_CODES:
        raise ValueError(f"{value!r} is not an EU VAT country code (e.g. DE, FR, EL for Greece)")
    return code


def _currency(value: str) -> str:
    code = value.strip().upper()
    if not _CURRENCY.fullmatch(code):
        raise ValueError(f"{value!r} is not a three-letter currency code such as EUR")
    return code


ViesCountry = Annotated[str, AfterValidator(_vies_country)]
Currency = Annotated[str, AfterValidator(_currency)]


def _national_vat_part(country_code: str, number: str) -> str:
    compact = _VAT_SEPARATORS.sub("", number).upper()
    # Agents paste the full VAT id; the prefix is redundant with country_code. French numbers
    # are 11 characters and may start with letters, so only strip when the rest has that length.
    prefix = {"EL": "(?:EL|GR)", "": "(?!)"}.get(country_code, country_code)
    match = re.fullmatch(rf"{prefix}(.+)", compact)
    if match and (country_code != "FR" or len(match.group(1)) == 11):
        compact = match.group(1)
    if not _VAT_NATIONAL.fullmatch(compact):
        raise ValueError(
            f"VAT number must be 2 to 12 letters or digits after the country code, got {number!r}"
        )
    return compact


def _vat_number_validator(cls: type[BaseModel], value: str, info: ValidationInfo) -> str:
    # country_code is declared first, so it is already validated (or missing when invalid).
    country = info.data.get("country_code")
    return _national_vat_part(country if isinstance(country, str) else "", value)


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class CompanyLookupInput(_Model):
    """Check a VAT number in VIES; the number is the national part (without "DE")."""

    country_code: ViesCountry
    vat_number: str = Field(min_length=1, max_length=40)

    _normalise_number = field_validator("vat_number")(_vat_number_validator)


class CompanyInfo(_Model):
    valid: bool
    name: str | None = None  # None when the member state does not disclose it ("---")
    address: str | None = None  # may contain newlines, as VIES sends it
    country_code: str
    vat_number: str
    consultation_number: str | None = None  # VIES requestIdentifier: proof of the check
    request_date: datetime


class CreditCheckInput(_Model):
    country_code: ViesCountry
    vat_number: str = Field(min_length=1, max_length=40)
    company_name: str | None = Field(default=None, max_length=200)
    gross_total: DecimalStr = Field(ge=0, max_digits=18, decimal_places=4)
    currency: Currency = "EUR"

    _normalise_number = field_validator("vat_number")(_vat_number_validator)


class CreditDecision(_Model):
    approved: bool
    limit: DecimalStr
    rating: str  # "A" (best) .. "E" (worst) with the bureaus we know
    reference: str  # the bureau's reference of this check, to quote on the phone
    reason: str | None = None
    # The bureau referred the case to a human; approved is then False. A sale may go on to a
    # manager's approval instead of stopping.
    review: bool = False


#: Fewer characters than this (after collapsing whitespace) cannot be geocoded.
MIN_CHECKABLE_ADDRESS: Final = 3


class AddressCheckInput(_Model):
    address: str = Field(min_length=MIN_CHECKABLE_ADDRESS, max_length=300)
    # ISO 3166-1 alpha-2; the VIES codes EL and XI are accepted and mapped to GR and GB.
    country_code: str | None = None

    @field_validator("country_code")
    @classmethod
    def _iso_country(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        code = {"EL": "GR", "XI": "GB"}.get(value.upper(), value.upper())
        if not _ISO_COUNTRY.fullmatch(code):
            raise ValueError(f"{value!r} is not a two-letter country code such as DE")
        return code


class NormalizedAddress(_Model):
    found: bool
    display: str | None = None
    street: str | None = None
    house_number: str | None = None
    postcode: str | None = None
    city: str | None = None
    country_code: str | None = None  # ISO 3166-1 alpha-2, upper case
    lat: str | None = None  # kept as text: the geocoder's own precision, no float rounding
    lon: str | None = None


OutcomeStatus = Literal["ok", "retryable", "permanent"]


class LookupOutcome(_Model):
    """What a lookup answered. Transport success with a failed lookup is still an outcome:
    ``retryable`` means "ask again later" (at ``retry_after_s`` at the earliest), ``permanent``
    means no retry will help and ``message`` says in plain words what the agent can do."""

    status: OutcomeStatus
    result: dict[str, Any] | None = None
    retry_after_s: float | None = Field(default=None, ge=0)
    code: str | None = None
    message: str | None = None

    @model_validator(mode="after")
    def _consistent(self) -> LookupOutcome:
        if self.status == "ok" and self.result is None:
            raise ValueError("an ok outcome carries a result")
        if self.status != "ok" and (self.code is None or self.message is None):
            raise ValueError("a failed outcome carries a code and a message")
        return self

    @classmethod
    def ok(cls, result: BaseModel) -> LookupOutcome:
        return cls(status="ok", result=result.model_dump(mode="json"))

    @classmethod
    def retryable(cls, code: str, message: str, retry_after_s: float | None) -> LookupOutcome:
        return cls(status="retryable", code=code, message=message, retry_after_s=retry_after_s)

    @classmethod
    def permanent(cls, code: str, message: str) -> LookupOutcome:
        return cls(status="permanent", code=code, message=message)


INPUT_MODELS: Final[dict[str, type[BaseModel]]] = {
    "company": CompanyLookupInput,
    "credit": CreditCheckInput,
    "address": AddressCheckInput,
}
RESULT_MODELS: Final[dict[str, type[BaseModel]]] = {
    "company": CompanyInfo,
    "credit": CreditDecision,
    "address": NormalizedAddress,
}
