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

from salesdesk.ui.controller import AppController
from salesdesk.ui.i18n import install_translations, translate
from salesdesk.ui.mainwindow import MainWindow
from salesdesk.ui.ports import OfflineSyncPort, SyncPort
from salesdesk.ui.resources import demo_price_list
from salesdesk.ui.settings import UiSettings
from salesdesk.ui.theme import ThemeWatcher, app_icon

if TYPE_CHECKING:
    from salesdesk.flow.runner import ActivityFn
    from salesdesk.sales.service import SalesService

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
    data_dir: Path, activities: Mapping[str, ActivityFn] | None = None
) -> Callable[[], SalesService]:
    """Opens the profile on the service thread (imports included)."""

    def open_service() -> SalesService:
        from salesdesk.sales.service import SalesService

        chosen = activities
        if chosen is None:
            from salesdesk.lookups_choice import activities_for

            chosen = activities_for(data_dir)
        return SalesService(data_dir, chosen)

    return open_service


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
) -> Running:
    """Build the app around a profile; the caller runs the event loop."""
    app = create_application()
    data_dir = Path(data_dir)
    settings = settings or UiSettings.load(data_dir)
    install_translations(
        app, locked.get("language") if locked and "language" in locked else settings.language
    )
    controller = AppController(
        service_factory(data_dir, activities),
        sync_port or OfflineSyncPort(),
        data_dir,
        setup=setup,
    )
    window = MainWindow(controller, settings, locked)
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
    running = start(data_dir, sync_port=sync_port, locked=locked)
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
