"""Small workflows the engine tests drive.

``Cart`` uses every deterministic facility the engine offers, so that the replay property
test covers them all: signals that add and remove items (with a validator), a condition
that schedules an activity, concurrent activities started with ``start_task``, a cancel
of a pending activity, a recurring durable timer, ``patched()``, ``now()``, ``uuid4()``,
``random()`` and ``side_effect()``.

``Fetch`` runs one activity with a retry policy given in its start input; the activity
runner tests use it.
"""

from __future__ import annotations

import itertools
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from salesdesk.flow import (
    ActivityCancelledError,
    ActivityFailure,
    ActivityHandle,
    RetryPolicy,
    SignalRejected,
    execute_activity,
    info,
    now,
    patched,
    query,
    random,
    run,
    side_effect,
    signal,
    sleep,
    start_task,
    uuid4,
    wait_condition,
    workflow,
)

REMINDER_SECONDS = 60.0
AUDIT_EVERY = 3  # an audit activity is scheduled after every third add


class StartCart(BaseModel):
    model_config = ConfigDict(extra="forbid")
    customer: str = Field(min_length=1, max_length=40)


class AddItem(BaseModel):
    model_config = ConfigDict(extra="forbid")
    sku: str = Field(min_length=1, max_length=12)
    qty: int = Field(ge=1, le=99)


class RemoveItem(BaseModel):
    model_config = ConfigDict(extra="forbid")
    sku: str = Field(min_length=1)


class Lookup(BaseModel):
    model_config = ConfigDict(extra="forbid")
    skus: list[str] = Field(min_length=1, max_length=4)


class CancelLookup(BaseModel):
    model_config = ConfigDict(extra="forbid")
    sku: str


class Approve(BaseModel):
    model_config = ConfigDict(extra="forbid")
    note: str = ""


class Checkout(BaseModel):
    model_config = ConfigDict(extra="forbid")


# Counts live side-effect calls in this process; replay must never call the function.
_side_effect_calls = itertools.count(1)


@workflow("cart", patches=("audit-v2",))
class Cart:
    def __init__(self) -> None:
        self.customer = ""
        self.ref = ""
        self.lucky = 0.0
        self.items: dict[str, int] = {}
        self.adds = 0
        self.audited_adds = 0
        self.audits: list[Any] = []
        self.prices: dict[str, Any] = {}
        self.reminders: list[str] = []
        self.approvals: list[str] = []
        self.trail: list[str] = []
        self.receipt: Any = None
        self.checkout = False
        self._lookups: dict[str, ActivityHandle] = {}
        self._pending_skus: set[str] = set()

    @run
    async def run(self, start: StartCart) -> dict[str, Any]:
        self.customer = start.customer
        self.ref = str(uuid4())
        self.lucky = random()
        start_task(self._remind(), "reminders")
        while True:
            await wait_condition(
                lambda: self.checkout or self.adds >= self.audited_adds + AUDIT_EVERY
            )
            if self.checkout:
                break
            self.audited_adds = self.adds
            # The v2 audit also sends the quantities; carts started before the change keep
            # sending only the skus (this is what patched() is for).
            if patched("audit-v2"):
                payload: dict[str, Any] = {"skus": sorted(self.items), "qty": self.items}
            else:  # pragma: no cover - no history without the marker in these tests
                payload = {"skus": sorted(self.items)}
            try:
                result = await execute_activity(
                    "audit", payload, retry=RetryPolicy(maximum_attempts=2)
                )
                self.audits.append(result)
            except ActivityFailure as exc:
                self.audits.append(f"failed: {exc.error_type}: {exc.message}")
        self.receipt = side_effect(lambda: f"R-{next(_side_effect_calls)}")
        return {"items": self.items, "receipt": self.receipt}

    async def _remind(self) -> None:
        while not self.checkout:
            await sleep(REMINDER_SECONDS)
            self.reminders.append(now().isoformat())

    async def _price(self, sku: str) -> None:
        handle = execute_activity("price", {"sku": sku}, retry=RetryPolicy(maximum_attempts=3))
        self._lookups[sku] = handle
        try:
            self.prices[sku] = await handle
        except ActivityFailure as exc:
            self.prices[sku] = f"failed: {exc.error_type}"
        except ActivityCancelledError:
            self.prices[sku] = "cancelled"
        finally:
            del self._lookups[sku]
            self._pending_skus.discard(sku)

    @signal(AddItem)
    def add(self, p: AddItem) -> None:
        self.items[p.sku] = self.items.get(p.sku, 0) + p.qty
        self.adds += 1
        self.trail.append(f"add {p.sku} {p.qty} at {now().isoformat()}")

    @signal(RemoveItem)
    def remove(self, p: RemoveItem) -> None:
        del self.items[p.sku]
        self.trail.append(f"remove {p.sku} at {now().isoformat()}")

    @remove.validator
    def _check_remove(self, p: RemoveItem) -> None:
        if p.sku not in self.items:
            raise SignalRejected("remove", {"sku": f"{p.sku!r} is not in the cart"})

    @signal(Lookup)
    def lookup(self, p: Lookup) -> None:
        # Several lookups run at once, each in its own workflow task.
        for sku in p.skus:
            if sku not in self._pending_skus:
                self._pending_skus.add(sku)
                start_task(self._price(sku), f"price {sku}")

    @signal(CancelLookup)
    def cancel_lookup(self, p: CancelLookup) -> None:
        handle = self._lookups.get(p.sku)
        if handle is not None:
            handle.cancel()

    @signal(Approve, origins=("server",))
    def approve(self, p: Approve) -> None:
        self.approvals.append(f"{info().event_origin}: {p.note}")

    @signal(Checkout)
    def do_checkout(self, p: Checkout) -> None:
        self.checkout = True

    @query
    def snapshot(self) -> dict[str, Any]:
        return {
            "customer": self.customer,
            "ref": self.ref,
            "lucky": self.lucky,
            "items": dict(self.items),
            "adds": self.adds,
            "audits": list(self.audits),
            "prices": dict(self.prices),
            "pending_lookups": sorted(self._lookups),
            "reminders": list(self.reminders),
            "approvals": list(self.approvals),
            "trail": list(self.trail),
            "receipt": self.receipt,
        }


