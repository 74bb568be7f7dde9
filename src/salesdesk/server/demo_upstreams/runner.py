"""Run the demo upstreams (or any ASGI app) with uvicorn in a background thread.

The socket is bound before the thread starts, on port 0 by default, so the port is known and
free without guessing, and a test never races another for it.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn

from salesdesk.server.demo_upstreams.settings import DEMO_CREDIT_API_KEY
from salesdesk.server.lookups.config import LookupsConfig

DEMO_USER_AGENT = "SalesDesk-demo/0.1 (demo upstreams on loopback)"


@contextmanager
def run_in_thread(
    app: Any = None,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    startup_timeout_s: float = 10.0,
    **uvicorn_options: Any,
) -> Iterator[tuple[str, Callable[[], None]]]:
    """Serve ``app`` (default: a fresh demo upstreams app) and yield ``(base_url, stop)``.

    ``uvicorn_options`` go to :class:`uvicorn.Config` (e.g. ``ssl_certfile``/``ssl_keyfile``;
    the URL scheme follows). ``stop()`` may be called early (to simulate the upstream going
    away: later connections are refused) and is called again, harmlessly, on exit.
    """
    if app is None:
        from salesdesk.server.demo_upstreams.app import make_demo_upstreams_app

        app = make_demo_upstreams_app()
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    bound_port = sock.getsockname()[1]
    options: dict[str, Any] = {
        "log_level": "warning",
        "access_log": False,
        "lifespan": "auto",
        # A slow-loris test leaves a response trickling; do not wait for it on shutdown.
        "timeout_graceful_shutdown": 1,
    }
    options.update(uvicorn_options)
    config = uvicorn.Config(app, **options)
    server = uvicorn.Server(config)
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, name=f"uvicorn-{bound_port}", daemon=True
    )
    thread.start()
    deadline = time.monotonic() + startup_timeout_s
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            sock.close()
            raise RuntimeError(f"server on {host}:{bound_port} did not start")
        time.sleep(0.01)

    def stop() -> None:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()

    try:
        scheme = "https" if uvicorn_options.get("ssl_certfile") else "http"
        yield f"{scheme}://{host}:{bound_port}", stop
    finally:
        stop()


def demo_lookups_config(base_url: str) -> LookupsConfig:
    """Gateway settings that point at demo upstreams served at ``base_url``."""
    root = base_url.rstrip("/")
    return LookupsConfig(
        credit_url=f"{root}/credit",
        credit_api_key=DEMO_CREDIT_API_KEY,
        vies_url=f"{root}/vies",
        nominatim_url=f"{root}/nominatim",
        user_agent=DEMO_USER_AGENT,
    )
