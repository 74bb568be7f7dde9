"""A fault-injecting HTTP/1.1 proxy on loopback, for sync tests.

It sits between a client and a server, reads one whole request at a time and decides, per
request, what goes wrong. Modes:

``pass``           forward faithfully
``drop``           read the request, close the connection without forwarding it
``reset``          forward, then send part of the response and reset the connection (RST)
``delay``          hold the request ``delay_s`` before forwarding (the client may give up first;
                   the request is forwarded anyway, as a slow network would)
``bandwidth``      forward, then trickle the response at ``bytes_per_s``
``truncate``       forward, then answer with the body cut in half and a Content-Length that
                   matches the cut (valid HTTP, garbled JSON)
``lost_response``  forward, let the server answer (it has committed), then close the client's
                   connection without sending the answer
``duplicate``      forward the request twice in a row (a retransmission that reached the server
                   twice) and answer with the server's answer to the second copy
``duplicate_late`` forward, answer the client, then send the same request again after
                   ``delay_s`` (a stale copy arriving while the client has moved on)

``down()`` stops listening (connections are refused) and drops open connections; ``up()``
listens again on the same port. ``set_mode`` fixes the mode of every request; ``randomize``
draws a mode per request from a seeded RNG; ``queue`` forces the modes of the next requests.
``counts`` tells how many requests got each mode. Thread-safe: the proxy runs its own
asyncio loop on a daemon thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import socket
import struct
import threading
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

MODES = (
    "pass",
    "drop",
    "reset",
    "delay",
    "bandwidth",
    "truncate",
    "lost_response",
    "duplicate",
    "duplicate_late",
)
_MAX_HEAD = 64 * 1024


class _Closed(Exception):
    """The peer went away."""


@dataclass
class Decision:
    mode: str = "pass"
    delay_s: float = 0.0
    bytes_per_s: int = 64 * 1024


@dataclass
class RequestLog:
    method: str
    path: str
    mode: str
    status: int | None = None  # the upstream's status, if it answered


@dataclass
class _Plan:
    mode: str = "pass"
    delay_s: float = 0.2
    bytes_per_s: int = 64 * 1024
    # randomized plan: probability of a fault, weights of the fault modes
    probability: float = 0.0
    weights: dict[str, float] = field(default_factory=dict)
    delay_range: tuple[float, float] = (0.05, 0.3)
    rate_range: tuple[int, int] = (8 * 1024, 64 * 1024)


class FaultyProxy:
    def __init__(self, upstream: str, *, seed: int = 0, host: str = "127.0.0.1") -> None:
        self._upstream = _host_port(upstream)
        self._host = host
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self._plan = _Plan()
        self._queued: deque[Decision] = deque()
        self.counts: Counter[str] = Counter()
        self.log: list[RequestLog] = []
        self._in_flight: list[RequestLog] = []  # read from a client, not yet answered
        self._replays: set[asyncio.Task[None]] = set()  # duplicate_late copies under way
        self.replay_statuses: list[int | None] = []  # the server's answers to the copies
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True, name="proxy")
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self._port = 0
        self._thread.start()
        self._call(self._listen())

    # ------------------------------------------------------------------ control
    @property
    def port(self) -> int:
        return self._port

    @property
    def url(self) -> str:
        return f"http://{self._host}:{self._port}"

    def set_upstream(self, upstream: str) -> None:
        with self._lock:
            self._upstream = _host_port(upstream)

    def set_mode(self, mode: str, *, delay_s: float = 0.2, bytes_per_s: int = 64 * 1024) -> None:
        if mode not in MODES:
            raise ValueError(f"unknown proxy mode {mode!r}")
        with self._lock:
            self._plan = _Plan(mode=mode, delay_s=delay_s, bytes_per_s=bytes_per_s)
            self._queued.clear()

    def randomize(
        self,
        probability: float,
        weights: dict[str, float] | None = None,
        *,
        seed: int | None = None,
        delay_range: tuple[float, float] = (0.05, 0.3),
        rate_range: tuple[int, int] = (8 * 1024, 64 * 1024),
    ) -> None:
        """Each request gets a fault with ``probability``, drawn by ``weights``."""
        chosen = weights or {m: 1.0 for m in MODES if m != "pass"}
        for mode in chosen:
            if mode not in MODES:
                raise ValueError(f"unknown proxy mode {mode!r}")
        with self._lock:
            if seed is not None:
                self._rng.seed(seed)
            self._plan = _Plan(
                probability=probability,
                weights=dict(chosen),
                delay_range=delay_range,
                rate_range=rate_range,
            )
            self._queued.clear()

    def queue(self, *modes: str, delay_s: float = 0.2, bytes_per_s: int = 64 * 1024) -> None:
        """Force the modes of the next requests (then the plan applies again)."""
        with self._lock:
            for mode in modes:
                if mode not in MODES:
                    raise ValueError(f"unknown proxy mode {mode!r}")
                self._queued.append(Decision(mode, delay_s, bytes_per_s))

    def clear(self) -> None:
        self.set_mode("pass")

    def down(self) -> None:
        """Refuse new connections and drop the open ones (the server 'is gone')."""
        self._call(self._stop_listening())

    def up(self) -> None:
        self._call(self._listen())

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._call(self._stop_listening())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)
        with contextlib.suppress(Exception):
            self._loop.close()

    def in_flight(self) -> list[str]:
        """Paths of the requests read from a client and not answered yet."""
        with self._lock:
            return [entry.path for entry in self._in_flight]

    def faults(self) -> int:
        return sum(n for mode, n in self.counts.items() if mode != "pass")

    def __enter__(self) -> FaultyProxy:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ internals
    def _call(self, coro: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result(10)

    async def _listen(self) -> None:
        if self._server is not None:
            return
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self._host, self._port))
        self._port = sock.getsockname()[1]
        self._server = await asyncio.start_server(self._serve, sock=sock, limit=_MAX_HEAD)

    async def _stop_listening(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.close()
        for writer in list(self._writers):
            _abort(writer)
        self._writers.clear()

    def _decide(self) -> Decision:
        with self._lock:
            if self._queued:
                return self._queued.popleft()
            plan = self._plan
            if plan.probability <= 0:
                return Decision(plan.mode, plan.delay_s, plan.bytes_per_s)
            rng = self._rng
            if rng.random() >= plan.probability:
                return Decision("pass")
            modes = list(plan.weights)
            mode = rng.choices(modes, weights=[plan.weights[m] for m in modes])[0]
            return Decision(
                mode,
                delay_s=rng.uniform(*plan.delay_range),
                bytes_per_s=rng.randint(*plan.rate_range),
            )

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._writers.add(writer)
        try:
            while True:
                try:
                    head, body = await _read_message(reader, request=True)
                except _Closed:
                    return
                decision = self._decide()
                method, path = _request_line(head)
                entry = RequestLog(method, path, decision.mode)
                with self._lock:
                    self.counts[decision.mode] += 1
                    self.log.append(entry)
                    self._in_flight.append(entry)
                try:
                    if not await self._exchange(writer, decision, entry, head, body, method):
                        return
                finally:
                    with self._lock:
                        self._in_flight.remove(entry)
        except (OSError, asyncio.IncompleteReadError, _Closed):
            _abort(writer)
        finally:
            self._writers.discard(writer)
            with contextlib.suppress(Exception):
                writer.close()

    async def _exchange(
        self,
        writer: asyncio.StreamWriter,
        decision: Decision,
        entry: RequestLog,
        head: bytes,
        body: bytes,
        method: str,
    ) -> bool:
        if decision.mode == "drop":
            _abort(writer)
            return False
        if decision.mode == "delay":
            await asyncio.sleep(decision.delay_s)
        try:
            resp_head, resp_body = await self._forward(head, body, method)
            if decision.mode == "duplicate":
                with self._lock:
                    self.replay_statuses.append(_status(resp_head))
                resp_head, resp_body = await self._forward(head, body, method)
        except (OSError, _Closed):
            _abort(writer)  # the server is gone: the client sees a dropped connection
            return False
        entry.status = _status(resp_head)
        if decision.mode == "duplicate_late":
            copy = RequestLog(entry.method, entry.path, "duplicate_late(copy)")
            with self._lock:
                self._in_flight.append(copy)
            task = asyncio.ensure_future(self._replay(copy, decision.delay_s, head, body, method))
            self._replays.add(task)
            task.add_done_callback(self._replays.discard)
        return await self._answer(writer, decision, resp_head, resp_body)

    async def _replay(
        self, copy: RequestLog, delay_s: float, head: bytes, body: bytes, method: str
    ) -> None:
        """The late copy of a request: sent once more, its answer only recorded."""
        try:
            await asyncio.sleep(delay_s)
            try:
                resp_head, _ = await self._forward(head, body, method)
                copy.status = _status(resp_head)
            except (OSError, _Closed):
                copy.status = None
            with self._lock:
                self.replay_statuses.append(copy.status)
        finally:
            with self._lock:
                self._in_flight.remove(copy)

    async def _forward(self, head: bytes, body: bytes, method: str) -> tuple[bytes, bytes]:
        with self._lock:
            host, port = self._upstream
        up_reader, up_writer = await asyncio.open_connection(host, port, limit=_MAX_HEAD)
        try:
            up_writer.write(head + body)
            await up_writer.drain()
            return await _read_message(up_reader, request=False, method=method)
        finally:
            up_writer.close()

    async def _answer(
        self, writer: asyncio.StreamWriter, decision: Decision, head: bytes, body: bytes
    ) -> bool:
        """Send the response as the decision says; False when the connection is finished."""
        mode = decision.mode
        if mode == "lost_response":
            _abort(writer)
            return False
        if mode == "truncate":
            cut = body[: len(body) // 2]
            writer.write(_with_length(head, len(cut)) + cut)
            await writer.drain()
            return True
        if mode == "reset":
            whole = head + body
            writer.write(whole[: max(1, len(head) + len(body) // 2)])
            await writer.drain()
            await asyncio.sleep(0.01)
            _abort(writer)
            return False
        if mode == "bandwidth":
            whole = head + body
            chunk = max(256, decision.bytes_per_s // 20)
            for start in range(0, len(whole), chunk):
                writer.write(whole[start : start + chunk])
                await writer.drain()
                await asyncio.sleep(chunk / decision.bytes_per_s)
            return True
        writer.write(head + body)
        await writer.drain()
        return True


# ---------------------------------------------------------------------- HTTP framing


def _host_port(url: str) -> tuple[str, int]:
    rest = url.split("://", 1)[-1].split("/", 1)[0]
    host, _, port = rest.rpartition(":")
    return host, int(port)


def _abort(writer: asyncio.StreamWriter) -> None:
    """Close with RST (SO_LINGER 0), discarding anything unsent."""
    with contextlib.suppress(Exception):
        sock = writer.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    with contextlib.suppress(Exception):
        writer.transport.abort()


def _headers(head: bytes) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in head.split(b"\r\n")[1:]:
        if b":" in line:
            name, _, value = line.partition(b":")
            out[name.decode("latin-1").strip().lower()] = value.decode("latin-1").strip()
    return out


def _request_line(head: bytes) -> tuple[str, str]:
    parts = head.split(b"\r\n", 1)[0].decode("latin-1").split(" ")
    return (parts[0], parts[1]) if len(parts) >= 2 else ("?", "?")


def _status(head: bytes) -> int | None:
    parts = head.split(b"\r\n", 1)[0].split(b" ")
    try:
        return int(parts[1])
    except (IndexError, ValueError):
        return None


def _with_length(head: bytes, length: int) -> bytes:
    lines = head.rstrip(b"\r\n").split(b"\r\n")
    kept = [
        line
        for line in lines[1:]
        if not line.lower().startswith((b"content-length:", b"transfer-encoding:"))
    ]
    return b"\r\n".join([lines[0], *kept, b"content-length: %d" % length]) + b"\r\n\r\n"


async def _read_message(
    reader: asyncio.StreamReader, *, request: bool, method: str = "GET"
) -> tuple[bytes, bytes]:
    """One HTTP/1.1 message: (head including the blank line, body as sent on the wire)."""
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError as exc:
        raise _Closed() from exc
    except asyncio.LimitOverrunError as exc:
        raise _Closed() from exc
    headers = _headers(head)
    status = None if request else _status(head)
    if not request and (
        method == "HEAD" or status in (204, 304) or (status is not None and status < 200)
    ):
        return head, b""
    if "chunked" in headers.get("transfer-encoding", "").lower():
        # Re-framed with a Content-Length, so every mode can cut it cleanly.
        body = await _read_chunked(reader)
        return _with_length(head, len(body)), body
    if "content-length" in headers:
        length = int(headers["content-length"])
        try:
            return head, await reader.readexactly(length)
        except asyncio.IncompleteReadError as exc:
            raise _Closed() from exc
    if request:
        return head, b""
    return head, await reader.read()  # until the server closes


async def _read_chunked(reader: asyncio.StreamReader) -> bytes:
    out = bytearray()
    try:
        while True:
            size_line = await reader.readuntil(b"\r\n")
            size = int(size_line.split(b";", 1)[0].strip(), 16)
            if size == 0:
                while (await reader.readuntil(b"\r\n")) != b"\r\n":
                    pass  # trailers
                return bytes(out)
            out += await reader.readexactly(size)
            await reader.readexactly(2)
    except (asyncio.IncompleteReadError, asyncio.LimitOverrunError) as exc:
        raise _Closed() from exc


@contextlib.contextmanager
def faulty_proxy(upstream: str, *, seed: int = 0) -> Iterator[FaultyProxy]:
    proxy = FaultyProxy(upstream, seed=seed)
    try:
        yield proxy
    finally:
        proxy.close()
