"""The Linux package files generated from Python: control, desktop entry, launcher,
maintainer scripts, and a .deb and .tar.gz built from a tiny stand-in bundle."""

from __future__ import annotations

import configparser
import os
import shutil
import stat
import subprocess
import tarfile
from pathlib import Path

import debpkg  # type: ignore[import-not-found]
import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "packaging" / "config.toml"
ICON = REPO / "resources" / "ui" / "icons" / "app.svg"

needs_dpkg = pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="needs dpkg-deb")


@pytest.mark.parametrize(
    ("pep440", "debian"),
    [
        ("0.1.0", "0.1.0"),
        ("1.2", "1.2"),
        ("1.0.0rc1", "1.0.0~rc1"),
        ("1.0.0b2", "1.0.0~b2"),
        ("1.0.0a", "1.0.0~a0"),
        ("1.0.0.dev3", "1.0.0~dev3"),
        ("1.0.0.post1", "1.0.0.post1"),
        ("1.0.0+Local.7", "1.0.0+local.7"),
    ],
)
def test_debian_versions_sort_like_python_versions(pep440: str, debian: str) -> None:
    assert debpkg.debian_version(pep440) == debian


def test_a_version_that_is_not_pep440_is_refused() -> None:
    with pytest.raises(debpkg.PackagingError, match="cannot turn version"):
        debpkg.debian_version("one point oh")


def test_depends_come_from_the_linked_system_libraries() -> None:
    depends = debpkg.depends_for(["libX11.so.6", "libglib-2.0.so.0", "libgio-2.0.so.0"])
    assert depends == sorted(depends)
    assert "libx11-6" in depends and "libglib2.0-0t64 | libglib2.0-0" in depends
    assert f"libc6 (>= {debpkg.MIN_GLIBC})" in depends  # always, even if not listed
    assert len(depends) == 3


def test_an_unknown_system_library_stops_the_build() -> None:
    with pytest.raises(debpkg.PackagingError, match=r"libwhatever\.so\.1"):
        debpkg.depends_for(["libc.so.6", "libwhatever.so.1"])


def test_control_file() -> None:
    text = debpkg.control_text("1.0.0rc1", "amd64", 140000, ["libc6 (>= 2.34)", "libx11-6"])
    fields = dict(line.split(": ", 1) for line in text.splitlines() if not line.startswith(" "))
    assert fields["Package"] == "salesdesk"
    assert fields["Version"] == "1.0.0~rc1"
    assert fields["Architecture"] == "amd64"
    assert fields["Installed-Size"] == "140000"
    assert fields["Depends"] == "libc6 (>= 2.34), libx11-6"
    assert fields["Maintainer"] == debpkg.MAINTAINER_DEFAULT
    assert text.endswith("\n") and "\n\n" not in text
    description = [line for line in text.splitlines() if line.startswith(" ")]
    assert description and all(len(line) <= 80 for line in description)


def test_desktop_entry() -> None:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(debpkg.desktop_entry())
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Exec"] == "salesdesk" and entry["Icon"] == "salesdesk"
    assert entry["Terminal"] == "false"
    assert entry["Categories"].endswith(";") and entry["Keywords"].endswith(";")
    assert {"Name", "Comment[de]", "Comment[hu]", "GenericName[hu]"} <= set(entry)


