"""The Nominatim adapter against the demo Nominatim: matching, cache, one request a second."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import AsyncIterator

import httpx
import pytest

from salesdesk.sales.lookup_models import AddressCheckInput, LookupOutcome, NormalizedAddress
from salesdesk.server.demo_upstreams.nominatim_app import search
from salesdesk.server.lookups import AsyncRateLimiter, HttpSettings, NominatimGeocoder

from .conftest import Upstreams

pytestmark = pytest.mark.anyio


@pytest.fixture
async def geocoder(upstreams: Upstreams) -> AsyncIterator[NominatimGeocoder]:
    client = NominatimGeocoder(upstreams.http("nominatim"))
    yield client
    await client.aclose()


def address(outcome: LookupOutcome) -> NormalizedAddress:
    assert outcome.status == "ok", outcome
    return NormalizedAddress.model_validate(outcome.result)


async def test_found_with_fuzzy_spelling(geocoder: NominatimGeocoder) -> None:
    found = address(await geocoder.geocode(AddressCheckInput(address="friedrichstr. 68, berlin")))
    assert found.found is True
    assert (found.street, found.house_number, found.postcode, found.city) == (
        "Friedrichstraße", "68", "10117", "Berlin",
    )  # fmt: skip
    assert (found.country_code, found.lat, found.lon) == ("DE", "52.5112", "13.3892")
    assert found.display and "Friedrichstraße" in found.display


async def test_not_found_is_ok_with_found_false(geocoder: NominatimGeocoder) -> None:
    missing = address(await geocoder.geocode(AddressCheckInput(address="Nowhere Lane 1 Atlantis")))
    assert missing == NormalizedAddress(found=False)


async def test_country_filter_uses_iso_codes(geocoder: NominatimGeocoder) -> None:
    # EL (the VIES code) becomes GR for the geocoder; a filter on DE excludes Athens.
    greek = address(await geocoder.geocode(AddressCheckInput(address="Ermou 25 Athens",
                                                             country_code="EL")))  # fmt: skip
    assert (greek.found, greek.country_code, greek.city) == (True, "GR", "Αθήνα")
    other = address(await geocoder.geocode(AddressCheckInput(address="Ermou 25 Athens",
                                                             country_code="DE")))  # fmt: skip
    assert other.found is False


async def test_cache_hit_skips_upstream_and_limiter(
    geocoder: NominatimGeocoder, upstreams: Upstreams
) -> None:
    query = AddressCheckInput(address="Keizersgracht 123, Amsterdam")
    first = await geocoder.geocode(query)
    before = len(upstreams.faults.requests("nominatim"))
    started = time.monotonic()
    again = await geocoder.geocode(AddressCheckInput(address="  keizersgracht 123,  AMSTERDAM "))
    assert time.monotonic() - started < 0.5  # no wait for a rate-limit slot either
    assert again == first
    assert len(upstreams.faults.requests("nominatim")) == before
    assert geocoder.cache.hits == 1


async def test_failures_are_not_cached(geocoder: NominatimGeocoder, upstreams: Upstreams) -> None:
    geocoder.limiter.min_interval_s = 0.6  # keeps this test short, still above the demo's ban
    upstreams.faults.set(mode="down", service="nominatim", count=1)
    query = AddressCheckInput(address="Meir 24 Antwerpen")
    assert (await geocoder.geocode(query)).code == "UPSTREAM_UNAVAILABLE"
    assert address(await geocoder.geocode(query)).city == "Antwerpen"


async def test_at_most_one_request_per_second_upstream(upstreams: Upstreams) -> None:
    settings = upstreams.http("nominatim")
    geocoder = NominatimGeocoder(settings)  # the default limiter: Nominatim's policy
    queries = ["Marienplatz 8 München", "Zeil 106 Frankfurt", "Nyhavn 17 Copenhagen"]
    try:
        outcomes = await asyncio.gather(
            *(geocoder.geocode(AddressCheckInput(address=q)) for q in queries)
        )
    finally:
        await geocoder.aclose()
    assert [address(o).found for o in outcomes] == [True, True, True]
    arrivals = [
        r.at for r in upstreams.faults.requests("nominatim") if r.user_agent == settings.user_agent
    ]
    assert len(arrivals) == 3
    gaps = [b - a for a, b in itertools.pairwise(arrivals)]
    # Spacing is enforced on sending; loopback adds only milliseconds of jitter on arrival.
    assert all(gap >= 0.9 for gap in gaps), gaps


async def test_long_queue_gets_try_later(upstreams: Upstreams) -> None:
    geocoder = NominatimGeocoder(
        upstreams.http("nominatim"), limiter=AsyncRateLimiter(1.0, max_wait_s=0.5)
    )
    try:
        first, second = await asyncio.gather(
            geocoder.geocode(AddressCheckInput(address="Via Roma 101 Torino")),
            geocoder.geocode(AddressCheckInput(address="Via Etnea 120 Catania")),
        )
    finally:
        await geocoder.aclose()
    assert address(first).city == "Torino"
    assert (second.status, second.code) == ("retryable", "RATE_LIMITED")
    assert second.retry_after_s is not None and second.retry_after_s >= 0.5


async def test_upstream_429_when_asked_too_fast(upstreams: Upstreams) -> None:
    # A misconfigured limiter (faster than the policy) gets the upstream's 429.
    geocoder = NominatimGeocoder(upstreams.http("nominatim"), limiter=AsyncRateLimiter(0.05))
    try:
        outcomes = [
            await geocoder.geocode(AddressCheckInput(address=q))
            for q in ("Getreidegasse 9 Salzburg", "Rue Neuve 50 Bruxelles")
        ]
    finally:
        await geocoder.aclose()
    assert outcomes[0].status == "ok"
    assert (outcomes[1].status, outcomes[1].code) == ("retryable", "RATE_LIMITED")


def test_identifying_user_agent_is_required(upstreams: Upstreams) -> None:
    for agent in ("", "python-httpx/0.28.1", "Mozilla/5.0"):
        with pytest.raises(ValueError, match="User-Agent"):
            NominatimGeocoder(HttpSettings(base_url=upstreams.base_url, user_agent=agent))


async def test_blocked_agent_is_permanent(upstreams: Upstreams) -> None:
    # The adapter's own check is bypassed with a generic client: the upstream says 403.
    generic = httpx.AsyncClient(base_url=f"{upstreams.base_url}/nominatim")
    geocoder = NominatimGeocoder(upstreams.http("nominatim"), client=generic)
    try:
        outcome = await geocoder.geocode(AddressCheckInput(address="Meir 24 Antwerpen"))
    finally:
        await generic.aclose()
    assert (outcome.status, outcome.code) == ("permanent", "UPSTREAM_REJECTED")


@pytest.mark.parametrize(
    ("fault", "status", "code"),
    [
        ({"mode": "html"}, "retryable", "UPSTREAM_BAD_RESPONSE"),
        ({"mode": "truncate"}, "retryable", "UPSTREAM_BAD_RESPONSE"),
        ({"mode": "status", "status": 200, "body": '{"lat": 1}'}, "permanent",
         "UPSTREAM_BAD_RESPONSE"),
        ({"mode": "status", "status": 200, "body": '[{"lat": "1"}]'}, "permanent",
         "UPSTREAM_BAD_RESPONSE"),
    ],
)  # fmt: skip
async def test_broken_answers(
    geocoder: NominatimGeocoder,
    upstreams: Upstreams,
    fault: dict[str, object],
    status: str,
    code: str,
) -> None:
    upstreams.faults.set(service="nominatim", **fault)
    outcome = await geocoder.geocode(AddressCheckInput(address="Oude Delft 95 Delft"))
    assert (outcome.status, outcome.code) == (status, code)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Mariahilferstrasse 88, 1070 Wien", ("Mariahilfer Straße", "Wien")),
        ("ul. Marszalkowska 84 Warsaw", ("Marszałkowska", "Warszawa")),
        ("Vaclavske namesti 21 Prague", ("Václavské náměstí", "Praha")),
        ("Kungsportsavenyn 10 Gothenburg", ("Kungsportsavenyen", "Göteborg")),  # one typo
        ("Berlin", None),  # the demo knows houses, not whole cities
        ("Hauptstraße 1 Wien", None),
    ],
)
def test_demo_matching(query: str, expected: tuple[str, str] | None) -> None:
    place = search(query)
    assert (place.road, place.city) == expected if place else expected is None
