"""The VIES adapter against the demo VIES over real HTTP: every userError, broken answers,
an upstream that is gone, one that answers too slowly and one that trickles bytes."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator

import pytest

from salesdesk.sales.lookup_models import CompanyInfo, CompanyLookupInput, LookupOutcome
from salesdesk.server.demo_upstreams import run_in_thread
from salesdesk.server.lookups import HttpSettings, ViesClient

from .conftest import Upstreams

pytestmark = pytest.mark.anyio

# userError → (status, code) the agent's activity sees
EXPECTED = {
    "201": ("permanent", "INVALID_INPUT"),
    "202": ("permanent", "INVALID_REQUESTER_INFO"),
    "300": ("retryable", "SERVICE_UNAVAILABLE"),
    "301": ("retryable", "MS_UNAVAILABLE"),
    "302": ("retryable", "TIMEOUT"),
    "400": ("permanent", "VAT_BLOCKED"),
    "401": ("permanent", "IP_BLOCKED"),
    "500": ("retryable", "GLOBAL_MAX_CONCURRENT_REQ"),
    "501": ("retryable", "GLOBAL_MAX_CONCURRENT_REQ_TIME"),
    "600": ("retryable", "MS_MAX_CONCURRENT_REQ"),
    "601": ("retryable", "MS_MAX_CONCURRENT_REQ_TIME"),
}


@pytest.fixture
async def vies(upstreams: Upstreams) -> AsyncIterator[ViesClient]:
    client = ViesClient(upstreams.http("vies"))
    yield client
    await client.aclose()


def query(country: str, number: str) -> CompanyLookupInput:
    return CompanyLookupInput(country_code=country, vat_number=number)


def company(outcome: LookupOutcome) -> CompanyInfo:
    assert outcome.status == "ok", outcome
    return CompanyInfo.model_validate(outcome.result)


async def test_valid_company_with_name_and_address(vies: ViesClient) -> None:
    info = company(await vies.check(query("DE", "812453790")))
    assert info.valid is True
    assert info.name == "Brandt & Söhne Maschinenbau GmbH"
    assert info.address == "Friedrichstraße 68\n10117 Berlin"
    assert (info.country_code, info.vat_number) == ("DE", "812453790")
    assert info.consultation_number is None  # no requester configured
    assert info.request_date.tzinfo is not None


async def test_undisclosed_name_is_none_not_dashes(vies: ViesClient) -> None:
    info = company(await vies.check(query("ES", "B86412491")))
    assert info.valid is True
    assert info.name is None and info.address is None


async def test_test_service_valid_and_invalid(vies: ViesClient) -> None:
    assert company(await vies.check(query("BE", "100"))).valid is True
    invalid = company(await vies.check(query("BE", "200")))
    assert invalid.valid is False and invalid.name is None
    # An unknown but well-formed number is INVALID: a definite answer, not an error.
    assert company(await vies.check(query("DE", "999999999"))).valid is False


@pytest.mark.parametrize("number", sorted(EXPECTED))
async def test_every_user_error(vies: ViesClient, number: str) -> None:
    outcome = await vies.check(query("DE", number))
    assert (outcome.status, outcome.code) == EXPECTED[number]
    assert outcome.message
    if outcome.status == "retryable":
        assert outcome.retry_after_s is not None and 0 < outcome.retry_after_s <= 300
    else:
        assert outcome.retry_after_s is None


async def test_member_state_down_is_retryable_and_named(
    vies: ViesClient, upstreams: Upstreams
) -> None:
    upstreams.settings.vies_unavailable.add("EL")
    outcome = await vies.check(query("EL", "094259216"))
    assert (outcome.status, outcome.code) == ("retryable", "MS_UNAVAILABLE")
    assert outcome.message is not None and "Greek" in outcome.message


async def test_error_wrappers_shape_is_read(vies: ViesClient) -> None:
    # The gateway would refuse "XX" itself; sent anyway, VIES answers HTTP 400 with
    # {"actionSucceed": false, "errorWrappers": [{"error": "INVALID_INPUT"}]}.
    bad = CompanyLookupInput.model_construct(country_code="XX", vat_number="123456789")
    outcome = await vies.check(bad)
    assert (outcome.status, outcome.code) == ("permanent", "INVALID_INPUT")


async def test_consultation_number_is_kept(upstreams: Upstreams) -> None:
    client = ViesClient(upstreams.http("vies"), requester=("DE", "309811249"))
    try:
        info = company(await client.check(query("FR", "64443061841")))
        assert info.consultation_number is not None
        assert info.consultation_number.startswith("WAPI")
        bad_requester = ViesClient(upstreams.http("vies"), requester=("DE", "123456789"))
        outcome = await bad_requester.check(query("FR", "64443061841"))
        await bad_requester.aclose()
        assert (outcome.status, outcome.code) == ("permanent", "INVALID_REQUESTER_INFO")
    finally:
        await client.aclose()


@pytest.mark.parametrize(
    ("fault", "status", "code"),
    [
        ({"mode": "html"}, "retryable", "UPSTREAM_BAD_RESPONSE"),
        ({"mode": "html", "status": 503}, "retryable", "UPSTREAM_UNAVAILABLE"),
        ({"mode": "truncate"}, "retryable", "UPSTREAM_BAD_RESPONSE"),
        ({"mode": "down"}, "retryable", "UPSTREAM_UNAVAILABLE"),
        ({"mode": "rate_limited"}, "retryable", "RATE_LIMITED"),
        ({"mode": "status", "status": 500}, "retryable", "UPSTREAM_UNAVAILABLE"),
        ({"mode": "status", "status": 404}, "permanent", "UPSTREAM_REJECTED"),
        ({"mode": "status", "status": 200, "body": "[1, 2]"}, "permanent", "UPSTREAM_BAD_RESPONSE"),
        (
            {"mode": "status", "status": 200, "body": '{"isValid": true, "userError": "INVALID"}'},
            "permanent",
            "UPSTREAM_BAD_RESPONSE",
        ),
        ({"mode": "status", "status": 200, "body": "{}"}, "permanent", "UPSTREAM_BAD_RESPONSE"),
    ],
)
async def test_broken_answers_never_crash(
    vies: ViesClient, upstreams: Upstreams, fault: dict[str, object], status: str, code: str
) -> None:
    upstreams.faults.set(service="vies", **fault)
    outcome = await vies.check(query("DE", "812453790"))
    assert (outcome.status, outcome.code) == (status, code)
    assert outcome.message


async def test_fault_counts_down_then_service_recovers(
    vies: ViesClient, upstreams: Upstreams
) -> None:
    upstreams.faults.set(mode="down", service="vies", count=1)
    assert (await vies.check(query("DE", "812453790"))).status == "retryable"
    assert (await vies.check(query("DE", "812453790"))).status == "ok"


async def test_server_gone_is_unreachable() -> None:
    with run_in_thread() as (base_url, stop):
        stop()  # nothing listens on the port any more: connection refused
        client = ViesClient(HttpSettings(base_url=f"{base_url}/vies", deadline_s=5))
        try:
            outcome = await client.check(query("DE", "812453790"))
        finally:
            await client.aclose()
    assert (outcome.status, outcome.code) == ("retryable", "UPSTREAM_UNREACHABLE")


async def test_read_timeout(upstreams: Upstreams) -> None:
    upstreams.faults.set(mode="none", service="vies", latency_s=1.0)
    client = ViesClient(upstreams.http("vies", read_timeout_s=0.2))
    try:
        outcome = await client.check(query("DE", "812453790"))
    finally:
        await client.aclose()
    assert (outcome.status, outcome.code) == ("retryable", "UPSTREAM_TIMEOUT")


async def test_slow_loris_hits_the_total_deadline(upstreams: Upstreams) -> None:
    # One byte every 0.1 s never trips the per-read timeout of 2 s; only the deadline can end
    # it. The answer is ~400 bytes: without a deadline this would take some 40 s.
    upstreams.faults.set(mode="slow", service="vies", interval_s=0.1)
    client = ViesClient(upstreams.http("vies", read_timeout_s=2.0, deadline_s=1.0))
    started = time.monotonic()
    try:
        outcome = await client.check(query("DE", "812453790"))
    finally:
        await client.aclose()
    elapsed = time.monotonic() - started
    assert (outcome.status, outcome.code) == ("retryable", "UPSTREAM_TIMEOUT")
    assert 0.9 <= elapsed < 5.0
