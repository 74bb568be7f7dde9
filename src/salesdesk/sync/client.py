"""A small typed client of the server's /api/v1, on httpx with TLS verification on.

Every failure maps to one of: OfflineError (try later, nothing assumed to have happened:
no connection, a timeout, an answer trickling past the deadline, any 5xx; ServerBusy for a
429, with the delay its Retry-After asks for), AuthError (log in again), ServerRejected (a
clear refusal, including a certificate this computer does not trust), BadResponse
(garbled answer, treated as a dropped connection).

TLS is always verified. The administrator's policy (``[server] ca_file``) may add a CA
to the system's; a profile signed in with ``login --ca-file`` adds its own.
"""

from __future__ import annotations

import json
import ssl
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import httpx

from salesdesk.flow.events import Event
from salesdesk.sales.lookup_models import LookupOutcome
from salesdesk.sync.errors import (
    AuthError,
    BadResponse,
    OfflineError,
    ServerNotTrusted,
    ServerRejected,
)

_OFFLINE_STATUS = {502, 503, 504}
#: Without a Retry-After, a busy server (429) is asked again after this many seconds.
DEFAULT_BUSY_RETRY_S = 30.0


class ServerBusy(OfflineError):
    """429 Too Many Requests (from the server or a proxy in front of it): try again later,
    after ``retry_after`` seconds. Nothing is assumed to have happened."""

    def __init__(self, message: str, retry_after: float, server_message: str | None) -> None:
        super().__init__(message)
        self.retry_after = retry_after
        self.server_message = server_message


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date); None if unusable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(min(int(value), 86400))
    try:
        from email.utils import parsedate_to_datetime

        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    from datetime import UTC, datetime

    return max(0.0, min((when - datetime.now(UTC)).total_seconds(), 86400.0))


@dataclass(frozen=True)
class LoginResult:
    token: str
    expires_at: str
    name: str
    role: str
    team: str | None


@dataclass(frozen=True)
class PushOutcome:
    workflow_id: str
    status: str  # accepted | duplicate | conflict | rejected
    position: int
    reason: str | None
    server_events: list[Event]


@dataclass(frozen=True)
class PulledEvent:
    cursor: int
    workflow_id: str
    event: Event


