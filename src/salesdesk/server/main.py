"""Assembling the whole server: the foundation app plus sync, sales and lookup routes."""

from __future__ import annotations

import json
import os
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI

from salesdesk.sales.lookup_models import LookupOutcome
from salesdesk.server.app import create_app
from salesdesk.server.auth import current_user
from salesdesk.server.config import ServerSettings
from salesdesk.server.db import ServerContext
from salesdesk.server.lookup_receipts import receipt_digest, record_receipt
from salesdesk.server.lookups import LookupsConfig, create_gateway, make_lookup_router
from salesdesk.server.sync import SyncService
from salesdesk.server.sync_api import make_sync_router
from salesdesk.server.users import Principal


def lookups_config_from_env(environ: dict[str, str] | None = None) -> LookupsConfig | None:
    """Upstream settings for production. The credit bureau key comes from the environment
    (set by the service manager from its secret store), never from a file in the repo."""
    env = environ if environ is not None else dict(os.environ)
    credit_url = env.get("SALESDESK_CREDIT_URL")
    if not credit_url:
        return None
    kwargs: dict[str, Any] = {
        "credit_url": credit_url,
        "credit_api_key": env.get("SALESDESK_CREDIT_API_KEY", ""),
    }
    if env.get("SALESDESK_VIES_URL"):
        kwargs["vies_url"] = env["SALESDESK_VIES_URL"]
    if env.get("SALESDESK_NOMINATIM_URL"):
        kwargs["nominatim_url"] = env["SALESDESK_NOMINATIM_URL"]
    if env.get("SALESDESK_NOMINATIM_EMAIL"):
        kwargs["contact_email"] = env["SALESDESK_NOMINATIM_EMAIL"]
    return LookupsConfig(**kwargs)


def build_app(
    settings: ServerSettings, lookups: LookupsConfig | None = None, **kwargs: Any
) -> FastAPI:
    app = create_app(settings, **kwargs)
    ctx: ServerContext = app.state.salesdesk
    sync = SyncService(ctx)
    app.state.sync = sync
    app.include_router(make_sync_router(sync))
    if lookups is not None:
        gateway = create_gateway(lookups)
        app.include_router(make_lookup_router(gateway, current_user, _receipt_keeper(ctx)))
        inner = app.router.lifespan_context

        @asynccontextmanager
        async def lifespan(a: FastAPI) -> AsyncIterator[None]:
            async with inner(a):
                try:
                    yield
                finally:
                    await gateway.aclose()

        app.router.lifespan_context = lifespan
    return app


def _receipt_keeper(
    ctx: ServerContext,
) -> Callable[[Principal, str, dict[str, Any], LookupOutcome], None]:
    """Keeps a receipt of each lookup answer before it is sent, so that the device's
    recording of it can be checked when the sale is pushed (lookup_receipts.py)."""

    def keep(caller: Principal, kind: str, payload: dict[str, Any], outcome: LookupOutcome) -> None:
        # The result as the device will read it: the wire JSON, parsed again.
        result = json.loads(outcome.model_dump_json())["result"]
        digest = receipt_digest(caller.user_id, kind, payload, result)
        with ctx.engine.begin() as conn:
            record_receipt(conn, digest, caller.user_id, kind, ctx.now())

    return keep
