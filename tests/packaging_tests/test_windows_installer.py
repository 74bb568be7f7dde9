"""The NSIS script compiles (makensis runs on Linux too, and builds the same Windows
installer) around a stand-in bundle, with warnings treated as errors. Skipped, visibly,
where makensis is not installed (Debian: `apt-get install nsis`). Running the installer
needs Windows: docs/admin.md lists the checks to make there."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import make_icons  # type: ignore[import-not-found]
import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "packaging" / "windows" / "salesdesk.nsi"

needs_makensis = pytest.mark.skipif(
    shutil.which("makensis") is None, reason="needs makensis (Debian package nsis)"
)


def _makensis(tmp_path: Path, *defines: str) -> subprocess.CompletedProcess[str]:
    # makensis on Linux takes -D where the Windows one takes /D (build.py, on Windows).
    return subprocess.run(
        ["makensis", "-V2", "-WX", *defines, str(SCRIPT)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        cwd=SCRIPT.parent,
    )


@needs_makensis
def test_the_installer_compiles_around_a_stand_in_bundle(tmp_path: Path) -> None:
    bundle = tmp_path / "salesdesk"
    (bundle / "_internal").mkdir(parents=True)
    for name in ("SalesDesk.exe", "salesdesk-cli.exe", "_internal/python311.dll"):
        (bundle / name).write_bytes(b"MZ stand-in")
    icons = make_icons.render(tmp_path / "icons")
    icon = next(path for path in icons if path.suffix == ".ico")
    output = tmp_path / "SalesDesk-7.8.9rc2-setup.exe"
    result = _makensis(
        tmp_path,
        "-DVERSION=7.8.9rc2",
        "-DNUMVERSION=7.8.9.0",
        f"-DBUNDLE={bundle}",
        f"-DICON={icon}",
        f"-DPOLICY_SAMPLE={REPO / 'packaging' / 'config.toml'}",
        f"-DOUTFILE={output}",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert output.read_bytes()[:2] == b"MZ"


@needs_makensis
def test_the_installer_refuses_to_build_without_a_version(tmp_path: Path) -> None:
    result = _makensis(tmp_path, f"-DOUTFILE={tmp_path / 'x.exe'}")
    assert result.returncode != 0
    assert "Pass the version from pyproject.toml" in result.stdout + result.stderr
