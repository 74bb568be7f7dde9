"""The UI's part of the ``salesdesk`` command: the app itself (no command) and ``demo``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def _data_dir(args: argparse.Namespace) -> Path:
    from salesdesk.cli import default_data_dir

    return Path(args.data_dir) if getattr(args, "data_dir", None) else default_data_dir()


def add_commands(subparsers: Any) -> None:
    demo = subparsers.add_parser(
        "demo",
        help="open the app on a demo profile with example sales and stand-in lookups",
    )
    demo.add_argument(
        "--profile",
        help="demo profile folder (default: a 'demo' folder beside the normal profile)",
    )
    demo.set_defaults(func=run_demo)


def run_app(args: argparse.Namespace) -> int:
    """Open the desktop app on the profile (``salesdesk`` with no command)."""
    from salesdesk.ui.app import run

    return run(_data_dir(args))


def run_demo(args: argparse.Namespace) -> int:
    from salesdesk.ui.app import create_application, exec_until_quit, first_start, start

    profile = Path(args.profile) if args.profile else _data_dir(args).with_name("SalesDesk-demo")

    def setup(service: Any) -> str | None:
        notice = first_start(service)
        if notice is None and not service.sales():
            from salesdesk.ui.demo import seed_examples

            seed_examples(service)
        return notice

    create_application()
    return exec_until_quit(start(profile, setup=setup))
