"""Fault injection shared by the demo upstreams, switchable at run time.

Tests and the demo hold a :class:`DemoFaults` object (or ``POST /_faults``) and make one
upstream — or all — misbehave the way real ones do: an HTML page where JSON was promised, a
body cut short, a proxy saying the backend is gone, a body that trickles in byte by byte, a
429 with or without Retry-After, any status. ``count`` limits a fault to the next N requests.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import deque
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Service = Literal["vies", "credit", "nominatim"]
SERVICES: tuple[Service, ...] = ("vies", "credit", "nominatim")
FaultMode = Literal["none", "html", "truncate", "down", "slow", "status", "rate_limited"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class FaultSpec(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    mode: FaultMode = "none"
    service: Service | Literal["all"] = "all"
    count: int | None = Field(default=None, ge=1)  # None: until switched off
    status: int | None = Field(default=None, ge=100, le=599)  # for "html" and "status"
    retry_after: str | None = None  # raw Retry-After header for "rate_limited"/"status"
    body: str | None = None  # "status": the JSON text to answer (a wrong shape, say)
    interval_s: float = Field(default=0.5, gt=0, le=10)  # "slow": pause between bytes
    latency_s: float = Field(default=0.0, ge=0, le=60)  # added before any answer


@dataclass
class _Active:
    spec: FaultSpec
    remaining: int | None


@dataclass(frozen=True)
class RequestRecord:
    service: Service
    method: str
    path: str
    at: float  # time.monotonic() on arrival
    user_agent: str | None


class DemoFaults:
    """Thread-safe: the uvicorn thread reads it while a test thread switches faults."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._active: dict[Service, _Active] = {}
        self._requests: deque[RequestRecord] = deque(maxlen=1000)

    def set(self, spec: FaultSpec | None = None, /, **fields: Any) -> FaultSpec:
        spec = spec or FaultSpec(**fields)
        targets = SERVICES if spec.service == "all" else (spec.service,)
        with self._lock:
            for service in targets:
                if spec.mode == "none" and spec.latency_s == 0:
                    self._active.pop(service, None)
                else:
                    self._active[service] = _Active(spec, spec.count)
        return spec

    def clear(self) -> None:
        with self._lock:
            self._active.clear()

    def take(self, service: Service) -> FaultSpec | None:
        """The fault for this request, counting it down."""
        with self._lock:
            active = self._active.get(service)
            if active is None:
                return None
            if active.remaining is not None:
                active.remaining -= 1
                if active.remaining <= 0:
                    del self._active[service]
            return active.spec

    def current(self) -> dict[str, dict[str, Any]]:
        with self._lock:
            return {
                service: active.spec.model_dump() | {"remaining": active.remaining}
                for service, active in self._active.items()
            }

    def record(self, record: RequestRecord) -> None:
        with self._lock:
            self._requests.append(record)

    def requests(self, service: Service | None = None) -> list[RequestRecord]:
        with self._lock:
            return [r for r in self._requests if service is None or r.service == service]


_HTML_PAGE = (
    b"<!DOCTYPE html><html><head><title>Service unavailable</title></head><body>"
    b"<h1>We'll be back soon</h1><p>The service is down for maintenance.</p></body></html>"
)


class FaultMiddleware:
    """Wraps one upstream app; asks :class:`DemoFaults` what to do with each request."""

    def __init__(self, app: ASGIApp, faults: DemoFaults, service: Service) -> None:
        self.app = app
        self.faults = faults
        self.service = service

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        agent = headers.get(b"user-agent")
        self.faults.record(
            RequestRecord(
                self.service,
                str(scope["method"]),
                str(scope["path"]),
                time.monotonic(),
                agent.decode("latin-1") if agent is not None else None,
            )
        )
        spec = self.faults.take(self.service)
        if spec is None:
            await self.app(scope, receive, send)
            return
        if spec.latency_s:
            await asyncio.sleep(spec.latency_s)
        if spec.mode == "none":
            await self.app(scope, receive, send)
        elif spec.mode == "html":
            await _respond(send, spec.status or 200, "text/html; charset=utf-8", _HTML_PAGE)
        elif spec.mode == "down":
            # What a reverse proxy says when the service behind it is gone.
            body = b"upstream connect error or disconnect/reset before headers"
            await _respond(send, 503, "text/plain", body)
        elif spec.mode == "rate_limited":
            extra = [(b"retry-after", spec.retry_after.encode())] if spec.retry_after else []
            body = b'{"error": "rate_limit_exceeded"}'
            await _respond(send, 429, "application/json", body, extra)
        elif spec.mode == "status":
            extra = [(b"retry-after", spec.retry_after.encode())] if spec.retry_after else []
            body = (spec.body or '{"error": "injected fault"}').encode()
            await _respond(send, spec.status or 500, "application/json", body, extra)
        else:
            await self._rewrite(scope, receive, send, spec)

    async def _rewrite(self, scope: Scope, receive: Receive, send: Send, spec: FaultSpec) -> None:
        """Run the real app, then send its answer cut short ("truncate") or byte by byte."""
        started: Message = {}
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                started.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(bytes(message.get("body", b"")))

        await self.app(scope, receive, capture)
        body = b"".join(chunks)
        headers = [(k, v) for k, v in started.get("headers", []) if k.lower() != b"content-length"]
        if spec.mode == "truncate":
            body = body[: max(1, len(body) // 2)]
            headers.append((b"content-length", str(len(body)).encode()))
            await send(_start(started["status"], headers))
            await send({"type": "http.response.body", "body": body})
            return
        # slow: headers at once, then the body one byte per interval (a slow-loris upstream),
        # until it is all sent or the client hangs up.
        await send(_start(started["status"], headers))
        gone = asyncio.Event()

        async def watch_disconnect() -> None:
            while (await receive())["type"] != "http.disconnect":
                pass
            gone.set()

        watcher = asyncio.create_task(watch_disconnect())
        try:
            for i in range(len(body)):
                await send(
                    {"type": "http.response.body", "body": body[i : i + 1], "more_body": True}
                )
                try:
                    await asyncio.wait_for(gone.wait(), spec.interval_s)
                    return
                except TimeoutError:
                    pass
            await send({"type": "http.response.body", "body": b""})
        finally:
            watcher.cancel()


def _start(status: int, headers: list[tuple[bytes, bytes]]) -> Message:
    return {"type": "http.response.start", "status": status, "headers": headers}


async def _respond(
    send: Send,
    status: int,
    content_type: str,
    body: bytes,
    extra_headers: list[tuple[bytes, bytes]] | None = None,
) -> None:
    headers = [
        (b"content-type", content_type.encode()),
        (b"content-length", str(len(body)).encode()),
        *(extra_headers or []),
    ]
    await send(_start(status, headers))
    await send({"type": "http.response.body", "body": body})
