"""Login, bearer tokens, failed-login throttling and the FastAPI auth dependencies.

Tokens are opaque random strings (``secrets.token_urlsafe(32)``) stored only as their
SHA-256, with an expiry and a revocation time. Tokens live in the database, not in process
memory, so any server instance sharing the database accepts them.

Throttling counts failures per login name and per client address. A failure streak (no
pause of ``window`` between failures) that reaches the limit locks the key for
``base_lockout``, doubling with every further failure up to ``max_lockout``; locked
attempts get 429 with Retry-After and are not even checked. The per-name count is taken
*before* the password is verified, so parallel guesses cannot slip past the limit; a
successful login clears it. Unknown names are throttled and verified (against a dummy
hash) exactly like known ones, so neither timing nor throttling reveals which names exist.
Neither passwords nor tokens are ever logged.
"""

from __future__ import annotations

import hashlib
import logging
import math
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Annotated, Any, cast

from fastapi import APIRouter, Depends, Request, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field
from sqlalchemy import CursorResult, bindparam, delete, false, select
from sqlalchemy.orm import Session

from salesdesk.server.config import ThrottleSettings
from salesdesk.server.db import Executor, ServerContext, get_context, insert_ignore
from salesdesk.server.errors import ApiError, responses
from salesdesk.server.tables import login_throttle, tokens, users
from salesdesk.server.users import (
    PlainName,
    Principal,
    Role,
    UserRecord,
    get_user_by_name,
    store_rehash,
)

log = logging.getLogger(__name__)

# -- tokens ------------------------------------------------------------------------------


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class IssuedToken:
    token: str
    expires_at: datetime
    principal: Principal


def issue_token(
    session: Session, principal: Principal, *, ttl: timedelta, now: datetime
) -> IssuedToken:
    token = secrets.token_urlsafe(32)
    expires_at = now + ttl
    session.execute(
        tokens.insert().values(
            token_hash=hash_token(token),
            user_id=principal.user_id,
            created_at=now,
            expires_at=expires_at,
        )
    )
    return IssuedToken(token=token, expires_at=expires_at, principal=principal)


# Built once: every authenticated request runs it, and building a statement costs more
# CPU than the (cached) compile of it.
_RESOLVE_TOKEN = (
    select(users.c.id, users.c.name, users.c.role, users.c.team)
    .join(tokens, tokens.c.user_id == users.c.id)
    .where(
        tokens.c.token_hash == bindparam("token_hash"),
        tokens.c.revoked_at.is_(None),
        tokens.c.expires_at > bindparam("now"),
        users.c.disabled == false(),
    )
)


def resolve_token(session: Executor, token: str, *, now: datetime) -> Principal | None:
    """The user behind a live token; None if unknown, expired, revoked or user disabled."""
    row = session.execute(_RESOLVE_TOKEN, {"token_hash": hash_token(token), "now": now}).first()
    if row is None:
        return None
    return Principal(user_id=row.id, name=row.name, role=Role(row.role), team=row.team)


def revoke_token(session: Session, token: str, *, now: datetime) -> bool:
    revoked = session.execute(
        tokens.update()
        .where(tokens.c.token_hash == hash_token(token), tokens.c.revoked_at.is_(None))
        .values(revoked_at=now)
        .returning(tokens.c.token_hash)
    ).all()
    return bool(revoked)


def revoke_user_tokens(session: Session, user_id: int, *, now: datetime) -> int:
    """Revoke every live token of a user; returns how many."""
    revoked = session.execute(
        tokens.update()
        .where(
            tokens.c.user_id == user_id,
            tokens.c.revoked_at.is_(None),
            tokens.c.expires_at > now,
        )
        .values(revoked_at=now)
        .returning(tokens.c.token_hash)
    ).all()
    return len(revoked)


def prune_tokens(session: Session, *, now: datetime, keep: timedelta = timedelta(days=7)) -> int:
    """Delete tokens that expired more than ``keep`` ago."""
    result = session.execute(delete(tokens).where(tokens.c.expires_at < now - keep))
    return int(cast(CursorResult[Any], result).rowcount)


# -- throttling --------------------------------------------------------------------------

USER_SCOPE = "user"
ADDRESS_SCOPE = "address"


def _insert_row(session: Session, scope: str, key: str, now: datetime) -> None:
    insert_ignore(
        session,
        login_throttle,
        {
            "scope": scope,
            "key": key,
            "failures": 0,
            "window_started_at": now,
            "lockouts": 0,
            "updated_at": now,
        },
        ["scope", "key"],
    )


