"""The credit bureau adapter against the demo bureau over real HTTP."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from email.utils import format_datetime
from typing import Literal

import pytest

from salesdesk.sales.lookup_models import CreditCheckInput, CreditDecision, LookupOutcome
from salesdesk.server.demo_upstreams import (
    DEMO_CREDIT_API_KEY,
    DEMO_SUSPENDED_API_KEY,
    DemoFaults,
    DemoSettings,
    make_demo_upstreams_app,
    run_in_thread,
)
from salesdesk.server.lookups import CreditBureauClient, HttpSettings, LookupsConfig

from .conftest import Upstreams

pytestmark = pytest.mark.anyio

KEY_MESSAGE = "The server's credit bureau key is rejected — tell your administrator."


@pytest.fixture
async def bureau(upstreams: Upstreams) -> AsyncIterator[CreditBureauClient]:
    client = CreditBureauClient(upstreams.http("credit"), DEMO_CREDIT_API_KEY)
    yield client
    await client.aclose()


def query(country: str, number: str, amount: str) -> CreditCheckInput:
    return CreditCheckInput(country_code=country, vat_number=number, gross_total=Decimal(amount))


def decision(outcome: LookupOutcome) -> CreditDecision:
    assert outcome.status == "ok", outcome
    return CreditDecision.model_validate(outcome.result)


async def test_decisions(bureau: CreditBureauClient) -> None:
    approved = decision(await bureau.check(query("DE", "812453790", "1000.00")))
    assert approved.approved and not approved.review
    assert approved.limit == Decimal("250000.00") and approved.rating == "A"
    assert approved.reference.startswith("CB-")

    review = decision(await bureau.check(query("DE", "143776208", "70000")))  # limit 60,000
    assert (review.approved, review.review) == (False, True)
    assert review.reason

    declined = decision(await bureau.check(query("IT", "08733200649", "10")))  # rating E
    assert (declined.approved, declined.review, declined.rating) == (False, False, "E")
    assert declined.reason == "Insolvency proceedings registered."


@pytest.mark.parametrize("key", ["wrong-key", DEMO_SUSPENDED_API_KEY])
async def test_rejected_key_is_permanent_and_plain(upstreams: Upstreams, key: str) -> None:
    client = CreditBureauClient(upstreams.http("credit"), key)
    try:
        outcome = await client.check(query("DE", "812453790", "1"))
    finally:
        await client.aclose()
    assert (outcome.status, outcome.code, outcome.message) == (
        "permanent",
        "AUTH_REJECTED",
        KEY_MESSAGE,
    )


async def test_missing_key_never_calls_the_bureau(upstreams: Upstreams) -> None:
    before = len(upstreams.faults.requests("credit"))
    client = CreditBureauClient(upstreams.http("credit"), "")
    outcome = await client.check(query("DE", "812453790", "1"))
    await client.aclose()
    assert (outcome.status, outcome.code) == ("permanent", "AUTH_REJECTED")
    assert len(upstreams.faults.requests("credit")) == before


async def test_rate_limited_with_retry_after_seconds(
    bureau: CreditBureauClient, upstreams: Upstreams
) -> None:
    upstreams.faults.set(mode="rate_limited", service="credit", retry_after="7")
    outcome = await bureau.check(query("DE", "812453790", "1"))
    assert (outcome.status, outcome.code, outcome.retry_after_s) == ("retryable", "RATE_LIMITED", 7)


async def test_rate_limited_with_retry_after_http_date(
    bureau: CreditBureauClient, upstreams: Upstreams
) -> None:
    when = datetime.now(UTC) + timedelta(seconds=120)
    upstreams.faults.set(
        mode="rate_limited", service="credit", retry_after=format_datetime(when, usegmt=True)
    )
    outcome = await bureau.check(query("DE", "812453790", "1"))
    assert (outcome.status, outcome.code) == ("retryable", "RATE_LIMITED")
    assert outcome.retry_after_s is not None
    assert 115 <= outcome.retry_after_s <= 121  # HTTP-dates have whole seconds


@pytest.mark.parametrize("header", [None, "whenever"])
async def test_rate_limited_without_usable_retry_after_backs_off(
    bureau: CreditBureauClient, upstreams: Upstreams, header: str | None
) -> None:
    upstreams.faults.set(mode="rate_limited", service="credit", retry_after=header)
    outcome = await bureau.check(query("DE", "812453790", "1"))
    assert (outcome.status, outcome.code, outcome.retry_after_s) == (
        "retryable",
        "RATE_LIMITED",
        30,
    )


@pytest.mark.parametrize(
    ("fault", "status", "code", "retry_after"),
    [
        ({"mode": "status", "status": 502}, "retryable", "UPSTREAM_UNAVAILABLE", 30.0),
        ({"mode": "status", "status": 503, "retry_after": "12"}, "retryable",
         "UPSTREAM_UNAVAILABLE", 12.0),
        ({"mode": "html", "status": 500}, "retryable", "UPSTREAM_UNAVAILABLE", 30.0),
        ({"mode": "html"}, "retryable", "UPSTREAM_BAD_RESPONSE", 60.0),
        ({"mode": "truncate"}, "retryable", "UPSTREAM_BAD_RESPONSE", 60.0),
        ({"mode": "status", "status": 404}, "permanent", "UPSTREAM_REJECTED", None),
        ({"mode": "status", "status": 200, "body": '{"decision": "maybe"}'}, "permanent",
         "UPSTREAM_BAD_RESPONSE", None),
        ({"mode": "status", "status": 422, "body": '{"message": "amount is too large"}'},
         "permanent", "INVALID_INPUT", None),
    ],
)  # fmt: skip
async def test_failures_map_to_outcomes(
    bureau: CreditBureauClient,
    upstreams: Upstreams,
    fault: dict[str, object],
    status: str,
    code: str,
    retry_after: float | None,
) -> None:
    upstreams.faults.set(service="credit", **fault)
    outcome = await bureau.check(query("DE", "812453790", "1"))
    assert (outcome.status, outcome.code, outcome.retry_after_s) == (status, code, retry_after)
    if code == "INVALID_INPUT":
        assert outcome.message == "The credit bureau rejected the request: amount is too large."


async def test_bureau_validation_errors_name_the_field(bureau: CreditBureauClient) -> None:
    # Lower-case country passes no validation of ours (built unchecked) but fails the bureau's.
    unchecked = CreditCheckInput.model_construct(
        country_code="de", vat_number="812453790", company_name=None,
        gross_total=Decimal("1"), currency="EUR",
    )  # fmt: skip
    outcome = await bureau.check(unchecked)
    assert (outcome.status, outcome.code) == ("permanent", "INVALID_INPUT")
    assert outcome.message is not None and "country" in outcome.message


@pytest.mark.parametrize("style", ["seconds", "http-date"])
async def test_real_token_bucket_answers_429(style: Literal["seconds", "http-date"]) -> None:
    settings = DemoSettings(credit_burst=2, credit_refill_per_s=0.5, credit_retry_after=style)
    with run_in_thread(make_demo_upstreams_app(DemoFaults(), settings)) as (base_url, _):
        client = CreditBureauClient(HttpSettings(base_url=f"{base_url}/credit"),
                                    DEMO_CREDIT_API_KEY)  # fmt: skip
        try:
            outcomes = [await client.check(query("FR", "64443061841", "5")) for _ in range(3)]
        finally:
            await client.aclose()
    assert [o.status for o in outcomes] == ["ok", "ok", "retryable"]
    assert outcomes[2].code == "RATE_LIMITED"
    # 2 s to the next token; an HTTP-date loses the fraction of a second.
    assert outcomes[2].retry_after_s is not None and 0.5 <= outcomes[2].retry_after_s <= 3


async def test_api_key_is_never_logged(
    upstreams: Upstreams, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "sk-live-ShouldNeverAppear-0123456789"
    caplog.set_level(logging.DEBUG)
    client = CreditBureauClient(upstreams.http("credit"), secret)
    try:
        await client.check(query("DE", "812453790", "1"))  # rejected key
        upstreams.faults.set(mode="status", service="credit", status=500)
        await client.check(query("DE", "812453790", "1"))
    finally:
        await client.aclose()
    assert caplog.records  # httpx/httpcore and the adapter did log at DEBUG/INFO
    assert secret not in caplog.text
    config = LookupsConfig(credit_url="https://bureau.invalid", credit_api_key=secret)
    assert secret not in repr(config)
    assert secret not in repr(vars(client))
