"""Malformed answers: an HTML page where JSON was promised, JSON cut short, 429 with and
without Retry-After, a body trickling in past the deadline (slow-loris).

Two hops can answer badly, and each is tested over real HTTP on loopback:

- the upstreams behind the server's lookup gateway (VIES, the credit bureau, Nominatim),
  played by the demo upstreams with their fault injection: every adapter turns every fault
  into an outcome that fails (``permanent``) or waits (``retryable``, with a delay where the
  upstream named one) with a plain message, never an exception;
- the server as the desktop sees it (or whatever proxy answers in its place), played by a
  raw socket server that can cut a body short or send it a byte at a time: the desktop's
  ServerClient turns each into OfflineError/ServerBusy (try later, with the reason) or
  BadResponse, and a lookup run through the gateway waits instead of failing.
"""

from __future__ import annotations

import contextlib
import socket
import socketserver
import threading
import time
import uuid
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from salesdesk.flow.errors import ConnectivityError
from salesdesk.flow.runner import ActivityContext
from salesdesk.sales.lookup_models import (
    AddressCheckInput,
    CompanyLookupInput,
    CreditCheckInput,
    LookupOutcome,
)
from salesdesk.server.demo_upstreams import (
    DemoFaults,
    DemoSettings,
    make_demo_upstreams_app,
    run_in_thread,
)
from salesdesk.server.demo_upstreams.runner import DEMO_CREDIT_API_KEY
from salesdesk.server.lookups import (
    AsyncRateLimiter,
    CreditBureauClient,
    HttpSettings,
    NominatimGeocoder,
    ViesClient,
)
from salesdesk.sync.client import BadResponse, OfflineError, ServerBusy, ServerClient
from salesdesk.sync.errors import ServerRejected
from salesdesk.sync.gateway_activities import make_gateway_activities
from salesdesk.sync.profile import SyncProfile

# --------------------------------------------------------------------------- upstreams

Call = Callable[[str, float], Awaitable[LookupOutcome]]  # (base_url, deadline) -> outcome


async def _vies(base_url: str, deadline: float) -> LookupOutcome:
    client = ViesClient(_settings(base_url, "vies", deadline))
    try:
        return await client.check(CompanyLookupInput(country_code="DE", vat_number="812453790"))
    finally:
        await client.aclose()


async def _credit(base_url: str, deadline: float) -> LookupOutcome:
    client = CreditBureauClient(_settings(base_url, "credit", deadline), DEMO_CREDIT_API_KEY)
    try:
        query = CreditCheckInput.model_validate(
            {"country_code": "DE", "vat_number": "812453790", "gross_total": "1", "currency": "EUR"}
        )
        return await client.check(query)
    finally:
        await client.aclose()


async def _nominatim(base_url: str, deadline: float) -> LookupOutcome:
    client = NominatimGeocoder(
        _settings(base_url, "nominatim", deadline), limiter=AsyncRateLimiter(0.0, max_wait_s=5)
    )
    try:
        return await client.geocode(AddressCheckInput(address="Oude Delft 95 Delft"))
    finally:
        await client.aclose()


def _settings(base_url: str, service: str, deadline: float) -> HttpSettings:
    return HttpSettings(
        base_url=f"{base_url}/{service}",
        read_timeout_s=2.0,
        deadline_s=deadline,
        user_agent=f"SalesDesk-tests/1.0 ({uuid.uuid4().hex[:8]})",
    )


ADAPTERS: dict[str, Call] = {"vies": _vies, "credit": _credit, "nominatim": _nominatim}


@dataclass(frozen=True)
class Fault:
    spec: dict[str, Any]
    codes: tuple[str, ...]
    retry_after: float | None = None  # exactly this delay, when the upstream named one


FAULTS: dict[str, Fault] = {
    "html instead of json": Fault({"mode": "html"}, ("UPSTREAM_BAD_RESPONSE",)),
    "html error page": Fault({"mode": "html", "status": 503}, ("UPSTREAM_UNAVAILABLE",)),
    "truncated json": Fault({"mode": "truncate"}, ("UPSTREAM_BAD_RESPONSE",)),
    "429 with Retry-After": Fault(
        {"mode": "rate_limited", "retry_after": "7"}, ("RATE_LIMITED",), 7.0
    ),
    "429 without Retry-After": Fault({"mode": "rate_limited"}, ("RATE_LIMITED",)),
    "429 with a useless Retry-After": Fault(
        {"mode": "rate_limited", "retry_after": "soon"}, ("RATE_LIMITED",)
    ),
    "slow-loris": Fault({"mode": "slow", "interval_s": 0.05}, ("UPSTREAM_TIMEOUT",)),
}


@pytest.fixture(scope="module")
def upstreams() -> Iterator[tuple[str, DemoFaults]]:
    faults = DemoFaults()
    with run_in_thread(make_demo_upstreams_app(faults, DemoSettings())) as (base_url, _stop):
        yield base_url, faults


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.mark.anyio
@pytest.mark.parametrize("fault", list(FAULTS))
@pytest.mark.parametrize("service", list(ADAPTERS))
async def test_every_adapter_fails_or_waits_with_a_reason(
    upstreams: tuple[str, DemoFaults], service: str, fault: str
) -> None:
    base_url, faults = upstreams
    case = FAULTS[fault]
    faults.clear()
    faults.set(service=service, **case.spec)
    deadline = 1.0
    started = time.monotonic()
    try:
        outcome = await ADAPTERS[service](base_url, deadline)
    finally:
        faults.clear()
    elapsed = time.monotonic() - started
    assert outcome.status in ("retryable", "permanent"), outcome
    assert outcome.code in case.codes, (service, fault, outcome)
    assert outcome.message and len(outcome.message) < 500, outcome
    assert "Traceback" not in outcome.message
    if outcome.status == "retryable":
        assert outcome.retry_after_s is None or outcome.retry_after_s > 0, outcome
    if case.retry_after is not None:
        assert outcome.retry_after_s == case.retry_after, outcome
    if fault.startswith("429"):
        assert outcome.status == "retryable" and outcome.retry_after_s, outcome  # waits
    assert elapsed < deadline + 2.0, f"{service} {fault} took {elapsed:.1f} s"


