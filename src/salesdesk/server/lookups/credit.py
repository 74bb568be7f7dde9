"""Credit bureau: a JSON API authenticated with an API key.

``POST {base}/v1/credit-checks`` with ``{country, vat_number, amount, currency, company_name}``
answers ``{decision: approved|declined|review, limit, rating, reference, reason?}``.
The API key is the server's, never the agent's: a rejected key is an administrator's problem,
said so in plain words, and the key itself is never logged or put into a message.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

import httpx
from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError

from salesdesk.sales.lookup_models import (
    AUTH_REJECTED,
    INVALID_INPUT,
    UPSTREAM_BAD_RESPONSE,
    CreditCheckInput,
    CreditDecision,
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
    short_text,
    utc_now,
)

log = logging.getLogger(__name__)

UPSTREAM = "the credit bureau"
KEY_REJECTED = "The server's credit bureau key is rejected — tell your administrator."
KEY_MISSING = "No credit bureau key is configured on the server — tell your administrator."
DEFAULT_RATE_LIMIT_BACKOFF_S = 30.0


class _Answer(BaseModel):
    model_config = ConfigDict(extra="ignore")

    decision: Literal["approved", "declined", "review"]
    limit: Decimal = Field(allow_inf_nan=False)
    rating: str = Field(min_length=1, max_length=8)
    reference: str = Field(min_length=1, max_length=100)
    reason: str | None = None


class CreditBureauClient:
    def __init__(
        self,
        settings: HttpSettings,
        api_key: str | SecretStr,
        *,
        client: httpx.AsyncClient | None = None,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self._settings = settings
        # SecretStr: a repr() or a traceback's locals never show the key.
        self._api_key = api_key if isinstance(api_key, SecretStr) else SecretStr(api_key)
        self._client = client or settings.make_client()
        self._owns_client = client is None
        self._clock = clock

    async def aclose(self) -> None:
        if self._owns_client:
            await self._client.aclose()

    async def check(self, query: CreditCheckInput) -> LookupOutcome:
        try:
            return await self._check(query)
        except OutcomeError as failure:
            outcome = failure.outcome
            log.info("credit check %s%s: %s", query.country_code, query.vat_number, outcome.code)
            return failure.outcome

    async def _check(self, query: CreditCheckInput) -> LookupOutcome:
        key = self._api_key.get_secret_value()
        if not key:
            raise permanent(AUTH_REJECTED, KEY_MISSING)
        body: dict[str, Any] = {
            "country": query.country_code,
            "vat_number": query.vat_number,
            "amount": str(query.gross_total),
            "currency": query.currency,
        }
        if query.company_name:
            body["company_name"] = query.company_name
        request = self._client.build_request(
            "POST", "/v1/credit-checks", json=body, headers={"X-Api-Key": key}
        )
        raw = await exchange(self._client, request, settings=self._settings, upstream=UPSTREAM)
        if raw.status in (401, 403):
            raise permanent(AUTH_REJECTED, KEY_REJECTED)
        if raw.status in (400, 422):
            raise permanent(INVALID_INPUT, _validation_message(raw))
        if raw.status == 429 or raw.status >= 300:
            raise http_status_outcome(
                raw, UPSTREAM, self._clock, default_retry_after_s=DEFAULT_RATE_LIMIT_BACKOFF_S
            )
        data = parse_json(raw, UPSTREAM)
        try:
            answer = _Answer.model_validate(data)
        except ValidationError:
            raise permanent(
                UPSTREAM_BAD_RESPONSE,
                "The credit bureau answered in a form the server does not understand — "
                "tell your administrator.",
            ) from None
        return LookupOutcome.ok(_decision(answer))


def _decision(answer: _Answer) -> CreditDecision:
    reason = short_text(answer.reason)
    if answer.decision == "review" and reason is None:
        reason = "The credit bureau wants a person to review this case."
    return CreditDecision(
        approved=answer.decision == "approved",
        limit=answer.limit,
        rating=answer.rating.strip().upper(),
        reference=answer.reference.strip(),
        reason=reason,
        review=answer.decision == "review",
    )


def _validation_message(raw: RawResponse) -> str:
    """The bureau's own words on what was wrong, when it gives any."""
    detail: str | None = None
    try:
        data = parse_json(raw, UPSTREAM)
    except OutcomeError:
        data = None
    if isinstance(data, dict):
        detail = short_text(data.get("message")) or short_text(data.get("detail"))
        if detail is None and isinstance(data.get("detail"), list):
            fields = [_field_name(item) for item in data["detail"]]
            detail = short_text("check " + ", ".join(f for f in fields if f))
    return "The credit bureau rejected the request" + (f": {detail}." if detail else ".")


def _field_name(item: Any) -> str:
    if isinstance(item, dict) and isinstance(item.get("loc"), list) and item["loc"]:
        return str(item["loc"][-1])
    return ""
