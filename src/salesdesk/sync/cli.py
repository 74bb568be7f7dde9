"""``salesdesk login``, ``logout`` and ``sync``."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path
from typing import Any

EXIT_OFFLINE = 3


def add_commands(sub: Any) -> None:
    p = sub.add_parser("login", help="sign this profile in to a server (token kept in the keyring)")
    p.add_argument("--server", required=True, help="server URL, e.g. https://sales.example.com")
    p.add_argument("--user", required=True)
    p.add_argument(
        "--ca-file",
        help="extra CA certificate bundle (PEM) to trust for this server, in addition to the "
        "system's and to the admin policy's server.ca_file; TLS is always verified",
    )
    p.set_defaults(func=cmd_login)

    p = sub.add_parser("logout", help="forget this profile's sign-in")
    p.set_defaults(func=cmd_logout)

    p = sub.add_parser("sync", help="run one sync cycle (exit 3 when offline)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_sync)


def _services(args: argparse.Namespace) -> tuple[Any, Any]:
    from salesdesk.cli import default_data_dir
    from salesdesk.lookups_choice import activities_for
    from salesdesk.sales.service import SalesService
    from salesdesk.sync.service import SyncService

    data_dir = Path(args.data_dir) if args.data_dir else default_data_dir()
    sales = SalesService(data_dir, activities_for(data_dir))
    return sales, SyncService(sales)


def cmd_login(args: argparse.Namespace) -> int:
    from salesdesk.sync.errors import SyncError

    if sys.stdin.isatty():
        password = getpass.getpass(f"password for {args.user} at {args.server}: ")
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    # Kept in the profile and used by every later sync: an absolute path, whatever the
    # directory a later command runs from.
    ca_file = str(Path(args.ca_file).expanduser().resolve()) if args.ca_file else None
    sales, sync = _services(args)
    try:
        result = sync.login(args.server, args.user, password, ca_file=ca_file)
    except SyncError as exc:
        print(f"salesdesk: login failed: {exc}", file=sys.stderr)
        return 1
    finally:
        sales.close()
    team = f", team {result.team}" if result.team else ""
    print(f"signed in to {args.server} as {result.name} ({result.role}{team})")
    return 0


def cmd_logout(args: argparse.Namespace) -> int:
    sales, sync = _services(args)
    try:
        sync.logout()
    finally:
        sales.close()
    print("signed out; local sales are kept")
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    from salesdesk.sync.errors import AuthError, BadResponse, NotLoggedIn, OfflineError, SyncError

    sales, sync = _services(args)
    try:
        try:
            report = sync.run_cycle()
        except (OfflineError, BadResponse) as exc:
            status = sync.board.current()
            print(
                f"offline: {exc}. {status.events_pending} event(s) and "
                f"{status.lookups_pending} lookup(s) wait for the network; nothing is lost.",
                file=sys.stderr,
            )
            return EXIT_OFFLINE
        except (AuthError, NotLoggedIn) as exc:
            print(f"salesdesk: {exc}", file=sys.stderr)
            return 1
        except SyncError as exc:
            print(f"salesdesk: sync failed: {exc}", file=sys.stderr)
            return 1
        sales.run_lookups(10.0)
        try:
            report2 = sync.run_cycle()  # upload what the lookups just recorded
            report.pushed_events += report2.pushed_events
            report.pulled_events += report2.pulled_events
            report.rebased += report2.rebased
            report.conflicts += report2.conflicts
        except SyncError:
            pass
        status = sync.board.current()
    finally:
        sales.close()
    summary = {
        "pushed_events": report.pushed_events,
        "pulled_events": report.pulled_events,
        "rebased": report.rebased,
        "conflicts": report.conflicts,
        "rejected": report.rejected,
        "price_list": report.price_list,
        "events_pending": status.events_pending,
        "lookups_pending": status.lookups_pending,
    }
    if args.json:
        json.dump(summary, sys.stdout, indent=2)
        print()
    else:
        print(
            f"synced: {report.pushed_events} event(s) up, {report.pulled_events} down; "
            f"{status.events_pending} waiting, {status.lookups_pending} lookup(s) pending"
        )
        for wid in report.rebased:
            print(f"  sale {wid}: merged with changes made elsewhere")
        for c in report.conflicts:
            print(
                f"  sale {c['workflow_id']}: your '{c['signal']}' change no longer applies: "
                f"{c['reason']}"
            )
        for wid, reason in report.rejected.items():
            print(f"  sale {wid}: refused by the server: {reason}")
    return 0
