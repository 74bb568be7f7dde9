"""Running the ``salesdesk`` command as a subprocess against a profile in tmp_path.

Each call costs about a second (interpreter start and imports), so tests group steps and
run independent calls two at a time.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DEMO_PRICE_LIST = REPO / "resources" / "pricelists" / "demo-2026.json"
V1_FIXTURE = REPO / "tests" / "fixtures" / "sales" / "v1-open-sale.json"


def _command() -> list[str]:
    script = Path(sys.executable).with_name("salesdesk")
    return [str(script)] if script.exists() else [sys.executable, "-m", "salesdesk.cli"]


@dataclass(frozen=True)
class Result:
    args: tuple[str, ...]
    code: int
    out: str
    err: str


@dataclass
class Cli:
    data_dir: Path
    transcript: list[str] = field(default_factory=list)
    timings: list[tuple[float, str]] = field(default_factory=list)

    def _env(self, data_dir: Path) -> dict[str, str]:
        env = dict(os.environ)
        env["SALESDESK_DATA_DIR"] = str(data_dir)
        env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"  # never the real one
        env["PYTHONIOENCODING"] = "utf-8"
        env["COLUMNS"] = "200"
        return env

    def run(
        self, *args: str, expect: int = 0, data_dir: Path | None = None, record: bool = True
    ) -> Result:
        started = time.monotonic()
        proc = subprocess.run(
            [*_command(), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=self._env(data_dir or self.data_dir),
            timeout=120,
            check=False,
        )
        result = Result(tuple(args), proc.returncode, proc.stdout, proc.stderr)
        self.timings.append((time.monotonic() - started, shlex.join(args)))
        if record:
            self._record(result)
        assert proc.returncode == expect, (
            f"salesdesk {shlex.join(args)} exited {proc.returncode}, expected {expect}\n"
            f"stdout:\n{proc.stdout}\nstderr:\n{proc.stderr}"
        )
        return result

    def _record(self, result: Result) -> None:
        self.transcript.append(
            f"$ salesdesk {shlex.join(result.args)}\n{result.out}{result.err}[exit {result.code}]"
        )

    def run_many(self, calls: Sequence[tuple[Sequence[str], int, Path | None]]) -> list[Result]:
        """Independent calls, two at a time: (args, expected exit code, data dir).
        The transcript keeps them in the order given."""
        with ThreadPoolExecutor(max_workers=2) as pool:
            futures = [
                pool.submit(self.run, *args, expect=expect, data_dir=data_dir, record=False)
                for args, expect, data_dir in calls
            ]
            results = [f.result() for f in futures]
        for result in results:
            self._record(result)
        return results


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    return Cli(tmp_path / "profile")


@pytest.fixture
def price_list(tmp_path: Path) -> Path:
    """The demo price list (a copy, so nothing in the repository is touched)."""
    return Path(shutil.copy(DEMO_PRICE_LIST, tmp_path / "demo-2026.json"))


def event_count(data_dir: Path, workflow_id: str) -> int:
    with sqlite3.connect(data_dir / "salesdesk.db") as db:
        (count,) = db.execute(
            "SELECT count(*) FROM events WHERE workflow_id = ?", (workflow_id,)
        ).fetchone()
    return int(count)
