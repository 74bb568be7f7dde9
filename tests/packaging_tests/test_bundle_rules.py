"""What the PyInstaller spec keeps and trims (packaging/bundle_rules.py), the icon
containers, and that the spec and the installer scripts are well-formed."""

from __future__ import annotations

import struct
import sys
import sysconfig
from pathlib import Path

import bundle_rules  # type: ignore[import-not-found]
import make_icons  # type: ignore[import-not-found]
import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
        ("PySide6/plugins/platforms/qwindows.dll", True),  # Windows wheel layout
        ("PySide6/Qt/plugins/platforms/libqcocoa.dylib", True),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", True),
        ("PySide6/plugins/tls/qschannelbackend.dll", True),
        ("PySide6/Qt/plugins/networkinformation/libqnetworkmanager.so", True),
        ("PySide6/Qt/plugins/iconengines/libqsvgicon.so", True),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
        ("PySide6/Qt/plugins/imageformats/libqjpeg.so", False),
        ("PySide6/Qt/plugins/imageformats/libqpdf.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so", True),
        ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
        ("PySide6/Qt/plugins/platforminputcontexts/libcomposeplatforminputcontextplugin.so", True),
        ("PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so", True),
        ("PySide6/Qt/plugins/wayland-shell-integration/libivi-shell.so", False),
        ("PySide6/Qt/plugins/sqldrivers/libqsqlite.so", False),
        ("PySide6/Qt/plugins/qmltooling/libqmldbg_server.so", False),
        ("PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so", False),
        ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", False),
        ("PySide6/Qt/lib/libQt6Core.so.6", None),
        ("libpython3.11.so.1.0", None),
    ],
)
def test_qt_plugins(dest: str, kept: bool | None) -> None:
    assert bundle_rules.keep_qt_plugin(dest) is kept
    assert bundle_rules.keep_qt_plugin(dest.replace("/", "\\")) is kept


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/translations/qtbase_hu.qm", True),
        ("PySide6/Qt/translations/qtbase_de.qm", True),
        ("PySide6/Qt/translations/qt_en.qm", True),
        ("PySide6/Qt/translations/qtbase_fr.qm", False),
        ("PySide6/Qt/translations/qt_help_de.qm", False),
        ("PySide6/Qt/translations/qtwebengine_de.qm", False),
        ("PySide6/translations/qtbase_hu.qm", True),
        ("babel/locale-data/root.dat", True),
        ("babel/locale-data/hu.dat", True),
        ("babel/locale-data/de_AT.dat", True),
        ("babel/locale-data/fr.dat", False),
        ("babel/locale-data/ja_JP.dat", False),
        ("babel/locale-data/en.dat", True),
        ("babel/locale-data/en_GB.dat", True),
        ("babel/locale-data/en_001.dat", True),
        ("babel/locale-data/hu_HU.dat", True),
        ("babel/locale-data/en_AU.dat", False),
        ("babel/locale-data/de_DE.dat", True),
        ("babel/global.dat", True),
        ("stdnum/oui.dat", False),
        ("stdnum/iban.dat", True),
        ("salesdesk/resources/ui/icons/app.svg", True),
        ("salesdesk/store/migrations/env.py", True),
    ],
)
def test_data_files(dest: str, kept: bool) -> None:
    assert bundle_rules.keep_data(dest) is kept


@pytest.mark.parametrize(
    ("name", "system"),
    [
        ("libX11.so.6", True),
        ("libxcb-cursor.so.0", True),
        ("libxkbcommon-x11.so.0", True),
        ("libfontconfig.so.1", True),
        ("libstdc++.so.6", True),
        ("libglib-2.0.so.0", True),
        ("libgssapi_krb5.so.2", True),
        ("_internal/libz.so.1", True),
        ("libQt6Core.so.6", False),
        ("libicudata.so.73", False),
        ("libpython3.11.so.1.0", False),
        ("libssl.so.3", True),
        ("libcrypto.so.3", True),
        ("libsqlite3.so.0", False),
        ("libpq-e9b5c9ac.so.5.18", False),
    ],
)
def test_system_libraries(name: str, system: bool) -> None:
    assert bundle_rules.is_system_library(name) is system


def test_only_reachable_libraries_are_kept() -> None:
    graph = {
        "/ext/QtWidgets.so": ["libQt6Widgets.so.6", "libc.so.6"],
        "/plugins/libqxcb.so": ["libQt6XcbQpa.so.6"],
        "/lib/libQt6Widgets.so.6": ["libQt6Gui.so.6"],
        "/lib/libQt6Gui.so.6": ["libQt6Core.so.6"],
        "/lib/libQt6Core.so.6": ["libicuuc.so.73"],
        "/lib/libQt6XcbQpa.so.6": ["libQt6Gui.so.6"],
        "/lib/libicuuc.so.73": [],
        "/lib/libQt6Quick.so.6": ["libQt6Gui.so.6"],  # only the dropped keyboard plugin
        "/lib/libgtk-3.so.0": [],
    }
    candidates = {Path(path).name: path for path in graph if path.startswith("/lib/")}
    reached = bundle_rules.reachable_libraries(
        ["/ext/QtWidgets.so", "/plugins/libqxcb.so"], candidates, lambda p: graph[p]
    )
    assert reached == {
        "libQt6Widgets.so.6",
        "libQt6Gui.so.6",
        "libQt6Core.so.6",
        "libQt6XcbQpa.so.6",
        "libicuuc.so.73",
    }


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF files on Linux only")
def test_elf_needed_reads_direct_dependencies() -> None:
    import _ssl

    needed = bundle_rules.elf_needed(_ssl.__file__)
    assert any(name.startswith("libssl.so") for name in needed), needed
    # Direct ones only: libssl's own dependency (libcrypto) is listed by _ssl itself,
    # but nothing libc pulls in (ld-linux) is.
    assert not any(name.startswith("ld-linux") for name in needed)
    assert bundle_rules.elf_needed(str(REPO / "README.md")) == []
    assert bundle_rules.elf_needed(str(REPO / "nonexistent")) == []
    assert sysconfig.get_config_var("EXT_SUFFIX")


