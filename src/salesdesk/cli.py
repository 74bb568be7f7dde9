"""The ``salesdesk`` command. Scripts and support staff rely on its arguments, exit codes
and ``--json`` output: change them only in a compatible way.

Exit codes: 0 success, 1 error, 2 invalid input (nothing was recorded), 3 offline.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from salesdesk import __version__

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_INVALID = 2
EXIT_OFFLINE = 3


class CliError(Exception):
    def __init__(self, message: str, code: int = EXIT_ERROR) -> None:
        super().__init__(message)
        self.code = code


def default_data_dir() -> Path:
    env = os.environ.get("SALESDESK_DATA_DIR")
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("SalesDesk", "SalesDesk"))


def _print_json(value: Any) -> None:
    json.dump(value, sys.stdout, indent=2, ensure_ascii=False, sort_keys=False)
    sys.stdout.write("\n")


def _table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    cells = [[str(h) for h in headers]] + [["" if c is None else str(c) for c in r] for r in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


# --------------------------------------------------------------------------- commands
def _service(args: argparse.Namespace) -> Any:
    from salesdesk.lookups_choice import activities_for
    from salesdesk.policy import load_policy
    from salesdesk.sales.service import SalesService

    data_dir = Path(args.data_dir) if args.data_dir else default_data_dir()
    policy, _problems = load_policy()  # `salesdesk policy` reports problems; use safe values
    return SalesService(data_dir, activities_for(data_dir), policy=policy.sale_policy())


def cmd_sale_new(args: argparse.Namespace) -> int:
    with _service(args) as svc:
        wid = svc.new_sale()
        if args.json:
            _print_json({"workflow_id": wid})
        else:
            print(wid)
    return EXIT_OK


def cmd_sale_signal(args: argparse.Namespace) -> int:
    from salesdesk.flow.errors import SignalRejected

    try:
        payload = json.loads(args.json_payload) if args.json_payload else {}
    except json.JSONDecodeError as exc:
        raise CliError(
            f"--json is not valid JSON ({exc.msg} at character {exc.pos}); "
            'quote it like --json \'{"name": "Anna"}\'',
            EXIT_INVALID,
        ) from None
    with _service(args) as svc:
        try:
            ack = svc.signal(args.id, args.name, payload)
        except SignalRejected as rej:
            if args.output_json:
                _print_json({"accepted": False, "signal": args.name, "errors": rej.fields})
            else:
                print(f"signal {args.name!r} rejected; nothing was recorded:", file=sys.stderr)
                for field, message in rej.fields.items():
                    print(f"  {field or '(signal)'}: {message}", file=sys.stderr)
            return EXIT_INVALID
        svc.run_lookups(args.wait)
        summary = svc.summary(args.id)
        if args.output_json:
            _print_json(
                {
                    "accepted": True,
                    "seq": ack.seq,
                    "position": ack.position,
                    "status": summary.status,
                }
            )
        else:
            print(f"accepted as event #{ack.seq}; sale is now {summary.status}")
            for lookup in summary.lookups:
                if lookup.status not in ("done", "superseded"):
                    print(
                        f"  lookup {lookup.kind}: {lookup.status.replace('_', ' ')}"
                        + (f" ({lookup.last_error})" if lookup.last_error else "")
                    )
    return EXIT_OK


def cmd_sale_show(args: argparse.Namespace) -> int:
    with _service(args) as svc:
        summary = svc.summary(args.id)
    if args.json:
        _print_json(summary.model_dump(mode="json"))
        return EXIT_OK
    from salesdesk.cli_format import format_summary

    print(format_summary(summary))
    return EXIT_OK


def cmd_sale_list(args: argparse.Namespace) -> int:
    with _service(args) as svc:
        rows = svc.sales()
    if args.json:
        _print_json(
            [
                {
                    "workflow_id": r.workflow_id,
                    "status": (r.listing or {}).get("status", r.status),
                    "customer": (r.listing or {}).get("customer"),
                    "gross": (r.listing or {}).get("gross"),
                    "currency": (r.listing or {}).get("currency"),
                    "updated_at": r.updated_at,
                    "events": r.position,
                    "unsynced_events": r.position - r.synced_position,
                }
                for r in rows
            ]
        )
        return EXIT_OK
    if not rows:
        print("no sales yet: start one with 'salesdesk sale new'")
        return EXIT_OK
    print(
        _table(
            ["ID", "STATUS", "CUSTOMER", "GROSS", "UPDATED", "UNSYNCED"],
            [
                [
                    r.workflow_id,
                    (r.listing or {}).get("status", r.status),
                    (r.listing or {}).get("customer") or "-",
                    f"{(r.listing or {}).get('gross', '')} {(r.listing or {}).get('currency', '')}",
                    r.updated_at[:19].replace("T", " "),
                    r.position - r.synced_position,
                ]
                for r in rows
            ],
        )
    )
    return EXIT_OK


def cmd_sale_history(args: argparse.Namespace) -> int:
    with _service(args) as svc:
        _print_json(svc.export_history(args.id))
    return EXIT_OK


def _one_line(exc: Exception) -> str:
    """An error message on one line of reasonable length: a replay error may quote a
    multi-line validation report (with documentation links, which help nobody at a
    prompt) or a value of the file that is megabytes long."""
    lines = [line.strip() for line in str(exc).splitlines()]
    kept = [line for line in lines if line and not line.startswith("For further information")]
    text = "; ".join(kept)
    return text if len(text) <= 600 else text[:600] + "… (cut)"


def cmd_sale_import(args: argparse.Namespace) -> int:
    from salesdesk.flow.errors import (
        HistoryFormatError,
        NonDeterminismError,
        SignalRejected,
        UnknownWorkflowTypeError,
        WorkflowTaskError,
    )

    try:
        text = Path(args.file).read_text(encoding="utf-8")
    except OSError as exc:
        raise CliError(f"cannot read {args.file}: {exc.strerror}", EXIT_INVALID) from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CliError(
            f"{args.file} is not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})",
            EXIT_INVALID,
        ) from None
    with _service(args) as svc:
        try:
            wid = svc.import_history(document)
        except (
            HistoryFormatError,
            NonDeterminismError,
            UnknownWorkflowTypeError,  # a history of a kind this build does not know
            WorkflowTaskError,  # e.g. a recorded signal whose payload does not validate
            SignalRejected,  # e.g. a recorded signal of a name the workflow does not know
        ) as exc:
            raise CliError(
                f"{args.file} was not imported: {_one_line(exc)}", EXIT_INVALID
            ) from None
    print(wid)
    return EXIT_OK


def cmd_sale_timeline(args: argparse.Namespace) -> int:
    with _service(args) as svc:
        entries = svc.timeline(args.id)
    if args.json:
        _print_json([e.__dict__ for e in entries])
        return EXIT_OK
    print(
        _table(
            ["#", "TIME (UTC)", "BY", "WHAT"],
            [[e.seq, e.time[:19].replace("T", " "), e.who, e.text] for e in entries],
        )
    )
    return EXIT_OK


def cmd_lookups(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    with _service(args) as svc:
        if args.run:
            svc.network_available()
            svc.run_lookups(args.wait)
        tasks = svc.lookups()
    rows = [
        {
            "workflow_id": t.workflow_id,
            "activity_id": t.activity_id,
            "lookup": t.name,
            "state": t.state,
            "attempts": t.attempts,
            "next_try": datetime.fromtimestamp(t.next_attempt_at, UTC).isoformat(timespec="seconds")
            if t.state == "backoff"
            else None,
            "last_error": t.last_error,
        }
        for t in tasks
    ]
    if args.json:
        _print_json(rows)
        return EXIT_OK
    if not rows:
        print("no lookups queued, waiting or failed")
        return EXIT_OK
    print(
        _table(
            ["SALE", "LOOKUP", "STATE", "ATTEMPTS", "NEXT TRY", "LAST ERROR"],
            [
                [
                    r["workflow_id"][:8],
                    r["lookup"],
                    r["state"],
                    r["attempts"],
                    r["next_try"] or "-",
                    r["last_error"] or "-",
                ]
                for r in rows
            ],
        )
    )
    return EXIT_OK


def cmd_price_list_import(args: argparse.Namespace) -> int:
    from salesdesk.sales.pricelist import PriceListError

    with _service(args) as svc:
        try:
            plist = svc.price_lists.import_file(Path(args.file))
        except (PriceListError, OSError, ValueError) as exc:
            raise CliError(f"price list not imported: {exc}", EXIT_INVALID) from None
    print(
        f"price list {plist.version} ({len(plist.items)} items, {plist.currency}) is now current; "
        f"hash {plist.content_hash()[:12]}"
    )
    return EXIT_OK


def cmd_replay(args: argparse.Namespace) -> int:
    from salesdesk.flow.replayer import replay_all, version_report

    with _service(args) as svc:
        if args.report_versions:
            usage = version_report(svc.engine)
            if args.json:
                _print_json(
                    [
                        {
                            "workflow_type": u.workflow_type,
                            "patch_id": u.patch_id,
                            "open_with_marker": u.open_with_marker,
                            "open_without_marker": u.open_without_marker,
                            "old_branch_needed": u.old_branch_needed,
                        }
                        for u in usage
                    ]
                )
                return EXIT_OK
            print(
                _table(
                    ["WORKFLOW", "CHANGE", "OPEN NEW PATH", "OPEN OLD PATH", "OLD BRANCH"],
                    [
                        [
                            u.workflow_type,
                            u.patch_id,
                            u.open_with_marker,
                            u.open_without_marker,
                            "still needed" if u.old_branch_needed else "can be removed",
                        ]
                        for u in usage
                    ],
                )
            )
            return EXIT_OK
        report = replay_all(svc.engine)
    if report.ok:
        print(f"replayed {report.replayed} histories: all deterministic")
        return EXIT_OK
    for wid, error in report.failures:
        print(f"{wid}: {error}", file=sys.stderr)
    print(
        f"{len(report.failures)} of {report.replayed + len(report.failures)} histories "
        "failed to replay",
        file=sys.stderr,
    )
    return EXIT_ERROR


# --------------------------------------------------------------------------- parser
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="salesdesk",
        description="SalesDesk: sales as deterministic, locally persisted workflows.",
    )
    parser.add_argument("--version", action="version", version=f"salesdesk {__version__}")
    parser.add_argument(
        "--data-dir",
        help="local profile folder (default: $SALESDESK_DATA_DIR or the platform's data dir)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    sale = sub.add_parser("sale", help="create, change and inspect sales")
    sale_sub = sale.add_subparsers(dest="sale_command", metavar="ACTION", required=True)

    p = sale_sub.add_parser("new", help="start a sale; prints its id")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_sale_new)

    p = sale_sub.add_parser("signal", help="send a signal (customer, contact, lines, ...)")
    p.add_argument("id")
    p.add_argument("name")
    p.add_argument("--json", dest="json_payload", metavar="PAYLOAD", help="the payload as JSON")
    p.add_argument("--output-json", action="store_true", help="answer in JSON")
    p.add_argument(
        "--wait", type=float, default=10.0, help="seconds to let lookups run (default 10)"
    )
    p.set_defaults(func=cmd_sale_signal)

    for name, func, helptext in (
        ("show", cmd_sale_show, "the sale's summary"),
        ("timeline", cmd_sale_timeline, "the history as readable entries"),
    ):
        p = sale_sub.add_parser(name, help=helptext)
        p.add_argument("id")
        p.add_argument("--json", action="store_true")
        p.set_defaults(func=func)

    p = sale_sub.add_parser("list", help="all sales of this profile")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_sale_list)

    p = sale_sub.add_parser("history", help="export the history as JSON")
    p.add_argument("id")
    p.set_defaults(func=cmd_sale_history)

    p = sale_sub.add_parser("import", help="import an exported history (replayed and checked)")
    p.add_argument("file")
    p.set_defaults(func=cmd_sale_import)

    p = sub.add_parser("lookups", help="queued, waiting and failed lookups")
    p.add_argument("--json", action="store_true")
    p.add_argument("--run", action="store_true", help="run due and waiting lookups now")
    p.add_argument("--wait", type=float, default=20.0)
    p.set_defaults(func=cmd_lookups)

    plist = sub.add_parser("price-list", help="local price lists")
    plist_sub = plist.add_subparsers(dest="price_list_command", metavar="ACTION", required=True)
    p = plist_sub.add_parser("import", help="load a price list file and make it current")
    p.add_argument("file")
    p.set_defaults(func=cmd_price_list_import)

    p = sub.add_parser("replay", help="replay every local history with this build's code")
    p.add_argument(
        "--report-versions",
        action="store_true",
        help="which patched() changes open sales still need",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_replay)

    for extra in _extra_commands:
        extra(sub)
    return parser


# Other rooms (server, sync, ui) add their commands here without cli.py importing them
# at start-up: each registers a function that adds its sub-parsers.
_extra_commands: list[Callable[[Any], None]] = []


def _register_optional_commands() -> None:
    import importlib

    for module in (
        "salesdesk.server.cli",
        "salesdesk.sync.cli",
        "salesdesk.ui.cli",
        "salesdesk.selftest",
    ):
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
            continue
        if mod.add_commands not in _extra_commands:  # main() may run twice in one process
            _extra_commands.append(mod.add_commands)


def main(argv: Sequence[str] | None = None) -> int:
    from salesdesk.flow.errors import FlowError, SignalRejected

    _register_optional_commands()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        default = getattr(args, "default_func", None) or _default_command()
        if default is None:
            parser.print_help()
            return EXIT_OK
        args.func = default
    try:
        code: int = args.func(args)
        return code
    except CliError as exc:
        print(f"salesdesk: {exc}", file=sys.stderr)
        return exc.code
    except SignalRejected as exc:
        print(f"salesdesk: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except FlowError as exc:
        print(f"salesdesk: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away; that is not an error of ours.
        sys.stderr.close()
        return EXIT_OK
    except OSError as exc:
        # A data folder the file system refuses (read-only, no permission, full): a plain
        # sentence with what to do, not a traceback.
        print(f"salesdesk: {describe_os_error(exc)}", file=sys.stderr)
        return EXIT_ERROR


def describe_os_error(exc: OSError) -> str:
    import errno

    where = f" {exc.filename}" if exc.filename else ""
    reason = exc.strerror or str(exc)
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return (
            f"cannot write{where}: {reason}. Nothing was saved; check the folder's "
            "permissions and that its disk is writable, or choose another data directory "
            "(--data-dir or SALESDESK_DATA_DIR)."
        )
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"cannot write{where}: the disk is full. Free some space and try again."
    return f"{reason}{':' + where if where else ''}"


def _default_command() -> Callable[[argparse.Namespace], int] | None:
    """With no command, open the desktop app (when this build has the UI)."""
    import importlib

    try:
        ui_cli = importlib.import_module("salesdesk.ui.cli")
    except ModuleNotFoundError as exc:
        if exc.name not in ("salesdesk.ui.cli", "PySide6"):
            raise
        return None
    run_app: Callable[[argparse.Namespace], int] = ui_cli.run_app
    return run_app


if __name__ == "__main__":
    # `python -m salesdesk.cli` runs this file as __main__; hand over to the module proper
    # so that CliError raised by other rooms (salesdesk.cli.CliError) is the class caught.
    from salesdesk.cli import main as _main

    sys.exit(_main())
