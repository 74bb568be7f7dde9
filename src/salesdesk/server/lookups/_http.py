"""The part every upstream adapter shares: one HTTP exchange that never raises past the adapter.

Failures become :class:`OutcomeError` carrying the :class:`LookupOutcome` to hand back, so the
adapters read top to bottom and catch one exception type.
"""

from __future__ import annotations

import asyncio
import json
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

from salesdesk.sales.lookup_models import (
    RATE_LIMITED,
    UPSTREAM_BAD_RESPONSE,
    UPSTREAM_REJECTED,
    UPSTREAM_TIMEOUT,
    UPSTREAM_UNAVAILABLE,
    UPSTREAM_UNREACHABLE,
    LookupOutcome,
)

DEFAULT_USER_AGENT = "SalesDesk-LookupGateway/0.1 (+https://salesdesk.invalid/contact)"
# Upper bound for any Retry-After we honour: a buggy upstream must not park a sale for a year.
MAX_RETRY_AFTER_S = 86_400.0


def _cap(text: str) -> str:
    """Upstream names are written mid-sentence ("the credit bureau"); this starts a sentence."""
    return text[:1].upper() + text[1:]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class HttpSettings:
    """Where an upstream lives and how long we are willing to wait for it.

    ``deadline_s`` bounds the whole exchange, body included: httpx's read timeout is per read,
    so an upstream that sends one byte every few seconds would otherwise never time out.
    """

    base_url: str
    connect_timeout_s: float = 5.0
    read_timeout_s: float = 10.0
    deadline_s: float = 20.0
    max_body_bytes: int = 1_000_000
    # True, or an SSLContext trusting a private CA. Never False in production.
    verify: bool | ssl.SSLContext = True
    user_agent: str = DEFAULT_USER_AGENT
    # Off by default so that tests and the demo on loopback never go through an environment
    # proxy; turn on where the server must use an egress proxy (HTTPS_PROXY, SSL_CERT_FILE).
    trust_env: bool = False

    def make_client(self) -> httpx.AsyncClient:
        timeout = httpx.Timeout(
            self.read_timeout_s, connect=self.connect_timeout_s, pool=self.connect_timeout_s
        )
        return httpx.AsyncClient(
            base_url=self.base_url.rstrip("/"),
            timeout=timeout,
            verify=self.verify,
            headers={"User-Agent": self.user_agent, "Accept": "application/json"},
            follow_redirects=False,
            trust_env=self.trust_env,
        )


@dataclass(frozen=True, slots=True)
class RawResponse:
    status: int
    headers: httpx.Headers
    body: bytes


class OutcomeError(Exception):
    """An exchange ended in a non-ok outcome; ``outcome`` is what the caller returns."""

    def __init__(self, outcome: LookupOutcome) -> None:
        super().__init__(outcome.code)
        self.outcome = outcome


def retryable(code: str, message: str, retry_after_s: float | None) -> OutcomeError:
    return OutcomeError(LookupOutcome.retryable(code, message, retry_after_s))


def permanent(code: str, message: str) -> OutcomeError:
    return OutcomeError(LookupOutcome.permanent(code, message))


async def exchange(
    client: httpx.AsyncClient,
    request: httpx.Request,
    *,
    settings: HttpSettings,
    upstream: str,
) -> RawResponse:
    """Send ``request`` and read the whole (bounded) body within the deadline."""
    try:
        async with asyncio.timeout(settings.deadline_s):
            response = await client.send(request, stream=True)
            try:
                body = await _read_capped(response, settings.max_body_bytes, upstream)
            finally:
                await response.aclose()
    except TimeoutError:
        raise retryable(
            UPSTREAM_TIMEOUT,
            f"{_cap(upstream)} did not finish answering within {settings.deadline_s:g} seconds; "
            "the lookup will be tried again.",
            30.0,
        ) from None
    except httpx.ConnectTimeout:
        raise _unreachable(upstream) from None
    except httpx.TimeoutException:
        raise retryable(
            UPSTREAM_TIMEOUT,
            f"{_cap(upstream)} is not answering in time; the lookup will be tried again.",
            30.0,
        ) from None
    except httpx.ConnectError as exc:
        raise _unreachable(upstream, exc) from None
    except httpx.RemoteProtocolError:
        # Typically a body shorter than its Content-Length: the connection dropped mid-answer.
        raise retryable(
            UPSTREAM_BAD_RESPONSE,
            f"{_cap(upstream)} broke off its answer half-way; the lookup will be tried again.",
            30.0,
        ) from None
    except httpx.TransportError:
        raise _unreachable(upstream) from None
    return RawResponse(response.status_code, response.headers, body)


def _unreachable(upstream: str, exc: Exception | None = None) -> OutcomeError:
    detail = ""
    if exc is not None and "CERTIFICATE_VERIFY_FAILED" in str(exc):
        detail = " (its TLS certificate is not trusted)"
    return retryable(
        UPSTREAM_UNREACHABLE,
        f"The server cannot reach {upstream}{detail}; the lookup will be tried again.",
        30.0,
    )


async def _read_capped(response: httpx.Response, limit: int, upstream: str) -> bytes:
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > limit:
            raise retryable(
                UPSTREAM_BAD_RESPONSE,
                f"{_cap(upstream)} sent an answer far larger than expected.",
                60.0,
            )
        chunks.append(chunk)
    return b"".join(chunks)


def parse_json(raw: RawResponse, upstream: str) -> Any:
    """The body as JSON (floats as Decimal), or a retryable bad-response outcome.

    Non-JSON is treated as transient: in practice it is a proxy's or a maintenance HTML page.
    """
    try:
        return json.loads(raw.body, parse_float=Decimal)
    except (ValueError, UnicodeDecodeError):
        kind = raw.headers.get("content-type", "unknown type").split(";")[0]
        raise retryable(
            UPSTREAM_BAD_RESPONSE,
            f"{_cap(upstream)} sent an unreadable answer ({kind}, HTTP {raw.status}); "
            "the lookup will be tried again.",
            60.0,
        ) from None


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds from a Retry-After header (delay-seconds or HTTP-date), None if absent/garbled."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    try:
        seconds = float(text)
    except ValueError:
        try:
            when = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:  # RFC 9110 dates are GMT; be lenient with a missing zone
            when = when.replace(tzinfo=UTC)
        seconds = (when - now).total_seconds()
    if seconds != seconds:  # NaN
        return None
    return min(max(seconds, 0.0), MAX_RETRY_AFTER_S)


def http_status_outcome(
    raw: RawResponse,
    upstream: str,
    now: Callable[[], datetime],
    *,
    default_retry_after_s: float = 30.0,
) -> OutcomeError:
    """The outcome for a non-2xx status that the adapter has no more specific reading for."""
    retry_after = parse_retry_after(raw.headers.get("retry-after"), now())
    if raw.status == 429:
        return retryable(
            RATE_LIMITED,
            f"{_cap(upstream)} asks us to slow down; the lookup will be tried again.",
            retry_after if retry_after is not None else default_retry_after_s,
        )
    if raw.status >= 500:
        return retryable(
            UPSTREAM_UNAVAILABLE,
            f"{_cap(upstream)} is having problems (HTTP {raw.status}); "
            "the lookup will be tried again.",
            retry_after if retry_after is not None else default_retry_after_s,
        )
    return permanent(
        UPSTREAM_REJECTED, f"{_cap(upstream)} refused the request (HTTP {raw.status})."
    )


def short_text(value: Any, limit: int = 200) -> str | None:
    """An upstream-provided text fit to show an agent: a string, trimmed, or None."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = " ".join(value.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