def retry_after(session: Session, scope: str, key: str, *, now: datetime) -> int | None:
    """Seconds until ``key`` may try again, or None when it is not locked."""
    locked_until: datetime | None = session.execute(
        select(login_throttle.c.locked_until).where(
            login_throttle.c.scope == scope, login_throttle.c.key == key
        )
    ).scalar_one_or_none()
    if locked_until is None or locked_until <= now:
        return None
    return max(1, math.ceil((locked_until - now).total_seconds()))


def register_failure(
    session: Session,
    scope: str,
    key: str,
    *,
    limit: int,
    settings: ThrottleSettings,
    now: datetime,
) -> None:
    """Count one failure for ``key``; lock it once the streak reaches ``limit``."""
    row = None
    # A concurrent successful login may delete the row between our insert and our select
    # (insert-if-missing then lock); then simply create it again.
    for _attempt in range(20):
        _insert_row(session, scope, key, now)
        row = session.execute(
            select(login_throttle)
            .where(login_throttle.c.scope == scope, login_throttle.c.key == key)
            .with_for_update()
        ).first()
        if row is not None:
            break
    if row is None:
        raise RuntimeError(f"could not lock the login throttle row for scope {scope}")
    failures, lockouts, started = row.failures, row.lockouts, row.window_started_at
    if now - row.updated_at > settings.window:  # a quiet pause ends the streak
        failures, lockouts, started = 0, 0, now
    failures += 1
    locked_until = row.locked_until
    if failures >= limit:
        lockouts += 1
        lockout = settings.base_lockout * (2 ** min(lockouts - 1, 30))
        locked_until = now + min(lockout, settings.max_lockout)
    session.execute(
        login_throttle.update()
        .where(login_throttle.c.scope == scope, login_throttle.c.key == key)
        .values(
            failures=failures,
            lockouts=lockouts,
            window_started_at=started,
            locked_until=locked_until,
            updated_at=now,
        )
    )


def clear_failures(session: Session, scope: str, key: str) -> None:
    session.execute(
        delete(login_throttle).where(login_throttle.c.scope == scope, login_throttle.c.key == key)
    )


def prune_throttle(session: Session, *, settings: ThrottleSettings, now: datetime) -> None:
    """Forget streaks that ended long enough ago to have no effect."""
    horizon = now - settings.window - settings.max_lockout
    session.execute(delete(login_throttle).where(login_throttle.c.updated_at < horizon))


# -- login -------------------------------------------------------------------------------


class InvalidCredentialsError(Exception):
    """Wrong name or password, or a disabled user (deliberately indistinguishable)."""


class LoginThrottledError(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__(f"too many failed logins; retry after {retry_after} s")
        self.retry_after = retry_after


def login(ctx: ServerContext, name: str, password: str, address: str) -> IssuedToken:
    """Check credentials and issue a token; raises LoginThrottledError or
    InvalidCredentialsError. Uses its own short transactions (the argon2 verification
    runs outside any transaction so it never holds database locks)."""
    throttle = ctx.settings.throttle
    now = ctx.now()
    record: UserRecord | None = None
    with ctx.sessions.begin() as session:
        waits = [
            retry_after(session, USER_SCOPE, name, now=now),
            retry_after(session, ADDRESS_SCOPE, address, now=now),
        ]
        wait = max((w for w in waits if w is not None), default=None)
        if wait is None:
            register_failure(
                session,
                USER_SCOPE,
                name,
                limit=throttle.max_failures_per_user,
                settings=throttle,
                now=now,
            )
            record = get_user_by_name(session, name)
    if wait is not None:
        raise LoginThrottledError(wait)

    stored_hash = record.password_hash if record is not None else None
    ok = ctx.hasher.verify(stored_hash, password) and record is not None and not record.disabled
    # Hashing is slow by design: do it before taking the write transaction.
    rehashed = (
        ctx.hasher.hash(password)
        if ok and record is not None and ctx.hasher.needs_rehash(record.password_hash)
        else None
    )

    now = ctx.now()
    with ctx.sessions.begin() as session:
        if record is None or not ok:
            register_failure(
                session,
                ADDRESS_SCOPE,
                address,
                limit=throttle.max_failures_per_address,
                settings=throttle,
                now=now,
            )
            prune_throttle(session, settings=throttle, now=now)
        else:
            clear_failures(session, USER_SCOPE, name)
            if rehashed is not None:
                store_rehash(session, record.principal.user_id, rehashed)
            issued = issue_token(session, record.principal, ttl=ctx.settings.token_ttl, now=now)
            prune_tokens(session, now=now)
    if record is None or not ok:
        raise InvalidCredentialsError()
    return issued


# -- FastAPI dependencies ------------------------------------------------------------------

bearer_scheme = HTTPBearer(
    auto_error=False,
    scheme_name="bearer",
    description="Token from `POST /api/v1/auth/login`.",
)

BEARER_CHALLENGE = {"WWW-Authenticate": "Bearer"}


def _unauthorized(message: str) -> ApiError:
    return ApiError(401, "unauthorized", message, headers=BEARER_CHALLENGE)


def current_user(
    ctx: Annotated[ServerContext, Depends(get_context)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)],
) -> Principal:
    """The caller behind the bearer token; 401 when missing, invalid, expired or revoked."""
    if credentials is None or not credentials.credentials:
        raise _unauthorized("Sign in first: this request needs a bearer token.")
    # A plain connection, not an ORM session: this runs on every request. Looked up in the
    # database each time, so a revoked token is refused at once.
    with ctx.engine.connect() as conn:
        principal = resolve_token(conn, credentials.credentials, now=ctx.now())
    if principal is None:
        raise _unauthorized("The token is invalid, expired or revoked; sign in again.")
    return principal


