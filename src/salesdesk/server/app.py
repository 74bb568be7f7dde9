"""The FastAPI app factory: auth, admin, price lists, health and metrics under one roof.

The server is stateless: everything (users, tokens, throttle, events) is in the database,
so any number of instances may share one PostgreSQL. Endpoints are plain ``def`` (run in
the thread pool) because the database layer is synchronous SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, PlainTextResponse
from pydantic import BaseModel, Field
from sqlalchemy import Engine, text
from starlette.types import ASGIApp, Message, Receive, Scope, Send

import salesdesk
from salesdesk.server.auth import make_auth_router, require_role, revoke_user_tokens
from salesdesk.server.config import ServerSettings
from salesdesk.server.db import (
    ServerContext,
    create_engine_for,
    get_context,
    make_sessions,
    utcnow,
)
from salesdesk.server.errors import ApiError, error_response, install_error_handlers, responses
from salesdesk.server.metrics import Metrics, MetricsMiddleware
from salesdesk.server.migrate import current_revision, ensure_schema, head_revision
from salesdesk.server.pricelists import PriceListParser, make_price_list_router, parse_price_list
from salesdesk.server.users import (
    PasswordHasher,
    PlainName,
    Principal,
    Role,
    UserExistsError,
    add_user,
    get_user_by_name,
)

PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


# -- request body limit ---------------------------------------------------------------------


class BodyLimitMiddleware:
    """Answer 413 for bodies over ``max_bytes``, whether or not Content-Length is sent.

    The body is read (up to the limit) before the app runs and then replayed to it: a
    chunked upload has no length up front, and once an endpoint has started reading, a
    failure would surface as a parse error instead of a 413. API bodies are small JSON
    documents that endpoints buffer anyway, so this costs no extra memory in practice.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._too_large(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return  # the client left; nobody to answer
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await self._too_large(scope, receive, send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()  # later calls wait for http.disconnect as usual

        await self.app(scope, replay, send)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = error_response(
            413,
            "request_too_large",
            f"The request body is larger than {self.max_bytes} bytes.",
            headers={"Connection": "close"},
        )
        await response(scope, receive, send)


# -- admin routes ----------------------------------------------------------------------------


class CreateUserRequest(BaseModel):
    name: PlainName
    password: str = Field(min_length=8, max_length=1024)
    role: Role
    team: PlainName | None = None


class UserCreated(BaseModel):
    id: int
    name: str
    role: Role
    team: str | None


class RevokeTokensRequest(BaseModel):
    user: PlainName = Field(description="Name of the user.")


class RevokeTokensResponse(BaseModel):
    revoked: int = Field(description="How many live tokens were revoked.")


AdminDep = Annotated[Principal, Depends(require_role(Role.ADMIN))]
ContextDep = Annotated[ServerContext, Depends(get_context)]


def make_admin_router() -> APIRouter:
    router = APIRouter(prefix="/api/v1/admin", tags=["admin"])

    @router.post(
        "/users",
        summary="Create a user (admin)",
        status_code=201,
        response_model=UserCreated,
        responses=responses(401, 403, 409, 422),
    )
    def create_user(body: CreateUserRequest, ctx: ContextDep, _admin: AdminDep) -> UserCreated:
        try:
            with ctx.sessions.begin() as session:
                principal = add_user(
                    session,
                    body.name,
                    body.password,
                    body.role,
                    body.team,
                    hasher=ctx.hasher,
                    now=ctx.now(),
                )
        except UserExistsError as exc:
            raise ApiError(409, "user_exists", str(exc), fields={"name": "already taken"}) from None
        except ValueError as exc:
            raise ApiError(422, "invalid_request", str(exc)) from None
        return UserCreated(
            id=principal.user_id, name=principal.name, role=principal.role, team=principal.team
        )

    @router.post(
        "/tokens/revoke",
        summary="Revoke every live token of a user (admin)",
        response_model=RevokeTokensResponse,
        responses=responses(401, 403, 404, 422),
    )
    def revoke_tokens(
        body: RevokeTokensRequest, ctx: ContextDep, _admin: AdminDep
    ) -> RevokeTokensResponse:
        with ctx.sessions.begin() as session:
            record = get_user_by_name(session, body.user)
            if record is None:
                raise ApiError(
                    404, "not_found", f"No user named {body.user!r}.", fields={"user": "unknown"}
                )
            count = revoke_user_tokens(session, record.principal.user_id, now=ctx.now())
        return RevokeTokensResponse(revoked=count)

    return router


# -- health and metrics -------------------------------------------------------------------------


class Health(BaseModel):
    status: str
    schema_revision: str


def make_ops_router() -> APIRouter:
    router = APIRouter(tags=["operations"])

    @router.get(
        "/healthz",
        summary="Liveness and database check",
        response_model=Health,
        responses=responses(503),
    )
    def healthz(ctx: ContextDep) -> Health | JSONResponse:
        try:
            with ctx.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
                revision = current_revision(conn)
        except Exception as exc:  # any database failure means "not healthy"
            return error_response(
                503, "unavailable", f"The database is unreachable ({type(exc).__name__})."
            )
        if revision != head_revision():
            return error_response(
                503, "unavailable", f"The database schema is at {revision}, not {head_revision()}."
            )
        return Health(status="ok", schema_revision=revision)

    @router.get(
        "/metrics",
        summary="Prometheus metrics (text format 0.0.4)",
        response_class=PlainTextResponse,
    )
    def metrics(ctx: ContextDep) -> PlainTextResponse:
        return PlainTextResponse(ctx.metrics.render(), media_type=PROMETHEUS_CONTENT_TYPE)

    return router


# -- factory -----------------------------------------------------------------------------------


def create_app(
    settings: ServerSettings,
    *,
    engine: Engine | None = None,
    metrics: Metrics | None = None,
    clock: Callable[[], datetime] | None = None,
    price_list_parser: PriceListParser = parse_price_list,
    extra_routers: Sequence[APIRouter] = (),
) -> FastAPI:
    """Build the server app. The schema is ensured when the app starts (lifespan), so a
    database from a newer release stops startup with SchemaTooNewError. An ``engine``
    passed in is left open at shutdown; one created here is disposed."""
    owns_engine = engine is None
    engine = engine if engine is not None else create_engine_for(settings.database_url)
    ctx = ServerContext(
        settings=settings,
        engine=engine,
        sessions=make_sessions(engine),
        metrics=metrics or Metrics(),
        hasher=PasswordHasher(settings.argon2),
        clock=clock or utcnow,
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        await run_in_threadpool(ensure_schema, ctx.engine)
        try:
            yield
        finally:
            if owns_engine:
                ctx.engine.dispose()

    app = FastAPI(
        title="SalesDesk server",
        version=salesdesk.__version__,
        summary="Central server for SalesDesk: sign-in, price lists, workflow history sync.",
        lifespan=lifespan,
    )
    app.state.salesdesk = ctx
    install_error_handlers(app)
    app.include_router(make_auth_router())
    app.include_router(make_admin_router())
    app.include_router(make_price_list_router(price_list_parser))
    app.include_router(make_ops_router())
    for router in extra_routers:
        app.include_router(router)
    # Added last = outermost: metrics also see the 413s from the body limit.
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(MetricsMiddleware, metrics=ctx.metrics)
    return app
