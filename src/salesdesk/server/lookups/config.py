"""Building the gateway from settings: what the central server calls at start-up."""

from __future__ import annotations

import ssl
from dataclasses import dataclass, field

from salesdesk.server.lookups._http import DEFAULT_USER_AGENT, HttpSettings
from salesdesk.server.lookups.credit import CreditBureauClient
from salesdesk.server.lookups.gateway import LookupGateway
from salesdesk.server.lookups.geocoder import DEFAULT_NOMINATIM_URL, NominatimGeocoder
from salesdesk.server.lookups.ratelimit import AsyncRateLimiter
from salesdesk.server.lookups.vies import DEFAULT_VIES_URL, ViesClient


@dataclass(frozen=True)
class LookupsConfig:
    credit_url: str
    credit_api_key: str = field(repr=False)  # never in a repr, hence never in a log line
    vies_url: str = DEFAULT_VIES_URL
    nominatim_url: str = DEFAULT_NOMINATIM_URL
    user_agent: str = DEFAULT_USER_AGENT
    contact_email: str | None = None  # Nominatim asks heavy users for one
    vies_requester: tuple[str, str] | None = None  # our own (country code, VAT number)
    deadline_s: float = 20.0
    verify: bool | ssl.SSLContext = True
    geocoder_min_interval_s: float = 1.0  # Nominatim's public policy; raise, never lower


def _settings(config: LookupsConfig, base_url: str) -> HttpSettings:
    return HttpSettings(
        base_url=base_url,
        deadline_s=config.deadline_s,
        verify=config.verify,
        user_agent=config.user_agent,
    )


def create_gateway(config: LookupsConfig) -> LookupGateway:
    """A gateway with its own HTTP clients; close it with ``await gateway.aclose()``."""
    return LookupGateway(
        vies=ViesClient(_settings(config, config.vies_url), requester=config.vies_requester),
        credit=CreditBureauClient(_settings(config, config.credit_url), config.credit_api_key),
        geocoder=NominatimGeocoder(
            _settings(config, config.nominatim_url),
            limiter=AsyncRateLimiter(config.geocoder_min_interval_s, max_wait_s=10.0),
            email=config.contact_email,
        ),
    )
