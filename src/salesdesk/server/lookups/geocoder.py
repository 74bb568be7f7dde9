"""Address check through the Nominatim search protocol (OpenStreetMap's geocoder).

Nominatim's usage policy: an identifying User-Agent, at most one request per second, and
results cached rather than asked again. So requests pass a shared rate limiter and a TTL cache
sits in front; an empty result list is a valid answer ("no such address"), cached too.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from typing import Any

import httpx
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from salesdesk.sales.lookup_models import (
    RATE_LIMITED,
    UPSTREAM_BAD_RESPONSE,
    UPSTREAM_REJECTED,
    AddressCheckInput,
    LookupOutcome,
    NormalizedAddress,
)
from salesdesk.server.lookups._http import (
    HttpSettings,
    OutcomeError,
    exchange,
    http_status_outcome,
    parse_json,
    permanent,
    retryable,
    utc_now,
)
from salesdesk.server.lookups.cache import TTLCache
from salesdesk.server.lookups.ratelimit import AsyncRateLimiter

log = logging.getLogger(__name__)

DEFAULT_NOMINATIM_URL = "https://nominatim.openstreetmap.org"
UPSTREAM = "the address service"
_GENERIC_AGENTS = ("python-httpx", "python-requests", "python-urllib", "curl/", "mozilla/")

_CITY_KEYS = ("city", "town", "village", "municipality", "hamlet", "suburb")
_STREET_KEYS = ("road", "pedestrian", "footway", "street", "square", "place")


class _Place(BaseModel):
    model_config = ConfigDict(extra="ignore")

    lat: str
    lon: str
    display_name: str
    address: dict[str, str] = {}

    @field_validator("lat", "lon", mode="before")
    @classmethod
    def _coordinate_text(cls, value: Any) -> Any:
        # Nominatim sends strings; tolerate numbers without going through float formatting.
        return str(value) if isinstance(value, int | Decimal) else value

    @field_validator("address", mode="before")
    @classmethod
    def _text_values(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {str(k): str(v) for k, v in value.items() if isinstance(v, str | int)}
        return value


class NominatimGeocoder:
    def __init__(
        self,
        settings: HttpSettings,
        *,
        limiter: AsyncRateLimiter | None = None,
        cache: TTLCache[str, LookupOutcome] | None = None,
        found_ttl_s: float = 7 * 86_400.0,
        not_found_ttl_s: float = 3600.0,
        email: str | None = None,
        client: httpx.AsyncClient | None = None,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        agent = settings.user_agent.strip()
        if not agent or agent.lower().startswith(_GENERIC_AGENTS):
            raise ValueError("Nominatim requires a User-Agent that identifies this application")
        self._settings = settings
        # max_wait: a request that would queue for long gets "try later" instead of hanging.
        self.limiter = limiter or AsyncRateLimiter(1.0, max_wait_s=10.0)
        self.cache: TTLCache[str, LookupOutcome] = cache or TTLCache(max_size=5000)
        self._found_ttl_s = found_ttl_s
        self._not_found_ttl_s = not_found_ttl_s
        self._email = email
        self._client = client or settings.make_client()
        self._owns_client = client is None
        self._clock = clock

    async def aclose(self) -> None:
        if self._owns_client:
            await self._client.aclose()

    async def geocode(self, query: AddressCheckInput) -> LookupOutcome:
        key = _cache_key(query)
        cached = self.cache.get(key)
        if cached is not None:
            return cached
        try:
            address = await self._search(query)
        except OutcomeError as failure:
            log.info("address lookup: %s", failure.outcome.code)  # addresses are personal data
            return failure.outcome
        outcome = LookupOutcome.ok(address)
        ttl = self._found_ttl_s if address.found else self._not_found_ttl_s
        self.cache.set(key, outcome, ttl)
        return outcome

    async def _search(self, query: AddressCheckInput) -> NormalizedAddress:
        params = {"q": query.address, "format": "jsonv2", "addressdetails": "1", "limit": "1"}
        if query.country_code:
            params["countrycodes"] = query.country_code.lower()
        if self._email:
            params["email"] = self._email
        waited = await self.limiter.acquire()
        if waited is None:
            raise retryable(
                RATE_LIMITED,
                "Many addresses are being checked right now; this one will be tried again.",
                max(1.0, self.limiter.delay()),
            )
        request = self._client.build_request("GET", "/search", params=params)
        raw = await exchange(self._client, request, settings=self._settings, upstream=UPSTREAM)
        if raw.status == 403:
            # Nominatim blocks applications that break its usage policy.
            raise permanent(
                UPSTREAM_REJECTED,
                "The address service refuses the server's requests — tell your administrator.",
            )
        if raw.status >= 300:
            raise http_status_outcome(raw, UPSTREAM, self._clock)
        data = parse_json(raw, UPSTREAM)
        if not isinstance(data, list):
            raise _bad_shape()
        if not data:
            return NormalizedAddress(found=False)
        try:
            place = _Place.model_validate(data[0])
        except ValidationError:
            raise _bad_shape() from None
        return _normalized(place)


def _cache_key(query: AddressCheckInput) -> str:
    return f"{query.country_code or '*'}|{' '.join(query.address.casefold().split())}"


def _first(address: dict[str, str], keys: tuple[str, ...]) -> str | None:
    return next((address[k] for k in keys if address.get(k)), None)


def _normalized(place: _Place) -> NormalizedAddress:
    details = place.address
    country = details.get("country_code")
    return NormalizedAddress(
        found=True,
        display=place.display_name,
        street=_first(details, _STREET_KEYS),
        house_number=details.get("house_number"),
        postcode=details.get("postcode"),
        city=_first(details, _CITY_KEYS),
        country_code=country.upper() if country else None,
        lat=place.lat,
        lon=place.lon,
    )


def _bad_shape() -> OutcomeError:
    return permanent(
        UPSTREAM_BAD_RESPONSE,
        "The address service answered in a form the server does not understand — "
        "enter the address by hand and tell your administrator.",
    )
