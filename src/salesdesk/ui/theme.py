"""Light and dark appearance: palette, stylesheet and SVG icons that follow the system.

The scheme comes from ``QStyleHints.colorScheme()`` and is applied again whenever the
system switches (``colorSchemeChanged``); ``SALESDESK_THEME=light|dark`` forces one (for
screenshots and people who want it). There is no application style sheet (see
"styling" below). Icons are small SVG files drawn with
``currentColor``; :class:`SvgIconEngine` renders them at the exact device-pixel size
asked for (crisp at any scale factor) in the colour of the current scheme, so they
switch with the theme without being reloaded.
"""

from __future__ import annotations

import os
import weakref
from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QByteArray, QObject, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QPainter,
    QPalette,
    QPixmap,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QAbstractButton, QApplication, QPushButton, QWidget
from shiboken6 import Shiboken

from salesdesk.ui.resources import ui_resource


@dataclass(frozen=True)
class Tokens:
    dark: bool
    window: str
    base: str
    alt_base: str
    text: str
    muted: str
    border: str
    hover: str
    selected: str
    accent: str
    accent_hover: str
    on_accent: str
    success: str
    success_bg: str
    success_border: str
    warning: str
    warning_bg: str
    warning_border: str
    danger: str
    danger_bg: str
    danger_border: str
    info: str
    info_bg: str
    info_border: str
    chip_neutral_bg: str


LIGHT = Tokens(
    dark=False,
    window="#f5f6f8",
    base="#ffffff",
    alt_base="#f8f9fb",
    text="#1f2937",
    muted="#6b7280",
    border="#d5d9e0",
    hover="#e8ebf0",
    selected="#dbe7fd",
    accent="#2563eb",
    accent_hover="#1d4ed8",
    on_accent="#ffffff",
    success="#15803d",
    success_bg="#ecfdf3",
    success_border="#a7e3bd",
    warning="#a15c07",
    warning_bg="#fff8e6",
    warning_border="#f5d48a",
    danger="#b91c1c",
    danger_bg="#fef2f2",
    danger_border="#f5b5b5",
    info="#1d4ed8",
    info_bg="#eef4ff",
    info_border="#b9cdf7",
    chip_neutral_bg="#e8ebf0",
)

DARK = Tokens(
    dark=True,
    window="#1d1f23",
    base="#25282d",
    alt_base="#2a2d33",
    text="#e6e8eb",
    muted="#9aa1ac",
    border="#3a3f47",
    hover="#30343b",
    selected="#25406b",
    accent="#5b9cf8",
    accent_hover="#7cb0fa",
    on_accent="#0b1220",
    success="#4ade80",
    success_bg="#15291d",
    success_border="#2b5a3b",
    warning="#fbbf24",
    warning_bg="#2f2713",
    warning_border="#6b5418",
    danger="#f87171",
    danger_bg="#341a1a",
    danger_border="#6e2c2c",
    info="#7cb0fa",
    info_bg="#18253a",
    info_border="#2d4a75",
    chip_neutral_bg="#30343b",
)

_current: Tokens = LIGHT


def tokens() -> Tokens:
    return _current


def system_is_dark() -> bool:
    forced = os.environ.get("SALESDESK_THEME", "").lower()
    if forced in ("dark", "light"):
        return forced == "dark"
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return False
    return app.styleHints().colorScheme() == Qt.ColorScheme.Dark


def _palette(t: Tokens) -> QPalette:
    p = QPalette()
    c = QColor
    roles = {
        QPalette.ColorRole.Window: t.window,
        QPalette.ColorRole.WindowText: t.text,
        QPalette.ColorRole.Base: t.base,
        QPalette.ColorRole.AlternateBase: t.alt_base,
        QPalette.ColorRole.ToolTipBase: t.base,
        QPalette.ColorRole.ToolTipText: t.text,
        QPalette.ColorRole.PlaceholderText: t.muted,
        QPalette.ColorRole.Text: t.text,
        QPalette.ColorRole.Button: t.base if not t.dark else t.alt_base,
        QPalette.ColorRole.ButtonText: t.text,
        QPalette.ColorRole.BrightText: t.danger,
        QPalette.ColorRole.Highlight: t.accent,
        QPalette.ColorRole.HighlightedText: t.on_accent,
        QPalette.ColorRole.Link: t.accent,
        QPalette.ColorRole.LinkVisited: t.accent,
        QPalette.ColorRole.Mid: t.border,
        QPalette.ColorRole.Midlight: t.hover,
        QPalette.ColorRole.Dark: t.border,
    }
    for role, value in roles.items():
        p.setColor(role, c(value))
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, c(t.muted))
    return p


