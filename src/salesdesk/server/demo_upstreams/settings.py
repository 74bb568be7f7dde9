"""Knobs of the demo upstreams that are not faults: keys, rate limits, unavailable states."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

DEMO_CREDIT_API_KEY = "demo-credit-key"  # a demo value, not a secret
DEMO_SUSPENDED_API_KEY = "demo-suspended-key"  # known to the bureau but blocked: 403


@dataclass
class DemoSettings:
    credit_api_keys: frozenset[str] = frozenset({DEMO_CREDIT_API_KEY})
    credit_suspended_keys: frozenset[str] = frozenset({DEMO_SUSPENDED_API_KEY})
    # Token bucket per API key: ``credit_burst`` checks at once, refilled at this rate.
    credit_burst: int = 20
    credit_refill_per_s: float = 5.0
    credit_retry_after: Literal["seconds", "http-date", "none"] = "seconds"
    # Nominatim bans clients that ask faster than once a second. The demo answers 429 below
    # this spacing (half the policy, so that loopback jitter never trips a compliant client).
    nominatim_min_interval_s: float = 0.5
    # Member states whose register is "down": VIES answers MS_UNAVAILABLE for them.
    vies_unavailable: set[str] = field(default_factory=set)
