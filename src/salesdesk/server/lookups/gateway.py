"""The lookup gateway: one entry point the desktop calls for every kind of lookup.

The desktop never talks to VIES, the credit bureau or the geocoder itself: keys stay on the
server, rate limits and caches are shared by all agents, and every answer comes back in one
shape (:class:`LookupOutcome`) whose ``status`` tells the desktop's activity whether to retry.
Over HTTP a lookup that failed is still a 200 with a failed outcome; a non-200 means the
gateway itself was not reached or refused the caller, which the desktop treats as offline.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Annotated, Any, Protocol

from fastapi import APIRouter, Body, Depends, HTTPException
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ValidationError

from salesdesk.sales.lookup_models import (
    INPUT_MODELS,
    INTERNAL_ERROR,
    INVALID_INPUT,
    LOOKUP_KINDS,
    AddressCheckInput,
    CompanyLookupInput,
    CreditCheckInput,
    LookupOutcome,
)
from salesdesk.server.lookups.cache import TTLCache

log = logging.getLogger(__name__)

# VIES answers change rarely within the hour of a sale. A credit answer is cached briefly so
# that an activity retried after a lost response (activities are at-least-once) does not buy a
# second, billed inquiry at the bureau. Addresses are cached by the geocoder itself.
DEFAULT_TTLS: Mapping[str, float] = {"company": 3600.0, "credit": 300.0, "address": 0.0}


class CompanyLookupService(Protocol):
    async def check(self, query: CompanyLookupInput) -> LookupOutcome: ...
    async def aclose(self) -> None: ...


class CreditCheckService(Protocol):
    async def check(self, query: CreditCheckInput) -> LookupOutcome: ...
    async def aclose(self) -> None: ...


class AddressCheckService(Protocol):
    async def geocode(self, query: AddressCheckInput) -> LookupOutcome: ...
    async def aclose(self) -> None: ...


class UnknownLookupKindError(ValueError):
    pass


class LookupGateway:
    kinds: tuple[str, ...] = LOOKUP_KINDS

    def __init__(
        self,
        vies: CompanyLookupService,
        credit: CreditCheckService,
        geocoder: AddressCheckService,
        cache: TTLCache[str, LookupOutcome] | None = None,
        *,
        ttls: Mapping[str, float] = DEFAULT_TTLS,
    ) -> None:
        self.vies = vies
        self.credit = credit
        self.geocoder = geocoder
        self.cache: TTLCache[str, LookupOutcome] = cache or TTLCache(max_size=10_000)
        self._ttls = dict(ttls)

    async def aclose(self) -> None:
        for adapter in (self.vies, self.credit, self.geocoder):
            await adapter.aclose()

    async def lookup(self, kind: str, payload: Mapping[str, Any]) -> LookupOutcome:
        """Validate ``payload`` for ``kind`` and run the lookup; never raises for bad input or
        upstream failures. Raises :class:`UnknownLookupKindError` for an unknown ``kind``."""
        model = INPUT_MODELS.get(kind)
        if model is None:
            raise UnknownLookupKindError(kind)
        try:
            query = model.model_validate(payload)
        except ValidationError as exc:
            return LookupOutcome.permanent(INVALID_INPUT, _field_messages(exc))
        key = f"{kind}:{query.model_dump_json()}"
        cached = self.cache.get(key)
        if cached is not None:
            return cached
        try:
            outcome = await self._run(query)
        except Exception:
            # A bug of ours must not crash the request; retrying will not fix it either.
            log.exception("lookup %s failed inside the gateway", kind)
            return LookupOutcome.permanent(
                INTERNAL_ERROR, "The lookup failed on the server — tell your administrator."
            )
        if outcome.status == "ok":
            self.cache.set(key, outcome, self._ttls.get(kind, 0.0))
        return outcome

    async def _run(self, query: BaseModel) -> LookupOutcome:
        if isinstance(query, CompanyLookupInput):
            return await self.vies.check(query)
        if isinstance(query, CreditCheckInput):
            return await self.credit.check(query)
        if isinstance(query, AddressCheckInput):
            return await self.geocoder.geocode(query)
        raise TypeError(f"no adapter for {type(query).__name__}")


def _field_messages(exc: ValidationError) -> str:
    """Pydantic's errors as "field: what is wrong" in words an agent can act on."""
    parts = []
    for error in exc.errors(include_url=False):
        field = ".".join(str(part) for part in error["loc"]) or "input"
        message = str(error["msg"]).removeprefix("Value error, ")
        parts.append(f"{field}: {message}")
    return "; ".join(parts)


#: Called with (caller, kind, input, outcome) after every successful lookup, in a worker
#: thread, before the answer is sent (the server keeps a receipt of it).
OnAnswer = Callable[[Any, str, dict[str, Any], LookupOutcome], None]


def make_lookup_router(
    gateway: LookupGateway,
    auth_dependency: Callable[..., Any],
    on_answer: OnAnswer | None = None,
) -> APIRouter:
    """``POST /api/v1/lookups/{kind}``: body = the kind's input JSON, answer = LookupOutcome.

    ``auth_dependency`` is the server's FastAPI dependency; it runs before anything else, so an
    unauthenticated caller learns nothing, not even which kinds exist.
    """
    router = APIRouter(
        prefix="/api/v1/lookups", tags=["lookups"], dependencies=[Depends(auth_dependency)]
    )

    @router.post("/{kind}", response_model=LookupOutcome)
    async def run_lookup(
        kind: str,
        payload: Annotated[dict[str, Any], Body()],
        # A default, not Annotated: annotations are strings here, and auth_dependency is
        # local, so FastAPI could not resolve it in one.
        caller: Any = Depends(auth_dependency),  # noqa: B008
    ) -> LookupOutcome:
        if kind not in gateway.kinds:
            raise HTTPException(status_code=404, detail=f"unknown lookup kind {kind!r}")
        outcome = await gateway.lookup(kind, payload)
        if outcome.status == "ok" and on_answer is not None:
            await run_in_threadpool(on_answer, caller, kind, payload, outcome)
        return outcome

    return router
