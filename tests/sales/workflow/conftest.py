"""Fixtures of the sale workflow tests: every service runs on real SQLite files in tmp_path."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from salesdesk.sales.service import SalePolicy, SalesService

from .support import Clock, Lookups, ServiceFactory, write_price_list


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def lookups() -> Lookups:
    return Lookups()


@pytest.fixture
def price_list_file(tmp_path: Path) -> Path:
    return write_price_list(tmp_path / "price-list.json")


@pytest.fixture
def make_service(
    tmp_path: Path, clock: Clock, lookups: Lookups, price_list_file: Path
) -> Iterator[ServiceFactory]:
    """Open a SalesService on ``tmp_path / profile``; all are closed after the test."""
    opened: list[SalesService] = []

    def make(
        profile: str = "a",
        *,
        activities: dict[str, Any] | None = None,
        policy: SalePolicy | None = None,
        price_list: Path | None = price_list_file,
        wall_clock: Callable[[], float] = time.time,
    ) -> SalesService:
        svc = SalesService(
            tmp_path / profile,
            lookups.activities() if activities is None else activities,
            clock=clock,
            policy=policy,
            wall_clock=wall_clock,
        )
        opened.append(svc)
        svc.set_agent("anna", "north")
        if price_list is not None:
            svc.price_lists.import_file(price_list)
        return svc

    yield make
    for svc in opened:
        svc.close()


@pytest.fixture
def svc(make_service: ServiceFactory) -> SalesService:
    return make_service()
