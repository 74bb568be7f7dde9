"""Lookup gateway of the central server: adapters to VIES, a credit bureau and Nominatim."""

from salesdesk.server.lookups._http import HttpSettings, parse_retry_after
from salesdesk.server.lookups.cache import TTLCache
from salesdesk.server.lookups.config import LookupsConfig, create_gateway
from salesdesk.server.lookups.credit import CreditBureauClient
from salesdesk.server.lookups.gateway import (
    LookupGateway,
    UnknownLookupKindError,
    make_lookup_router,
)
from salesdesk.server.lookups.geocoder import NominatimGeocoder
from salesdesk.server.lookups.ratelimit import AsyncRateLimiter
from salesdesk.server.lookups.vies import ViesClient

__all__ = [
    "AsyncRateLimiter",
    "CreditBureauClient",
    "HttpSettings",
    "LookupGateway",
    "LookupsConfig",
    "NominatimGeocoder",
    "TTLCache",
    "UnknownLookupKindError",
    "ViesClient",
    "create_gateway",
    "make_lookup_router",
    "parse_retry_after",
]
