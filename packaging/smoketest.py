"""``make package-test``: smoke test of the built packages (run ``make package`` first).

Runs the frozen executable the way an administrator would, offscreen, in a throw-away
home, data folder and policy file, with an environment stripped of the build's Python
(no PYTHONPATH, no virtualenv), and checks:

- every library the offscreen run links against is in the bundle or on this system
  (if not, it names the Debian packages to install);
- the bundle stays within its size budget on disk (SALESDESK_BUNDLE_BUDGET_MB, default
  140 decimal MB, i.e. 140,000,000 bytes);
- ``--version`` prints the pyproject.toml version;
- ``self-test`` passes every step (the window step included) under a test policy;
- ``policy`` reports the test policy, and names the line of a broken one;
- the bundled server migrates a fresh SQLite database; a sale runs through the CLI;
- a data folder written by release 1 opens with nothing lost (the upgrade path);
- the .deb's control data, conffile and file list are right, and, unpacked into a
  temporary root with dpkg-deb -x, its /usr/bin/salesdesk launcher runs the bundle both
  from its own location and through SALESDESK_INSTALL_ROOT;
- installed with dpkg into a throw-away root, then reinstalled, removed and purged, the
  .deb keeps users' data always and the administrator's edited policy until purge;
- the .tar.gz unpacks and runs through a symbolic link.

Any output on stderr that a check does not expect fails it: Qt warnings (a missing
plugin, font or translation) show up there first.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

PACKAGING = Path(__file__).resolve().parent
ROOT = PACKAGING.parent
sys.path.insert(0, str(PACKAGING))

import debpkg  # noqa: E402
from build import disk_usage, mb_and_mib, project_version  # noqa: E402

DIST = ROOT / "dist"
COMMAND_TIMEOUT = 180.0
#: A data folder written by release 1 (its sale workflow, store and CLI; how it was made:
#: tests/packaging_tests/fixtures/README.md) and what release 1 reported about it.
RELEASE1_DATA = ROOT / "tests" / "packaging_tests" / "fixtures" / "release1-data"
RELEASE1_EXPECTED = RELEASE1_DATA.parent / "release1-expected.json"

TEST_POLICY = """\
# The smoke test's policy: every section, three locks, Hungarian UI.
locked = ["server.url", "ui.language", "sales.discount_approval_threshold"]

[server]
url = "https://sales.example.com"

[sync]
enabled = true
interval_seconds = 60

[lookups]
wait_seconds = 5

[sales]
quote_validity_days = 14
discount_approval_threshold = 10