class FetchStart(BaseModel):
    model_config = ConfigDict(extra="forbid")
    activity: str
    payload: Any = None
    retry: dict[str, Any] = Field(default_factory=dict)
    start_to_close_seconds: float = 30.0


class Nothing(BaseModel):
    model_config = ConfigDict(extra="forbid")


@workflow("fetch")
class Fetch:
    """Runs one activity and keeps what came of it, for the activity runner tests."""

    def __init__(self) -> None:
        self.result: Any = None
        self.failure: dict[str, Any] | None = None
        self.cancelled = False
        self.finish = False
        self._handle: ActivityHandle | None = None

    @run
    async def run(self, start: FetchStart) -> None:
        self._handle = execute_activity(
            start.activity,
            start.payload,
            retry=RetryPolicy(**start.retry),
            start_to_close_seconds=start.start_to_close_seconds,
        )
        try:
            self.result = await self._handle
        except ActivityFailure as exc:
            self.failure = {"type": exc.error_type, "message": exc.message, "code": exc.code}
        except ActivityCancelledError:
            self.cancelled = True
        # Stay open so that late results have a live workflow to be (wrongly) added to.
        await wait_condition(lambda: self.finish)

    @signal(Nothing)
    def cancel(self, p: Nothing) -> None:
        if self._handle is not None:
            self._handle.cancel()

    @signal(Nothing)
    def done(self, p: Nothing) -> None:
        self.finish = True

    @query
    def outcome(self) -> dict[str, Any]:
        return {"result": self.result, "failure": self.failure, "cancelled": self.cancelled}


class Sleeper(BaseModel):
    model_config = ConfigDict(extra="forbid")
    seconds: float


@workflow("sleeper")
class Nap:
    """Sleeps on a durable timer, then records the time it woke up."""

    def __init__(self) -> None:
        self.woke_at: str | None = None

    @run
    async def run(self, start: Sleeper) -> str:
        await sleep(start.seconds)
        self.woke_at = now().isoformat()
        return self.woke_at

    @query
    def woke(self) -> str | None:
        return self.woke_at


ALL_WORKFLOWS: tuple[type[Any], ...] = (Cart, Fetch, Nap)
