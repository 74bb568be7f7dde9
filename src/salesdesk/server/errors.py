"""One JSON error shape for every failure: ``{"error", "message", "fields"}``.

``error`` is a stable machine code, ``message`` plain words for a person, ``fields`` maps a
request field (dotted path, e.g. ``events.0.seq``) to what is wrong with it. Bad input never
becomes a 5xx; unexpected exceptions become a 500 whose body reveals nothing internal.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger(__name__)


class ErrorBody(BaseModel):
    """The body of every error response."""

    error: str = Field(description="Stable machine-readable code, e.g. `invalid_request`.")
    message: str = Field(description="What went wrong, in plain words.")
    fields: dict[str, str] = Field(
        default_factory=dict, description="Offending request fields and what is wrong."
    )


class ApiError(Exception):
    """Raise from an endpoint to answer with an ErrorBody."""

    def __init__(
        self,
        status_code: int,
        error: str,
        message: str,
        *,
        fields: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.error = error
        self.message = message
        self.fields = dict(fields or {})
        self.headers = dict(headers or {})


def error_response(
    status_code: int,
    error: str,
    message: str,
    *,
    fields: Mapping[str, str] | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    body = ErrorBody(error=error, message=message, fields=dict(fields or {}))
    return JSONResponse(body.model_dump(), status_code=status_code, headers=dict(headers or {}))


def responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses=`` entries documenting ErrorBody for the given status codes."""
    return {code: {"model": ErrorBody, "description": HTTPStatus(code).phrase} for code in codes}


_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    413: "request_too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    429: "too_many_requests",
}


def field_path(loc: Sequence[int | str]) -> str:
    """``("body", "events", 0, "seq")`` -> ``"events.0.seq"``; the body itself is ``body``."""
    parts = [str(p) for p in loc]
    if len(parts) > 1 and parts[0] in {"body", "query", "path", "header", "cookie"}:
        parts = parts[1:]
    return ".".join(parts) or "body"


def validation_fields(errors: Sequence[Any]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for err in errors:
        loc = tuple(err.get("loc", ()))
        if err.get("type") == "json_invalid":
            # FastAPI puts the character offset in loc; pydantic's own parser leaves it out.
            detail = (err.get("ctx") or {}).get("error", "invalid JSON")
            where = f" at character {loc[-1]}" if loc and isinstance(loc[-1], int) else ""
            fields["body"] = f"not valid JSON: {detail}{where}"
            continue
        fields.setdefault(field_path(loc), str(err.get("msg", "invalid")))
    return fields


async def _api_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return error_response(
        exc.status_code, exc.error, exc.message, fields=exc.fields, headers=exc.headers
    )


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    fields = validation_fields(exc.errors())
    if any(err.get("type") == "json_invalid" for err in exc.errors()):
        message = "The request body is not valid JSON."
    else:
        message = f"The request has invalid fields: {', '.join(sorted(fields))}."
    return error_response(422, "invalid_request", message, fields=fields)


async def _http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = _CODES.get(exc.status_code, "error")
    message = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
    return error_response(exc.status_code, code, message, headers=exc.headers)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    # Method and route template only: the URL or body could carry something sensitive.
    route = getattr(request.scope.get("route"), "path", "?")
    log.error("unhandled error in %s %s", request.method, route, exc_info=exc)
    return error_response(500, "internal_error", "The server failed to handle the request.")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)
