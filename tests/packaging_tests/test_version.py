"""One version, written once in pyproject.toml, everywhere an administrator or a user
sees one: ``salesdesk --version``, the About box, the .deb control file, the Windows
installer and executables, and the macOS Info.plist.

The spec and the installer are run here with stand-ins for PyInstaller and makensis,
from a copy of packaging/ next to a pyproject.toml with another version: a version
written into any of them by hand would show up as a mismatch. (The built .deb and
bundle are checked by packaging/smoketest.py: ``--version`` and the control file.)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
import types
from pathlib import Path
from typing import Any

import build  # type: ignore[import-not-found]
import debpkg  # type: ignore[import-not-found]
import pytest

REPO = Path(__file__).resolve().parents[2]
VERSION: str = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"][
    "version"
]
OTHER = "7.8.9rc2"  # a version that is nowhere in the tree


def test_cli_version_is_the_pyproject_version() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "salesdesk.cli", "--version"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert result.stdout == f"salesdesk {VERSION}\n"
    assert build.project_version() == VERSION


def test_about_box_shows_the_pyproject_version(monkeypatch: pytest.MonkeyPatch) -> None:
    from salesdesk.ui import mainwindow

    shown: list[str] = []

    class Box:
        @staticmethod
        def about(_parent: object, _title: str, text: str) -> None:
            shown.append(text)

    monkeypatch.setattr(mainwindow, "QMessageBox", Box)
    # about() only needs tr() of its window: no QApplication, no window.
    mainwindow.MainWindow.about(types.SimpleNamespace(tr=lambda text: text))  # type: ignore[arg-type]
    assert len(shown) == 1
    assert f"SalesDesk {VERSION}" in shown[0]


def test_deb_control_carries_the_version() -> None:
    control = debpkg.control_text(OTHER, "amd64", 1, ["libc6"])
    assert f"Version: {debpkg.debian_version(OTHER)}\n" in control
    assert debpkg.debian_version(OTHER) == "7.8.9~rc2"


# --------------------------------------------------------------------- the spec
class _Record:
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.args = args
        self.kwargs = kwargs
        self.binaries: list[Any] = []
        self.datas: list[Any] = []
        self.pure: list[Any] = []
        self.scripts: list[Any] = []


def _strings(node: Any) -> dict[str, str]:
    """The StringStruct(name, value) pairs anywhere inside a stand-in version resource."""
    found: dict[str, str] = {}
    if isinstance(node, _Record):
        if type(node).__name__ == "StringStruct":
            found[node.args[0]] = node.args[1]
        for child in [*node.args, *node.kwargs.values()]:
            found.update(_strings(child))
    elif isinstance(node, list | tuple):
        for child in node:
            found.update(_strings(child))
    return found


def _run_spec(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, platform: str
) -> dict[str, list[_Record]]:
    """Execute packaging/salesdesk.spec as PyInstaller would on ``platform``, from a
    copy of packaging/ whose pyproject.toml says OTHER; returns the recorded calls."""
    root = tmp_path / "tree"
    shutil.copytree(REPO / "packaging", root / "packaging")
    (root / "pyproject.toml").write_text(
        f'[project]\nname = "salesdesk"\nversion = "{OTHER}"\n', encoding="utf-8"
    )
    calls: dict[str, list[_Record]] = {}

    def recorder(name: str) -> Any:
        def record(*args: Any, **kwargs: Any) -> _Record:
            made = _Record(*args, **kwargs)
            calls.setdefault(name, []).append(made)
            return made

        return record

    pyinstaller = types.ModuleType("PyInstaller")
    utils = types.ModuleType("PyInstaller.utils")
    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_submodules = lambda *args, **kwargs: []  # type: ignore[attr-defined]
    hooks.copy_metadata = lambda *args, **kwargs: []  # type: ignore[attr-defined]
    win32 = types.ModuleType("PyInstaller.utils.win32")
    versioninfo = types.ModuleType("PyInstaller.utils.win32.versioninfo")
    for name in (
        "VSVersionInfo",
        "FixedFileInfo",
        "StringFileInfo",
        "StringTable",
        "StringStruct",
        "VarFileInfo",
        "VarStruct",
    ):
        setattr(versioninfo, name, type(name, (_Record,), {}))
    win32.versioninfo = versioninfo  # type: ignore[attr-defined]
    for name, module in {
        "PyInstaller": pyinstaller,
        "PyInstaller.utils": utils,
        "PyInstaller.utils.hooks": hooks,
        "PyInstaller.utils.win32": win32,
        "PyInstaller.utils.win32.versioninfo": versioninfo,
    }.items():
        monkeypatch.setitem(sys.modules, name, module)
    monkeypatch.setattr(sys, "platform", platform)
    # The icons are made by a subprocess on Windows and macOS; not needed here.
    monkeypatch.setattr(subprocess, "run", lambda *args, **kwargs: None)
    monkeypatch.setattr(sys, "path", list(sys.path))

    namespace: dict[str, Any] = {
        "__name__": "__main__",
        "SPECPATH": str(root / "packaging"),
        "workpath": str(tmp_path / "work"),
        **{name: recorder(name) for name in ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE")},
    }
    (tmp_path / "work").mkdir()
    spec = root / "packaging" / "salesdesk.spec"
    exec(compile(spec.read_text(encoding="utf-8"), str(spec), "exec"), namespace)
    return calls


def test_windows_executables_carry_the_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _run_spec(tmp_path, monkeypatch, "win32")
    executables = calls["EXE"]
    assert {exe.kwargs["name"] for exe in executables} == {"SalesDesk", "salesdesk-cli"}
    for exe in executables:
        resource = exe.kwargs["version"]
        strings = _strings(resource)
        assert strings["ProductVersion"] == OTHER
        assert strings["FileVersion"] == OTHER
        fixed = resource.kwargs["ffi"]
        assert fixed.kwargs["prodvers"] == (7, 8, 9, 0)


def test_macos_info_plist_carries_the_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _run_spec(tmp_path, monkeypatch, "darwin")
    (bundle,) = calls["BUNDLE"]
    assert bundle.kwargs["version"] == OTHER
    plist = bundle.kwargs["info_plist"]
    assert plist["CFBundleShortVersionString"] == OTHER
    assert plist["CFBundleVersion"] == OTHER
    assert bundle.kwargs["bundle_identifier"] == "com.salesdesk.SalesDesk"


def test_linux_manifest_records_the_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    _run_spec(tmp_path, monkeypatch, "linux")
    manifest = json.loads((tmp_path / "work" / "bundle-manifest.json").read_text())
    assert manifest["version"] == OTHER


# --------------------------------------------------------------------- Windows installer
def test_nsis_installer_gets_the_version_from_pyproject(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    commands: list[list[str]] = []

    def makensis(command: list[str], **_kwargs: Any) -> None:
        commands.append(command)
        output = next(arg for arg in command if arg.startswith("/DOUTFILE="))
        Path(output.removeprefix("/DOUTFILE=")).write_bytes(b"MZ")

    monkeypatch.setattr(build.subprocess, "run", makensis)
    build.windows_installer(tmp_path, OTHER)
    (command,) = commands
    assert f"/DVERSION={OTHER}" in command
    assert "/DNUMVERSION=7.8.9.0" in command
    assert any(arg.endswith(f"SalesDesk-{OTHER}-setup.exe") for arg in command)


def test_nsis_script_writes_no_version_of_its_own() -> None:
    import re

    nsi = (REPO / "packaging" / "windows" / "salesdesk.nsi").read_text(encoding="utf-8")
    code = "\n".join(line for line in nsi.splitlines() if not line.lstrip().startswith(";"))
    assert not re.search(r"\d+\.\d+\.\d+", code), "a version number written into the script"
    for needle in (
        '"DisplayVersion" "${VERSION}"',
        '"ProductVersion" "${VERSION}"',
        'VIProductVersion "${NUMVERSION}"',
        '!error "Pass the version',
    ):
        assert needle in code
