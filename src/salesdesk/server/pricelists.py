"""Imported price lists: immutable versions keyed by content hash, one of them current.

The price list model belongs to the sales domain (``salesdesk.sales.pricelist.PriceList``,
with ``.version``, ``.content_hash()`` and ``model_validate_json``). It is looked up at call
time and behind a small protocol, so this module neither fixes that model's shape nor
fails to import while it is being written; tests may pass another parser.

The stored body is the JSON text as imported. Clients fetch ``/price-lists/current`` with
``If-None-Match`` and get 304 while the content hash (the strong ETag) is unchanged; a body
by hash never changes and may be cached for good.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Any, Protocol

from fastapi import APIRouter, Depends, Request, Response
from fastapi import Path as FastApiPath
from pydantic import BaseModel, ValidationError
from sqlalchemy import Row, select, true
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from salesdesk.server.auth import current_user, require_role
from salesdesk.server.db import ServerContext, get_context
from salesdesk.server.errors import ApiError, responses, validation_fields
from salesdesk.server.tables import price_lists
from salesdesk.server.users import Principal, Role, has_control_chars

MAX_HASH_LENGTH = 100
MAX_VERSION_LENGTH = 100
HASH_PATTERN = r"^[A-Za-z0-9._:-]+$"


class PriceListModel(Protocol):
    @property
    def version(self) -> str: ...

    def content_hash(self) -> str: ...


PriceListParser = Callable[[str], PriceListModel]


def parse_price_list(json_text: str) -> PriceListModel:
    """Validate with the sales domain's PriceList model."""
    try:
        module = importlib.import_module("salesdesk.sales.pricelist")
    except ImportError as exc:
        raise RuntimeError("salesdesk.sales.pricelist is not available in this build") from exc
    model: PriceListModel = module.PriceList.model_validate_json(json_text)
    return model


@dataclass(frozen=True)
class StoredPriceList:
    version: str
    content_hash: str
    body: str
    imported_at: datetime
    is_current: bool

    @property
    def etag(self) -> str:
        return f'"{self.content_hash}"'


@dataclass(frozen=True)
class ImportResult:
    price_list: StoredPriceList
    created: bool  # False: the same content was already stored (no-op)


class InvalidPriceListError(ValueError):
    def __init__(self, message: str, fields: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.fields = fields or {}


class PriceListVersionConflictError(ValueError):
    """A different price list with this version name is already stored."""


def _stored(row: Row[Any]) -> StoredPriceList:
    return StoredPriceList(
        version=row.version,
        content_hash=row.content_hash,
        body=row.body,
        imported_at=row.imported_at,
        is_current=bool(row.is_current),
    )


def _identity(json_text: str, parse: PriceListParser) -> tuple[str, str]:
    try:
        model = parse(json_text)
    except ValidationError as exc:
        fields = validation_fields(exc.errors())
        raise InvalidPriceListError("The price list is not valid.", fields) from exc
    except ValueError as exc:
        raise InvalidPriceListError(f"The price list is not valid: {exc}") from exc
    version, content_hash = str(model.version), str(model.content_hash())
    if not version or len(version) > MAX_VERSION_LENGTH or has_control_chars(version):
        raise InvalidPriceListError(
            f"version must be 1-{MAX_VERSION_LENGTH} characters without control characters",
            {"version": "unusable version name"},
        )
    # The hash becomes a quoted ETag and a URL segment: keep it to safe characters.
    if not (0 < len(content_hash) <= MAX_HASH_LENGTH) or not re.fullmatch(
        HASH_PATTERN, content_hash
    ):
        raise RuntimeError(f"unusable content hash from the price list model: {content_hash!r}")
    return version, content_hash


def import_price_list(
    session: Session,
    json_text: str,
    *,
    parse: PriceListParser = parse_price_list,
    now: datetime | None = None,
) -> ImportResult:
    """Store a validated price list and make it current.

    Same content again: no-op (``created=False``, current list unchanged). Different
    content under an existing version name: PriceListVersionConflictError. Runs in the
    caller's transaction.
    """
    version, content_hash = _identity(json_text, parse)
    existing = get_price_list(session, content_hash)
    if existing is not None:
        return ImportResult(existing, created=False)
    if session.execute(select(price_lists.c.id).where(price_lists.c.version == version)).first():
        raise PriceListVersionConflictError(
            f"a different price list with version {version!r} is already stored"
        )
    try:
        # A savepoint, so a concurrent import of the same list leaves this transaction usable.
        with session.begin_nested():
            session.execute(
                price_lists.update()
                .where(price_lists.c.is_current == true())
                .values(is_current=False)
            )
            session.execute(
                price_lists.insert().values(
                    version=version,
                    content_hash=content_hash,
                    body=json_text,
                    imported_at=now or datetime.now(UTC),
                    is_current=True,
                )
            )
    except IntegrityError:
        raced = get_price_list(session, content_hash)
        if raced is not None:
            return ImportResult(raced, created=False)
        raise PriceListVersionConflictError(
            f"a different price list with version {version!r} is already stored"
        ) from None
    stored = get_price_list(session, content_hash)
    assert stored is not None
    return ImportResult(stored, created=True)


def current_price_list(session: Session) -> StoredPriceList | None:
    row = session.execute(select(price_lists).where(price_lists.c.is_current == true())).first()
    return None if row is None else _stored(row)


def get_price_list(session: Session, content_hash: str) -> StoredPriceList | None:
    row = session.execute(
        select(price_lists).where(price_lists.c.content_hash == content_hash)
    ).first()
    return None if row is None else _stored(row)


def list_price_lists(session: Session) -> list[StoredPriceList]:
    rows = session.execute(select(price_lists).order_by(price_lists.c.imported_at.desc()))
    return [_stored(r) for r in rows.all()]


def set_current_price_list(session: Session, content_hash: str) -> StoredPriceList:
    """Make an already stored list current again (e.g. to roll back)."""
    if get_price_list(session, content_hash) is None:
        raise KeyError(content_hash)
    session.execute(
        price_lists.update().where(price_lists.c.is_current == true()).values(is_current=False)
    )
    session.execute(
        price_lists.update()
        .where(price_lists.c.content_hash == content_hash)
        .values(is_current=True)
    )
    stored = get_price_list(session, content_hash)
    assert stored is not None
    return stored


# -- HTTP --------------------------------------------------------------------------------


def etag_matches(if_none_match: str | None, etag: str) -> bool:
    """RFC 9110 If-None-Match: weak comparison, ``*`` matches any current representation."""
    if not if_none_match:
        return False
    for candidate in if_none_match.split(","):
        tag = candidate.strip()
        if tag == "*" or tag.removeprefix("W/") == etag:
            return True
    return False


def _conditional(request: Request, stored: StoredPriceList, cache_control: str) -> Response:
    headers = {
        "ETag": stored.etag,
        "Cache-Control": cache_control,
        "X-Price-List-Version": stored.version,
    }
    if etag_matches(request.headers.get("if-none-match"), stored.etag):
        return Response(status_code=304, headers=headers)
    return Response(content=stored.body, media_type="application/json", headers=headers)


class PriceListInfo(BaseModel):
    version: str
    content_hash: str
    imported_at: datetime
    is_current: bool
    created: bool


_PRICE_LIST_BODY: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The price list JSON as imported (the sales PriceList model).",
        "content": {"application/json": {"schema": {"type": "object"}}},
    },
    304: {"description": "Not modified: the If-None-Match ETag is still current."},
}