def event_from_json(item: dict[str, Any]) -> Event:
    try:
        return Event(
            int(item["seq"]),
            str(item["type"]),
            dict(item["data"]),
            str(item["time"]),
            str(item["origin"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise BadResponse(f"the server sent a malformed event ({exc})") from None


def verify_setting(*ca_files: str | None) -> bool | ssl.SSLContext:
    """TLS is always verified; extra CA bundles (the admin policy's ``server.ca_file``, a
    ``login --ca-file``) are trusted *in addition to* the system's. There is deliberately
    no way to turn verification off. Raises OSError or ssl.SSLError for an unusable file."""
    files = [f for f in ca_files if f]
    if not files:
        return True
    context = ssl.create_default_context()
    for ca_file in dict.fromkeys(files):
        context.load_verify_locations(cafile=ca_file)
    return context


def policy_ca_file() -> str | None:
    """The CA bundle the administrator's policy adds (``[server] ca_file``), if any.

    Read on every new client, so a policy change applies from the next sync cycle. A broken
    policy file never stops sync: ``salesdesk policy`` reports it, and only the system's CAs
    are trusted meanwhile."""
    from salesdesk.policy import load_policy

    policy, _problems = load_policy()
    ca_file = policy.server.ca_file
    return str(ca_file) if ca_file is not None else None


def _policy_hint() -> str:
    from salesdesk.policy import policy_path

    return (
        "TLS certificate checks cannot be turned off; if your company runs its own "
        "certificate authority, ask your administrator to set server.ca_file in the "
        f"SalesDesk policy ({policy_path()}) to its CA certificate"
    )


def _certificate_problem(exc: BaseException) -> str | None:
    """Why the server's certificate was refused, when that is what ``exc`` is about."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, ssl.SSLCertVerificationError):
            return current.verify_message or current.reason or "not trusted"
        current = current.__cause__ or current.__context__
    if "CERTIFICATE_VERIFY_FAILED" in str(exc):
        return "not trusted"
    return None


class ServerClient:
    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        ca_file: str | None = None,
        trust_policy_ca: bool = True,
        timeout: float = 20.0,
        deadline: float | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        """``ca_file``: an extra CA bundle of this profile (``login --ca-file``). With
        ``trust_policy_ca`` (the default) the admin policy's ``server.ca_file`` is trusted
        too. Both only add trust; certificates are always verified.

        ``timeout`` bounds each network wait; ``deadline`` (default three times that) bounds
        a whole request, so an answer trickling in byte by byte cannot hold a sync or a
        lookup forever."""
        self.base_url = base_url.rstrip("/")
        self.token = token
        self._deadline = deadline if deadline is not None else 3 * timeout
        files = [policy_ca_file() if trust_policy_ca else None, ca_file]
        # An unusable CA file is reported on the first request, as a clear refusal that
        # every caller already handles; meanwhile only the system's CAs are trusted.
        self._trust_problem: str | None = None
        verify: bool | ssl.SSLContext = True
        try:
            verify = verify_setting(*files)
        except (OSError, ssl.SSLError) as exc:
            names = ", ".join(f for f in files if f)
            reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
            self._trust_problem = (
                f"the CA certificate file {names} cannot be used ({reason}); ask your "
                "administrator to fix server.ca_file in the SalesDesk policy"
            )
        self._http = httpx.Client(
            base_url=self.base_url,
            verify=verify,
            timeout=httpx.Timeout(timeout, connect=min(5.0, timeout)),
            transport=transport,
            headers={"User-Agent": "SalesDesk-desktop"},
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> ServerClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ plumbing
    def _request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        if self._trust_problem is not None:
            raise ServerNotTrusted(self._trust_problem)
        headers = dict(kwargs.pop("headers", {}) or {})
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        try:
            response = self._send(method, path, headers, **kwargs)
        except httpx.TimeoutException as exc:
            raise OfflineError(f"the server at {self.base_url} did not answer in time") from exc
        except (httpx.TransportError, ssl.SSLError) as exc:
            problem = _certificate_problem(exc)
            if problem is not None:
                raise ServerNotTrusted(
                    f"the server at {self.base_url} presented a certificate this computer does "
                    f"not trust ({problem}). {_policy_hint()}",
                ) from exc
            raise OfflineError(f"cannot reach the server at {self.base_url}") from exc
        if response.status_code in _OFFLINE_STATUS:
            raise OfflineError(f"the server at {self.base_url} is unavailable right now")
        if response.status_code == 429:
            body = self._json(response, allow_error=True)
            server_message = body.get("message") if isinstance(body, dict) else None
            wait = _retry_after(response.headers.get("Retry-After"))
            wait = DEFAULT_BUSY_RETRY_S if wait is None else wait
            raise ServerBusy(
                f"the server at {self.base_url} is busy (too many requests); "
                f"trying again in {wait:.0f} s",
                wait,
                str(server_message) if server_message else None,
            )
        if response.status_code >= 500:
            # The server (or a proxy) failed while answering: nothing is known to have
            # happened, so this is "try again later", never a refusal of the request.
            raise OfflineError(
                f"the server at {self.base_url} had a problem answering "
                f"(HTTP {response.status_code}); trying again later"
            )
        if response.status_code == 401:
            raise AuthError("the server no longer accepts this sign-in; log in again")
        if response.status_code >= 400:
            body = self._json(response, allow_error=True)
            message = (body or {}).get("message") or response.reason_phrase
            fields = (body or {}).get("fields") or {}
            raise ServerRejected(response.status_code, str(message), dict(fields))
        return response

    def _send(
        self, method: str, path: str, headers: dict[str, str], **kwargs: Any
    ) -> httpx.Response:
        """The request, its body read within the deadline (httpx only bounds each read)."""
        started = time.monotonic()
        with self._http.stream(method, path, headers=headers, **kwargs) as streamed:
            chunks: list[bytes] = []
            for chunk in streamed.iter_bytes():  # decoded (gzip...)
                chunks.append(chunk)
                if time.monotonic() - started > self._deadline:
                    raise OfflineError(
                        f"the server at {self.base_url} is answering too slowly (no complete "
                        f"answer within {self._deadline:.0f} s); trying again later"
                    )
            # The body is kept decoded: the length and encoding headers no longer apply.
            dropped = {"content-length", "content-encoding"}
            headers_in = [
                (k, v) for k, v in streamed.headers.multi_items() if k.lower() not in dropped
            ]
            return httpx.Response(
                streamed.status_code,
                headers=headers_in,
                content=b"".join(chunks),
                request=streamed.request,
                extensions=streamed.extensions,
            )

    @staticmethod
    def _json(response: httpx.Response, *, allow_error: bool = False) -> Any:
        try:
            return response.json()
        except (json.JSONDecodeError, UnicodeDecodeError, ValueError):
            if allow_error:
                return None
            raise BadResponse("the server's answer was cut off or is not JSON") from None

    # ------------------------------------------------------------------ auth
    def login(self, name: str, password: str) -> LoginResult:
        try:
            response = self._request(
                "POST", "/api/v1/auth/login", json={"name": name, "password": password}
            )
        except AuthError:
            # A 401 here is about the name and password, not about a stored sign-in.
            raise AuthError(
                f"wrong user name or password for {self.base_url}; nothing was saved"
            ) from None
        except ServerBusy as exc:
            # Throttled sign-in: the server's own words say how long to wait.
            raise ServerRejected(429, exc.server_message or str(exc)) from None
        body = self._json(response)
        try:
            user = body["user"]
            return LoginResult(
                body["token"], body["expires_at"], user["name"], user["role"], user.get("team")
            )
        except (KeyError, TypeError) as exc:
            raise BadResponse(f"unexpected login answer ({exc})") from None

    def logout(self) -> None:
        self._request("POST", "/api/v1/auth/logout")

    def me(self) -> dict[str, Any]:
        result: dict[str, Any] = self._json(self._request("GET", "/api/v1/me"))
        return result

    def health(self) -> bool:
        self._request("GET", "/healthz")
        return True

    # ------------------------------------------------------------------ sync
    def push(self, device_id: str, workflows: Sequence[dict[str, Any]]) -> list[PushOutcome]:
        response = self._request(
            "POST", "/api/v1/sync/push", json={"device_id": device_id, "workflows": list(workflows)}
        )
        body = self._json(response)
        try:
            return [
                PushOutcome(
                    r["workflow_id"],
                    r["status"],
                    int(r["position"]),
                    r.get("reason"),
                    [event_from_json(e) for e in r.get("server_events") or []],
                )
                for r in body["results"]
            ]
        except (KeyError, TypeError, ValueError) as exc:
            raise BadResponse(f"unexpected push answer ({exc})") from None

    def pull(
        self, device_id: str, cursor: int, limit: int = 500
    ) -> tuple[list[PulledEvent], int, bool]:
        response = self._request(
            "POST",
            "/api/v1/sync/pull",
            json={"device_id": device_id, "cursor": cursor, "limit": limit},
        )
        body = self._json(response)
        try:
            events = [
                PulledEvent(int(e["cursor"]), str(e["workflow_id"]), event_from_json(e))
                for e in body["events"]
            ]
            return events, int(body["next_cursor"]), bool(body["more"])
        except (KeyError, TypeError, ValueError) as exc:
            raise BadResponse(f"unexpected pull answer ({exc})") from None

    def history(self, workflow_id: str) -> list[Event]:
        body = self._json(self._request("GET", f"/api/v1/workflows/{workflow_id}/events"))
        try:
            return [event_from_json(e) for e in body["events"]]
        except (KeyError, TypeError) as exc:
            raise BadResponse(f"unexpected history answer ({exc})") from None

    def current_price_list(self, etag: str | None) -> tuple[str | None, str | None]:
        """(body, etag); body None when the server answered 304 Not Modified."""
        headers = {"If-None-Match": etag} if etag else {}
        response = self._request("GET", "/api/v1/price-lists/current", headers=headers)
        if response.status_code == 304:
            return None, etag
        from pydantic import ValidationError

        from salesdesk.sales.pricelist import PriceList

        try:
            PriceList.model_validate_json(response.content)
        except ValidationError as exc:
            raise BadResponse(
                f"the server's price list was cut off or cannot be read ({exc.error_count()} "
                "problem(s)); the current one is kept"
            ) from None
        return response.text, response.headers.get("ETag")

    # ------------------------------------------------------------------ lookups
    def lookup(self, kind: str, payload: Any) -> LookupOutcome:
        body = self._json(self._request("POST", f"/api/v1/lookups/{kind}", json=payload))
        try:
            return LookupOutcome.model_validate(body)
        except ValueError as exc:
            raise BadResponse(f"unexpected lookup answer ({exc})") from None

    # ------------------------------------------------------------------ managers
    def team_sales(self, needs_approval: bool | None = None) -> list[dict[str, Any]]:
        params = {} if needs_approval is None else {"needs_approval": str(needs_approval).lower()}
        result: list[dict[str, Any]] = self._json(
            self._request("GET", "/api/v1/sales", params=params)
        )
        return result

    def sale_summary(self, workflow_id: str) -> dict[str, Any]:
        result: dict[str, Any] = self._json(self._request("GET", f"/api/v1/sales/{workflow_id}"))
        return result

    def decide_discount(
        self, workflow_id: str, approved: bool, comment: str | None
    ) -> dict[str, Any]:
        result: dict[str, Any] = self._json(
            self._request(
                "POST",
                f"/api/v1/sales/{workflow_id}/approve-discount",
                json={"approved": approved, "comment": comment},
            )
        )
        return result
