"""A sale's timeline: every recorded event with its time and origin (this device, another
device, the server, a manager), in readable words."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from salesdesk.ui import texts
from salesdesk.ui.controller import AppController, CallError
from salesdesk.ui.theme import icon, set_role
from salesdesk.ui.widgets import Banner

if TYPE_CHECKING:
    from salesdesk.sales.timeline import TimelineEntry


def origin_kind(who: str) -> str:
    if who == "this device":
        return "this_device"
    if who.startswith("other device"):
        return "other_device"
    if who.startswith("manager"):
        return "manager"
    if who == "server":
        return "server"
    return "other"


ORIGIN_ICONS = {
    "this_device": ("local", "accent"),
    "other_device": ("device-other", "info"),
    "manager": ("manager", "warning"),
    "server": ("server", "muted"),
    "other": ("info", "muted"),
}


class TimelineDialog(QDialog):
    def __init__(
        self, controller: AppController, workflow_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("timelineDialog")
        self.setWindowTitle(self.tr("Timeline of the sale"))
        self.resize(940, 580)
        self.workflow_id = workflow_id
        self.entries: list[TimelineEntry] = []
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Everything that happened to this sale, in order. Each line is one "
                "recorded event; nothing is ever changed afterwards."
            )
        )
        intro.setWordWrap(True)
        set_role(intro, "muted")
        layout.addWidget(intro)
        self.error = Banner()
        layout.addWidget(self.error)
        self.tree = QTreeWidget()
        self.tree.setObjectName("timelineTree")
        self.tree.setAccessibleName(self.tr("Events of the sale"))
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setHeaderLabels([self.tr("#"), self.tr("Time"), self.tr("By"), self.tr("What")])
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setColumnWidth(1, 150)
        self.tree.setColumnWidth(2, 190)
        layout.addWidget(self.tree, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName(self.tr("Close"))
        layout.addWidget(buttons)
        self.tree.setFocus()
        controller.timeline(workflow_id, self._loaded, self._failed, owner=self)

    def _who(self, who: str) -> str:
        kind = origin_kind(who)
        if kind == "this_device":
            return self.tr("This computer")
        if kind == "other_device":
            return self.tr("Another computer ({id})").format(id=who.split("(")[-1].rstrip(")"))
        if kind == "manager":
            return self.tr("Manager {name}").format(name=who.split(" ", 1)[-1])
        if kind == "server":
            return self.tr("Server")
        return who

    def _loaded(self, entries: list[TimelineEntry]) -> None:
        self.entries = entries
        items = []
        for entry in entries:
            item = QTreeWidgetItem(
                [
                    str(entry.seq),
                    texts.format_datetime(entry.time),
                    self._who(entry.who),
                    texts.message_text(entry.message) if entry.code else entry.text,
                ]
            )
            name, color = ORIGIN_ICONS[origin_kind(entry.who)]
            item.setIcon(2, icon(name, color))
            item.setToolTip(1, entry.time)
            item.setToolTip(2, entry.origin)
            item.setToolTip(3, item.text(3))
            item.setTextAlignment(0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            items.append(item)
        self.tree.addTopLevelItems(items)
        if items:
            self.tree.setCurrentItem(items[-1])
            self.tree.scrollToItem(items[-1])

    def _failed(self, error: CallError) -> None:
        self.error.show_message("danger", error.message)
