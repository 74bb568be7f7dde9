"""``salesdesk self-test`` and ``salesdesk policy``: checks an administrator (or the
packaged build's smoke test) runs on an installed copy.

The self-test works in a fresh temporary profile folder, never in the user's own, and
needs no display (it uses Qt's offscreen platform unless ``QT_QPA_PLATFORM`` says
otherwise), no network and no keyring. It exercises what a broken installation breaks
first: package metadata (the version), bundled resources (price list, icons, style,
translations), the Alembic migrations (opening a new database), the workflow engine
(a sale is created, signalled, its stand-in lookups run), replay from disk, the Qt
plugins (the main window opens and lists the sale) and the admin policy.

Exit code 0 when every step passed (a skipped step does not fail the run), 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from salesdesk.policy import Policy, describe_policy, load_policy, policy_path

EXIT_OK = 0
EXIT_FAILED = 1

# The sale the self-test records: a VAT number the stand-in lookups know, and a contact.
_CUSTOMER = {"vat_number": "HU12892312"}
_CONTACT = {"name": "Self Test", "email": "self-test@example.com"}


class StepFailed(Exception):
    """A check did not pass; the message says what was expected and what was found."""


class StepSkipped(Exception):
    """A check cannot run in this build (e.g. no UI module); not a failure."""


@dataclass
class StepResult:
    name: str
    status: str  # ok | FAIL | skip
    detail: str
    seconds: float


@dataclass
class _Context:
    data_dir: Path
    timeout: float
    policy: Policy | None = None
    listing: dict[str, Any] | None = None
    workflow_id: str | None = None


# --------------------------------------------------------------------------- steps
def _step_version(_ctx: _Context) -> str:
    from importlib.metadata import PackageNotFoundError, version

    import salesdesk

    try:
        installed = version("salesdesk")
    except PackageNotFoundError:
        # A frozen build without its dist-info (PyInstaller's copy_metadata) lands here.
        raise StepFailed(
            "the package metadata of salesdesk is missing, so the version is unknown"
        ) from None
    if salesdesk.__version__ != installed:
        raise StepFailed(f"salesdesk.__version__ is {salesdesk.__version__}, metadata {installed}")
    frozen = getattr(sys, "frozen", False)
    where = f"packaged build in {Path(sys.executable).parent}" if frozen else "Python install"
    return f"salesdesk {installed} ({where}), Python {sys.version.split()[0]}, {sys.platform}"


def _step_policy(ctx: _Context) -> str:
    policy, problems = load_policy()
    ctx.policy = policy
    if problems:
        lines = "\n".join(f"    {problem}" for problem in problems)
        raise StepFailed(f"the policy file has {len(problems)} problem(s):\n{lines}")
    if not policy.found:
        return f"{policy.source} is not present: built-in defaults, nothing locked"
    locked = ", ".join(sorted(policy.locked)) or "nothing"
    return f"{policy.source}: {len(policy.configured)} key(s) set, locked: {locked}"


def _step_tls(ctx: _Context) -> str:
    import ssl

    import certifi

    from salesdesk.sync.client import verify_setting

    bundle = Path(certifi.where())
    if not bundle.is_file():
        raise StepFailed(f"the CA bundle {bundle} is missing")
    context = ssl.create_default_context(cafile=str(bundle))
    count = context.cert_store_stats()["x509_ca"]
    if count == 0:
        raise StepFailed(f"no CA certificate could be loaded from {bundle}")
    detail = f"{ssl.OPENSSL_VERSION}, {count} CA certificates"
    ca_file = ctx.policy.server.ca_file if ctx.policy else None
    if ca_file is not None:
        try:
            verify_setting(str(ca_file))
        except (OSError, ssl.SSLError) as exc:
            raise StepFailed(f"server.ca_file {ca_file} cannot be used: {exc}") from None
        detail += f", plus the policy's CA file {ca_file}"
    return detail


def _open_service(ctx: _Context) -> Any:
    from salesdesk.sales.service import SalesService
    from salesdesk.sales.standin import STANDIN_ACTIVITIES

    policy = ctx.policy or Policy(source=policy_path())
    return SalesService(ctx.data_dir, STANDIN_ACTIVITIES, policy=policy.sale_policy())


def _step_sale(ctx: _Context) -> str:
    from salesdesk.resources_path import resource_path

    price_list = resource_path("pricelists", "demo-2026.json")
    if not price_list.is_file():
        raise StepFailed(f"the bundled demo price list {price_list} is missing")
    with _open_service(ctx) as svc:
        plist = svc.price_lists.import_file(price_list)
        wid = svc.new_sale()
        ctx.workflow_id = wid
        svc.signal(wid, "customer", _CUSTOMER)
        # Stand-in lookups answer at once; the wait only bounds a broken runner.
        svc.run_lookups(min(ctx.timeout, 10.0))
        svc.signal(wid, "contact", _CONTACT)
        summary = svc.summary(wid)
        events = len(svc.engine.history(wid))
        ctx.listing = summary.listing()
    if summary.customer is None or not summary.customer.company_name:
        raise StepFailed(f"the company lookup did not fill the customer: {summary.customer}")
    return (
        f"sale {wid[:8]} with price list {plist.version}: {events} events, "
        f"customer {summary.customer.company_name!r} from the stand-in lookup"
    )


def _step_replay(ctx: _Context) -> str:
    from salesdesk.flow.replayer import replay_all

    if ctx.workflow_id is None:
        raise StepSkipped("no sale was recorded")
    # A new service: nothing survives from the first one but the database on disk.
    with _open_service(ctx) as svc:
        report = replay_all(svc.engine)
        again = svc.summary(ctx.workflow_id).listing()
    if not report.ok:
        failures = "; ".join(f"{wid}: {error}" for wid, error in report.failures)
        raise StepFailed(f"replay failed: {failures}")
    if report.replayed != 1:
        raise StepFailed(f"expected 1 history on disk, replayed {report.replayed}")
    if again != ctx.listing:
        raise StepFailed(f"the sale read back differs: {again} != {ctx.listing}")
    return "1 history replayed from disk: deterministic, same summary"


def _wait(condition: Callable[[], bool], timeout: float) -> bool:
    from PySide6.QtCore import QCoreApplication, QEventLoop

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        if condition():
            return True
        time.sleep(0.01)
    return condition()


# Qt messages that say something about the offscreen platform itself, not about the app:
# its windows cannot pass size hints to a window manager (there is none).
_OFFSCREEN_NOISE = ("This plugin does not support propagateSizeHints()",)


def _step_window(ctx: _Context) -> str:
    try:
        import salesdesk.ui.controller
        import salesdesk.ui.mainwindow
        import salesdesk.ui.ports
        import salesdesk.ui.settings  # noqa: F401 - the presence of the UI is the question
    except ModuleNotFoundError as exc:
        if exc.name and (exc.name == "PySide6" or exc.name.startswith("salesdesk.ui")):
            raise StepSkipped(
                f"this build has no desktop UI ({exc.name} is missing): window not checked"
            ) from None
        raise
    # No display is needed: an admin may run this over SSH, the smoke test in CI.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

    # Every Qt warning while the window is up counts as a failure (a missing plugin,
    # icon or translation shows up here first); it is also passed on to stderr.
    messages: list[str] = []

    def on_message(kind: QtMsgType, _context: QMessageLogContext, text: str) -> None:
        if text in _OFFSCREEN_NOISE and os.environ.get("QT_QPA_PLATFORM") == "offscreen":
            return
        if kind not in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg):
            messages.append(text)
        print(text, file=sys.stderr)

    previous = qInstallMessageHandler(on_message)
    try:
        return _open_window(ctx, messages)
    finally:
        qInstallMessageHandler(previous)


def _open_window(ctx: _Context, messages: list[str]) -> str:
    from PySide6.QtCore import qVersion
    from PySide6.QtNetwork import QSslSocket
    from PySide6.QtWidgets import QApplication

    from salesdesk.ui.controller import AppController, CallError, ServiceInfo
    from salesdesk.ui.mainwindow import MainWindow
    from salesdesk.ui.ports import OfflineSyncPort
    from salesdesk.ui.settings import UiSettings

    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(["salesdesk"])
    policy = ctx.policy or Policy(source=policy_path())
    language = "en"
    try:
        from salesdesk.ui.i18n import install_translations
        from salesdesk.ui.theme import ThemeWatcher

        ThemeWatcher(app)
        language = install_translations(app, policy.ui.language)
    except ImportError:
        pass  # an older UI without themes or translations still opens its window

    ready: list[ServiceInfo] = []
    failed: list[CallError] = []
    controller = AppController(lambda: _open_service(ctx), OfflineSyncPort(), ctx.data_dir)
    controller.ready.connect(ready.append)
    controller.startFailed.connect(failed.append)
    window = MainWindow(controller, UiSettings.load(ctx.data_dir), policy.settings_locks())
    try:
        window.show()
        controller.start()
        if not _wait(lambda: bool(ready or failed), ctx.timeout):
            raise StepFailed(f"the main window's service did not start in {ctx.timeout:g} s")
        if failed:
            raise StepFailed(f"the main window could not open the sales: {failed[0].message}")
        if not window.isVisible():
            raise StepFailed("the main window is not visible after show()")
        model = getattr(window, "model", None)
        listed = ""
        if model is not None and hasattr(model, "rowCount"):
            if not _wait(lambda: bool(model.rowCount() >= 1), ctx.timeout):
                raise StepFailed("the main window does not list the sale just recorded")
            listed = f", lists {model.rowCount()} sale(s)"
        backends = ", ".join(QSslSocket.availableBackends()) or "none"
        platform = QApplication.platformName()
    finally:
        window.close()
        controller.shutdown()
        window.deleteLater()
        _wait(lambda: False, 0.2)
    if messages:
        shown = "\n".join(f"    {text}" for text in messages)
        raise StepFailed(f"Qt reported {len(messages)} warning(s):\n{shown}")
    return (
        f"main window opened on the {platform} platform{listed}; Qt {qVersion()}, "
        f"language {language}, Qt TLS backends: {backends}"
    )


STEPS: tuple[tuple[str, Callable[[_Context], str]], ...] = (
    ("version", _step_version),
    ("policy", _step_policy),
    ("tls", _step_tls),
    ("sale", _step_sale),
    ("replay", _step_replay),
    ("window", _step_window),
)


def run_self_test(
    data_dir: Path, *, timeout: float = 30.0, out: Callable[[str], None] = print
) -> list[StepResult]:
    ctx = _Context(data_dir=data_dir, timeout=timeout)
    results: list[StepResult] = []
    for name, step in STEPS:
        started = time.monotonic()
        try:
            status, detail = "ok", step(ctx)
        except StepSkipped as exc:
            status, detail = "skip", str(exc)
        except StepFailed as exc:
            status, detail = "FAIL", str(exc)
        except Exception as exc:  # any crash is a failed step, and reported as one
            status, detail = "FAIL", f"{type(exc).__name__}: {exc}"
        result = StepResult(name, status, detail, time.monotonic() - started)
        results.append(result)
        out(f"  {status:<4}  {name:<8} {detail}  ({result.seconds:.1f} s)")
    return results


# --------------------------------------------------------------------------- commands
def cmd_self_test(args: argparse.Namespace) -> int:
    import salesdesk

    started = time.monotonic()
    data_dir = Path(tempfile.mkdtemp(prefix="salesdesk-selftest-"))
    print(f"SalesDesk {salesdesk.__version__} self-test (temporary profile {data_dir})")
    try:
        results = run_self_test(data_dir, timeout=args.timeout)
    finally:
        if args.keep:
            print(f"kept the temporary profile in {data_dir}")
        else:
            shutil.rmtree(data_dir, ignore_errors=True)
    failed = [r.name for r in results if r.status == "FAIL"]
    elapsed = time.monotonic() - started
    if failed:
        print(f"self-test FAILED ({', '.join(failed)}) in {elapsed:.1f} s")
        return EXIT_FAILED
    skipped = [r.name for r in results if r.status == "skip"]
    note = f"; skipped: {', '.join(skipped)}" if skipped else ""
    print(f"self-test passed in {elapsed:.1f} s{note}")
    return EXIT_OK


def cmd_policy(args: argparse.Namespace) -> int:
    policy, problems = load_policy(Path(args.file) if args.file else None)
    if args.json:
        document = {
            "file": str(policy.source),
            "found": policy.found,
            "values": {key: value for key, value, _origin in describe_policy(policy)},
            "configured": sorted(policy.configured),
            "locked": policy.locked,
            "problems": [
                {
                    "kind": p.kind,
                    "key": p.key,
                    "line": p.line,
                    "column": p.column,
                    "message": str(p),
                }
                for p in problems
            ],
        }
        json.dump(document, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        state = "found" if policy.found else "not present: built-in defaults apply"
        print(f"policy file: {policy.source} ({state})")
        rows = describe_policy(policy)
        width = max(len(key) for key, _v, _o in rows)
        value_width = max(len(value) for _k, value, _o in rows)
        for key, value, origin in rows:
            print(f"  {key:<{width}}  {value:<{value_width}}  {origin}")
        if problems:
            print(f"{len(problems)} problem(s):", file=sys.stderr)
            for problem in problems:
                print(f"  {problem}", file=sys.stderr)
    return EXIT_FAILED if problems else EXIT_OK


def add_commands(sub: Any) -> None:
    p = sub.add_parser(
        "self-test",
        help="check this installation in a temporary profile (no display needed)",
        description="Create, signal and replay a sale in a temporary profile, open the main "
        "window offscreen and read the admin policy; exit 0 when all of it works.",
    )
    p.add_argument("--keep", action="store_true", help="keep the temporary profile folder")
    p.add_argument(
        "--timeout", type=float, default=30.0, help="seconds a step may wait (default 30)"
    )
    p.set_defaults(func=cmd_self_test)

    p = sub.add_parser(
        "policy",
        help="show the administrator policy in effect and any problems in the file",
    )
    p.add_argument("--file", help="check this file instead of the installed policy")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_policy)