async def _raw_body(request: Request) -> bytes:
    return await request.body()


def make_price_list_router(parse: PriceListParser = parse_price_list) -> APIRouter:
    router = APIRouter(prefix="/api/v1", tags=["price lists"])

    @router.get(
        "/price-lists/current",
        summary="The current price list (ETag = content hash; send If-None-Match)",
        response_class=Response,
        responses={**_PRICE_LIST_BODY, **responses(401, 404)},
    )
    def get_current(
        request: Request,
        ctx: Annotated[ServerContext, Depends(get_context)],
        _principal: Annotated[Principal, Depends(current_user)],
    ) -> Response:
        with ctx.sessions.begin() as session:
            stored = current_price_list(session)
        if stored is None:
            raise ApiError(404, "not_found", "No price list has been imported yet.")
        # no-cache: a client may keep it but must revalidate, as "current" moves.
        return _conditional(request, stored, "private, no-cache")

    @router.get(
        "/price-lists/{content_hash}",
        summary="A price list by content hash (immutable)",
        response_class=Response,
        responses={**_PRICE_LIST_BODY, **responses(401, 404, 422)},
    )
    def get_by_hash(
        content_hash: Annotated[str, FastApiPath(pattern=HASH_PATTERN, max_length=100)],
        request: Request,
        ctx: Annotated[ServerContext, Depends(get_context)],
        _principal: Annotated[Principal, Depends(current_user)],
    ) -> Response:
        with ctx.sessions.begin() as session:
            stored = get_price_list(session, content_hash)
        if stored is None:
            raise ApiError(404, "not_found", f"No price list has content hash {content_hash}.")
        return _conditional(request, stored, "private, max-age=31536000, immutable")

    @router.post(
        "/admin/price-lists",
        summary="Import a price list (admin); re-importing the same content is a no-op",
        response_model=PriceListInfo,
        status_code=201,
        responses={
            200: {"model": PriceListInfo, "description": "Already stored (no-op)"},
            **responses(401, 403, 409, 422),
        },
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": {"type": "object"}}},
            }
        },
    )
    def import_endpoint(
        response: Response,
        raw: Annotated[bytes, Depends(_raw_body)],
        ctx: Annotated[ServerContext, Depends(get_context)],
        _admin: Annotated[Principal, Depends(require_role(Role.ADMIN))],
    ) -> PriceListInfo:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise ApiError(
                422, "invalid_request", "The body is not UTF-8.", fields={"body": "not UTF-8"}
            ) from None
        try:
            with ctx.sessions.begin() as session:
                result = import_price_list(session, text, parse=parse, now=ctx.now())
        except InvalidPriceListError as exc:
            raise ApiError(
                422, "invalid_price_list", str(exc), fields=exc.fields or {"body": str(exc)}
            ) from None
        except PriceListVersionConflictError as exc:
            raise ApiError(
                409, "version_conflict", str(exc), fields={"version": str(exc)}
            ) from None
        if not result.created:
            response.status_code = 200
        stored = result.price_list
        return PriceListInfo(
            version=stored.version,
            content_hash=stored.content_hash,
            imported_at=stored.imported_at,
            is_current=stored.is_current,
            created=result.created,
        )

    return router
