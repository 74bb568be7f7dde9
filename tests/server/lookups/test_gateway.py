"""The gateway and its router, over HTTP: desktop → gateway → demo upstreams, all on loopback."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

import httpx
import pytest
from fastapi import FastAPI, Header, HTTPException

from salesdesk.sales.lookup_models import (
    CompanyInfo,
    CompanyLookupInput,
    CreditDecision,
    LookupOutcome,
)
from salesdesk.server.demo_upstreams import demo_lookups_config, run_in_thread
from salesdesk.server.lookups import (
    LookupGateway,
    UnknownLookupKindError,
    create_gateway,
    make_lookup_router,
)

from .conftest import Upstreams

TOKEN = "test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def require_token(authorization: Annotated[str | None, Header()] = None) -> None:
    if authorization != f"Bearer {TOKEN}":
        raise HTTPException(status_code=401, detail="not authenticated")


@pytest.fixture
def gateway_url(upstreams: Upstreams) -> Iterator[str]:
    # The gateway lives in the gateway server's own event loop, as in production.
    gateway = create_gateway(demo_lookups_config(upstreams.base_url))

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        await gateway.aclose()  # in the loop that used its HTTP clients

    app = FastAPI(lifespan=lifespan)
    app.include_router(make_lookup_router(gateway, require_token))
    with run_in_thread(app) as (base_url, _stop):
        yield base_url


def post(
    base_url: str, kind: str, body: Any, headers: dict[str, str] | None = AUTH
) -> httpx.Response:
    return httpx.post(f"{base_url}/api/v1/lookups/{kind}", json=body, headers=headers)


def test_company_lookup_over_http(gateway_url: str) -> None:
    response = post(
        gateway_url, "company", {"country_code": "FR", "vat_number": "FR 933 928 371 26"}
    )
    assert response.status_code == 200
    outcome = LookupOutcome.model_validate(response.json())
    info = CompanyInfo.model_validate(outcome.result)
    assert (info.valid, info.name, info.vat_number) == (True, "NOVAPARIS CONSEIL SA", "93392837126")


def test_credit_answer_keeps_decimals_as_text(gateway_url: str) -> None:
    body = {"country_code": "DE", "vat_number": "812453790", "gross_total": "1234.56"}
    data = post(gateway_url, "credit", body).json()
    assert data["status"] == "ok"
    assert data["result"]["limit"] == "250000.00"
    assert CreditDecision.model_validate(data["result"]).approved is True


def test_address_lookup_over_http(gateway_url: str) -> None:
    data = post(gateway_url, "address", {"address": "Drottninggatan 52, Stockholm"}).json()
    assert data["status"] == "ok" and data["result"]["postcode"] == "111 21"


def test_invalid_payload_is_a_permanent_outcome_naming_fields(gateway_url: str) -> None:
    response = post(gateway_url, "company", {"country_code": "US", "vat_number": "x"})
    assert response.status_code == 200
    outcome = LookupOutcome.model_validate(response.json())
    assert (outcome.status, outcome.code) == ("permanent", "INVALID_INPUT")
    assert outcome.message is not None
    assert "country_code:" in outcome.message and "vat_number:" in outcome.message
    assert "Value error" not in outcome.message


def test_unknown_kind_is_404_and_auth_comes_first(gateway_url: str) -> None:
    assert post(gateway_url, "horoscope", {}).status_code == 404
    assert post(gateway_url, "horoscope", {}, headers=None).status_code == 401
    assert post(gateway_url, "company", {"country_code": "DE"}, headers=None).status_code == 401


def test_body_must_be_an_object(gateway_url: str) -> None:
    assert post(gateway_url, "company", ["DE", "812453790"]).status_code == 422


def test_ok_answers_are_cached_failures_are_not(gateway_url: str, upstreams: Upstreams) -> None:
    def vies_calls() -> int:
        return len(upstreams.faults.requests("vies"))

    body = {"country_code": "PT", "vat_number": "508123402"}
    start = vies_calls()
    assert post(gateway_url, "company", body).json()["status"] == "ok"
    assert (
        post(gateway_url, "company", {"country_code": "pt", "vat_number": "PT508123402"}).json()[
            "status"
        ]
        == "ok"
    )
    assert vies_calls() == start + 1  # the same query, normalised: served from the cache

    failing = {"country_code": "PT", "vat_number": "301"}  # MS_UNAVAILABLE
    assert post(gateway_url, "company", failing).json()["status"] == "retryable"
    assert post(gateway_url, "company", failing).json()["status"] == "retryable"
    assert vies_calls() == start + 3


def test_credit_retry_after_lost_response_is_not_billed_twice(
    gateway_url: str, upstreams: Upstreams
) -> None:
    body = {"country_code": "SE", "vat_number": "556432171801", "gross_total": "99.90"}
    before = len(upstreams.faults.requests("credit"))
    first = post(gateway_url, "credit", body).json()
    again = post(gateway_url, "credit", body).json()
    assert first == again  # same bureau reference
    assert len(upstreams.faults.requests("credit")) == before + 1


class Exploding:
    async def check(self, query: Any) -> LookupOutcome:
        raise RuntimeError("bug")

    async def geocode(self, query: Any) -> LookupOutcome:
        raise RuntimeError("bug")

    async def aclose(self) -> None:
        pass


@pytest.mark.anyio
async def test_a_bug_in_an_adapter_is_an_outcome_not_a_crash() -> None:
    broken = Exploding()
    gateway = LookupGateway(broken, broken, broken, None)
    outcome = await gateway.lookup("company", {"country_code": "DE", "vat_number": "812453790"})
    assert (outcome.status, outcome.code) == ("permanent", "INTERNAL_ERROR")
    with pytest.raises(UnknownLookupKindError):
        await gateway.lookup("horoscope", {})
    await gateway.aclose()


@pytest.mark.anyio
async def test_gateway_cache_ttl_per_kind(upstreams: Upstreams) -> None:
    gateway = create_gateway(demo_lookups_config(upstreams.base_url))
    query = CompanyLookupInput(country_code="IE", vat_number="6384560N")
    try:
        await gateway.lookup("company", query.model_dump())
        await gateway.lookup("company", query.model_dump())
    finally:
        await gateway.aclose()
    assert (gateway.cache.hits, len(gateway.cache)) == (1, 1)