# --------------------------------------------------------------------------- the server


class RawServer:
    """Answers every request with raw bytes chosen by ``mode``: whatever a broken server
    or a proxy in front of it might send."""

    def __init__(self) -> None:
        self.mode = "ok"
        outer = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                sock: socket.socket = self.request
                sock.settimeout(5)
                data = b""
                while b"\r\n\r\n" not in data:
                    chunk = sock.recv(65536)
                    if not chunk:
                        return
                    data += chunk
                head, _, rest = data.partition(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n")[1:]:
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value.strip())
                while len(rest) < length:
                    rest += sock.recv(65536)
                with contextlib.suppress(OSError):  # the client gave up (slow-loris): fine
                    outer.answer(sock)

        self._server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def answer(self, sock: socket.socket) -> None:
        def send(status: str, body: bytes, ctype: str, extra: str = "", length: int = -1) -> None:
            size = len(body) if length < 0 else length
            head = (
                f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {size}\r\n"
                f"Connection: close\r\n{extra}\r\n"
            )
            sock.sendall(head.encode() + body)

        json_body = b'{"name": "alice", "role": "agent", "team": "north"}'
        if self.mode == "ok":
            send("200 OK", json_body, "application/json")
        elif self.mode == "html":  # a captive portal or a proxy's login page
            send(
                "200 OK",
                b"<html><body>Please sign in to the hotel Wi-Fi</body></html>",
                "text/html",
            )
        elif self.mode == "html-500":
            send("500 Internal Server Error", b"<html><h1>Oops</h1></html>", "text/html")
        elif self.mode == "truncated-json":  # complete as HTTP, cut short as JSON
            send("200 OK", json_body[:17], "application/json")
        elif self.mode == "truncated-body":  # the connection drops mid-body
            send("200 OK", json_body[:17], "application/json", length=len(json_body))
        elif self.mode == "429-retry-after":
            send("429 Too Many Requests", b'{"message": "slow down"}', "application/json",
                 "Retry-After: 7\r\n")  # fmt: skip
        elif self.mode == "429":
            send("429 Too Many Requests", b"<html>busy</html>", "text/html")
        elif self.mode == "slow-loris":
            body = b" " * 400 + json_body
            head = (
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
            )
            sock.sendall(head.encode())
            for byte in body:
                sock.sendall(bytes([byte]))
                time.sleep(0.05)
        else:
            raise AssertionError(self.mode)


@pytest.fixture
def raw() -> Iterator[RawServer]:
    server = RawServer()
    try:
        yield server
    finally:
        server.close()


CLIENT_CASES: dict[str, tuple[type[Exception], str]] = {
    "html": (BadResponse, "not JSON"),
    "html-500": (OfflineError, "HTTP 500"),
    "truncated-json": (BadResponse, "cut off"),
    "truncated-body": (OfflineError, "cannot reach"),
    "429-retry-after": (ServerBusy, "trying again in 7 s"),
    "429": (ServerBusy, "trying again in 30 s"),
    "slow-loris": (OfflineError, "too slowly"),
}


@pytest.mark.parametrize("mode", list(CLIENT_CASES))
def test_the_desktop_client_waits_or_refuses_with_a_reason(raw: RawServer, mode: str) -> None:
    expected, words = CLIENT_CASES[mode]
    raw.mode = mode
    started = time.monotonic()
    with ServerClient(raw.url, "token", timeout=2.0, deadline=1.0) as client:
        with pytest.raises(expected) as caught:
            client.me()
        if mode != "slow-loris":  # (a second each)
            for call in (lambda: client.pull("d", 0), lambda: client.current_price_list(None)):
                with pytest.raises((OfflineError, BadResponse)):
                    call()
    assert words in str(caught.value), str(caught.value)
    assert time.monotonic() - started < 10
    if mode == "429-retry-after":
        assert isinstance(caught.value, ServerBusy) and caught.value.retry_after == 7
    raw.mode = "ok"
    with ServerClient(raw.url, "token", timeout=2.0, deadline=1.0) as client:
        assert client.me()["name"] == "alice"  # and it recovers


def test_a_throttled_sign_in_tells_the_servers_reason(raw: RawServer) -> None:
    raw.mode = "429-retry-after"
    with ServerClient(raw.url) as client, pytest.raises(ServerRejected) as refused:
        client.login("alice", "pw")
    assert (refused.value.status, refused.value.message) == (429, "slow down")


@pytest.mark.parametrize("mode", ["429", "429-retry-after", "html-500", "slow-loris", "html"])
def test_a_lookup_through_a_misbehaving_server_waits_instead_of_failing(
    raw: RawServer, mode: str
) -> None:
    """Before, a 429 or a 500 from the server (or a proxy) failed the lookup for good."""
    raw.mode = mode
    profile = SyncProfile(raw.url, "alice")
    activity = make_gateway_activities(profile, lambda: "token")["company_lookup"]
    ctx = ActivityContext("wf", 1, 1, time.monotonic() + 1.0)
    with pytest.raises(ConnectivityError) as waiting:
        activity({"country_code": "DE", "vat_number": "812453790"}, ctx)
    assert str(waiting.value)
