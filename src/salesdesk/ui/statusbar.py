"""The status bar: connection, last sync, events waiting to upload, lookups waiting,
a progress indicator for long calls and the "Sync now" button."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QStatusBar, QWidget

from salesdesk.sync.status import SyncStatus
from salesdesk.ui import texts
from salesdesk.ui.i18n import translate
from salesdesk.ui.theme import icon, set_role
from salesdesk.ui.widgets import IconLabel


class _Item(QWidget):
    def __init__(self, name: str, icon_name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.setSpacing(5)
        self.icon = IconLabel(icon_name, "muted", 14)
        self.label = QLabel()
        layout.addWidget(self.icon)
        layout.addWidget(self.label)

    def set(self, text: str, icon_name: str | None = None, color: str = "muted") -> None:
        self.label.setText(text)
        self.setAccessibleName(text)
        self.setToolTip(text)
        if icon_name is not None:
            self.icon.set_icon(icon_name, color)


class SyncStatusBar(QStatusBar):
    syncRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeGripEnabled(False)
        self.connection = _Item("connection", "local")
        self.last_sync = _Item("lastSync", "sync")
        self.events = _Item("eventsPending", "send")
        self.lookups = _Item("lookupsWaiting", "hourglass")
        self.progress_label = QLabel()
        set_role(self.progress_label, "muted")
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # indeterminate
        self.progress.setFixedWidth(120)
        self.progress.setMaximumHeight(14)
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName(self.tr("Working"))
        self.sync_button = QPushButton(icon("sync"), self.tr("Sync now"))
        self.sync_button.setObjectName("syncNow")
        self.sync_button.setAccessibleName(self.tr("Sync now"))
        self.sync_button.setToolTip(self.tr("Upload and download changes now (F5)"))
        self.sync_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.sync_button.clicked.connect(self.syncRequested)
        self.addWidget(self.connection)
        self.addWidget(self.last_sync)
        self.addPermanentWidget(self.progress_label)
        self.addPermanentWidget(self.progress)
        self.addPermanentWidget(self.events)
        self.addPermanentWidget(self.lookups)
        self.addPermanentWidget(self.sync_button)
        self.show_progress("")
        self._status = SyncStatus()
        self._events = 0
        self._lookups = 0
        self._failed = 0
        self.set_sync_status(SyncStatus())
        self.set_counts(0, 0, 0)

    def show_progress(self, label: str) -> None:
        self.progress_label.setText(label)
        self.progress_label.setVisible(bool(label))
        self.progress.setVisible(bool(label))

    def set_sync_status(self, status: SyncStatus) -> None:
        self._status = status
        if status.syncing:
            self.connection.set(self.tr("Syncing…"), "sync", "info")
        elif status.needs_login:
            self.connection.set(self.tr("Sign in again to sync"), "user", "warning")
        elif status.online and status.logged_in_as:
            host = _host(status.server_url)
            text = self.tr("Online — {user} at {host}").format(user=status.logged_in_as, host=host)
            self.connection.set(text, "online", "success")
        elif status.server_url:
            self.connection.set(
                self.tr("Offline — changes upload when the network is back"), "offline", "warning"
            )
        else:
            self.connection.set(self.tr("Not connected — local only"), "local", "muted")
        if status.last_error and not status.syncing:
            self.connection.setToolTip(status.last_error)
        if status.last_sync:
            self.last_sync.set(
                self.tr("Last sync {when}").format(when=texts.relative_time(status.last_sync)),
                "sync",
            )
        else:
            self.last_sync.set(self.tr("Never synced"), "sync")
        self.sync_button.setEnabled(not status.syncing)

    def set_counts(self, events_pending: int, lookups_waiting: int, lookups_failed: int) -> None:
        self._events, self._lookups, self._failed = events_pending, lookups_waiting, lookups_failed
        if events_pending:
            self.events.set(
                translate("SyncStatusBar", "%n event(s) waiting to upload", None, events_pending),
                "send",
                "info",
            )
        else:
            self.events.set(self.tr("Nothing waiting to upload"), "check-circle", "success")
        if lookups_waiting:
            self.lookups.set(
                translate("SyncStatusBar", "%n lookup(s) waiting", None, lookups_waiting),
                "hourglass",
                "warning",
            )
        elif lookups_failed:
            self.lookups.set(
                translate("SyncStatusBar", "%n lookup(s) failed", None, lookups_failed),
                "x-circle",
                "danger",
            )
        else:
            self.lookups.set(self.tr("No lookups waiting"), "check-circle", "success")

    def counts(self) -> tuple[int, int]:
        return self._events, self._lookups


def _host(url: str | None) -> str:
    if not url:
        return "?"
    rest = url.split("://", 1)[-1]
    return rest.split("/", 1)[0]
