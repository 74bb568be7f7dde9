"""Crash tests: a child process is killed with SIGKILL at random moments, many times.

After every kill the history must hold every signal the child reported as accepted, in
order, exactly once, and it must replay (DESIGN invariants 1, 2 and 5). The number of
kills per loop is ``SALESDESK_TORTURE_KILLS`` (default 40) so that ``make torture`` can
raise it; the default keeps this file within its share of the tests' time budget.
"""

from __future__ import annotations

import os
import queue
import random
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from salesdesk.flow import ActivityRunner, Engine, EventType
from salesdesk.flow.replayer import replay_all

from . import crash_child
from .crash_child import WORKFLOW_ID, WORKFLOWS
from .helpers import assert_contiguous

KILLS = int(os.environ.get("SALESDESK_TORTURE_KILLS", "40"))
CHILD = Path(crash_child.__file__)
LINE_TIMEOUT = 30.0  # seconds; generous because the machine may be busy with other tests


@dataclass
class Run:
    """What one worker reported before it died."""

    pid: int
    acks: list[tuple[int, int]] = field(default_factory=list)  # (seq, n)
    lines: list[str] = field(default_factory=list)
    exit_code: int | None = None


class Zygote:
    """Drives ``crash_child.py --zygote``: start a worker, kill it, collect its lines."""

    def __init__(self) -> None:
        src = Path(__file__).resolve().parents[2] / "src"
        env = dict(os.environ, PYTHONPATH=f"{src}{os.pathsep}{os.environ.get('PYTHONPATH', '')}")
        self.proc = subprocess.Popen(
            [sys.executable, str(CHILD), "--zygote"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            bufsize=1,
            env=env,
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            # A line cut short by the kill has no newline: it was never reported.
            if line.endswith("\n"):
                self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def _next(self) -> str:
        try:
            line = self.lines.get(timeout=LINE_TIMEOUT)
        except queue.Empty:
            raise AssertionError("the crash child stopped answering") from None
        if line is None:
            assert self.proc.stderr is not None
            raise AssertionError(f"the zygote died: {self.proc.stderr.read()}")
        return line

    def start(self, mode: str, db: Path) -> int:
        assert self.proc.stdin is not None
        self.proc.stdin.write(f"{mode} {db}\n")
        self.proc.stdin.flush()
        first = self._next()
        assert first.startswith("pid "), first
        return int(first.split()[1])

    def collect(self, pid: int, result: Run | None = None, *, until_ack: bool = False) -> Run:
        """Read the worker's lines until the zygote says it is gone (or, with
        ``until_ack``, until its first acknowledgement)."""
        result = result or Run(pid)
        while True:
            line = self._next()
            if line.startswith("exit "):
                result.exit_code = int(line.split()[1])
                return result
            result.lines.append(line)
            if line.startswith("ack "):
                _, seq, n = line.split()
                result.acks.append((int(seq), int(n)))
                if until_ack:
                    return result

    def run_and_kill(self, mode: str, db: Path, delay: float, *, mid_stream: bool) -> Run:
        """Start a worker and SIGKILL it ``delay`` seconds after it started or, with
        ``mid_stream``, after its first acknowledgement: on a busy machine opening the
        engine can take longer than any fixed delay, and the kills must still land while
        it is committing."""
        pid = self.start(mode, db)
        run = self.collect(pid, until_ack=True) if mid_stream else Run(pid)
        time.sleep(delay)
        os.kill(pid, signal.SIGKILL)
        return self.collect(pid, run)

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


@pytest.fixture(scope="module")
def zygote() -> Iterator[Zygote]:
    z = Zygote()
    try:
        yield z
    finally:
        z.close()


def _check_signals(db: Path, accepted: dict[int, int], field_name: str, signal_name: str) -> int:
    """Every accepted signal is in the history at its seq, in order, once; the history
    replays. Returns how many signals of that name the history holds."""
    with Engine(db, WORKFLOWS) as engine:
        report = replay_all(engine)
        assert report.ok, report.failures
        if not engine.list_workflows():  # killed before it had started the workflow
            assert not accepted
            return 0
        events = engine.history(WORKFLOW_ID)
        assert_contiguous(events)
        by_seq = {e.seq: e for e in events}
        for seq, n in accepted.items():
            event = by_seq.get(seq)
            assert event is not None, f"acknowledged signal #{n} (seq {seq}) was lost"
            assert event.type == EventType.SIGNAL_RECEIVED
            assert event.data["name"] == signal_name
            assert event.data["payload"] == {"n": n}
        numbers = [
            e.data["payload"]["n"]
            for e in events
            if e.type == EventType.SIGNAL_RECEIVED and e.data["name"] == signal_name
        ]
        # Each number once and in order: nothing duplicated, reordered or skipped.
        assert numbers == list(range(len(numbers))), numbers
        assert engine.query(WORKFLOW_ID, "state")[field_name] == numbers
        return len(numbers)


def _check_activity_results(engine: Engine) -> tuple[int, int]:
    """At most one result per activity; returns (scheduled, completed)."""
    events = engine.history(WORKFLOW_ID)
    scheduled = [e.data["activity_id"] for e in events if e.type == EventType.ACTIVITY_SCHEDULED]
    completed = [e.data["activity_id"] for e in events if e.type == EventType.ACTIVITY_COMPLETED]
    assert len(completed) == len(set(completed)), "an activity result was recorded twice"
    assert set(completed) <= set(scheduled)
    return len(scheduled), len(completed)


def test_acknowledged_signals_survive_sigkill(zygote: Zygote, tmp_path: Path) -> None:
    db = tmp_path / "crash.db"
    rng = random.Random()
    accepted: dict[int, int] = {}
    killed_with_acks = 0
    for kill in range(KILLS):
        # Every fourth kill lands while the child is opening (the first time: creating)
        # the database, the others while it is committing signals.
        mid_stream = kill % 4 != 0
        delay = rng.uniform(0.0, 0.1 if mid_stream else 0.25)
        run = zygote.run_and_kill("signals", db, delay, mid_stream=mid_stream)
        assert run.exit_code == -signal.SIGKILL, run.lines
        assert not [line for line in run.lines if line.startswith("error")], run.lines
        accepted.update(dict(run.acks))
        killed_with_acks += bool(run.acks)
        if db.exists():
            total = _check_signals(db, accepted, "entries", "entry")
            assert total >= len(accepted)
    assert killed_with_acks >= KILLS // 2, "the kills should mostly land mid-stream"
    assert len(accepted) > KILLS, "the child should have committed signals between kills"


def test_kill_while_recording_activity_results(zygote: Zygote, tmp_path: Path) -> None:
    db = tmp_path / "crash.db"
    rng = random.Random()
    accepted: dict[int, int] = {}
    for _ in range(max(10, KILLS // 2)):
        run = zygote.run_and_kill("activities", db, rng.uniform(0.0, 0.2), mid_stream=True)
        assert run.exit_code == -signal.SIGKILL, run.lines
        accepted.update(dict(run.acks))
        if db.exists():
            _check_signals(db, accepted, "requests", "request")
            with Engine(db, WORKFLOWS) as engine:
                _check_activity_results(engine)

    # Restart once more and let the runner finish: every scheduled activity ends with
    # exactly one result, however often its attempts were interrupted.
    with Engine(db, WORKFLOWS) as engine:
        engine.recover_interrupted()
        runner = ActivityRunner(engine, crash_child.activities(db))
        while runner.run_due():
            pass
        scheduled, completed = _check_activity_results(engine)
        assert scheduled == completed == len(engine.query(WORKFLOW_ID, "state")["requests"])
        state = engine.query(WORKFLOW_ID, "state")
        assert sorted(int(k) for k in state["stamps"]) == state["requests"]
        assert replay_all(engine).ok


def test_crash_between_execution_and_recording(zygote: Zygote, tmp_path: Path) -> None:
    """The activity ran (its marker is written) but the process died before recording the
    result: on restart it runs again (at-least-once) and one result is recorded."""
    db = tmp_path / "crash.db"
    pid = zygote.start("selfkill", db)
    run = zygote.collect(pid)
    assert run.exit_code == -signal.SIGKILL, run.lines
    assert "survived" not in run.lines
    executions = db.with_name("executions.log")
    assert executions.read_text().split() == ["-1"]

    with Engine(db, WORKFLOWS) as engine:
        (task,) = engine.activity_tasks(WORKFLOW_ID)
        assert task.state == "running", "the interrupted attempt is still marked running"
        assert not [e for e in engine.history(WORKFLOW_ID) if e.type.startswith("ActivityC")]

    # The restarted app: the runner recovers the interrupted attempt and runs it again.
    with Engine(db, WORKFLOWS) as engine:
        runner = ActivityRunner(engine, crash_child.activities(db), idle_poll_seconds=0.05)
        runner.start()
        try:
            deadline = time.monotonic() + 20
            while engine.query(WORKFLOW_ID, "state")["stamps"] != {"-1": "done"}:
                assert time.monotonic() < deadline, "the interrupted activity never re-ran"
                time.sleep(0.02)
        finally:
            runner.stop()
        assert executions.read_text().split() == ["-1", "-1"]  # executed twice...
        done = [e for e in engine.history(WORKFLOW_ID) if e.type == EventType.ACTIVITY_COMPLETED]
        assert len(done) == 1  # ...recorded once
        assert done[0].data["result"] == "done"
        (task,) = engine.activity_tasks(WORKFLOW_ID)
        assert task.state == "done"
        assert replay_all(engine).ok
