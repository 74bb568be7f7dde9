"""Approvals (managers only): the team's discounts waiting for a decision; approve or
reject with a comment. Decisions go to the server through the SyncPort, which records
them in the sale's history; the agent sees them after the next sync."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from salesdesk.ui import texts
from salesdesk.ui.controller import AppController, CallError
from salesdesk.ui.ports import TeamSale
from salesdesk.ui.theme import icon, set_primary, set_role
from salesdesk.ui.widgets import Banner, FieldMessage

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ApprovalsDialog(QDialog):
    def __init__(self, controller: AppController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("approvalsDialog")
        self.setWindowTitle(self.tr("Discount approvals"))
        self.resize(860, 560)
        self.controller = controller
        self.sales: list[TeamSale] = []

        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Sales of your team with a discount above the limit wait for your decision. "
                "The agent sees it after their next sync."
            )
        )
        intro.setWordWrap(True)
        set_role(intro, "muted")
        layout.addWidget(intro)
        self.banner = Banner()
        self.banner.setObjectName("approvalsBanner")
        layout.addWidget(self.banner)

        self.show_all = QCheckBox(self.tr("Show &all team sales"))
        self.show_all.setAccessibleName(self.tr("Show all team sales"))
        self.show_all.toggled.connect(lambda _c: self._fill())
        self.refresh_button = QPushButton(icon("sync"), self.tr("&Refresh"))
        self.refresh_button.setAccessibleName(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(self.show_all)
        top.addStretch(1)
        top.addWidget(self.refresh_button)
        layout.addLayout(top)

        self.tree = QTreeWidget()
        self.tree.setObjectName("approvalsTree")
        self.tree.setAccessibleName(self.tr("Sales waiting for approval"))
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setHeaderLabels(
            [
                self.tr("Agent"),
                self.tr("Customer"),
                self.tr("Discount"),
                self.tr("Gross total"),
                self.tr("Status"),
                self.tr("Last change"),
            ]
        )
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 110), (2, 80), (3, 110), (4, 150), (5, 100)):
            self.tree.setColumnWidth(column, width)
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        layout.addWidget(self.tree, 1)

        self.comment = QPlainTextEdit()
        self.comment.setObjectName("approvalComment")
        self.comment.setTabChangesFocus(True)
        self.comment.setFixedHeight(70)
        self.comment.setAccessibleName(self.tr("Comment for the agent"))
        self.comment.setPlaceholderText(
            self.tr("What the agent should know (required when you reject)")
        )
        comment_label = QLabel(self.tr("&Comment:"))
        comment_label.setBuddy(self.comment)
        layout.addWidget(comment_label)
        layout.addWidget(self.comment)
        self.comment_message = FieldMessage()
        layout.addWidget(self.comment_message)

        self.approve_button = QPushButton(icon("check-circle", "on_accent"), self.tr("A&pprove"))
        self.approve_button.setObjectName("approveButton")
        set_primary(self.approve_button)
        self.approve_button.setAccessibleName(self.tr("Approve the discount"))
        self.approve_button.clicked.connect(lambda: self.decide(True))
        self.reject_button = QPushButton(icon("x-circle", "danger"), self.tr("Re&ject"))
        self.reject_button.setObjectName("rejectButton")
        self.reject_button.setAccessibleName(self.tr("Reject the discount"))
        self.reject_button.clicked.connect(lambda: self.decide(False))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName(self.tr("Close"))
        bottom = QHBoxLayout()
        bottom.addWidget(self.approve_button)
        bottom.addWidget(self.reject_button)
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        layout.addLayout(bottom)
        self._busy = False
        self._update_buttons()
        self.refresh()

    def refresh(self) -> None:
        self.refresh_button.setEnabled(False)
        self.controller.team_sales(self._loaded, self._failed, owner=self)

    def _loaded(self, sales: list[TeamSale]) -> None:
        self.refresh_button.setEnabled(True)
        self.sales = sales
        self._fill()

    def _failed(self, error: CallError) -> None:
        self.refresh_button.setEnabled(True)
        self.banner.show_message("danger", error.message)

    def _fill(self) -> None:
        selected = self.selected_id()
        self.tree.clear()
        wanted = [
            s for s in self.sales if self.show_all.isChecked() or s.approval_status == "pending"
        ]
        for sale in wanted:
            item = QTreeWidgetItem(
                [
                    sale.agent,
                    sale.customer or self.tr("(no customer yet)"),
                    texts.percent(sale.max_discount),
                    texts.money(sale.gross, sale.currency),
                    texts.status_text(sale.status)
                    if sale.approval_status != "pending"
                    else self.tr("Waiting for you"),
                    texts.relative_time(sale.updated_at),
                ]
            )
            item.setData(0, ID_ROLE, sale.workflow_id)
            item.setToolTip(
                2, self.tr("Limit without approval: {t}").format(t=texts.percent(sale.threshold))
            )
            for column in (2, 3):
                item.setTextAlignment(
                    column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                )
            if sale.approval_status == "pending":
                item.setIcon(4, icon("approvals", "warning"))
            self.tree.addTopLevelItem(item)
            if sale.workflow_id == selected:
                self.tree.setCurrentItem(item)
        first = self.tree.topLevelItem(0)
        if self.tree.currentItem() is None and first is not None:
            self.tree.setCurrentItem(first)
        pending = sum(1 for s in self.sales if s.approval_status == "pending")
        if not pending and self.banner.property("banner") != "ok":
            self.banner.show_message("info", self.tr("Nothing is waiting for your decision."))
        self._update_buttons()

    def selected_id(self) -> str | None:
        item = self.tree.currentItem()
        return str(item.data(0, ID_ROLE)) if item is not None else None

    def selected_sale(self) -> TeamSale | None:
        wid = self.selected_id()
        return next((s for s in self.sales if s.workflow_id == wid), None)

    def _update_buttons(self) -> None:
        sale = self.selected_sale()
        can = sale is not None and sale.approval_status == "pending" and not self._busy
        self.approve_button.setEnabled(can)
        self.reject_button.setEnabled(can)

    def decide(self, approved: bool) -> None:
        sale = self.selected_sale()
        if sale is None:
            return
        comment = self.comment.toPlainText().strip() or None
        if not approved and not comment:
            self.comment_message.show_error(
                self.tr("Say why you reject the discount, so the agent knows what to change.")
            )
            self.comment.setFocus()
            return
        self.comment_message.show_hint("")
        self._busy = True
        self._update_buttons()

        def done(_result: object) -> None:
            self._busy = False
            self.comment.clear()
            who = sale.customer or sale.workflow_id[:8]
            text = (
                self.tr("Approved the discount for {who}.")
                if approved
                else self.tr("Rejected the discount for {who}.")
            ).format(who=who)
            self.banner.show_message("ok", text)
            self.refresh()

        def failed(error: CallError) -> None:
            self._busy = False
            self._update_buttons()
            self.banner.show_message(
                "danger",
                self.tr("The decision was not recorded: {reason}").format(reason=error.message),
            )

        self.controller.decide_approval(
            sale.workflow_id, approved, comment, done, failed, owner=self
        )