class ThemeWatcher(QObject):
    """Applies the scheme now and again whenever the system switches."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._app = app
        app.styleHints().colorSchemeChanged.connect(self._changed)
        self.apply()

    def _changed(self, _scheme: Qt.ColorScheme) -> None:
        self.apply()

    def apply(self) -> None:
        global _current
        _current = DARK if system_is_dark() else LIGHT
        self._app.setStyle("Fusion")
        self._app.setPalette(_palette(_current))
        for widget in list(_styled):
            if Shiboken.isValid(widget):  # the C++ side may be gone already
                _apply(widget)
            else:
                _styled.discard(widget)
        for widget in self._app.topLevelWidgets():
            widget.update()


# --------------------------------------------------------------------------- styling
#
# No application stylesheet: with one, Qt styles every widget through QStyleSheetStyle,
# which made building a page three to four times slower (measured: a Lines page 12 ms
# without, 40-60 ms with). The few looks the palette cannot give are applied here, per
# widget, and applied again when the colour scheme changes; banners, chips and cards
# paint themselves (see widgets.py).

_styled: weakref.WeakSet[QWidget] = weakref.WeakSet()

#: role -> (font scale, bold, colour token or None for the normal text colour)
ROLES: dict[str, tuple[float, bool, str | None]] = {
    "title": (1.55, True, None),
    "heading": (1.12, True, None),
    "muted": (1.0, False, "muted"),
    "hint": (1.0, False, "muted"),
    "error": (1.0, False, "danger"),
    "ok": (1.0, False, "success"),
    "warning": (1.0, False, "warning"),
    "plain": (1.0, False, None),
}


def set_role(widget: QWidget, role: str) -> None:
    """Typography and colour of a label: title, heading, muted, hint, error, ok, warning."""
    _style(widget, "role", role)


def set_primary(button: QWidget) -> None:
    """The one action a screen leads to: accent colour, bold."""
    _style(button, "primary", True)


def set_link(button: QAbstractButton) -> None:
    """A small text-only action that reads like a link."""
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    _style(button, "link", True)


def set_invalid(widget: QWidget, invalid: bool) -> None:
    """A red frame around a field whose value was refused."""
    _style(widget, "invalid", invalid)


def set_read_only_look(widget: QWidget, read_only: bool) -> None:
    _style(widget, "readOnlyLook", read_only)


def _style(widget: QWidget, name: str, value: object) -> None:
    if widget.property(name) == value and widget in _styled:
        return
    widget.setProperty(name, value)
    _styled.add(widget)
    _apply(widget)


def _apply(widget: QWidget) -> None:
    t = tokens()
    base = QApplication.font()
    palette = QPalette(QApplication.palette())
    role = widget.property("role")
    font = QFont(widget.font())
    if isinstance(role, str) and role in ROLES:
        scale, bold, color = ROLES[role]
        font = QFont(base)
        if scale != 1.0:
            font.setPointSizeF(base.pointSizeF() * scale)
        font.setWeight(QFont.Weight.DemiBold if bold else QFont.Weight.Normal)
        if color is not None:
            for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
                palette.setColor(group, QPalette.ColorRole.WindowText, QColor(getattr(t, color)))
                palette.setColor(group, QPalette.ColorRole.Text, QColor(getattr(t, color)))
    if widget.property("primary") is True:
        font.setWeight(QFont.Weight.DemiBold)
    if widget.property("link") is True:
        if isinstance(widget, QPushButton):
            widget.setFlat(True)
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            palette.setColor(group, QPalette.ColorRole.ButtonText, QColor(t.accent))
    if widget.property("readOnlyLook") is True:
        palette.setColor(QPalette.ColorRole.Base, QColor(t.window))
        palette.setColor(QPalette.ColorRole.Text, QColor(t.muted))
    widget.setFont(font)
    widget.setPalette(palette)
    # The only per-widget style sheets: the few primary buttons (a solid accent button,
    # which Fusion's gradient cannot draw) and a field while its value is refused.
    sheet = ""
    if widget.property("primary") is True:
        sheet = (
            f"QPushButton {{ background: {t.accent}; color: {t.on_accent}; border: none;"
            " border-radius: 5px; padding: 5px 14px; }"
            f"QPushButton:hover {{ background: {t.accent_hover}; }}"
            f"QPushButton:disabled {{ background: {t.border}; color: {t.muted}; }}"
        )
    elif widget.property("invalid") is True:
        sheet = (
            f"border: 1px solid {t.danger}; border-radius: 3px; padding: 1px 2px;"
            f"background: {t.base}; color: {t.text};"
        )
    if widget.styleSheet() != sheet:
        widget.setStyleSheet(sheet)


# --------------------------------------------------------------------------- icons

#: Semantic colours icons may ask for instead of the text colour.
ICON_COLORS = ("text", "muted", "accent", "success", "warning", "danger", "info", "on_accent")


@cache
def _svg_source(name: str) -> bytes:
    try:
        return ui_resource("icons", f"{name}.svg").read_bytes()
    except OSError:
        return b""


@cache
def _renderer(name: str, color: str) -> QSvgRenderer:
    data = _svg_source(name).replace(b"currentColor", color.encode())
    return QSvgRenderer(QByteArray(data))


class SvgIconEngine(QIconEngine):
    def __init__(self, name: str, color: str = "text") -> None:
        super().__init__()
        self._name = name
        self._color = color

    def _hex(self) -> str:
        t = tokens()
        if self._color in ICON_COLORS:
            return str(getattr(t, self._color))
        return self._color

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        # On a selected row (accent background) a coloured icon would vanish: draw it in
        # the colour of text on the accent.
        colour = tokens().on_accent if mode == QIcon.Mode.Selected else self._hex()
        renderer = _renderer(self._name, colour)
        painter.save()
        if mode == QIcon.Mode.Disabled:
            painter.setOpacity(0.4)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter, QRectF(rect))
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        pixmap = QPixmap(size * scale)
        pixmap.fill(Qt.GlobalColor.transparent)
        pixmap.setDevicePixelRatio(scale)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
        painter.end()
        return pixmap

    def clone(self) -> QIconEngine:
        return SvgIconEngine(self._name, self._color)

    def key(self) -> str:
        return "salesdesk-svg"


def icon(name: str, color: str = "text") -> QIcon:
    """A themed icon from resources/ui/icons/<name>.svg; `color` is a token name or #hex."""
    return QIcon(SvgIconEngine(name, color))


def app_icon() -> QIcon:
    return QIcon(str(ui_resource("icons", "app.svg")))


def icon_pixmap(name: str, size: int, color: str = "text", scale: float = 1.0) -> QPixmap:
    return icon(name, color).pixmap(QSize(size, size), scale)
