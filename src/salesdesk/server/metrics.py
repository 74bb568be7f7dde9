"""Prometheus text-format metrics without a dependency.

``Metrics`` holds the server's named counters and histograms; other parts of the server
increment them (``metrics.pushes.inc()``, ``with metrics.replay_seconds.time(): ...``).
``MetricsMiddleware`` counts every HTTP request by method, route *template* (never the raw
path, which would explode the label set and could carry identifiers) and status.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from starlette.types import ASGIApp, Message, Receive, Scope, Send

LabelValues = tuple[str, ...]

DEFAULT_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def _labels(names: Sequence[str], values: Sequence[str], extra: str = "") -> str:
    parts = [f'{n}="{_escape(v)}"' for n, v in zip(names, values, strict=True)]
    if extra:
        parts.append(extra)
    return "{" + ",".join(parts) + "}" if parts else ""


def _number(value: float) -> str:
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    return repr(float(value)) if not float(value).is_integer() else str(int(value))


class _Metric:
    kind = ""

    def __init__(self, name: str, help_text: str, labelnames: Sequence[str] = ()) -> None:
        self.name = name
        self.help = help_text
        self.labelnames = tuple(labelnames)
        self._lock = threading.Lock()

    def _key(self, labels: dict[str, str]) -> LabelValues:
        if set(labels) != set(self.labelnames):
            raise ValueError(f"{self.name} takes labels {self.labelnames}, got {tuple(labels)}")
        return tuple(str(labels[n]) for n in self.labelnames)

    def header(self) -> list[str]:
        return [f"# HELP {self.name} {self.help}", f"# TYPE {self.name} {self.kind}"]

    def render(self) -> list[str]:
        raise NotImplementedError


class Counter(_Metric):
    kind = "counter"

    def __init__(self, name: str, help_text: str, labelnames: Sequence[str] = ()) -> None:
        super().__init__(name, help_text, labelnames)
        self._values: dict[LabelValues, float] = {}

    def inc(self, amount: float = 1.0, **labels: str) -> None:
        if amount < 0:
            raise ValueError("a counter only goes up")
        key = self._key(labels)
        with self._lock:
            self._values[key] = self._values.get(key, 0.0) + amount

    def value(self, **labels: str) -> float:
        with self._lock:
            return self._values.get(self._key(labels), 0.0)

    def render(self) -> list[str]:
        with self._lock:
            items = sorted(self._values.items())
        if not items and not self.labelnames:
            items = [((), 0.0)]
        lines = self.header()
        lines += [f"{self.name}{_labels(self.labelnames, k)} {_number(v)}" for k, v in items]
        return lines


class Histogram(_Metric):
    kind = "histogram"

    def __init__(
        self,
        name: str,
        help_text: str,
        labelnames: Sequence[str] = (),
        buckets: Sequence[float] = DEFAULT_BUCKETS,
    ) -> None:
        super().__init__(name, help_text, labelnames)
        self.buckets = (*sorted(buckets), math.inf)
        self._series: dict[LabelValues, tuple[list[int], float]] = {}

    def observe(self, value: float, **labels: str) -> None:
        key = self._key(labels)
        with self._lock:
            counts, total = self._series.get(key, ([0] * len(self.buckets), 0.0))
            for i, bound in enumerate(self.buckets):
                if value <= bound:
                    counts[i] += 1
            self._series[key] = (counts, total + value)

    @contextmanager
    def time(self, **labels: str) -> Iterator[None]:
        """Observe the duration of the ``with`` block in seconds."""
        start = time.perf_counter()
        try:
            yield
        finally:
            self.observe(time.perf_counter() - start, **labels)

    def count(self, **labels: str) -> int:
        with self._lock:
            series = self._series.get(self._key(labels))
        return 0 if series is None else series[0][-1]

    def render(self) -> list[str]:
        with self._lock:
            items = sorted((k, (list(c), s)) for k, (c, s) in self._series.items())
        if not items and not self.labelnames:
            items = [((), ([0] * len(self.buckets), 0.0))]
        lines = self.header()
        for key, (counts, total) in items:
            for bound, n in zip(self.buckets, counts, strict=True):
                le = f'le="{_number(bound)}"'
                lines.append(f"{self.name}_bucket{_labels(self.labelnames, key, le)} {n}")
            lines.append(f"{self.name}_sum{_labels(self.labelnames, key)} {_number(total)}")
            lines.append(f"{self.name}_count{_labels(self.labelnames, key)} {counts[-1]}")
        return lines


class Metrics:
    """The server's metrics registry; one per app."""

    def __init__(self) -> None:
        self._metrics: dict[str, _Metric] = {}
        self.http_requests = self.counter(
            "salesdesk_http_requests_total",
            "HTTP requests by method, route template and status.",
            ("method", "route", "status"),
        )
        self.http_request_seconds = self.histogram(
            "salesdesk_http_request_duration_seconds",
            "HTTP request latency by method and route template.",
            ("method", "route"),
        )
        self.logins = self.counter(
            "salesdesk_logins_total", "Login attempts by result.", ("result",)
        )
        self.pushes = self.counter("salesdesk_sync_pushes_total", "History pushes received.")
        self.pulls = self.counter("salesdesk_sync_pulls_total", "History pulls served.")
        self.conflicts = self.counter(
            "salesdesk_sync_conflicts_total", "Pushes answered with a conflict."
        )
        self.replay_seconds = self.histogram(
            "salesdesk_replay_seconds", "Server-side workflow replay time."
        )

    def counter(self, name: str, help_text: str, labelnames: Sequence[str] = ()) -> Counter:
        """Register (or return the already registered) counter ``name``."""
        existing = self._metrics.get(name)
        if existing is not None:
            if not isinstance(existing, Counter):
                raise ValueError(f"{name} is already registered as a {existing.kind}")
            return existing
        metric = Counter(name, help_text, labelnames)
        self._metrics[name] = metric
        return metric

    def histogram(
        self,
        name: str,
        help_text: str,
        labelnames: Sequence[str] = (),
        buckets: Sequence[float] = DEFAULT_BUCKETS,
    ) -> Histogram:
        """Register (or return the already registered) histogram ``name``."""
        existing = self._metrics.get(name)
        if existing is not None:
            if not isinstance(existing, Histogram):
                raise ValueError(f"{name} is already registered as a {existing.kind}")
            return existing
        metric = Histogram(name, help_text, labelnames, buckets)
        self._metrics[name] = metric
        return metric

    def render(self) -> str:
        """Prometheus text exposition format 0.0.4."""
        lines: list[str] = []
        for metric in list(self._metrics.values()):
            lines += metric.render()
        return "\n".join(lines) + "\n"


class MetricsMiddleware:
    """Counts requests and their latency; sits outermost so 413s and 500s are counted."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 500  # stays 500 if the app dies before starting a response

        async def send_and_note(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, send_and_note)
        finally:
            # The router stores the matched route in the (shared) scope.
            route = getattr(scope.get("route"), "path", None) or "unmatched"
            method = str(scope.get("method", ""))
            self.metrics.http_requests.inc(method=method, route=route, status=str(status))
            self.metrics.http_request_seconds.observe(
                time.perf_counter() - start, method=method, route=route
            )
