"""EU VIES (VAT Information Exchange System) over its REST protocol.

``GET {base}/ms/{CC}/vat/{number}`` answers HTTP 200 with ``isValid`` and ``userError``; the
latter also carries the service's own failures (MS_UNAVAILABLE, TIMEOUT, ...), with
``isValid: false``. So ``userError`` decides, not ``isValid``: an unavailable member state is
not an invalid number. Some failures come as ``{"actionSucceed": false, "errorWrappers":
[{"error": CODE, "message": ...}]}`` instead (often with HTTP 400/500); both shapes are read.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Literal

import httpx
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from salesdesk.sales.lookup_models import (
    INVALID_INPUT,
    UPSTREAM_BAD_RESPONSE,
    CompanyInfo,
    CompanyLookupInput,
    LookupOutcome,
)
from salesdesk.server.lookups._http import (
    HttpSettings,
    OutcomeError,
    RawResponse,
    exchange,
    http_status_outcome,
    parse_json,
    permanent,
    retryable,
    utc_now,
)

log = logging.getLogger(__name__)

DEFAULT_VIES_URL = "https://ec.europa.eu/taxation_customs/vies/rest-api"
UPSTREAM = "the EU VAT registry (VIES)"

_COUNTRY_NAMES = {
    "AT": "Austrian", "BE": "Belgian", "BG": "Bulgarian", "CY": "Cypriot", "CZ": "Czech",
    "DE": "German", "DK": "Danish", "EE": "Estonian", "EL": "Greek", "ES": "Spanish",
    "FI": "Finnish", "FR": "French", "HR": "Croatian", "HU": "Hungarian", "IE": "Irish",
    "IT": "Italian", "LT": "Lithuanian", "LU": "Luxembourg", "LV": "Latvian", "MT": "Maltese",
    "NL": "Dutch", "PL": "Polish", "PT": "Portuguese", "RO": "Romanian", "SE": "Swedish",
    "SI": "Slovenian", "SK": "Slovak", "XI": "Northern Irish",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Rule:
    status: Literal["retryable", "permanent"]
    message: str  # may use {country}
    retry_after_s: float | None = None


# Retry delays: a member state's register is often down for maintenance for minutes to hours;
# concurrency limits clear within seconds.
USER_ERRORS: dict[str, _Rule] = {
    "SERVICE_UNAVAILABLE": _Rule("retryable", "VIES is temporarily unavailable.", 60.0),
    "MS_UNAVAILABLE": _Rule(
        "retryable", "The {country} VAT register is not answering VIES right now.", 120.0
    ),
    "TIMEOUT": _Rule("retryable", "The {country} VAT register answered VIES too slowly.", 30.0),
    "GLOBAL_MAX_CONCURRENT_REQ": _Rule("retryable", "VIES is overloaded right now.", 10.0),
    "GLOBAL_MAX_CONCURRENT_REQ_TIME": _Rule("retryable", "VIES is overloaded right now.", 10.0),
    "MS_MAX_CONCURRENT_REQ": _Rule(
        "retryable", "The {country} VAT register is overloaded right now.", 15.0
    ),
    "MS_MAX_CONCURRENT_REQ_TIME": _Rule(
        "retryable", "The {country} VAT register is overloaded right now.", 15.0
    ),
    "INVALID_INPUT": _Rule(
        "permanent", "VIES says the VAT number is malformed: check the country and the number."
    ),
    "INVALID_REQUESTER_INFO": _Rule(
        "permanent",
        "VIES rejected our own company's VAT details configured on the server — "
        "tell your administrator.",
    ),
    "VAT_BLOCKED": _Rule("permanent", "VIES refuses to check this VAT number."),
    "IP_BLOCKED": _Rule(
        "permanent", "VIES has blocked the server's network address — tell your administrator."
    ),
}
_UNKNOWN_ERROR = _Rule("retryable", "VIES answered with an unknown status ({code}).", 300.0)


class _Answer(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True)

    is_valid: bool | None = Field(default=None, alias="isValid")
    user_error: str | None = Field(default=None, alias="userError")
    request_date: str | None = Field(default=None, alias="requestDate")
    name: str | None = None
    address: str | None = None
    request_identifier: str | None = Field(default=None, alias="requestIdentifier")
    vat_number: str | None = Field(default=None, alias="vatNumber")


class ViesClient:
    """Checks VAT numbers; every answer, failure included, is a :class:`LookupOutcome`.

    ``requester`` (our own country code and VAT number) asks VIES for a consultation number,
    the proof of the check kept with the sale. It is sent as the query parameters
    ``requesterMemberStateCode``/``requesterNumber`` only when configured.
    """

    def __init__(
        self,
        settings: HttpSettings,
        *,
        client: httpx.AsyncClient | None = None,
        requester: tuple[str, str] | None = None,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self._settings = settings
        self._client = client or settings.make_client()
        self._owns_client = client is None
        self._requester = requester
        self._clock = clock

    async def aclose(self) -> None:
        if self._owns_client:
            await self._client.aclose()

    async def check(self, query: CompanyLookupInput) -> LookupOutcome:
        try:
            return await self._check(query)
        except OutcomeError as failure:
            log.info(
                "VIES lookup %s%s: %s", query.country_code, query.vat_number, failure.outcome.code
            )
            return failure.outcome

    async def _check(self, query: CompanyLookupInput) -> LookupOutcome:
        params: dict[str, str] = {}
        if self._requester is not None:
            params = {
                "requesterMemberStateCode": self._requester[0],
                "requesterNumber": self._requester[1],
            }
        url = f"/ms/{query.country_code}/vat/{query.vat_number}"
        request = self._client.build_request("GET", url, params=params)
        raw = await exchange(self._client, request, settings=self._settings, upstream=UPSTREAM)
        if raw.status == 429:
            raise http_status_outcome(raw, UPSTREAM, self._clock)
        try:
            data = parse_json(raw, UPSTREAM)
        except OutcomeError:
            if raw.status < 300:
                raise
            # An HTML error page with a 4xx/5xx status: the status says more than the body.
            raise http_status_outcome(
                raw, UPSTREAM, self._clock, default_retry_after_s=60.0
            ) from None
        error_code = _wrapped_error(data)
        if error_code is not None:
            raise _user_error(error_code, query.country_code)
        if raw.status >= 300:
            raise http_status_outcome(raw, UPSTREAM, self._clock, default_retry_after_s=60.0)
        return LookupOutcome.ok(self._company_info(raw, data, query))

    def _company_info(self, raw: RawResponse, data: Any, query: CompanyLookupInput) -> CompanyInfo:
        try:
            answer = _Answer.model_validate(data)
        except ValidationError:
            raise _bad_shape(raw) from None
        code = answer.user_error
        if code is None:  # older answers carry isValid only
            if answer.is_valid is None:
                raise _bad_shape(raw)
            code = "VALID" if answer.is_valid else "INVALID"
        code = code.strip().upper()
        if code not in ("VALID", "INVALID"):
            raise _user_error(code, query.country_code)
        if answer.is_valid is not None and answer.is_valid != (code == "VALID"):
            raise _bad_shape(raw)  # self-contradicting: better no answer than a wrong one
        return CompanyInfo(
            valid=code == "VALID",
            name=_disclosed(answer.name),
            address=_disclosed(answer.address),
            country_code=query.country_code,
            vat_number=query.vat_number,
            consultation_number=_disclosed(answer.request_identifier),
            request_date=_request_date(answer.request_date) or self._clock(),
        )


def _wrapped_error(data: Any) -> str | None:
    if not isinstance(data, dict) or "errorWrappers" not in data:
        return None
    wrappers = data.get("errorWrappers")
    if isinstance(wrappers, list):
        for wrapper in wrappers:
            if isinstance(wrapper, dict) and isinstance(wrapper.get("error"), str):
                return str(wrapper["error"]).strip().upper()
    return "UNKNOWN"


def _user_error(code: str, country_code: str) -> OutcomeError:
    rule = USER_ERRORS.get(code, _UNKNOWN_ERROR)
    country = _COUNTRY_NAMES.get(country_code, country_code)
    message = rule.message.format(country=country, code=code)
    if rule.status == "retryable":
        return retryable(code, message + " The check will be tried again.", rule.retry_after_s)
    # VIES's INVALID_INPUT keeps its name: it is the same meaning as the gateway's own.
    return permanent(INVALID_INPUT if code == "INVALID_INPUT" else code, message)


def _bad_shape(raw: RawResponse) -> OutcomeError:
    # JSON of an unexpected shape is a contract change, not a glitch: retrying will not help.
    return permanent(
        UPSTREAM_BAD_RESPONSE,
        f"VIES answered in a form the server does not understand (HTTP {raw.status}) — "
        "fill in the company by hand and tell your administrator.",
    )


def _disclosed(value: str | None) -> str | None:
    """VIES writes "---" (or nothing) for data a member state does not disclose."""
    if value is None:
        return None
    lines = [line.strip() for line in value.strip().splitlines()]
    text = "\n".join(line for line in lines if line)
    return None if text in ("", "---") else text


def _request_date(value: str | None) -> datetime | None:
    if not value:
        return None
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        try:  # the SOAP flavour sends a date with an offset, e.g. 2024-05-02+02:00
            parsed = datetime.combine(date.fromisoformat(text[:10]), datetime.min.time())
        except ValueError:
            return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)
