"""The UI's part of the ``salesdesk`` command: the app itself (no command) and ``demo``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def _data_dir(args: argparse.Namespace) -> Path:
    from salesdesk.cli import default_data_dir

    return Path(args.data_dir) if getattr(args, "data_dir", None) else default_data_dir()


def add_commands(subparsers: Any) -> None:
    demo = subparsers.add_parser(
        "demo",
        help="open the app connected to an embedded demo server (demo agent signed in)",
    )
    demo.add_argument(
        "--profile",
        help="keep the demo world in this folder (default: a fresh temporary one)",
    )
    demo.add_argument("--manager", action="store_true", help="sign in as the demo manager instead")
    demo.add_argument(
        "--local",
        action="store_true",
        help="no server: a local-only demo profile with stand-in lookups",
    )
    demo.set_defaults(func=run_demo)


def run_app(args: argparse.Namespace) -> int:
    """Open the desktop app on the profile (``salesdesk`` with no command).

    The admin policy configures it (sync on or off, interval, CA bundle, server URL,
    language, sale defaults, locked settings). A broken policy file is reported on stderr
    and in the main window, and the app starts with safe defaults."""
    from salesdesk.policy import load_policy
    from salesdesk.ui.app import (
        create_application,
        exec_until_quit,
        first_start,
        start,
        sync_port_for,
    )
    from salesdesk.ui.sync_port import ServerSyncPort

    data_dir = _data_dir(args)
    policy, problems = load_policy()
    for problem in problems:
        print(f"salesdesk: admin policy: {problem}", file=sys.stderr)
    port = sync_port_for(policy)

    def setup(service: Any) -> str | None:
        if isinstance(port, ServerSyncPort):
            port.attach(service)
        return first_start(service)

    create_application()
    try:
        return exec_until_quit(
            start(data_dir, sync_port=port, setup=setup, policy=policy, policy_problems=problems)
        )
    finally:
        if isinstance(port, ServerSyncPort):
            port.close()


def _demo_examples() -> list[dict[str, Any]]:
    """The example sales, with VAT numbers the demo VIES knows."""
    from salesdesk.ui.demo import EXAMPLES

    known = ["DE812453790", "ATU36417515", "FR64443061841", "IT12688400154", "NL812345678B01"]
    out = []
    for index, example in enumerate(EXAMPLES):
        copy = dict(example)
        if "customer" in copy:
            copy["customer"] = {**copy["customer"], "vat_number": known[index % len(known)]}
        out.append(copy)
    return out


def run_demo(args: argparse.Namespace) -> int:
    from salesdesk.ui.app import create_application, exec_until_quit, first_start, start

    if args.local:
        profile = (
            Path(args.profile) if args.profile else _data_dir(args).with_name("SalesDesk-demo")
        )

        def setup_local(service: Any) -> str | None:
            notice = first_start(service)
            if notice is None and not service.sales():
                from salesdesk.ui.demo import seed_examples

                seed_examples(service)
            return notice

        create_application()
        return exec_until_quit(start(profile, setup=setup_local))

    from salesdesk.demo import demo_server
    from salesdesk.ui import demo as ui_demo
    from salesdesk.ui.sync_port import ServerSyncPort

    root = Path(args.profile) if args.profile else None
    with demo_server(root, as_manager=args.manager) as server:
        print(f"demo server at {server.server_url} (profile {server.profile_dir})")
        port = ServerSyncPort(interval_seconds=10.0)

        def setup(service: Any) -> str | None:
            port.attach(service)
            if not args.manager and not service.sales():
                ui_demo.EXAMPLES[:] = _demo_examples()
                ui_demo.seed_examples(service)
            port.sync_now()
            return None

        create_application()
        try:
            return exec_until_quit(start(server.profile_dir, sync_port=port, setup=setup))
        finally:
            port.close()
