"""Small building blocks shared by the screens: banners, chips, inline field messages."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from salesdesk.ui.theme import (
    icon,
    icon_pixmap,
    set_invalid,
    set_link,
    set_role,
    tokens,
)

#: banner kind -> (background, border) colour tokens
_BANNER_COLORS = {
    "info": ("info_bg", "info_border"),
    "ok": ("success_bg", "success_border"),
    "warning": ("warning_bg", "warning_border"),
    "danger": ("danger_bg", "danger_border"),
}
#: chip kind -> (background, text) colour tokens
_CHIP_COLORS = {
    "neutral": ("chip_neutral_bg", "text"),
    "info": ("info_bg", "info"),
    "ok": ("success_bg", "success"),
    "warning": ("warning_bg", "warning"),
    "danger": ("danger_bg", "danger"),
}


def _rounded(painter: QPainter, rect: QRectF, radius: float, fill: str, border: str) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor(border), 1.0) if border else Qt.PenStyle.NoPen)
    painter.setBrush(QColor(fill))
    painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), radius, radius)


_BANNER_ICONS = {
    "info": ("info", "info"),
    "ok": ("check-circle", "success"),
    "warning": ("alert", "warning"),
    "danger": ("x-circle", "danger"),
}


class IconLabel(QLabel):
    """A 16 px themed icon that follows the screen's scale factor."""

    def __init__(self, name: str = "", color: str = "text", size: int = 16) -> None:
        super().__init__()
        self._size = size
        self.setFixedSize(QSize(size, size))
        self.set_icon(name, color)

    def set_icon(self, name: str, color: str = "text") -> None:
        if not name:
            self.clear()
            return
        self.setPixmap(icon_pixmap(name, self._size, color, self.devicePixelRatioF()))


class Banner(QFrame):
    """A coloured message strip: info, ok, warning or danger, with an optional action."""

    actionClicked = Signal()

    def __init__(self, kind: str = "info", text: str = "", action: str = "") -> None:
        super().__init__()
        self._kind = kind
        self._icon_set = False
        self.setProperty("banner", kind)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 7, 10, 7)
        layout.setSpacing(8)
        self._icon = IconLabel()
        layout.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignTop)
        self.label = QLabel(text)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.label, 1)
        self.button = QPushButton(action)
        set_link(self.button)
        self.button.setVisible(bool(action))
        self.button.clicked.connect(self.actionClicked)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)
        self.set_kind(kind)
        self.setVisible(bool(text))

    def set_kind(self, kind: str) -> None:
        if kind == self._kind and self._icon_set:
            return
        self._kind = kind
        self._icon_set = True
        self.setProperty("banner", kind)
        name, color = _BANNER_ICONS.get(kind, _BANNER_ICONS["info"])
        self._icon.set_icon(name, color)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        fill, border = _BANNER_COLORS.get(self._kind, _BANNER_COLORS["info"])
        t = tokens()
        painter = QPainter(self)
        _rounded(painter, QRectF(self.rect()), 8, getattr(t, fill), getattr(t, border))

    def show_message(self, kind: str, text: str, action: str = "") -> None:
        self.set_kind(kind)
        self.label.setText(text)
        self.button.setText(action)
        self.button.setVisible(bool(action))
        if action:
            self.button.setAccessibleName(action.replace("&", ""))
        self.setAccessibleName(text)
        self.setVisible(bool(text))


class Chip(QLabel):
    """A status word on a rounded, tinted background."""

    def __init__(self, text: str = "", kind: str = "neutral") -> None:
        super().__init__(text)
        self._kind = kind
        self.setProperty("chip", kind)
        self.setContentsMargins(10, 2, 10, 2)
        font = self.font()
        font.setWeight(font.Weight.DemiBold)
        self.setFont(font)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)

    def set_chip(self, text: str, kind: str) -> None:
        self.setText(text)
        self.setAccessibleName(text)
        self._kind = kind
        self.setProperty("chip", kind)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        fill, color = _CHIP_COLORS.get(self._kind, _CHIP_COLORS["neutral"])
        t = tokens()
        painter = QPainter(self)
        rect = QRectF(self.rect())
        _rounded(painter, rect, rect.height() / 2, getattr(t, fill), "")
        if self._kind != "neutral":  # the pale tint alone hardly shows on the window colour
            tint = QColor(getattr(t, color))
            tint.setAlpha(40)
            _rounded(painter, rect, rect.height() / 2, tint.name(QColor.NameFormat.HexArgb), "")
        painter.setPen(QColor(getattr(t, color)))
        painter.setFont(self.font())
        painter.drawText(self.rect(), int(Qt.AlignmentFlag.AlignCenter), self.text())
        painter.end()


class FieldMessage(QWidget):
    """The line under a field: a hint, an error (red) or a confirmation (green)."""

    def __init__(self, hint: str = "") -> None:
        super().__init__()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(5)
        self._icon = IconLabel(size=14)
        layout.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignTop)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.label, 1)
        self._hint = hint
        self.kind = "hint"
        self._state: tuple[str, str, str, str] | None = None
        self.show_hint(hint)

    def set_hint(self, hint: str) -> None:
        self._hint = hint
        if self.kind == "hint":
            self.show_hint(hint)

    def show_hint(self, text: str | None = None) -> None:
        self._show("hint", self._hint if text is None else text, "", "muted")

    def show_error(self, text: str) -> None:
        self._show("error", text, "x-circle", "danger")

    def show_ok(self, text: str) -> None:
        self._show("ok", text, "check-circle", "success")

    def show_warning(self, text: str) -> None:
        self._show("warning", text, "alert", "warning")

    def show_state(self, icon_spec: str, text: str) -> None:
        name, _, color = icon_spec.partition(":")
        role = {"danger": "error", "success": "ok", "warning": "warning"}.get(color, "hint")
        self._show(role, text, name, color or "muted")

    def _show(self, role: str, text: str, icon_name: str, color: str) -> None:
        state = (role, text, icon_name, color)
        if state == self._state:
            return  # updates arrive often; re-rendering the icon costs
        self._state = state
        self.kind = role
        set_role(self.label, role)
        self.label.setText(text)
        self._icon.set_icon(icon_name, color)
        self._icon.setVisible(bool(icon_name))
        self.setVisible(bool(text))

    def text(self) -> str:
        return self.label.text()


def mark_invalid(widget: QWidget, invalid: bool) -> None:
    if bool(widget.property("invalid")) != invalid:
        set_invalid(widget, invalid)


class Card(QFrame):
    """A group of related fields on the base colour, with a thin rounded border."""

    def paintEvent(self, event: QPaintEvent) -> None:
        t = tokens()
        painter = QPainter(self)
        _rounded(painter, QRectF(self.rect()), 10, t.base, t.border)


def card(*children: QWidget, margins: int = 14) -> QFrame:
    frame = Card()
    frame.setProperty("card", True)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(margins, margins, margins, margins)
    for child in children:
        layout.addWidget(child)
    return frame


def heading(text: str, role: str = "heading") -> QLabel:
    label = QLabel(text)
    set_role(label, role)
    return label


def tool_icon(name: str) -> QPushButton:
    button = QPushButton()
    button.setIcon(icon(name))
    return button
