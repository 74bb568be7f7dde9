"""The main window: the agent's sales as a sortable, filterable list, menus, toolbar and
the sync status bar. Sales open in their own windows (see :mod:`salesdesk.ui.sale`)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QModelIndex, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from salesdesk.sync.status import SyncStatus
from salesdesk.ui.controller import AppController, CallError, Overview, ServiceInfo
from salesdesk.ui.models import COLUMNS, ID_ROLE, SaleRow, SalesFilterProxy, SalesTableModel
from salesdesk.ui.ports import ROLE_MANAGER
from salesdesk.ui.settings import SettingsDialog, UiSettings
from salesdesk.ui.statusbar import SyncStatusBar
from salesdesk.ui.theme import app_icon, icon, set_primary, set_role
from salesdesk.ui.widgets import Banner, IconLabel

if TYPE_CHECKING:
    from salesdesk.policy import Policy, PolicyProblem
    from salesdesk.ui.sale import SaleWindow

#: After start-up, the sale editor's pages are built once off screen, one per idle turn,
#: so that the first sale opens as fast as later ones (see sale.window.warm_up_steps).
WARM_UP_AFTER_MS = 400
WARM_UP_GAP_MS = 60


class MainWindow(QMainWindow):
    def __init__(
        self,
        controller: AppController,
        settings: UiSettings | None = None,
        locked: dict[str, str] | None = None,
        *,
        policy: Policy | None = None,
        policy_problems: Sequence[PolicyProblem] = (),
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.controller = controller
        self.settings = settings or UiSettings()
        self.locked = dict(locked or {})
        self.policy = policy
        self.policy_problems = list(policy_problems)
        self.sale_windows: dict[str, SaleWindow] = {}
        self._loaded = False
        self._warm_up: list[Callable[[], None]] = []
        self._role: str | None = None
        self.setWindowTitle(self.tr("SalesDesk"))
        self.setWindowIcon(app_icon())
        self.resize(1100, 680)

        self.model = SalesTableModel(self)
        self.proxy = SalesFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._build_central()
        self.status = SyncStatusBar(self)
        self.status.syncRequested.connect(self.sync_now)
        self.setStatusBar(self.status)

        controller.ready.connect(self._on_ready)
        controller.startFailed.connect(self._on_start_failed)
        controller.overviewChanged.connect(self._on_overview)
        controller.syncStatusChanged.connect(self._on_sync_status)
        controller.progressChanged.connect(self.status.show_progress)
        self._on_sync_status(controller.sync_status())
        self._update_actions()
        self._show_policy_problems()
        self.restore_layout()
        # Relative times ("5 min ago") stay true while the window is open.
        self._tick = QTimer(self)
        self._tick.setInterval(60_000)
        self._tick.timeout.connect(self._refresh_times)
        self._tick.start()

    # ------------------------------------------------------------------ building
    def _action(
        self,
        text: str,
        icon_name: str | None,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None,
        slot: object,
    ) -> QAction:
        action = QAction(text, self)
        if icon_name:
            action.setIcon(icon(icon_name))
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        self.new_action = self._action(
            self.tr("&New sale"), "plus", QKeySequence.StandardKey.New, self.new_sale
        )
        self.new_action.setToolTip(self.tr("Start a new sale (Ctrl+N)"))
        self.open_action = self._action(
            self.tr("&Open sale"), "open", QKeySequence.StandardKey.Open, self.open_selected
        )
        self.timeline_action = self._action(
            self.tr("&Timeline…"), "timeline", "Ctrl+T", self.show_timeline
        )
        self.quote_action = self._action(
            self.tr("&Quote PDF…"), "pdf", QKeySequence.StandardKey.Print, self.save_quote
        )
        self.cancel_action = self._action(
            self.tr("&Cancel sale…"), "ban", None, self.cancel_selected
        )
        self.import_action = self._action(
            self.tr("&Import price list…"), "import", None, self.import_price_list
        )
        self.sync_action = self._action(self.tr("&Sync now"), "sync", "F5", self.sync_now)
        self.approvals_action = self._action(
            self.tr("&Approvals…"), "approvals", "Ctrl+Shift+A", self.show_approvals
        )
        self.settings_action = self._action(
            self.tr("Se&ttings…"),
            "settings",
            QKeySequence.StandardKey.Preferences,
            self.show_settings,
        )
        if self.settings_action.shortcut().isEmpty():
            self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.quit_action = self._action(
            self.tr("&Quit"), "quit", QKeySequence.StandardKey.Quit, self.close
        )
        self.about_action = self._action(self.tr("&About SalesDesk"), None, None, self.about)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self.new_action)
        file_menu.addAction(self.open_action)
        file_menu.addSeparator()
        file_menu.addAction(self.import_action)
        file_menu.addSeparator()
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        sale_menu = bar.addMenu(self.tr("&Sale"))
        sale_menu.addAction(self.timeline_action)
        sale_menu.addAction(self.quote_action)
        sale_menu.addSeparator()
        sale_menu.addAction(self.cancel_action)
        sync_menu = bar.addMenu(self.tr("S&ync"))
        sync_menu.addAction(self.sync_action)
        sync_menu.addAction(self.approvals_action)
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.about_action)

    def _build_toolbar(self) -> None:
        toolbar = QToolBar(self.tr("Main toolbar"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setIconSize(QSize(18, 18))
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in (self.new_action, self.open_action, self.timeline_action, self.quote_action):
            toolbar.addAction(action)
        toolbar.addSeparator()
        toolbar.addAction(self.approvals_action)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        toolbar.addAction(self.settings_action)
        self.addToolBar(toolbar)
        self.toolbar = toolbar

    def _build_central(self) -> None:
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.setSpacing(10)

        self.notice = Banner()
        layout.addWidget(self.notice)
        self.policy_notice = Banner()
        self.policy_notice.setObjectName("policyNotice")
        self.policy_notice.actionClicked.connect(self._hide_policy_problems)
        layout.addWidget(self.policy_notice)
        self.conflict_notice = Banner()
        self.conflict_notice.setObjectName("conflictNotice")
        self.conflict_notice.actionClicked.connect(self.show_conflicts)
        layout.addWidget(self.conflict_notice)

        header = QHBoxLayout()
        title = QLabel(self.tr("Sales"))
        set_role(title, "title")
        header.addWidget(title)
        header.addStretch(1)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("Search customer, VAT number, order…"))
        self.search.setAccessibleName(self.tr("Search sales"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search", "muted"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setMinimumWidth(280)
        self.search.textChanged.connect(self.proxy.set_search)
        search_label = QLabel(self.tr("Sea&rch:"))
        search_label.setBuddy(self.search)
        header.addWidget(search_label)
        header.addWidget(self.search)
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("statusFilter")
        self.status_filter.setAccessibleName(self.tr("Show sales"))
        for key, text in (
            ("all", self.tr("All sales")),
            ("open", self.tr("Open")),
            ("approval", self.tr("Needs approval")),
            ("ready", self.tr("Ready to submit")),
            ("waiting", self.tr("Waiting for lookups")),
            ("done", self.tr("Submitted")),
            ("closed", self.tr("Cancelled or expired")),
            ("conflicts", self.tr("With sync conflicts")),
        ):
            self.status_filter.addItem(text, key)
        self.status_filter.currentIndexChanged.connect(
            lambda _i: self.proxy.set_status_filter(str(self.status_filter.currentData()))
        )
        filter_label = QLabel(self.tr("Sho&w:"))
        filter_label.setBuddy(self.status_filter)
        header.addSpacing(8)
        header.addWidget(filter_label)
        header.addWidget(self.status_filter)
        self.new_button = QPushButton(icon("plus", "on_accent"), self.tr("New sale"))
        self.new_button.setObjectName("newSale")
        set_primary(self.new_button)
        self.new_button.setAccessibleName(self.tr("New sale"))
        self.new_button.clicked.connect(self.new_sale)
        header.addSpacing(8)
        header.addWidget(self.new_button)
        layout.addLayout(header)

        self.table = QTableView()
        self.table.setObjectName("salesTable")
        self.table.setAccessibleName(self.tr("Sales"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COLUMNS.index("updated"), Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(30)
        header_view = self.table.horizontalHeader()
        header_view.setHighlightSections(False)
        header_view.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header_view.setSectionResizeMode(COLUMNS.index("customer"), QHeaderView.ResizeMode.Stretch)
        for name, width in (
            ("status", 250),  # room for "Accepted · SO-2026-000123"
            ("gross", 120),
            ("step", 90),
            ("updated", 120),
            ("sync", 120),
        ):
            self.table.setColumnWidth(COLUMNS.index(name), width)
        self.table.activated.connect(self._activated)
        self.table.doubleClicked.connect(self._activated)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())

        self.empty = QWidget()
        empty_layout = QVBoxLayout(self.empty)
        empty_layout.addStretch(1)
        empty_icon = IconLabel("plus", "muted", 40)
        empty_layout.addWidget(empty_icon, 0, Qt.AlignmentFlag.AlignHCenter)
        empty_title = QLabel(self.tr("No sales yet"))
        set_role(empty_title, "heading")
        empty_layout.addWidget(empty_title, 0, Qt.AlignmentFlag.AlignHCenter)
        empty_text = QLabel(
            self.tr(
                "Start your first sale with New sale (Ctrl+N). Everything you enter is "
                "kept on this computer as you go, online or not."
            )
        )
        set_role(empty_text, "muted")
        empty_text.setWordWrap(True)
        empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty_text.setFixedWidth(460)
        # Fixed width and height: a wrapped label centred by a layout flag gets the height
        # of its unwrapped size hint and is cut off.
        empty_text.setFixedHeight(empty_text.heightForWidth(460))
        empty_layout.addWidget(empty_text, 0, Qt.AlignmentFlag.AlignHCenter)
        empty_layout.addStretch(2)

        self.loading = QLabel(self.tr("Opening your sales…"))
        set_role(self.loading, "muted")
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.loading)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.table)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.search.setFocus()

    # ------------------------------------------------------------------ data
    def _on_ready(self, info: ServiceInfo) -> None:
        if info.notice:
            self.notice.show_message("warning", info.notice, self.tr("Import price list…"))
            self.notice.actionClicked.connect(self.import_price_list)
        self.setWindowTitle(self.tr("SalesDesk — {agent}").format(agent=info.agent))

    def _on_start_failed(self, error: CallError) -> None:
        self.loading.setText(self.tr("Your sales could not be opened."))
        self.notice.show_message("danger", error.message)
        for action in (self.new_action, self.open_action, self.import_action):
            action.setEnabled(False)
        self.new_button.setEnabled(False)

    def _on_overview(self, overview: Overview) -> None:
        if not self._loaded:
            QTimer.singleShot(WARM_UP_AFTER_MS, self._start_warm_up)
        self.model.set_rows(
            [SaleRow.from_row(r, overview.conflicts.get(r.workflow_id, 0)) for r in overview.rows]
        )
        self._show_conflict_notice(len(overview.conflicts))
        self._loaded = True
        self.stack.setCurrentWidget(self.table if overview.rows else self.empty)
        self.status.set_counts(
            overview.events_pending, overview.lookups_waiting, overview.lookups_failed
        )
        self._update_actions()

    def _policy_fingerprint(self) -> str:
        text = "\n".join(str(p) for p in self.policy_problems)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]

    def _show_policy_problems(self) -> None:
        """A broken admin policy file is explained once (until hidden; again only when
        its problems change); the app meanwhile runs with safe defaults."""
        if not self.policy_problems or self.settings.policy_notice == self._policy_fingerprint():
            return
        source = self.policy_problems[0].path
        details = "\n".join(
            "• " + (self.tr("line {number}: ").format(number=p.line) if p.line else "") + p.message
            for p in self.policy_problems[:6]
        )
        self.policy_notice.show_message(
            "warning",
            self.tr(
                "The administrator's settings file {path} has a problem, so SalesDesk uses "
                "safe built-in values for what it could not read. Your work is not affected; "
                "please tell your administrator:"
            ).format(path=source)
            + "\n"
            + details,
            self.tr("&Hide"),
        )

    def _hide_policy_problems(self) -> None:
        self.policy_notice.show_message("warning", "")
        updated = replace(self.settings, policy_notice=self._policy_fingerprint())
        self.settings = updated
        data_dir = self.controller.data_dir
        self.controller.call(lambda _s: updated.save(data_dir))

    def _show_conflict_notice(self, sales: int) -> None:
        if not sales:
            self.conflict_notice.show_message("warning", "")
            return
        self.conflict_notice.show_message(
            "warning",
            self.tr(
                "Changes made on this computer to %n sale(s) could not be applied after "
                "syncing, because the sale had changed elsewhere in the meantime. Nothing "
                "was deleted: open the sale to apply them again or dismiss them.",
                None,
                sales,
            ),
            self.tr("Show them"),
        )

    def show_conflicts(self) -> None:
        index = self.status_filter.findData("conflicts")
        if index >= 0:
            self.status_filter.setCurrentIndex(index)
        if self.proxy.rowCount() == 1:
            self.table.selectRow(0)

    def _start_warm_up(self) -> None:
        from salesdesk.ui.sale.window import warm_up_steps

        self._warm_up = warm_up_steps(self.controller)
        self._warm_up_next()

    def _warm_up_next(self) -> None:
        if self._warm_up and not self.sale_windows:
            self._warm_up.pop(0)()
            QTimer.singleShot(WARM_UP_GAP_MS, self._warm_up_next)

    def _refresh_times(self) -> None:
        if self.model.rowCount():
            top = self.model.index(0, COLUMNS.index("updated"))
            bottom = self.model.index(self.model.rowCount() - 1, COLUMNS.index("updated"))
            self.model.dataChanged.emit(top, bottom)

    def _on_sync_status(self, status: SyncStatus) -> None:
        self.status.set_sync_status(status)
        self._role = status.role
        self.approvals_action.setVisible(status.role == ROLE_MANAGER)

    def selected_id(self) -> str | None:
        indexes = self.table.selectionModel().selectedRows()
        if not indexes:
            return None
        return str(indexes[0].data(ID_ROLE))

    def _update_actions(self) -> None:
        has = self.selected_id() is not None
        for action in (
            self.open_action,
            self.timeline_action,
            self.quote_action,
            self.cancel_action,
        ):
            action.setEnabled(has)

    def _activated(self, index: QModelIndex) -> None:
        wid = index.data(ID_ROLE)
        if wid:
            self.open_sale(str(wid))

    # ------------------------------------------------------------------ commands
    def new_sale(self) -> None:
        self.new_action.setEnabled(False)
        self.new_button.setEnabled(False)

        def done(wid: str) -> None:
            self.new_action.setEnabled(True)
            self.new_button.setEnabled(True)
            self.open_sale(wid)

        def failed(error: CallError) -> None:
            self.new_action.setEnabled(True)
            self.new_button.setEnabled(True)
            if error.kind == "no_price_list":
                self.show_error(
                    self.tr("No price list yet"),
                    self.tr(
                        "A sale needs a price list, and this computer has none yet. "
                        "Sync with the server, or load one with File › Import price list…"
                    ),
                )
            else:
                self.show_error(self.tr("The sale could not be started"), error.message)

        self.controller.new_sale(done, failed, owner=self)

    def open_selected(self) -> None:
        wid = self.selected_id()
        if wid:
            self.open_sale(wid)

    def open_sale(self, workflow_id: str) -> SaleWindow:
        window = self.sale_windows.get(workflow_id)
        if window is None:
            from salesdesk.ui.sale import SaleWindow

            row = next((r for r in self.model.rows() if r.workflow_id == workflow_id), None)
            hint = "customer" if row is None else row.step if row.status == "draft" else None
            window = SaleWindow(self.controller, workflow_id, start_hint=hint)
            self.sale_windows[workflow_id] = window
            window.closed.connect(lambda wid=workflow_id: self.sale_windows.pop(wid, None))
            window.timelineRequested.connect(self.show_timeline_of)
            window.quoteRequested.connect(self.save_quote_of)
            if self.settings.sale_geometry:
                window.restoreGeometry(_bytes(self.settings.sale_geometry))
            window.geometryToKeep.connect(self._keep_sale_geometry)
            window.show_when_ready()  # one paint, with the sale in it
            return window
        window.raise_()
        window.activateWindow()
        return window

    def show_timeline(self) -> None:
        wid = self.selected_id()
        if wid:
            self.show_timeline_of(wid)

    def show_timeline_of(self, workflow_id: str) -> None:
        from salesdesk.ui.timeline import TimelineDialog

        dialog = TimelineDialog(self.controller, workflow_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    def save_quote(self) -> None:
        wid = self.selected_id()
        if wid:
            self.save_quote_of(wid)

    def save_quote_of(self, workflow_id: str) -> None:
        from salesdesk.ui.quote import QuoteExporter

        customer = next(
            (r.customer for r in self.model.rows() if r.workflow_id == workflow_id), None
        )
        window = self.sale_windows.get(workflow_id)

        def saved(path: Path) -> None:
            message = self.tr("Quote saved to {path}").format(path=path)
            self.status.showMessage(message, 10000)
            if window is not None and self.sale_windows.get(workflow_id) is window:
                window.error_banner.show_message("ok", message)

        exporter = QuoteExporter(self.controller, window or self, saved)
        exporter.ask_and_save(workflow_id, customer)

    def cancel_selected(self) -> None:
        wid = self.selected_id()
        if wid:
            self.cancel_sale(wid)

    def cancel_sale(self, workflow_id: str) -> None:
        reason, ok = QInputDialog.getText(
            self,
            self.tr("Cancel sale"),
            self.tr("Why is this sale cancelled? (The customer and your manager see this.)"),
        )
        if not ok:
            return
        if not reason.strip():
            self.show_error(self.tr("Not cancelled"), self.tr("Please give a reason."))
            return
        self.controller.signal(
            workflow_id,
            "cancel",
            {"reason": reason.strip()},
            None,
            lambda e: self.show_error(self.tr("The sale was not cancelled"), e.message),
            owner=self,
        )

    def import_price_list(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import price list"), "", self.tr("Price lists (*.json)")
        )
        if not path:
            return

        def done(version: str) -> None:
            self.notice.show_message(
                "ok",
                self.tr("Price list {version} is now used for new sales.").format(version=version),
            )

        self.controller.import_price_list(
            Path(path),
            done,
            lambda e: self.show_error(self.tr("The price list was not imported"), e.message),
            owner=self,
        )

    def sync_now(self) -> None:
        self.controller.sync_now(
            None, lambda e: self.status.connection.set(e.message, "offline", "warning")
        )

    def show_approvals(self) -> None:
        from salesdesk.ui.approvals import ApprovalsDialog

        dialog = ApprovalsDialog(self.controller, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    def show_settings(self) -> SettingsDialog:
        dialog = SettingsDialog(
            self.controller, self.settings, self.locked, self, policy=self.policy
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.settingsChanged.connect(self._settings_changed)
        dialog.open()
        return dialog

    def _settings_changed(self, settings: UiSettings) -> None:
        # The dialog edits language, server and user; what the window keeps stays.
        self.settings = replace(
            self.settings,
            language=settings.language,
            server_url=settings.server_url,
            user=settings.user,
        )

    def about(self) -> None:
        from salesdesk import __version__

        QMessageBox.about(
            self,
            self.tr("About SalesDesk"),
            self.tr(
                "<b>SalesDesk {version}</b><p>Sales that are saved as you type, work "
                "offline and sync when the network is back.</p>"
            ).format(version=__version__),
        )

    def show_error(self, title: str, message: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    # ------------------------------------------------------------------ closing
    # ------------------------------------------------------------------ layout
    def restore_layout(self) -> None:
        """The window's size and place, and the list's columns, as they were left."""
        if self.settings.main_geometry:
            self.restoreGeometry(_bytes(self.settings.main_geometry))
        if self.settings.sales_columns:
            self.table.horizontalHeader().restoreState(_bytes(self.settings.sales_columns))

    def _keep_sale_geometry(self, geometry: str) -> None:
        self.settings = replace(self.settings, sale_geometry=geometry)

    def save_layout(self) -> None:
        """Remember the geometry (written on the service thread, before it stops)."""
        updated = replace(
            self.settings,
            main_geometry=_text(self.saveGeometry()),
            sales_columns=_text(self.table.horizontalHeader().saveState()),
        )
        self.settings = updated
        if self.controller.running:
            data_dir = self.controller.data_dir
            self.controller.call(lambda _s: updated.save(data_dir))

    def closeEvent(self, event: QCloseEvent) -> None:
        # Each sale window keeps its unfinished fields as a draft when it closes.
        for window in list(self.sale_windows.values()):
            window.close()
        self.save_layout()
        event.accept()


def _bytes(text: str) -> QByteArray:
    return QByteArray.fromBase64(text.encode("ascii"))


def _text(data: QByteArray) -> str:
    return bytes(data.toBase64().data()).decode("ascii")
