"""Translations: SalesDesk's own (Qt Linguist files in resources/ui/translations) and Qt's
(qtbase, for the standard dialogs and buttons).

Source strings are English. ``translate(context, text)`` is the one helper the UI uses
outside QObject methods; pyside6-lupdate recognises it, so
``pyside6-lupdate src/salesdesk/ui -ts resources/ui/translations/salesdesk_hu.ts``
collects every string.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from salesdesk.ui.resources import ui_resource

#: Languages the UI is translated into (code -> name in that language).
LANGUAGES: dict[str, str] = {"en": "English", "de": "Deutsch", "hu": "Magyar"}

_language = "en"
_installed: list[QTranslator] = []


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    return QCoreApplication.translate(context, text, disambiguation, n)


def current_language() -> str:
    return _language


def resolve_language(preference: str | None) -> str:
    """'system' or None -> the system language when we have it, else English."""
    if preference and preference != "system":
        return preference if preference in LANGUAGES else "en"
    for name in QLocale.system().uiLanguages():
        code = name.replace("_", "-").split("-")[0].lower()
        if code in LANGUAGES:
            return code
    return "en"


def install_translations(app: QCoreApplication, preference: str | None) -> str:
    """Load our catalogue and Qt's for the preferred language; returns the language used."""
    global _language
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    language = resolve_language(preference)
    _language = language
    QLocale.setDefault(QLocale(language))
    # English too: its catalogue holds the plural forms ("1 event", "2 events").
    ours = QTranslator(app)
    if ours.load(str(ui_resource("translations", f"salesdesk_{language}.qm"))):
        app.installTranslator(ours)
        _installed.append(ours)
    if language == "en":
        return language
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for catalogue in ("qtbase", "qt"):
        qt = QTranslator(app)
        if qt.load(f"{catalogue}_{language}", qt_dir):
            app.installTranslator(qt)
            _installed.append(qt)
            break
    return language
