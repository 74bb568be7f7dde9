"""``make package``: the PyInstaller bundle, then (on Linux) the .deb and the .tar.gz.

    python packaging/build.py [--skip-bundle] [--dist DIR]

Writes into dist/:
    salesdesk/                              the one-folder bundle
    salesdesk_<version>_<arch>.deb          Linux package (dpkg-deb)
    salesdesk-<version>-linux-<machine>.tar.gz
    SHA256SUMS, build-info.json             checksums; version, sizes and timings

The version is read from pyproject.toml, and must match the installed package metadata
(the bundle copies that metadata, and ``salesdesk --version`` reads it): a stale editable
install would otherwise ship a wrong version.

On Windows and macOS it builds the bundle (and the .app) and stops: the installer steps
for those systems are in docs/admin.md ("Building the installers").
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import time
import tomllib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

PACKAGING = Path(__file__).resolve().parent
ROOT = PACKAGING.parent
sys.path.insert(0, str(PACKAGING))

import bundle_rules  # noqa: E402
import debpkg  # noqa: E402

SPEC = PACKAGING / "salesdesk.spec"
WORK = ROOT / "build" / "pyinstaller"
POLICY_SAMPLE = PACKAGING / "config.toml"
ICON = ROOT / "resources" / "ui" / "icons" / "app.svg"
ADMIN_DOC = ROOT / "docs" / "admin.md"


def project_version() -> str:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    version: str = data["project"]["version"]
    return version


def check_metadata(version: str) -> None:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed_version

    try:
        installed = installed_version("salesdesk")
    except PackageNotFoundError:
        raise SystemExit(
            "salesdesk is not installed in this environment; run `make package` "
            "(it installs it into .venv)"
        ) from None
    if installed != version:
        raise SystemExit(
            f"pyproject.toml says {version} but the installed metadata says {installed}: "
            "reinstall (`pip install -e .`) so that the bundle carries the right version"
        )


def disk_usage(path: Path) -> tuple[int, int]:
    """(bytes of file content, bytes allocated on disk) under ``path``, like du."""
    content = allocated = 0
    for item in [path, *path.rglob("*")]:
        info = item.lstat()
        if item.is_file() and not item.is_symlink():
            content += info.st_size
        allocated += info.st_blocks * 512
    return content, allocated


def mib(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MiB"


def mb_and_mib(size: int) -> str:
    """Both units: the size target is in decimal megabytes (140 MB = 140,000,000 bytes,
    which is 133.5 MiB), while du -h and file managers often show MiB."""
    return f"{size / 1e6:.1f} MB ({mib(size)}, {size:,} bytes)"


def run_pyinstaller(dist: Path) -> None:
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level",
        os.environ.get("PYINSTALLER_LOG_LEVEL", "WARN"),
        "--distpath",
        str(dist),
        "--workpath",
        str(WORK),
        str(SPEC),
    ]
    print("$ " + " ".join(command), flush=True)
    subprocess.run(command, check=True, cwd=ROOT)


def linux_packages(dist: Path, version: str, manifest: dict[str, object]) -> dict[str, float]:
    bundle = dist / "salesdesk"
    arch = subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()
    deb = dist / f"salesdesk_{debpkg.debian_version(version)}_{arch}.deb"
    tarball = dist / f"salesdesk-{version}-linux-{platform.machine()}.tar.gz"
    libraries = manifest.get("system_libraries", [])
    assert isinstance(libraries, list)
    docs = [ADMIN_DOC] if ADMIN_DOC.is_file() else []
    timings: dict[str, float] = {}

    def make_deb() -> None:
        started = time.monotonic()
        staging = debpkg.stage_deb(
            ROOT / "build" / "deb" / "root",
            bundle,
            version=version,
            architecture=arch,
            system_libraries=libraries,
            policy_sample=POLICY_SAMPLE,
            icon=ICON,
            docs=docs,
            maintainer=os.environ.get("SALESDESK_DEB_MAINTAINER", debpkg.MAINTAINER_DEFAULT),
        )
        debpkg.build_deb(
            staging,
            deb,
            compression=os.environ.get("SALESDESK_DEB_COMPRESSION", "gzip"),
            level=int(os.environ.get("SALESDESK_DEB_LEVEL", "6")),
        )
        timings["deb_seconds"] = time.monotonic() - started

    def make_tarball() -> None:
        started = time.monotonic()
        debpkg.build_tarball(
            bundle,
            tarball,
            top=f"salesdesk-{version}",
            policy_sample=POLICY_SAMPLE,
            icon=ICON,
            docs=docs,
        )
        timings["tarball_seconds"] = time.monotonic() - started

    # Two cores: dpkg-deb compresses in its own process while this one gzips.
    with ThreadPoolExecutor(max_workers=2) as pool:
        for future in [pool.submit(make_deb), pool.submit(make_tarball)]:
            future.result()
    for path in (deb, tarball):
        print(f"built {path.relative_to(ROOT)} ({mb_and_mib(path.stat().st_size)})")
    return timings


def windows_installer(dist: Path, version: str) -> dict[str, float]:
    """NSIS installer around dist/salesdesk (not yet run: no Windows build machine)."""
    started = time.monotonic()
    numeric = ".".join(str(number) for number in bundle_rules.numeric_version(version))
    output = dist / f"SalesDesk-{version}-setup.exe"
    command = [
        "makensis",
        f"/DVERSION={version}",
        f"/DNUMVERSION={numeric}",
        f"/DBUNDLE={dist / 'salesdesk'}",
        f"/DICON={WORK / 'salesdesk' / 'icons' / 'salesdesk.ico'}",
        f"/DPOLICY_SAMPLE={POLICY_SAMPLE}",
        f"/DOUTFILE={output}",
        str(PACKAGING / "windows" / "salesdesk.nsi"),
    ]
    subprocess.run(command, check=True)
    print(f"built {output} ({mib(output.stat().st_size)})")
    return {"installer_seconds": round(time.monotonic() - started, 1)}


def write_checksums(dist: Path) -> None:
    lines = []
    for path in sorted(dist.iterdir()):
        if path.is_file() and path.suffix in (".deb", ".gz", ".exe", ".dmg", ".zip"):
            digest = hashlib.sha256()
            with path.open("rb") as fh:
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    digest.update(chunk)
            lines.append(f"{digest.hexdigest()}  {path.name}\n")
    (dist / "SHA256SUMS").write_text("".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", default=str(ROOT / "dist"))
    parser.add_argument(
        "--skip-bundle", action="store_true", help="reuse dist/salesdesk, only repackage"
    )
    args = parser.parse_args(argv)
    dist = Path(args.dist).resolve()
    version = project_version()
    check_metadata(version)
    started = time.monotonic()
    info: dict[str, object] = {"version": version, "platform": sys.platform}

    if not args.skip_bundle:
        for stale in (dist / "salesdesk", dist / "SalesDesk.app"):
            if stale.exists():
                shutil.rmtree(stale)
        bundle_started = time.monotonic()
        run_pyinstaller(dist)
        info["bundle_seconds"] = round(time.monotonic() - bundle_started, 1)
        print(f"PyInstaller bundle built in {info['bundle_seconds']} s")
    bundle = dist / "salesdesk"
    content, allocated = disk_usage(bundle)
    info["bundle_bytes"] = content
    info["bundle_disk_bytes"] = allocated
    print(f"bundle size: {mb_and_mib(allocated)} on disk; files {mb_and_mib(content)}; in {bundle}")

    manifest_path = WORK / "salesdesk" / "bundle-manifest.json"
    manifest: dict[str, object] = json.loads(manifest_path.read_text(encoding="utf-8"))
    if manifest.get("version") != version:
        raise SystemExit(f"{manifest_path} is from another build; run without --skip-bundle")

    if sys.platform.startswith("linux"):
        timings = linux_packages(dist, version, manifest)
        info.update({key: round(value, 1) for key, value in timings.items()})
    elif sys.platform == "win32" and shutil.which("makensis"):
        info.update(windows_installer(dist, version))
    else:
        print("installers for this system are built separately: see docs/admin.md")
    write_checksums(dist)
    info["total_seconds"] = round(time.monotonic() - started, 1)
    (dist / "build-info.json").write_text(json.dumps(info, indent=1) + "\n", encoding="utf-8")
    print(f"make package: done in {info['total_seconds']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
