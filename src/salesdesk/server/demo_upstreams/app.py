"""All three demo upstreams in one ASGI app, plus the fault switch.

/vies/...        VIES REST (base URL for the adapter: {root}/vies)
/credit/...      credit bureau ({root}/credit)
/nominatim/...   Nominatim ({root}/nominatim)
GET/POST/DELETE /_faults   read, set, clear injected faults (body: FaultSpec as JSON)
GET /_requests?service=    requests seen recently, with monotonic arrival times
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from salesdesk.server.demo_upstreams.credit_app import make_credit_app
from salesdesk.server.demo_upstreams.faults import DemoFaults, FaultMiddleware, FaultSpec, Service
from salesdesk.server.demo_upstreams.nominatim_app import make_nominatim_app
from salesdesk.server.demo_upstreams.settings import DemoSettings
from salesdesk.server.demo_upstreams.vies_app import make_vies_app


def make_demo_upstreams_app(
    faults: DemoFaults | None = None, settings: DemoSettings | None = None
) -> FastAPI:
    faults = faults or DemoFaults()
    settings = settings or DemoSettings()
    app = FastAPI(title="SalesDesk demo upstreams", openapi_url=None)
    app.state.faults = faults
    app.state.settings = settings

    @app.get("/_faults")
    async def get_faults() -> dict[str, Any]:
        return faults.current()

    @app.post("/_faults")
    async def set_faults(spec: FaultSpec) -> dict[str, Any]:
        faults.set(spec)
        return faults.current()

    @app.delete("/_faults")
    async def clear_faults() -> dict[str, Any]:
        faults.clear()
        return faults.current()

    @app.get("/_requests")
    async def requests(service: Service | None = None) -> list[dict[str, Any]]:
        return [
            {"service": r.service, "method": r.method, "path": r.path, "at": r.at}
            for r in faults.requests(service)
        ]

    app.mount("/vies", FaultMiddleware(make_vies_app(settings), faults, "vies"))
    app.mount("/credit", FaultMiddleware(make_credit_app(settings), faults, "credit"))
    app.mount("/nominatim", FaultMiddleware(make_nominatim_app(settings), faults, "nominatim"))
    return app