def test_excluded_modules_keep_what_the_app_imports() -> None:
    excluded = set(bundle_rules.EXCLUDED_MODULES)
    for needed in ("PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "PySide6.QtSvg",
                   "PySide6.QtNetwork", "sqlalchemy", "alembic", "mako", "pydantic",
                   "httpx", "keyring", "cryptography", "stdnum", "phonenumbers", "babel",
                   "fastapi", "uvicorn", "pydoc", "email"):  # fmt: skip
        assert needed not in excluded, needed
    for unwanted in ("PySide6.QtWebEngineCore", "PySide6.Qt3DCore", "PySide6.QtQuick",
                     "PySide6.QtQml", "PySide6.QtMultimedia", "PySide6.QtCharts",
                     "PySide6.QtDataVisualization", "PySide6.QtBluetooth", "PySide6.QtSql",
                     "PySide6.QtTest", "tkinter", "pytest", "_pytest", "hypothesis",
                     "schemathesis", "mypy", "pip", "setuptools", "pkg_resources"):  # fmt: skip
        assert unwanted in excluded, unwanted


def test_ico_and_icns_containers() -> None:
    pngs = {16: b"\x89PNG-16", 32: b"\x89PNG-32", 256: b"\x89PNG-256"}
    ico = make_icons.ico_bytes(pngs)
    assert struct.unpack_from("<HHH", ico) == (0, 1, 3)
    width, height, _c, _r, planes, bpp, size, offset = struct.unpack_from("<BBBBHHII", ico, 6 + 32)
    assert (width, height, planes, bpp) == (0, 0, 1, 32)  # 0 stands for 256
    assert ico[offset : offset + size] == b"\x89PNG-256"
    icns = make_icons.icns_bytes(pngs)
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)
    assert b"icp4" in icns and b"icp5" in icns and b"ic08" in icns


def test_icons_render_from_the_app_svg(tmp_path: Path) -> None:
    written = make_icons.render(tmp_path)
    names = {path.name for path in written}
    assert names == {"salesdesk-256.png", "salesdesk-512.png", "salesdesk.ico", "salesdesk.icns"}
    ico = (tmp_path / "salesdesk.ico").read_bytes()
    assert struct.unpack_from("<HHH", ico)[2] == len(make_icons.ICO_SIZES)


def test_the_spec_is_valid_python_and_names_existing_files() -> None:
    spec = (REPO / "packaging" / "salesdesk.spec").read_text(encoding="utf-8")
    compile(spec, "salesdesk.spec", "exec")
    for name in ("pyi_entry.py", "make_icons.py", "bundle_rules.py"):
        assert name in spec and (REPO / "packaging" / name).is_file()
    assert 'copy_metadata("salesdesk")' in spec
    assert '"salesdesk/resources"' in spec


def test_the_windows_installer_script() -> None:
    nsi = (REPO / "packaging" / "windows" / "salesdesk.nsi").read_text(encoding="utf-8")
    for needle in (
        "RequestExecutionLevel admin",
        "SetShellVarContext all",
        r"$APPDATA\SalesDesk\config.toml",  # %ProgramData% in the all-users context
        "/CONFIG=",
        "/REMOVECONFIG",
        "IfSilent",
        "!ifndef VERSION",
        r"Software\Microsoft\Windows\CurrentVersion\Uninstall\SalesDesk",
        "QuietUninstallString",
        r'CreateShortcut "$SMPROGRAMS\SalesDesk.lnk"',  # Start menu, all users
        '${ElseIfNot} ${FileExists} "$APPDATA\\SalesDesk\\config.toml"',  # only if absent
        "!insertmacro RefuseWhileRunning",  # no half-replaced bundle
        'ReadRegStr $0 HKLM "${APP_KEY}" "InstallDir"',  # upgrades go where 1.0 went
    ):
        assert needle in nsi, needle
    assert "InstallDirRegKey" not in nsi.replace("No InstallDirRegKey", "")
    assert "MUI_FINISHPAGE_RUN" not in nsi  # would start the app as the administrator


@pytest.mark.parametrize(
    ("version", "numbers"),
    [
        ("0.1.0", (0, 1, 0, 0)),
        ("1.2", (1, 2, 0, 0)),
        ("7.8.9rc2", (7, 8, 9, 0)),
        ("2.0.0.dev3", (2, 0, 0, 0)),
        ("1.2.3+local.5", (1, 2, 3, 0)),
        ("1.2.3.4.5", (1, 2, 3, 4)),
    ],
)
def test_windows_numeric_version(version: str, numbers: tuple[int, ...]) -> None:
    assert bundle_rules.numeric_version(version) == numbers