def test_desktop_entry_passes_desktop_file_validate(tmp_path: Path) -> None:
    if shutil.which("desktop-file-validate") is None:
        pytest.skip("desktop-file-validate is not installed")
    path = tmp_path / "salesdesk.desktop"
    path.write_text(debpkg.desktop_entry(), encoding="utf-8")
    result = subprocess.run(
        ["desktop-file-validate", str(path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and not result.stdout, result.stdout


def _fake_install(root: Path) -> Path:
    """<root>/opt/salesdesk/salesdesk that reports its arguments, and the launcher."""
    program = root / "opt" / "salesdesk" / "salesdesk"
    program.parent.mkdir(parents=True)
    program.write_text('#!/bin/sh\necho "bundle $0 $*"\n', encoding="utf-8")
    program.chmod(0o755)
    launcher = root / "usr" / "bin" / "salesdesk"
    launcher.parent.mkdir(parents=True)
    launcher.write_text(debpkg.launcher_script(), encoding="utf-8")
    launcher.chmod(0o755)
    return launcher


def _run(argv: list[str], **env: str) -> str:
    merged = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **env}
    result = subprocess.run(argv, capture_output=True, text=True, check=True, env=merged)
    assert result.stderr == ""
    return result.stdout


def test_the_launcher_finds_the_bundle_relative_to_itself(tmp_path: Path) -> None:
    root = tmp_path / "root with space"
    launcher = _fake_install(root)
    program = (root / "opt" / "salesdesk" / "salesdesk").resolve()
    assert _run([str(launcher), "self-test", "--keep"]) == f"bundle {program} self-test --keep\n"
    # Through a symbolic link elsewhere (like /usr/local/bin/salesdesk -> ...).
    link = tmp_path / "bin" / "salesdesk"
    link.parent.mkdir()
    link.symlink_to(launcher)
    assert _run([str(link), "--version"]) == f"bundle {program} --version\n"


def test_the_launcher_honours_salesdesk_install_root(tmp_path: Path) -> None:
    root = tmp_path / "unpacked"
    launcher = _fake_install(root)
    elsewhere = tmp_path / "copy" / "salesdesk"
    elsewhere.parent.mkdir()
    shutil.copy2(launcher, elsewhere)
    program = root / "opt" / "salesdesk" / "salesdesk"
    out = _run([str(elsewhere), "x"], SALESDESK_INSTALL_ROOT=f"{root}/")
    assert out == f"bundle {program} x\n"


@pytest.mark.parametrize("script", [debpkg.postinst_script(), debpkg.postrm_script()])
def test_maintainer_scripts_never_delete_user_data(tmp_path: Path, script: str) -> None:
    path = tmp_path / "script"
    path.write_text(script, encoding="utf-8")
    subprocess.run(["sh", "-n", str(path)], check=True)
    code = "\n".join(line for line in script.splitlines() if not line.lstrip().startswith("#"))
    assert script.startswith("#!/bin/sh\n") and "set -e" in code
    for forbidden in ("rm ", "/home", "$HOME", "~", ".local", "find ", "deluser"):
        assert forbidden not in code, forbidden
    assert "exit 0" in code


def test_postrm_purge_only_removes_an_empty_policy_folder() -> None:
    code = debpkg.postrm_script()
    assert 'rmdir "${DPKG_ROOT:-}/etc/salesdesk"' in code and "rm -" not in code


def _fake_bundle(tmp_path: Path) -> Path:
    bundle = tmp_path / "dist" / "salesdesk"
    (bundle / "_internal" / "salesdesk" / "resources").mkdir(parents=True)
    executable = bundle / "salesdesk"
    executable.write_bytes(b"#!/bin/sh\necho fake\n")
    executable.chmod(0o700)  # modes are normalised in the package
    library = bundle / "_internal" / "libfake.so.1"
    library.write_bytes(b"\0" * 2048)
    library.chmod(0o775)
    (bundle / "_internal" / "salesdesk" / "resources" / "data.json").write_text("{}")
    (bundle / "_internal" / "libfake.so").symlink_to("libfake.so.1")
    return bundle


@needs_dpkg
def test_a_deb_from_a_stand_in_bundle(tmp_path: Path) -> None:
    bundle = _fake_bundle(tmp_path)
    doc = tmp_path / "admin.md"
    doc.write_text("# For administrators\n", encoding="utf-8")
    staging = debpkg.stage_deb(
        tmp_path / "staging",
        bundle,
        version="2.0.0rc1",
        architecture="amd64",
        system_libraries=["libc.so.6", "libX11.so.6"],
        policy_sample=SAMPLE,
        icon=ICON,
        docs=[doc],
    )
    assert (staging / "DEBIAN" / "conffiles").read_text() == "/etc/salesdesk/config.toml\n"
    md5sums = (staging / "DEBIAN" / "md5sums").read_text()
    assert "  opt/salesdesk/salesdesk\n" in md5sums
    assert "etc/salesdesk" not in md5sums and "DEBIAN" not in md5sums
    deb = debpkg.build_deb(staging, tmp_path / "out" / "salesdesk.deb")

    info = subprocess.run(
        ["dpkg-deb", "--field", str(deb), "Version", "Depends", "Installed-Size"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "Version: 2.0.0~rc1\n" in info
    assert "Depends: libc6 (>= 2.34), libx11-6\n" in info
    listing = subprocess.run(
        ["dpkg-deb", "--contents", str(deb)], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    entries = {line.split()[-1] if "->" not in line else line.split()[-3]: line for line in listing}
    expected = {
        "./opt/salesdesk/salesdesk": "-rwxr-xr-x root/root",
        "./opt/salesdesk/_internal/libfake.so.1": "-rwxr-xr-x root/root",
        "./opt/salesdesk/_internal/salesdesk/resources/data.json": "-rw-r--r-- root/root",
        "./usr/bin/salesdesk": "-rwxr-xr-x root/root",
        "./usr/share/applications/salesdesk.desktop": "-rw-r--r-- root/root",
        "./usr/share/icons/hicolor/scalable/apps/salesdesk.svg": "-rw-r--r-- root/root",
        "./etc/salesdesk/config.toml": "-rw-r--r-- root/root",
        "./usr/share/doc/salesdesk/admin.md": "-rw-r--r-- root/root",
        "./usr/share/doc/salesdesk/config.toml.example": "-rw-r--r-- root/root",
        "./usr/share/doc/salesdesk/copyright": "-rw-r--r-- root/root",
    }
    for path, mode_owner in expected.items():
        assert entries[path].startswith(mode_owner), entries[path]
    assert any("./opt/salesdesk/_internal/libfake.so -> libfake.so.1" in line for line in listing)
    assert not any(" ./DEBIAN" in line for line in listing)

    unpacked = tmp_path / "unpacked"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(unpacked)], check=True)
    assert (unpacked / "etc/salesdesk/config.toml").read_bytes() == SAMPLE.read_bytes()
    out = _run([str(unpacked / "usr/bin/salesdesk")])
    assert out == "fake\n"


@needs_dpkg
def test_install_remove_purge_keep_user_data(tmp_path: Path) -> None:
    import smoketest  # type: ignore[import-not-found]

    staging = debpkg.stage_deb(
        tmp_path / "staging",
        _fake_bundle(tmp_path),
        version="1.0.0",
        architecture="amd64",
        system_libraries=["libc.so.6"],
        policy_sample=SAMPLE,
        icon=ICON,
    )
    deb = debpkg.build_deb(staging, tmp_path / "out" / "salesdesk.deb")
    detail = smoketest.check_deb_lifecycle(deb, tmp_path)
    assert "user data kept" in detail


def test_a_tarball_from_a_stand_in_bundle(tmp_path: Path) -> None:
    bundle = _fake_bundle(tmp_path)
    tarball = debpkg.build_tarball(
        bundle,
        tmp_path / "out" / "salesdesk-2.0.0-linux-x86_64.tar.gz",
        top="salesdesk-2.0.0",
        policy_sample=SAMPLE,
        icon=ICON,
    )
    assert not tarball.with_name(tarball.name + ".part").exists()
    with tarfile.open(tarball) as archive:
        members = {m.name: m for m in archive.getmembers()}
        for member in members.values():
            assert (member.uid, member.gid, member.uname, member.gname) == (0, 0, "root", "root")
        top = "salesdesk-2.0.0"
        assert stat.S_IMODE(members[f"{top}/salesdesk"].mode) == 0o755
        assert stat.S_IMODE(members[f"{top}/_internal/salesdesk/resources/data.json"].mode) == (
            0o644
        )
        assert members[f"{top}/_internal/libfake.so"].issym()
        assert members[f"{top}/share/applications"].isdir()
        for extra in (
            "config.toml.example",
            "share/applications/salesdesk.desktop",
            "share/icons/hicolor/scalable/apps/salesdesk.svg",
        ):
            assert members[f"{top}/{extra}"].isfile(), extra
        desktop = archive.extractfile(f"{top}/share/applications/salesdesk.desktop")
        assert desktop is not None and desktop.read().decode() == debpkg.desktop_entry()
