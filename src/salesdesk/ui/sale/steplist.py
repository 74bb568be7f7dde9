"""The list of steps beside the sale editor, each with its state: done, confirm again
(stale), not filled in, needs correction, unsaved changes."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from salesdesk.ui import texts
from salesdesk.ui.theme import icon, tokens

STEP_ROLE = Qt.ItemDataRole.UserRole + 1
STATE_ROLE = Qt.ItemDataRole.UserRole + 2
STEPS = ("customer", "contact", "lines", "terms", "review", "submit")

#: state -> (icon, colour token)
STATE_ICONS = {
    "done": ("check-circle", "success"),
    "stale": ("alert", "warning"),
    "empty": ("circle", "muted"),
    "invalid": ("x-circle", "danger"),
    "edited": ("edit", "info"),
    "pending": ("hourglass", "info"),
    "approval": ("approvals", "warning"),
    "closed": ("ban", "muted"),  # review and submit of a cancelled or expired sale
}

Index = QModelIndex | QPersistentModelIndex


class _StepDelegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(190, 50)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        t = tokens()
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        painter.save()
        rect: QRect = opt.rect.adjusted(2, 2, -2, -2)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        hovered = bool(opt.state & QStyle.StateFlag.State_MouseOver)
        focused = bool(opt.state & QStyle.StateFlag.State_HasFocus)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if selected or hovered:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(t.selected if selected else t.hover))
            painter.drawRoundedRect(rect, 8, 8)
        if focused and selected:
            painter.setPen(QColor(t.accent))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(0, 0, -1, -1), 8, 8)
        state = str(index.data(STATE_ROLE) or "empty")
        name, color = STATE_ICONS.get(state, STATE_ICONS["empty"])
        icon_rect = QRect(rect.left() + 10, rect.top() + (rect.height() - 20) // 2, 20, 20)
        icon(name, color).paint(painter, icon_rect)
        text_left = icon_rect.right() + 10
        title_font = QFont(opt.font)
        title_font.setWeight(QFont.Weight.DemiBold if selected else QFont.Weight.Medium)
        painter.setFont(title_font)
        painter.setPen(QColor(t.text))
        title_rect = QRect(text_left, rect.top() + 6, rect.right() - text_left - 4, 20)
        painter.drawText(
            title_rect,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            str(index.data(Qt.ItemDataRole.DisplayRole)),
        )
        small = QFont(opt.font)
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.86))
        painter.setFont(small)
        state_color = {
            "stale": t.warning,
            "invalid": t.danger,
            "edited": t.info,
            "approval": t.warning,
        }.get(state, t.muted)
        painter.setPen(QColor(state_color))
        state_rect = QRect(text_left, rect.top() + 25, rect.right() - text_left - 4, 18)
        painter.drawText(
            state_rect,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            texts.step_state_text(state, str(index.data(STEP_ROLE))),
        )
        painter.restore()


class StepList(QListWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stepList")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setViewportMargins(6, 8, 6, 8)
        self.setAutoFillBackground(False)
        self.viewport().setAutoFillBackground(False)  # the window colour shows through
        self.setAccessibleName(self.tr("Steps of the sale"))
        self.setItemDelegate(_StepDelegate(self))
        self.setMouseTracking(True)
        self.setFixedWidth(210)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for step in STEPS:
            item = QListWidgetItem(texts.step_title(step))
            item.setData(STEP_ROLE, step)
            item.setData(STATE_ROLE, "empty")
            self.addItem(item)
        self.set_state("review", "empty")

    def item_of(self, step: str) -> QListWidgetItem:
        return self.item(STEPS.index(step))

    def step_state(self, step: str) -> str:
        return str(self.item_of(step).data(STATE_ROLE))

    def set_state(self, step: str, state: str, note: str | None = None) -> None:
        item = self.item_of(step)
        item.setData(STATE_ROLE, state)
        words = texts.step_state_text(state, step)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{item.text()}: {words}")
        item.setToolTip(note[:1].upper() + note[1:] if note else words)

    def select_step(self, step: str) -> None:
        self.setCurrentRow(STEPS.index(step))

    def current_step(self) -> str:
        item = self.currentItem()
        return str(item.data(STEP_ROLE)) if item is not None else STEPS[0]
