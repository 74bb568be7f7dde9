"""Starting the desktop application: QApplication, theme, translations, the controller
and the main window.

Start-up order matters for how fast the window appears: the window is built from light
modules only and shown first; the engine (SQLAlchemy, Alembic, pydantic models), the
database and the price list are opened by the controller's service thread meanwhile, and
the sales list fills in when they are ready.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from salesdesk.policy import Policy, PolicyProblem, load_policy
from salesdesk.ui.controller import AppController
from salesdesk.ui.i18n import install_translations, translate
from salesdesk.ui.mainwindow import MainWindow
from salesdesk.ui.ports import OfflineSyncPort, SyncPort
from salesdesk.ui.resources import demo_price_list
from salesdesk.ui.settings import UiSettings
from salesdesk.ui.theme import ThemeWatcher, app_icon

if TYPE_CHECKING:
    from salesdesk.flow.runner import ActivityFn
    from salesdesk.sales.service import SalePolicy, SalesService

log = logging.getLogger(__name__)


def create_application(argv: Sequence[str] | None = None) -> QApplication:
    # The service, network and lookup threads are Python threads: with the default 5 ms
    # GIL switch interval the UI thread may wait 5 ms per busy thread before it runs.
    # 1 ms keeps input and painting smooth at a small cost in background throughput.
    sys.setswitchinterval(0.001)
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        app = QApplication(list(argv if argv is not None else sys.argv[:1]))
    app.setApplicationName("SalesDesk")
    app.setApplicationDisplayName("SalesDesk")
    app.setOrganizationName("SalesDesk")
    app.setDesktopFileName("salesdesk")
    app.setWindowIcon(app_icon())
    if not hasattr(app, "_salesdesk_theme"):
        app._salesdesk_theme = ThemeWatcher(app)  # type: ignore[attr-defined]
    return app


def service_factory(
    data_dir: Path,
    activities: Mapping[str, ActivityFn] | None = None,
    policy: Policy | None = None,
) -> Callable[[], SalesService]:
    """Opens the profile on the service thread (imports included). New sales start with
    the admin policy's quote validity and discount approval threshold."""

    def open_service() -> SalesService:
        from salesdesk.sales.service import SalesService

        chosen = activities
        if chosen is None:
            from salesdesk.lookups_choice import activities_for

            chosen = activities_for(data_dir)
        sale_policy: SalePolicy | None = policy.sale_policy() if policy is not None else None
        return SalesService(data_dir, chosen, policy=sale_policy)

    return open_service


def effective_language(settings: UiSettings, policy: Policy, locked: Mapping[str, str]) -> str:
    """A locked language wins; a policy language is the default until the person picks
    one in Settings (``system``, the built-in default, counts as not picked)."""
    if "language" in locked:
        return policy.ui.language if policy.is_locked("ui.language") else settings.language
    if settings.language == "system" and "ui.language" in policy.configured:
        return policy.ui.language
    return settings.language


def sync_port_for(policy: Policy) -> SyncPort:
    """The sync client as the admin policy configures it: off (a stand-alone
    installation), or with the policy's interval and extra CA bundle."""
    if not policy.sync.enabled:
        return OfflineSyncPort(disabled_by=str(policy.source))
    from salesdesk.ui.sync_port import ServerSyncPort

    ca_file = str(policy.server.ca_file) if policy.server.ca_file else None
    return ServerSyncPort(interval_seconds=policy.sync.interval_seconds, ca_file=ca_file)


def first_start(service: SalesService, price_list: Path | None = None) -> str | None:
    """On a profile with no price list, load the demo list; a notice when that fails."""
    if service.price_lists.current() is not None:
        return None
    path = price_list or demo_price_list()
    if not path.exists():
        return translate(
            "App",
            "There is no price list on this computer yet, so no sale can be started. Sync "
            "with the server, or load a price list file with File › Import price list…",
        )
    from salesdesk.sales.pricelist import PriceListError

    try:
        service.price_lists.import_file(path)
    except (PriceListError, OSError) as exc:
        return translate("App", "The demo price list could not be loaded: {reason}").format(
            reason=exc
        )
    return None


@dataclass
class Running:
    app: QApplication
    controller: AppController
    window: MainWindow

    def close(self) -> None:
        self.window.close()
        self.controller.shutdown()


def start(
    data_dir: Path,
    *,
    sync_port: SyncPort | None = None,
    activities: Mapping[str, ActivityFn] | None = None,
    locked: dict[str, str] | None = None,
    settings: UiSettings | None = None,
    setup: Callable[[SalesService], str | None] | None = first_start,
    show: bool = True,
    policy: Policy | None = None,
    policy_problems: Sequence[PolicyProblem] | None = None,
) -> Running:
    """Build the app around a profile; the caller runs the event loop.

    ``policy`` defaults to the admin policy file (``SALESDESK_POLICY_FILE`` or the
    platform's location); a broken file never stops the app: its problems are shown once
    in the main window and safe defaults apply. ``locked`` adds settings locks (field
    name -> reason) on top of the policy's."""
    app = create_application()
    data_dir = Path(data_dir)
    if policy is None:
        policy, found = load_policy()
        if policy_problems is None:
            policy_problems = found
            for problem in found:
                log.warning("admin policy: %s", problem)
    locks = {**policy.settings_locks(), **(locked or {})}
    settings = settings or UiSettings.load(data_dir)
    install_translations(app, effective_language(settings, policy, locks))
    controller = AppController(
        service_factory(data_dir, activities, policy),
        sync_port or OfflineSyncPort(),
        data_dir,
        setup=setup,
    )
    window = MainWindow(
        controller, settings, locks, policy=policy, policy_problems=list(policy_problems or ())
    )
    if show:
        window.show()
    # Start the engine once the window had its first chance to paint.
    QTimer.singleShot(0, controller.start)
    return Running(app, controller, window)


def run(
    data_dir: Path,
    *,
    sync_port: SyncPort | None = None,
    locked: dict[str, str] | None = None,
) -> int:
    running = start(data_dir, sync_port=sync_port, locked=locked)  # policy read by start()
    return exec_until_quit(running)


def exec_until_quit(running: Running) -> int:
    """Run the event loop; Ctrl+C or SIGTERM close the windows like the Quit command does
    (drafts are written, the database is closed) instead of killing the process."""
    import signal

    def quit_gracefully(*_args: object) -> None:
        running.window.close()
        running.app.quit()

    previous = {sig: signal.signal(sig, quit_gracefully) for sig in (signal.SIGINT, signal.SIGTERM)}
    # Python handles signals only when it runs; a timer lets it run now and then.
    ticker = QTimer()
    ticker.start(250)
    ticker.timeout.connect(lambda: None)
    try:
        code = running.app.exec()
    finally:
        ticker.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        running.controller.shutdown()
    return int(code)
