"""What goes into the PyInstaller bundle and what is trimmed, as plain data and pure
functions, so that salesdesk.spec stays short and tests/packaging can check the rules.

The desktop app uses QtCore, QtGui, QtWidgets and QtSvg (plus QtNetwork, only for its
TLS backends and network-information plugins). PyInstaller's Qt hooks collect far more:
every plugin type QtGui may use on some platform, every translation of every module, and
the shared libraries those plugins pull in (the whole GTK stack for the GTK3 theme
plugin, the QtQuick libraries for the virtual keyboard). The rules below keep what a
Widgets app needs on a desktop and drop the rest.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Callable, Iterable
from pathlib import PurePosixPath

# fmt: off
# Qt modules the app does not use (PySide6-Essentials ships some, Addons the rest).
_UNUSED_QT = (
    "Qt3DAnimation", "Qt3DCore", "Qt3DExtras", "Qt3DInput", "Qt3DLogic", "Qt3DRender",
    "QtAxContainer", "QtBluetooth", "QtCharts", "QtConcurrent", "QtDataVisualization",
    "QtDBus", "QtDesigner", "QtGraphs", "QtHelp", "QtHttpServer", "QtLabsStyleKit",
    "QtLocation", "QtMultimedia", "QtMultimediaWidgets", "QtNfc", "QtOpenGL",
    "QtOpenGLWidgets", "QtPdf", "QtPdfWidgets", "QtPositioning", "QtPrintSupport", "QtQml",
    "QtQmlFeatures", "QtQuick", "QtQuick3D", "QtQuickControls2", "QtQuickTest",
    "QtQuickWidgets", "QtRemoteObjects", "QtScxml", "QtSensors", "QtSerialBus",
    "QtSerialPort", "QtSpatialAudio", "QtSql", "QtStateMachine", "QtTest", "QtTextToSpeech",
    "QtUiTools", "QtWebChannel", "QtWebEngineCore", "QtWebEngineQuick",
    "QtWebEngineWidgets", "QtWebSockets", "QtWebView", "QtXml",
)
#: Python modules never bundled: other Qt modules (and their libraries, plugins and
#: translations, which PyInstaller collects per module), test and build tools, and
#: standard-library parts a desktop app has no use for.
EXCLUDED_MODULES: tuple[str, ...] = (
    *(f"PySide6.{name}" for name in _UNUSED_QT),
    # Development tools that may sit in the same virtual environment.
    "pytest", "_pytest", "hypothesis", "mypy", "ruff", "schemathesis", "pytestqt",
    "IPython", "jedi", "pip", "setuptools", "wheel",
    # setuptools' pkg_resources: only python-stdnum names it, as a fallback for Pythons
    # older than 3.9; bundled, PyInstaller's runtime hook imports it at every start.
    "pkg_resources",
    # Standard library (and optional extras) no command of the app uses.
    "tkinter", "_tkinter", "turtle", "turtledemo", "idlelib", "lib2to3", "pydoc_data",
    "unittest", "doctest", "test", "readline", "curses", "yaml",
    # PostgreSQL driver (10 MB with its own OpenSSL and Kerberos): only a production
    # server needs it, and that runs from a Python install (docs/admin.md). The bundled
    # `salesdesk server` and `salesdesk demo` use SQLite.
    "psycopg", "psycopg_binary", "psycopg_c", "psycopg_pool",
    # phonenumbers' geocoder, carrier and time-zone tables (5 MB): the app only parses
    # and formats numbers. phonenumbers imports them under try/except ImportError.
    "phonenumbers.geodata", "phonenumbers.carrierdata", "phonenumbers.tzdata",
    # Terminal formatting pulled in by optional imports; no command uses it.
    "rich", "pygments", "markdown_it",
    # python-stdnum's online SOAP checks (requests and its charset detectors); VAT
    # numbers are checked offline here and online by the server's VIES adapter.
    "requests", "charset_normalizer", "chardet",
    # East Asian legacy codecs (1 MB): nothing the app reads or writes uses them.
    "_codecs_jp", "_codecs_kr", "_codecs_cn", "_codecs_tw", "_codecs_hk", "_codecs_iso2022",
)
# fmt: on

#: Qt plugin directories kept, and which plugins in them (None: all of them). Names are
#: file stems without "lib" prefix, as on every platform ("qxcb", "qwindows", "qcocoa").
QT_PLUGINS: dict[str, frozenset[str] | None] = {
    # xcb and wayland for X11 and Wayland desktops, offscreen for the self-test and CI,
    # windows and cocoa on those systems. Not eglfs/linuxfb/vnc/minimal: no kiosk use.
    "platforms": frozenset(
        {
            "qxcb",
            "qwayland",
            "qwayland-egl",
            "qwayland-generic",
            "qoffscreen",
            "qwindows",
            "qcocoa",
        }
    ),
    # The portal theme follows the desktop's light/dark setting (the app's theme reads
    # it); the GTK3 theme plugin is dropped because it would drag the whole GTK stack of
    # the build machine into the bundle.
    "platformthemes": frozenset({"qxdgdesktopportal"}),
    # Compose: dead keys on German and Hungarian keyboards; IBus: input methods.
    "platforminputcontexts": frozenset(
        {"composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"}
    ),
    "xcbglintegrations": None,
    # Client-side window decorations (GNOME draws none for Wayland clients).
    "wayland-decoration-client": None,
    # EGL for GL surfaces; the "*-server" buffer plugins serve Qt-based compositors only.
    "wayland-graphics-integration-client": frozenset({"qt-plugin-wayland-egl"}),
    # xdg-shell is what desktop compositors speak; ivi/fullscreen/qt-shell are embedded.
    "wayland-shell-integration": frozenset({"xdg-shell"}),
    "iconengines": frozenset({"qsvgicon"}),
    # PNG is built into QtGui; SVG for the icons; ICO for Windows shortcuts and dialogs.
    "imageformats": frozenset({"qsvg", "qico"}),
    "tls": None,
    "networkinformation": None,
    "styles": None,  # Windows' and macOS's native widget styles
}

#: Qt's own translations kept (the UI is translated into these languages).
QT_LANGUAGES = ("en", "de", "hu")
_QT_TRANSLATION = re.compile(r"^(qt|qtbase)_(" + "|".join(QT_LANGUAGES) + r")\.qm$")

#: Babel locale data kept: "root" (every locale inherits from it), the UI languages (money
#: is formatted with the UI language: sales.money.format_money) and the regions an
#: administrator's system locale most likely names for them (en_GB inherits en_001). The
#: full set is 30 MB; the 100-odd other English regions alone are 0.6 MB.
_BABEL_LOCALE = re.compile(
    r"^(root|en|de|hu|en_(001|150|GB|US|IE)|de_(DE|AT|CH|LU|BE|LI|IT)|hu_HU)\.dat$"
)

#: Shared libraries a Linux bundle takes from the system instead of the build machine:
#: the display stack, fonts, D-Bus, GLib and the C++ runtime must match the desktop they
#: run on (a bundled libfontconfig misreads a newer fonts.conf; a bundled libstdc++ older
#: than the one the GPU driver needs breaks it). OpenSSL 3 (libssl.so.3, libcrypto.so.3,
#: 5.4 MB) too: every supported system has it, the bundled copy would only be the build
#: machine's own (Python's _ssl links it), and the system's gets security updates.
#: The .deb declares them as Depends.
_SYSTEM_LIB = re.compile(
    r"^lib("
    r"X11|X11-xcb|Xau|Xdmcp|Xext|Xrender|Xi|Xfixes|Xcursor|Xrandr|xcb(-[a-z0-9-]+)?"
    r"|xkbcommon(-x11)?|wayland-(client|cursor|egl)|GL|GLX|GLdispatch|EGL|OpenGL|drm|gbm"
    r"|fontconfig|freetype|harfbuzz|graphite2|png16|brotli(common|dec|enc)|expat|z|bz2"
    r"|glib-2\.0|gobject-2\.0|gio-2\.0|gmodule-2\.0|gthread-2\.0|pcre2-8|ffi|mount|blkid"
    r"|selinux|dbus-1|systemd|gcrypt|gpg-error|lz4|zstd|lzma|cap|uuid|bsd|md"
    r"|stdc\+\+|gcc_s|atk-1\.0|atk-bridge-2\.0|atspi|cairo(-gobject)?|pango(cairo|ft2)?-1\.0"
    r"|gdk_pixbuf-2\.0|gtk-3|gdk-3|thai|datrie|fribidi|pixman-1|jpeg|epoxy|udev|mtdev"
    r"|input|resolv|gssapi_krb5|krb5|k5crypto|krb5support|com_err|keyutils"
    r"|ssl|crypto"
    r")\.so(\.[0-9.]+)?$"
)


#: python-stdnum tables of number formats the app never validates (MAC address vendors,
#: mobile network codes, Chinese resident-ID regions): 1.8 MB. VAT numbers need none.
_STDNUM_UNUSED = frozenset({"stdnum/oui.dat", "stdnum/imsi.dat", "stdnum/cn/loc.dat"})


def _plugin_location(dest: str) -> tuple[str, str] | None:
    """(plugin type, stem) when ``dest`` is a Qt plugin inside the bundle, else None."""
    parts = PurePosixPath(dest.replace("\\", "/")).parts
    if "PySide6" not in parts or "plugins" not in parts:
        return None
    index = parts.index("plugins")
    if len(parts) != index + 3:
        return None
    plugin_type, filename = parts[index + 1], parts[index + 2]
    stem = filename.split(".", 1)[0]
    if stem.startswith("lib"):
        stem = stem[3:]
    return plugin_type, stem


def keep_qt_plugin(dest: str) -> bool | None:
    """Whether a Qt plugin is kept; None when ``dest`` is not a Qt plugin."""
    location = _plugin_location(dest)
    if location is None:
        return None
    plugin_type, stem = location
    if plugin_type not in QT_PLUGINS:
        return False
    kept = QT_PLUGINS[plugin_type]
    return kept is None or stem in kept


def keep_data(dest: str) -> bool:
    """Whether a data file is kept (Qt translations and Babel locales are trimmed)."""
    path = PurePosixPath(dest.replace("\\", "/"))
    if "PySide6" in path.parts and "translations" in path.parts:
        return bool(_QT_TRANSLATION.match(path.name))
    if path.parts[:2] == ("babel", "locale-data"):
        return bool(_BABEL_LOCALE.match(path.name))
    return str(path) not in _STDNUM_UNUSED


def is_system_library(name: str) -> bool:
    """A shared library the Linux bundle expects from the system (see _SYSTEM_LIB)."""
    return bool(_SYSTEM_LIB.match(PurePosixPath(name).name))


def is_shared_library(dest: str) -> bool:
    name = PurePosixPath(dest.replace("\\", "/")).name
    return bool(re.search(r"\.so(\.[0-9.]+)?$|\.dylib$|\.dll$", name, re.IGNORECASE))


def reachable_libraries(
    roots: Iterable[str],
    candidates: dict[str, str],
    needed: Callable[[str], Iterable[str]],
) -> set[str]:
    """The candidate libraries (by file name) reachable from ``roots`` through their
    link-time dependencies. ``candidates`` maps a file name to its source path, and
    ``needed(path)`` lists the file names a binary links against (its DT_NEEDED)."""
    reached: set[str] = set()
    todo = list(roots)
    seen_paths: set[str] = set()
    while todo:
        path = todo.pop()
        if path in seen_paths:
            continue
        seen_paths.add(path)
        for name in needed(path):
            base = PurePosixPath(name).name
            if base in candidates and base not in reached:
                reached.add(base)
                todo.append(candidates[base])
    return reached


def elf_needed(path: str) -> list[str]:
    """The DT_NEEDED entries of an ELF file (its direct link-time dependencies); [] for
    anything else. ldd would list the transitive closure, which is not what the .deb's
    Depends or the pruning above want."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError:
        return []
    if data[:4] != b"\x7fELF" or data[4] != 2:  # 64-bit only (x86-64, aarch64)
        return []
    endian = "<" if data[5] == 1 else ">"
    (phoff,) = struct.unpack_from(endian + "Q", data, 0x20)
    phentsize, phnum = struct.unpack_from(endian + "HH", data, 0x36)
    loads: list[tuple[int, int, int]] = []  # (vaddr, offset, filesz)
    dynamic: tuple[int, int] | None = None
    for index in range(phnum):
        base = phoff + index * phentsize
        p_type, _flags, p_offset, p_vaddr, _paddr, p_filesz = struct.unpack_from(
            endian + "IIQQQQ", data, base
        )
        if p_type == 1:  # PT_LOAD
            loads.append((p_vaddr, p_offset, p_filesz))
        elif p_type == 2:  # PT_DYNAMIC
            dynamic = (p_offset, p_filesz)
    if dynamic is None:
        return []
    needed_offsets: list[int] = []
    strtab_vaddr = None
    offset, size = dynamic
    for entry in range(offset, offset + size, 16):
        tag, value = struct.unpack_from(endian + "qQ", data, entry)
        if tag == 0:  # DT_NULL
            break
        if tag == 1:  # DT_NEEDED
            needed_offsets.append(value)
        elif tag == 5:  # DT_STRTAB (an address; mapped to a file offset below)
            strtab_vaddr = value
    if strtab_vaddr is None:
        return []
    strtab = next(
        (
            off + strtab_vaddr - vaddr
            for vaddr, off, sz in loads
            if vaddr <= strtab_vaddr < vaddr + sz
        ),
        None,
    )
    if strtab is None:
        return []
    names = []
    for name_offset in needed_offsets:
        start = strtab + name_offset
        end = data.index(b"\0", start)
        names.append(data[start:end].decode("utf-8", "replace"))
    return names


def numeric_version(version: str) -> tuple[int, int, int, int]:
    """The four numbers Windows wants in a version resource (and NSIS in
    VIProductVersion) for a PEP 440 version: its release numbers, padded with zeros.
    A pre-release keeps its release numbers (7.8.9rc2 -> 7.8.9.0), not fewer."""
    match = re.match(r"^\s*v?(\d+(?:\.\d+)*)", version)
    if match is None:
        raise ValueError(f"version {version!r} does not start with a release number")
    numbers = [int(part) for part in match[1].split(".")][:4]
    padded = (*numbers, 0, 0, 0, 0)[:4]
    return padded[0], padded[1], padded[2], padded[3]
