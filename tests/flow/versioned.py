"""Three releases of one "order" workflow, for the versioning tests.

``OrderV1`` is the code that recorded tests/fixtures/flow/order_v1_history.json. The v2
change adds a credit check before stock is reserved: ``OrderV2Unpatched`` makes it
without a guard (old histories must then fail to replay), ``OrderV2`` guards it with
``patched("credit-check")`` (old histories keep the old path). ``OrderV1NewInput`` keeps
v1's path but sends one more field to the activity, for the ``check_activity_input``
behaviour flag.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

from salesdesk.flow import execute_activity, patched, query, run, signal, wait_condition, workflow

PATCH = "credit-check"


class OrderStart(BaseModel):
    model_config = ConfigDict(extra="forbid")
    customer: str


class Confirm(BaseModel):
    model_config = ConfigDict(extra="forbid")
    amount: int


class Ship(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Order:
    """State and handlers every release shares; each release has its own run()."""

    def __init__(self) -> None:
        self.customer = ""
        self.amount: int | None = None
        self.path = ""
        self.credit: Any = None
        self.reservation: Any = None
        self.shipped = False

    @signal(Confirm)
    def confirm(self, p: Confirm) -> None:
        self.amount = p.amount

    @signal(Ship)
    def ship(self, p: Ship) -> None:
        self.shipped = True

    @query
    def state(self) -> dict[str, Any]:
        return {
            "customer": self.customer,
            "amount": self.amount,
            "path": self.path,
            "credit": self.credit,
            "reservation": self.reservation,
            "shipped": self.shipped,
        }

    async def _reserve(self, extra: dict[str, Any] | None = None) -> None:
        payload = {"customer": self.customer, "amount": self.amount, **(extra or {})}
        self.reservation = await execute_activity("reserve_stock", payload)

    async def _credit_check(self) -> None:
        self.credit = await execute_activity("credit_check", {"customer": self.customer})


@workflow("order")
class OrderV1(_Order):
    @run
    async def run(self, start: OrderStart) -> str:
        self.customer = start.customer
        await wait_condition(lambda: self.amount is not None)
        self.path = "v1"
        await self._reserve()
        await wait_condition(lambda: self.shipped)
        return "shipped"


@workflow("order")
class OrderV2Unpatched(_Order):
    @run
    async def run(self, start: OrderStart) -> str:
        self.customer = start.customer
        await wait_condition(lambda: self.amount is not None)
        self.path = "v2"
        await self._credit_check()  # new step, not guarded: breaks running orders
        await self._reserve()
        await wait_condition(lambda: self.shipped)
        return "shipped"


@workflow("order", patches=(PATCH,))
class OrderV2(_Order):
    @run
    async def run(self, start: OrderStart) -> str:
        self.customer = start.customer
        await wait_condition(lambda: self.amount is not None)
        if patched(PATCH):
            self.path = "v2"
            await self._credit_check()
        else:
            self.path = "v1"
        await self._reserve()
        await wait_condition(lambda: self.shipped)
        return "shipped"


@workflow("order")
class OrderV1NewInput(_Order):
    @run
    async def run(self, start: OrderStart) -> str:
        self.customer = start.customer
        await wait_condition(lambda: self.amount is not None)
        self.path = "v1"
        await self._reserve({"currency": "EUR"})  # same activity, changed input
        await wait_condition(lambda: self.shipped)
        return "shipped"
