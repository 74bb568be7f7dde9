"""``salesdesk server ...``: run the central server and administer it."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any


def add_commands(sub: Any) -> None:
    server = sub.add_parser("server", help="run or administer the central server")
    server.add_argument(
        "--database-url",
        help="SQLAlchemy URL (default: $SALESDESK_DATABASE_URL "
        "or a SQLite file in the server data dir)",
    )
    server.add_argument("--server-data-dir", help="where the embedded SQLite database lives")
    server.set_defaults(func=cmd_serve, host="127.0.0.1", port=8765, demo_upstreams=False)
    server.add_argument("--host", default="127.0.0.1")
    server.add_argument("--port", type=int, default=8765)
    server.add_argument(
        "--demo-upstreams",
        action="store_true",
        help="also serve local stand-ins of VIES, the credit bureau and Nominatim",
    )
    actions = server.add_subparsers(dest="server_command", metavar="ACTION")

    p = actions.add_parser("migrate", help="bring the database schema up to date")
    p.set_defaults(func=cmd_migrate)

    p = actions.add_parser("add-user", help="create a user; the password is read from stdin")
    p.add_argument("name")
    p.add_argument("--role", choices=("agent", "manager", "admin"), required=True)
    p.add_argument("--team")
    p.set_defaults(func=cmd_add_user)

    p = actions.add_parser("import-price-list", help="publish a price list (immutable)")
    p.add_argument("file")
    p.set_defaults(func=cmd_import_price_list)


def _settings(args: argparse.Namespace) -> Any:
    from salesdesk.cli import CliError
    from salesdesk.server.config import ServerSettings

    data_dir = Path(args.server_data_dir) if args.server_data_dir else None
    try:
        return ServerSettings.from_env(database_url=args.database_url, data_dir=data_dir)
    except ValueError as exc:
        raise CliError(f"server: {exc}") from None


def _engine(args: argparse.Namespace) -> Any:
    """An engine on an up-to-date schema, or a CliError saying plainly what is wrong."""
    from sqlalchemy.exc import OperationalError

    from salesdesk.cli import CliError
    from salesdesk.server.db import UnsupportedDatabaseError, create_engine_for
    from salesdesk.server.migrate import SchemaTooNewError, ensure_schema

    try:
        engine = create_engine_for(_settings(args).database_url)
    except UnsupportedDatabaseError as exc:
        raise CliError(f"server: {exc}") from None
    try:
        ensure_schema(engine)
    except SchemaTooNewError as exc:
        engine.dispose()
        raise CliError(f"server: {exc}") from None
    except OperationalError as exc:
        engine.dispose()
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
        raise CliError(f"server: cannot open the database: {reason}") from None
    return engine


def cmd_migrate(args: argparse.Namespace) -> int:
    from salesdesk.server.migrate import current_revision

    engine = _engine(args)
    with engine.connect() as conn:
        print(f"database schema is at {current_revision(conn)} (up to date)")
    return 0


def cmd_add_user(args: argparse.Namespace) -> int:
    from salesdesk.server.db import make_sessions
    from salesdesk.server.users import PasswordHasher, Role, UserExistsError, add_user

    if sys.stdin.isatty():
        password = getpass.getpass(f"password for {args.name}: ")
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    engine = _engine(args)
    try:
        with make_sessions(engine).begin() as session:
            add_user(
                session, args.name, password, Role(args.role), args.team, hasher=PasswordHasher()
            )
    except (UserExistsError, ValueError) as exc:
        print(f"salesdesk server: user not created: {exc}", file=sys.stderr)
        return 2
    print(f"user {args.name} ({args.role}{', team ' + args.team if args.team else ''}) created")
    return 0


def cmd_import_price_list(args: argparse.Namespace) -> int:
    from salesdesk.server.db import make_sessions
    from salesdesk.server.pricelists import import_price_list

    try:
        text = Path(args.file).read_text(encoding="utf-8")
    except OSError as exc:
        print(f"salesdesk server: cannot read {args.file}: {exc.strerror}", file=sys.stderr)
        return 2
    engine = _engine(args)
    try:
        with make_sessions(engine).begin() as session:
            result = import_price_list(session, text)
    except ValueError as exc:
        print(f"salesdesk server: price list not imported: {exc}", file=sys.stderr)
        return 2
    state = "published" if result.created else "already published (no change)"
    stored = result.price_list
    print(f"price list {stored.version} {state}; hash {stored.content_hash[:12]}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import contextlib

    import uvicorn

    from salesdesk.server.main import build_app, lookups_config_from_env

    # Refuse a database from a newer release (or an unreachable one) with a plain
    # message before uvicorn starts, rather than as a traceback from the app's lifespan.
    _engine(args).dispose()
    with contextlib.ExitStack() as stack:
        lookups = lookups_config_from_env()
        if args.demo_upstreams:
            from salesdesk.server.demo_upstreams.runner import demo_lookups_config, run_in_thread

            base_url, _stop = stack.enter_context(run_in_thread())
            lookups = demo_lookups_config(base_url)
            print(f"demo upstreams (VIES, credit bureau, Nominatim) at {base_url}")
        app = build_app(_settings(args), lookups)
        if lookups is None:
            print(
                "no upstream lookups configured (set SALESDESK_CREDIT_URL etc., or use "
                "--demo-upstreams); lookups will answer 404"
            )
        uvicorn.run(app, host=args.host, port=args.port, log_level="info")
    return 0
