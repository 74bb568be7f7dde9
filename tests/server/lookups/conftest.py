"""Fixtures of the lookup tests: demo upstreams over real HTTP on loopback.

One demo server serves the module; each test gets its faults cleared. Adapters get a fresh
User-Agent per test, because the demo Nominatim (like the real one) rate-limits per agent.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

import pytest

from salesdesk.server.demo_upstreams import (
    DemoFaults,
    DemoSettings,
    make_demo_upstreams_app,
    run_in_thread,
)
from salesdesk.server.lookups import HttpSettings


@dataclass
class Upstreams:
    base_url: str
    faults: DemoFaults
    settings: DemoSettings

    def http(self, service: str, **overrides: Any) -> HttpSettings:
        settings = HttpSettings(
            base_url=f"{self.base_url}/{service}",
            deadline_s=5.0,
            user_agent=f"SalesDesk-tests/1.0 ({uuid.uuid4().hex[:8]})",
        )
        return replace(settings, **overrides)


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="module")
def _server() -> Iterator[Upstreams]:
    faults = DemoFaults()
    settings = DemoSettings()
    with run_in_thread(make_demo_upstreams_app(faults, settings)) as (base_url, _stop):
        yield Upstreams(base_url, faults, settings)


@pytest.fixture
def upstreams(_server: Upstreams) -> Iterator[Upstreams]:
    _server.faults.clear()
    yield _server
    _server.faults.clear()
    _server.settings.vies_unavailable.clear()