def require_role(*roles: Role | str) -> Callable[[Principal], Principal]:
    """Dependency factory: the caller must have one of ``roles`` (admin is not implied)."""
    allowed = frozenset(Role(r) for r in roles)

    def dependency(principal: Annotated[Principal, Depends(current_user)]) -> Principal:
        if principal.role not in allowed:
            names = " or ".join(sorted(r.value for r in allowed))
            raise ApiError(403, "forbidden", f"This needs the {names} role.")
        return principal

    return dependency


def client_address(request: Request, trust_forwarded_for: bool) -> str:
    if trust_forwarded_for:
        forwarded = request.headers.get("x-forwarded-for", "")
        first = forwarded.split(",")[0].strip()
        if first:
            return first[:255]
    return request.client.host if request.client else "unknown"


# -- routes ------------------------------------------------------------------------------


class LoginRequest(BaseModel):
    name: PlainName = Field(description="User name.")
    password: str = Field(min_length=1, max_length=1024, description="Password.")


class UserOut(BaseModel):
    name: str
    role: Role
    team: str | None

    @classmethod
    def of(cls, principal: Principal) -> UserOut:
        return cls(name=principal.name, role=principal.role, team=principal.team)


class LoginResponse(BaseModel):
    token: str = Field(description="Bearer token; send as `Authorization: Bearer <token>`.")
    expires_at: datetime
    user: UserOut


def make_auth_router() -> APIRouter:
    router = APIRouter(prefix="/api/v1", tags=["auth"])

    @router.post(
        "/auth/login",
        summary="Sign in and get a bearer token",
        response_model=LoginResponse,
        responses=responses(401, 422, 429),
    )
    def login_endpoint(
        body: LoginRequest,
        request: Request,
        ctx: Annotated[ServerContext, Depends(get_context)],
    ) -> LoginResponse:
        address = client_address(request, ctx.settings.trust_forwarded_for)
        try:
            issued = login(ctx, body.name, body.password, address)
        except LoginThrottledError as exc:
            ctx.metrics.logins.inc(result="throttled")
            raise ApiError(
                429,
                "too_many_requests",
                f"Too many failed sign-ins. Try again in {exc.retry_after} seconds.",
                headers={"Retry-After": str(exc.retry_after)},
            ) from None
        except InvalidCredentialsError:
            ctx.metrics.logins.inc(result="failed")
            log.info("failed sign-in from %s", address)
            raise ApiError(401, "invalid_credentials", "Wrong name or password.") from None
        ctx.metrics.logins.inc(result="ok")
        return LoginResponse(
            token=issued.token, expires_at=issued.expires_at, user=UserOut.of(issued.principal)
        )

    @router.post(
        "/auth/logout",
        summary="Revoke the token used for this request",
        status_code=204,
        response_class=Response,
        responses=responses(401),
    )
    def logout_endpoint(
        ctx: Annotated[ServerContext, Depends(get_context)],
        _principal: Annotated[Principal, Depends(current_user)],
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)],
    ) -> Response:
        assert credentials is not None  # current_user already refused a missing token
        with ctx.sessions.begin() as session:
            revoke_token(session, credentials.credentials, now=ctx.now())
        return Response(status_code=204)

    @router.get(
        "/me",
        summary="Who am I",
        response_model=UserOut,
        responses=responses(401),
    )
    def me_endpoint(principal: Annotated[Principal, Depends(current_user)]) -> UserOut:
        return UserOut.of(principal)

    return router