[ui]
language = "hu"
"""

BROKEN_POLICY = """\
[sync]
enabled = true
interval_seconds = "often"
"""


@dataclass
class Outcome:
    passed: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


class CheckFailed(Exception):
    pass


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    seconds: float


def run(argv: list[str | Path], env: dict[str, str], cwd: Path) -> Run:
    started = time.monotonic()
    result = subprocess.run(
        [str(arg) for arg in argv],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=COMMAND_TIMEOUT,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    return Run(result.returncode, result.stdout, result.stderr, time.monotonic() - started)


def expect_clean(result: Run, code: int = 0) -> Run:
    """Exit code as expected and nothing at all on stderr."""
    problems = []
    if result.returncode != code:
        problems.append(f"exit code {result.returncode}, expected {code}")
    if result.stderr:
        problems.append("unexpected output on stderr:\n" + _indent(result.stderr))
    if problems:
        raise CheckFailed("; ".join(problems) + "\nstdout:\n" + _indent(result.stdout))
    return result


def _indent(text: str) -> str:
    return "\n".join("      " + line for line in text.rstrip().splitlines()) or "      (empty)"


def check_release1_upgrade(command: list[str | Path], env: dict[str, str], tmp: Path) -> str:
    """Open a copy of release 1's data folder with ``command`` (the new build) and check
    that nothing is lost: the same sales with the same status, totals and unsynced
    events, every history event for event, all replaying, and an old open sale that can
    be carried on. Raises CheckFailed."""
    expected = json.loads(RELEASE1_EXPECTED.read_text(encoding="utf-8"))
    data = tmp / "release1-upgrade"
    if data.exists():
        shutil.rmtree(data)
    shutil.copytree(RELEASE1_DATA, data)
    base = [*command, "--data-dir", data]

    listed = json.loads(expect_clean(run([*base, "sale", "list", "--json"], env, tmp)).stdout)
    keys = ("status", "customer", "gross", "currency", "events", "unsynced_events")
    now = {sale["workflow_id"]: {k: sale.get(k) for k in keys} for sale in listed}
    before = {sale["workflow_id"]: {k: sale[k] for k in keys} for sale in expected["sales"]}
    if now != before:
        raise CheckFailed(f"sale list after the upgrade:\n{now}\nrelease 1 listed:\n{before}")
    for wid, old in expected["histories"].items():
        new = json.loads(expect_clean(run([*base, "sale", "history", wid], env, tmp)).stdout)
        if new["events"] != old["events"]:
            raise CheckFailed(f"the history of {wid} differs from release 1's")
    replay = expect_clean(run([*base, "replay"], env, tmp))
    if f"replayed {len(before)} histories: all deterministic" not in replay.stdout:
        raise CheckFailed(f"replay:\n{_indent(replay.stdout)}")
    # Carry on with a sale release 1 left open: the new build appends to its history.
    wid = expected["sales"][0]["workflow_id"]
    terms = '{"payment_terms_days": 30}'
    expect_clean(run([*base, "sale", "signal", wid, "terms", "--json", terms], env, tmp))
    shown = json.loads(expect_clean(run([*base, "sale", "show", wid, "--json"], env, tmp)).stdout)
    if shown["totals"]["gross"] != before[wid]["gross"]:
        raise CheckFailed(
            f"gross {shown['totals']['gross']}, release 1 said {before[wid]['gross']}"
        )
    replay = expect_clean(run([*base, "replay"], env, tmp))
    if "all deterministic" not in replay.stdout:
        raise CheckFailed(f"replay after carrying on:\n{_indent(replay.stdout)}")
    return (
        f"{len(before)} sales of release 1 kept (status, totals, histories), replayed, "
        f"and sale {wid[:8]} carried on"
    )


def check_deb_lifecycle(deb: Path, tmp: Path) -> str:
    """Install, reinstall (the upgrade path), remove and purge ``deb`` in a throw-away
    dpkg root (dpkg --root, maintainer scripts run chrootless with DPKG_ROOT), with a
    user's data folder and an administrator's edited policy in that root, and check what
    each step keeps: user data always; the edited policy on upgrade and remove; on purge
    the policy goes but other files of the administrator in /etc/salesdesk stay.
    Raises CheckFailed."""
    root = tmp / "dpkg-root"
    if root.exists():
        shutil.rmtree(root)
    admin = root / "var" / "lib" / "dpkg"
    for folder in ("info", "updates", "triggers"):
        (admin / folder).mkdir(parents=True)
    for name in ("status", "available"):
        (admin / name).touch()
    user_data = root / "home" / "agent" / ".local" / "share" / "SalesDesk"
    user_data.mkdir(parents=True)
    (user_data / "salesdesk.db").write_bytes(b"a user's sales")
    env = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C.UTF-8"}
    dpkg = [
        "dpkg",
        f"--root={root}",
        "--force-script-chrootless",
        "--force-not-root",
        "--force-depends",  # the root holds no libc6 and friends: only this package
        "--log=/dev/null",
    ]

    def step(*args: str | Path) -> None:
        result = run([*dpkg, *args], env, tmp)
        if result.returncode != 0:
            raise CheckFailed(
                f"dpkg {' '.join(map(str, args))}: exit {result.returncode}\n"
                + _indent(result.stdout + result.stderr)
            )

    def expect(path: Path, present: bool, why: str) -> None:
        if path.exists() != present:
            state = "missing" if present else "still there"
            raise CheckFailed(f"{path.relative_to(root)} {state} {why}")

    policy = root / "etc" / "salesdesk" / "config.toml"
    program = root / "opt" / "salesdesk" / "salesdesk"
    step("--install", deb)
    expect(program, True, "after install")
    expect(policy, True, "after install")
    edited = policy.read_text(encoding="utf-8") + '\n[server]\nurl = "https://sales.example.com"\n'
    policy.write_text(edited, encoding="utf-8")
    (root / "etc" / "salesdesk" / "company-ca.pem").write_text("an admin's file\n")
    step("--install", deb)  # reinstall: what an upgrade does with the conffile
    if policy.read_text(encoding="utf-8") != edited:
        raise CheckFailed("reinstalling replaced the administrator's edited config.toml")
    step("--remove", "salesdesk")
    expect(program, False, "after remove")
    expect(root / "usr" / "bin" / "salesdesk", False, "after remove")
    expect(policy, True, "after remove (the policy stays until purge)")
    expect(user_data / "salesdesk.db", True, "after remove")
    step("--purge", "salesdesk")
    expect(policy, False, "after purge")
    expect(root / "etc" / "salesdesk" / "company-ca.pem", True, "after purge")
    expect(user_data / "salesdesk.db", True, "after purge")
    return (
        "install, reinstall (edited policy kept), remove (policy kept), purge (policy "
        "gone, other admin files kept); user data kept throughout"
    )


#: Parts of the bundle that only a real desktop session loads (X11, Wayland, input
#: methods, the portal theme): the libraries they need may be missing on a build or CI
#: machine without breaking the offscreen smoke test; the .deb Depends on them anyway.
_DESKTOP_ONLY = (
    "/plugins/platforms/libqxcb",
    "/plugins/platforms/libqwayland",
    "/plugins/xcbglintegrations/",
    "/plugins/wayland-",
    "/plugins/platformthemes/",
    "/plugins/platforminputcontexts/",
    "/libQt6XcbQpa.",
    "/libQt6Wayland",
)


def missing_system_libraries(bundle: Path) -> dict[str, set[str]]:
    """Shared libraries that ELF files of the bundle need and that neither the bundle nor
    this system has: {soname: files needing it (relative to the bundle)}, from ldd."""
    internal = bundle / "_internal"
    bundled = {path.name for path in bundle.rglob("*")}
    env = {"PATH": "/usr/bin:/bin", "LD_LIBRARY_PATH": str(internal)}
    missing: dict[str, set[str]] = {}
    for path in sorted(bundle.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        with path.open("rb") as fh:
            if fh.read(4) != b"\x7fELF":
                continue
        result = subprocess.run(
            ["ldd", str(path)], env=env, capture_output=True, text=True, check=False
        )
        for line in result.stdout.splitlines():
            name, _, where = line.strip().partition(" => ")
            if where.strip() == "not found" and name not in bundled:
                missing.setdefault(name, set()).add(str(path.relative_to(bundle)))
    return missing


def check_system_libraries(bundle: Path) -> str:
    """Fails when a library the offscreen run needs is missing here, naming the Debian
    packages to install; libraries only the desktop plugins need are reported only."""
    missing = missing_system_libraries(bundle)
    fatal = {
        name: users
        for name, users in missing.items()
        if any(not any(part in "/" + user for part in _DESKTOP_ONLY) for user in users)
    }

    def packages(names: Iterable[str]) -> str:
        found = {debpkg.LIBRARY_PACKAGES.get(name, f"(unknown: {name})") for name in names}
        return " ".join(sorted(entry.split(" ")[0] for entry in found))

    if fatal:
        lines = [
            f"{name}: needed by {', '.join(sorted(users)[:3])}" for name, users in fatal.items()
        ]
        raise CheckFailed(
            "system libraries missing on this machine:\n"
            + _indent("\n".join(lines))
            + f"\ninstall them with: apt-get install {packages(fatal)}"
        )
    if missing:
        return (
            f"offscreen needs are met; {len(missing)} libraries only the X11/Wayland "
            f"plugins use are not installed here (the .deb Depends on {packages(missing)})"
        )
    return "every library the bundle links against is in the bundle or on this system"


def clean_env(tmp: Path, policy: Path) -> dict[str, str]:
    """A desktop-like environment that owes nothing to the build's Python."""
    home = tmp / "home"
    runtime = tmp / "run"
    for folder in (home, runtime):
        folder.mkdir(parents=True, exist_ok=True)
    runtime.chmod(0o700)  # Qt warns about a runtime dir others can read
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "XDG_RUNTIME_DIR": str(runtime),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "QT_QPA_PLATFORM": "offscreen",
        "SALESDESK_DATA_DIR": str(tmp / "data"),
        "SALESDESK_SERVER_DATA_DIR": str(tmp / "server"),
        "SALESDESK_POLICY_FILE": str(policy),
    }


