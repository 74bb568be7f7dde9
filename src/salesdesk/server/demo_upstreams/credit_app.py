"""A stand-in credit bureau: ``POST /v1/credit-checks`` with an ``X-Api-Key`` header.

Decisions follow the demo company's rating and limit: an amount within the limit is approved,
up to one and a half times the limit goes to review, beyond that (or rating E) is declined.
Unknown companies get rating C and a 5,000 limit. Each key has a token bucket; an empty bucket
answers 429 with Retry-After (seconds or an HTTP-date, per :class:`DemoSettings`).
"""

from __future__ import annotations

import math
import time
import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from email.utils import format_datetime
from typing import Annotated

from fastapi import FastAPI, Header
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from salesdesk.server.demo_upstreams.data import COMPANIES_BY_VAT
from salesdesk.server.demo_upstreams.settings import DemoSettings

UNKNOWN_RATING = "C"
UNKNOWN_LIMIT = Decimal("5000")


class CreditCheckRequest(BaseModel):
    country: str = Field(pattern=r"^[A-Z]{2}$")
    vat_number: str = Field(min_length=2, max_length=14)
    amount: Decimal = Field(ge=0, allow_inf_nan=False)
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    company_name: str | None = None


class _Bucket:
    def __init__(self, capacity: int, refill_per_s: float) -> None:
        self.capacity = capacity
        self.refill_per_s = refill_per_s
        self.tokens = float(capacity)
        self.updated = time.monotonic()

    def take(self) -> float:
        """0 when a token was taken, else seconds until one is available."""
        now = time.monotonic()
        self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.refill_per_s)
        self.updated = now
        if self.tokens >= 1:
            self.tokens -= 1
            return 0.0
        if self.refill_per_s <= 0:
            return 3600.0
        return (1 - self.tokens) / self.refill_per_s


def _decide(request: CreditCheckRequest) -> dict[str, str | None]:
    company = COMPANIES_BY_VAT.get((request.country, request.vat_number))
    rating = company.rating if company else UNKNOWN_RATING
    limit = company.limit if company else UNKNOWN_LIMIT
    reason: str | None = None
    if rating == "E":
        decision, reason = "declined", "Insolvency proceedings registered."
    elif request.amount <= limit:
        decision = "approved"
    elif request.amount <= limit * Decimal("1.5"):
        decision, reason = "review", "Amount exceeds the credit limit by less than half."
    else:
        decision, reason = "declined", "Amount far exceeds the credit limit."
    return {
        "decision": decision,
        "limit": str(limit.quantize(Decimal("0.01"))),
        "currency": request.currency,
        "rating": rating,
        "reference": "CB-" + uuid.uuid4().hex[:10].upper(),
        "reason": reason,
    }


def make_credit_app(settings: DemoSettings) -> FastAPI:
    app = FastAPI(title="Demo credit bureau", openapi_url=None)
    buckets: dict[str, _Bucket] = {}

    def too_many(wait_s: float) -> JSONResponse:
        headers: dict[str, str] = {}
        if settings.credit_retry_after == "seconds":
            headers["Retry-After"] = str(max(1, math.ceil(wait_s)))
        elif settings.credit_retry_after == "http-date":
            when = datetime.now(UTC) + timedelta(seconds=max(1, math.ceil(wait_s)))
            headers["Retry-After"] = format_datetime(when, usegmt=True)
        body = {"error": "rate_limit_exceeded", "message": "Too many credit checks."}
        return JSONResponse(body, status_code=429, headers=headers)

    @app.post("/v1/credit-checks")
    async def credit_check(
        request: CreditCheckRequest,
        x_api_key: Annotated[str | None, Header()] = None,
    ) -> JSONResponse:
        if x_api_key in settings.credit_suspended_keys:
            body = {"error": "access_denied", "message": "This API key is suspended."}
            return JSONResponse(body, status_code=403)
        if x_api_key is None or x_api_key not in settings.credit_api_keys:
            body = {"error": "invalid_api_key", "message": "Missing or unknown API key."}
            return JSONResponse(body, status_code=401)
        bucket = buckets.setdefault(
            x_api_key, _Bucket(settings.credit_burst, settings.credit_refill_per_s)
        )
        wait_s = bucket.take()
        if wait_s > 0:
            return too_many(wait_s)
        return JSONResponse(_decide(request), status_code=200)

    return app
