"""Everything ``salesdesk demo`` needs, without the UI: an embedded server (SQLite) with
demo lookup upstreams, demo users and the demo price list, and a fresh desktop profile
already signed in as the demo agent.

The demo keeps its token in an in-memory keyring (a demo profile must not need, or touch,
the OS keyring); everything else is the real product: real HTTP on loopback, real sync,
real lookups through the gateway.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import keyring

from salesdesk.resources_path import resource_path
from salesdesk.sales.pricelist import load_price_list
from salesdesk.sales.service import SalesService
from salesdesk.sync.gateway_activities import activities_for_profile
from salesdesk.sync.memory_keyring import MemoryKeyring
from salesdesk.sync.service import SyncService

DEMO_AGENT = ("anna", "demo-agent-pass", "agent", "north")
DEMO_MANAGER = ("mark", "demo-manager-pass", "manager", "north")
DEMO_ADMIN = ("admin", "demo-admin-pass", "admin", None)


@dataclass
class DemoEnvironment:
    server_url: str
    upstreams_url: str
    profile_dir: Path
    sales: SalesService
    sync: SyncService


def _publish(server_dir: Path, price_list_file: Path) -> None:
    from salesdesk.server.config import ServerSettings
    from salesdesk.server.db import create_engine_for, make_sessions
    from salesdesk.server.migrate import ensure_schema
    from salesdesk.server.pricelists import import_price_list
    from salesdesk.server.users import PasswordHasher, add_user

    settings = ServerSettings.from_env(data_dir=server_dir)
    engine = create_engine_for(settings.database_url)
    try:
        ensure_schema(engine)
        with make_sessions(engine).begin() as session:
            hasher = PasswordHasher()
            for name, password, role, team in (DEMO_AGENT, DEMO_MANAGER, DEMO_ADMIN):
                add_user(session, name, password, role, team, hasher=hasher)
            import_price_list(session, price_list_file.read_text(encoding="utf-8"))
    finally:
        engine.dispose()


@dataclass
class DemoServer:
    server_url: str
    upstreams_url: str
    profile_dir: Path


@contextlib.contextmanager
def demo_server(root: Path | None = None, *, as_manager: bool = False) -> Iterator[DemoServer]:
    """Start the demo server and upstreams and sign a demo profile in (token in an
    in-memory keyring). Everything stops, and a temporary root is removed, on exit."""
    from salesdesk.server.config import ServerSettings
    from salesdesk.server.demo_upstreams.runner import demo_lookups_config, run_in_thread
    from salesdesk.server.main import build_app

    owned = root is None
    base = Path(tempfile.mkdtemp(prefix="salesdesk-demo-")) if root is None else root
    server_dir = base / "server"
    profile_dir = base / ("manager-profile" if as_manager else "profile")
    price_list_file = resource_path("pricelists/demo-2026.json")
    keyring.set_keyring(MemoryKeyring())
    try:
        if not server_dir.exists():
            _publish(server_dir, price_list_file)
        with contextlib.ExitStack() as stack:
            upstreams_url, _ = stack.enter_context(run_in_thread())
            app = build_app(
                ServerSettings.from_env(data_dir=server_dir), demo_lookups_config(upstreams_url)
            )
            server_url, _ = stack.enter_context(run_in_thread(app))
            user = DEMO_MANAGER if as_manager else DEMO_AGENT
            bootstrap = SalesService(profile_dir)
            try:
                SyncService(bootstrap).login(server_url, user[0], user[1])
                if bootstrap.price_lists.current() is None:
                    bootstrap.price_lists.add(load_price_list(price_list_file))
            finally:
                bootstrap.close()
            yield DemoServer(server_url, upstreams_url, profile_dir)
    finally:
        if owned:
            shutil.rmtree(base, ignore_errors=True)


@contextlib.contextmanager
def demo_environment(
    root: Path | None = None, *, as_manager: bool = False
) -> Iterator[DemoEnvironment]:
    """The demo world with a desktop profile open on it (for scripts and tests)."""
    with demo_server(root, as_manager=as_manager) as server:
        sales = SalesService(server.profile_dir, activities_for_profile(server.profile_dir))
        sync = SyncService(sales, interval_seconds=10.0)
        try:
            yield DemoEnvironment(
                server.server_url, server.upstreams_url, server.profile_dir, sales, sync
            )
        finally:
            sync.stop()
            sales.close()