def main() -> int:
    version = project_version()
    arch = subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()
    bundle = DIST / "salesdesk"
    exe = bundle / "salesdesk"
    deb = DIST / f"salesdesk_{debpkg.debian_version(version)}_{arch}.deb"
    tarball = DIST / f"salesdesk-{version}-linux-{platform.machine()}.tar.gz"
    for artefact in (exe, deb, tarball):
        if not artefact.exists():
            print(f"package-test: {artefact} is missing; run `make package` first")
            return 1
    # The target is 140 MB on disk in decimal megabytes: 140,000,000 bytes (133.5 MiB).
    budget_mb = float(os.environ.get("SALESDESK_BUNDLE_BUDGET_MB", "140"))
    outcome = Outcome()
    started = time.monotonic()
    print(f"package-test: SalesDesk {version}")

    with tempfile.TemporaryDirectory(prefix="salesdesk-package-test-") as name:
        tmp = Path(name)
        policy = tmp / "policy.toml"
        policy.write_text(TEST_POLICY, encoding="utf-8")
        broken = tmp / "broken.toml"
        broken.write_text(BROKEN_POLICY, encoding="utf-8")
        env = clean_env(tmp, policy)

        def check(title: str, body: Callable[[], str]) -> None:
            began = time.monotonic()
            try:
                detail = body()
            except CheckFailed as exc:
                outcome.failed.append(title)
                print(f"  FAIL  {title}\n{_indent(str(exc))}")
                return
            except (OSError, subprocess.SubprocessError, ValueError, KeyError) as exc:
                outcome.failed.append(title)
                print(f"  FAIL  {title}: {type(exc).__name__}: {exc}")
                return
            outcome.passed.append(title)
            print(f"  PASS  {title}: {detail} ({time.monotonic() - began:.1f} s)")

        def size() -> str:
            content, allocated = disk_usage(bundle)
            text = (
                f"{mb_and_mib(allocated)} on disk (files {mb_and_mib(content)}), "
                f"budget {budget_mb:g} MB = {budget_mb * 1e6:,.0f} bytes"
            )
            if allocated > budget_mb * 1e6:
                raise CheckFailed(text)
            return text

        def version_check(executable: Path, extra: dict[str, str] | None = None) -> str:
            result = expect_clean(run([executable, "--version"], env | (extra or {}), tmp))
            expected = f"salesdesk {version}\n"
            if result.stdout != expected:
                raise CheckFailed(f"printed {result.stdout!r}, expected {expected!r}")
            return result.stdout.strip()

        def self_test(executable: Path) -> str:
            result = expect_clean(run([executable, "self-test"], env, tmp))
            lines = result.stdout.splitlines()
            wanted = [
                "self-test passed",
                "language hu",
                "locked: sales.discount_approval_threshold, server.url, ui.language",
                "lists 1 sale(s)",
            ]
            missing = [text for text in wanted if text not in result.stdout]
            skipped = [line for line in lines if line.strip().startswith("skip")]
            if missing or skipped:
                raise CheckFailed(
                    f"missing {missing}, skipped {skipped}:\n" + _indent(result.stdout)
                )
            return lines[-1]

        def policy_report() -> str:
            result = expect_clean(run([exe, "policy", "--json"], env, tmp))
            document = json.loads(result.stdout)
            values = document["values"]
            expected = {
                "server.url": "https://sales.example.com",
                "ui.language": "hu",
                "sales.quote_validity_days": "14",
                "sales.discount_approval_threshold": "10",
                "lookups.wait_seconds": "5",
                "sync.interval_seconds": "60",
            }
            wrong = {k: values.get(k) for k, v in expected.items() if values.get(k) != v}
            if wrong or document["problems"] or len(document["locked"]) != 3:
                raise CheckFailed(f"unexpected report: {document}")
            return f"{len(document['configured'])} keys set, 3 locked"

        def broken_policy() -> str:
            result = run([exe, "policy"], env | {"SALESDESK_POLICY_FILE": str(broken)}, tmp)
            expected = f"{broken}, line 3: sync.interval_seconds must be a number"
            if result.returncode != 1 or expected not in result.stderr:
                raise CheckFailed(f"exit {result.returncode}, stderr:\n{_indent(result.stderr)}")
            return "exit 1, names line 3 and sync.interval_seconds"

        def server_migrate() -> str:
            result = expect_clean(run([exe, "server", "migrate"], env, tmp))
            if "up to date" not in result.stdout:
                raise CheckFailed(f"unexpected output:\n{_indent(result.stdout)}")
            return result.stdout.strip()

        def cli_sale() -> str:
            price_list = bundle / "_internal" / "salesdesk" / "resources" / "pricelists"
            imported = expect_clean(
                run([exe, "price-list", "import", price_list / "demo-2026.json"], env, tmp)
            )
            new = expect_clean(run([exe, "sale", "new"], env, tmp))
            wid = new.stdout.strip()
            payload = '{"vat_number": "HU12892312"}'
            signal: list[str | Path] = [exe, "sale", "signal", wid, "customer", "--json", payload]
            expect_clean(run([*signal, "--wait", "5"], env, tmp))
            replay = expect_clean(run([exe, "replay"], env, tmp))
            if "replayed 1 histories: all deterministic" not in replay.stdout:
                raise CheckFailed(replay.stdout)
            return f"{imported.stdout.split(';')[0]}; sale {wid[:8]} signalled and replayed"

        def upgrade() -> str:
            return check_release1_upgrade([exe], env, tmp)

        deb_root = tmp / "deb-root"

        def deb_metadata() -> str:
            fields = run(
                ["dpkg-deb", "--field", deb, "Package", "Version", "Architecture", "Depends"],
                env,
                tmp,
            )
            info = dict(line.split(": ", 1) for line in fields.stdout.splitlines() if ": " in line)
            if info.get("Version") != debpkg.debian_version(version) or "libc6" not in info.get(
                "Depends", ""
            ):
                raise CheckFailed(f"control fields: {info}")
            listing = run(["dpkg-deb", "--contents", deb], env, tmp).stdout
            for path in (
                "./opt/salesdesk/salesdesk",
                "./usr/bin/salesdesk",
                "./usr/share/applications/salesdesk.desktop",
                "./usr/share/icons/hicolor/scalable/apps/salesdesk.svg",
                "./etc/salesdesk/config.toml",
                "./usr/share/doc/salesdesk/copyright",
            ):
                if f" {path}" not in listing:
                    raise CheckFailed(f"{path} is not in the package")
            control = tmp / "deb-control"
            expect_clean(run(["dpkg-deb", "--control", deb, control], env, tmp))
            conffiles = (control / "conffiles").read_text(encoding="utf-8")
            if conffiles != "/etc/salesdesk/config.toml\n":
                raise CheckFailed(f"conffiles: {conffiles!r}")
            for script in ("postinst", "postrm"):
                expect_clean(run(["sh", "-n", control / script], env, tmp))
            return f"{info['Package']} {info['Version']} {info['Architecture']}, conffile ok"

        def deb_unpacked() -> str:
            expect_clean(run(["dpkg-deb", "-x", deb, deb_root], env, tmp))
            launcher = deb_root / "usr" / "bin" / "salesdesk"
            sample = deb_root / "etc" / "salesdesk" / "config.toml"
            checked = expect_clean(run([launcher, "policy", "--file", sample, "--json"], env, tmp))
            document = json.loads(checked.stdout)
            if document["configured"] or document["locked"] or document["problems"]:
                raise CheckFailed(f"the shipped config.toml is not inert: {document}")
            desktop = deb_root / "usr" / "share" / "applications" / "salesdesk.desktop"
            if shutil.which("desktop-file-validate"):
                expect_clean(run(["desktop-file-validate", desktop], env, tmp))
            shown = version_check(launcher)
            self_test(launcher)
            return f"launcher in the unpacked root: {shown}, self-test passed"

        def deb_lifecycle() -> str:
            return check_deb_lifecycle(deb, tmp)

        def deb_env_root() -> str:
            elsewhere = tmp / "elsewhere"
            elsewhere.mkdir()
            launcher = elsewhere / "salesdesk"
            shutil.copy2(deb_root / "usr" / "bin" / "salesdesk", launcher)
            return version_check(launcher, {"SALESDESK_INSTALL_ROOT": str(deb_root)})

        def tarball_check() -> str:
            target = tmp / "tar"
            target.mkdir()
            with tarfile.open(tarball) as archive:
                names = set(archive.getnames())
                archive.extractall(target, filter="tar")
            top = f"salesdesk-{version}"
            for member in ("salesdesk", "config.toml.example", "share/applications"):
                if f"{top}/{member}" not in names:
                    raise CheckFailed(f"{top}/{member} is not in the archive")
            link = tmp / "bin" / "salesdesk"
            link.parent.mkdir()
            link.symlink_to(target / top / "salesdesk")
            return f"unpacked, run through a symbolic link: {version_check(link)}"

        check("bundle size", size)
        check("system libraries", lambda: check_system_libraries(bundle))
        check("--version", lambda: version_check(exe))
        check("self-test", lambda: self_test(exe))
        check("policy (test file)", policy_report)
        check("policy (broken file)", broken_policy)
        check("server migrate", server_migrate)
        check("CLI sale", cli_sale)
        check("upgrade from release 1", upgrade)
        check(".deb metadata", deb_metadata)
        check(".deb unpacked", deb_unpacked)
        check(".deb SALESDESK_INSTALL_ROOT", deb_env_root)
        check(".deb install, remove, purge", deb_lifecycle)
        check(".tar.gz", tarball_check)

    elapsed = time.monotonic() - started
    info_file = DIST / "build-info.json"
    if info_file.is_file():
        info = json.loads(info_file.read_text(encoding="utf-8"))
        print(
            "build times: PyInstaller {b} s, .deb {d} s and .tar.gz {t} s (in parallel), "
            "make package {total} s".format(
                b=info.get("bundle_seconds", "?"),
                d=info.get("deb_seconds", "?"),
                t=info.get("tarball_seconds", "?"),
                total=info.get("total_seconds", "?"),
            )
        )
    print(f"smoke test time: {elapsed:.1f} s")
    print(f"package-test: {len(outcome.passed)} passed, {len(outcome.failed)} failed")
    return 1 if outcome.failed else 0


if __name__ == "__main__":
    sys.exit(main())
