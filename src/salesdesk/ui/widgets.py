"""Small building blocks shared by the screens: banners, chips, inline field messages."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from salesdesk.ui.theme import icon, icon_pixmap, set_style_property

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
        self.button.setProperty("flat", True)
        self.button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.button.setVisible(bool(action))
        self.button.clicked.connect(self.actionClicked)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)
        self.set_kind(kind)
        self.setVisible(bool(text))

    def set_kind(self, kind: str) -> None:
        set_style_property(self, "banner", kind)
        name, color = _BANNER_ICONS.get(kind, _BANNER_ICONS["info"])
        self._icon.set_icon(name, color)

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
    def __init__(self, text: str = "", kind: str = "neutral") -> None:
        super().__init__(text)
        self.setProperty("chip", kind)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)

    def set_chip(self, text: str, kind: str) -> None:
        self.setText(text)
        self.setAccessibleName(text)
        set_style_property(self, "chip", kind)


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
        set_style_property(self.label, "role", role)
        self.label.setText(text)
        self._icon.set_icon(icon_name, color)
        self._icon.setVisible(bool(icon_name))
        self.setVisible(bool(text))

    def text(self) -> str:
        return self.label.text()


def mark_invalid(widget: QWidget, invalid: bool) -> None:
    set_style_property(widget, "invalid", invalid)


def card(*children: QWidget, margins: int = 14) -> QFrame:
    frame = QFrame()
    frame.setProperty("card", True)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(margins, margins, margins, margins)
    for child in children:
        layout.addWidget(child)
    return frame


def heading(text: str, role: str = "heading") -> QLabel:
    label = QLabel(text)
    label.setProperty("role", role)
    return label


def tool_icon(name: str) -> QPushButton:
    button = QPushButton()
    button.setIcon(icon(name))
    return button
