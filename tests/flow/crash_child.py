"""The process the crash tests kill with SIGKILL.

Run as ``python crash_child.py --zygote``: it imports the engine once, then for each line
read on stdin (``<mode> <db path> [extra]``) forks a worker that runs that mode and
reports on stdout. Forking from a warm process keeps each kill cycle at a few
milliseconds instead of the ~1 s a cold interpreter needs to import the engine, which is
what lets the test kill it dozens of times within its time budget. The zygote opens no
database itself (SQLite connections must not cross a fork).

Every worker line is written with one ``os.write`` on an unbuffered descriptor, so a
line either reaches the parent whole or not at all, and it is written only after the
engine call it reports has returned, i.e. after the commit:

``pid <n>``            the worker's pid, first, so that the parent can kill it
``ack <seq> <n>``      signal number n is durable at history position seq
``exit <status>``      written by the zygote once the worker is gone

Modes:
``signals``     append ``entry`` signals (n = 0, 1, 2...) forever.
``activities``  append ``request`` signals, each scheduling an activity, and run the
                activity runner after each one, forever (kills land while results are
                being recorded).
``selfkill``    schedule one ``fragile`` activity whose first execution writes a marker
                line and then SIGKILLs its own process: a crash between executing an
                activity and recording its result.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from salesdesk.flow import (
    ActivityContext,
    ActivityRunner,
    Engine,
    WorkflowNotFoundError,
    execute_activity,
    query,
    run,
    start_task,
    wait_condition,
    workflow,
)
from salesdesk.flow import signal as flow_signal

WORKFLOW_ID = "ledger-1"


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    n: int


@workflow("ledger")
class Ledger:
    def __init__(self) -> None:
        self.entries: list[int] = []
        self.requests: list[int] = []
        self.stamps: dict[str, Any] = {}

    @run
    async def run(self, start: None) -> None:
        await wait_condition(lambda: False)  # open for ever: signals keep coming

    @flow_signal(Entry)
    def entry(self, p: Entry) -> None:
        self.entries.append(p.n)

    @flow_signal(Entry)
    def request(self, p: Entry) -> None:
        self.requests.append(p.n)
        start_task(self._stamp(p.n), f"stamp {p.n}")

    async def _stamp(self, n: int) -> None:
        self.stamps[str(n)] = await execute_activity("stamp" if n >= 0 else "fragile", {"n": n})

    @query
    def state(self) -> dict[str, Any]:
        return {"entries": self.entries, "requests": self.requests, "stamps": self.stamps}


WORKFLOWS = (Ledger,)


def say(line: str) -> None:
    os.write(1, (line + "\n").encode())


def log_execution(path: Path, n: int) -> int:
    """Append one line per execution; returns how many executions came before."""
    with path.open("a+") as fh:
        fh.seek(0)
        before = len(fh.read().splitlines())
        fh.write(f"{n}\n")
        fh.flush()
        os.fsync(fh.fileno())
    return before


def activities(db: Path) -> dict[str, Any]:
    executions = db.with_name("executions.log")

    def stamp(payload: dict[str, Any], ctx: ActivityContext) -> dict[str, Any]:
        log_execution(executions, int(payload["n"]))
        return {"n": payload["n"], "attempt": ctx.attempt}

    def fragile(payload: dict[str, Any], ctx: ActivityContext) -> str:
        if log_execution(executions, int(payload["n"])) == 0:
            # The work is done (the marker is written) but the result is not recorded.
            os.kill(os.getpid(), signal.SIGKILL)
        return "done"

    return {"stamp": stamp, "fragile": fragile}


def open_ledger(db: Path) -> Engine:
    engine = Engine(db, WORKFLOWS, origin="device:crash")
    try:
        engine.get(WORKFLOW_ID)
    except WorkflowNotFoundError:
        engine.start("ledger", None, workflow_id=WORKFLOW_ID)
    return engine


def worker(mode: str, db: Path) -> None:
    say(f"pid {os.getpid()}")
    engine = open_ledger(db)
    if mode == "signals":
        n = len(engine.query(WORKFLOW_ID, "state")["entries"])
        while True:
            ack = engine.signal(WORKFLOW_ID, "entry", {"n": n})
            say(f"ack {ack.seq} {n}")
            n += 1
    runner = ActivityRunner(engine, activities(db), max_concurrent=2)
    # What ActivityRunner.start() does first: attempts the last process was running when
    # it died are due again (at-least-once).
    engine.recover_interrupted()
    runner.run_due()
    if mode == "selfkill":
        ack = engine.signal(WORKFLOW_ID, "request", {"n": -1})
        say(f"ack {ack.seq} -1")
        runner.run_due()
        say("survived")
        return
    n = len(engine.query(WORKFLOW_ID, "state")["requests"])
    while True:
        ack = engine.signal(WORKFLOW_ID, "request", {"n": n})
        say(f"ack {ack.seq} {n}")
        runner.run_due()
        n += 1


def zygote() -> None:
    for line in sys.stdin:
        parts = line.split()
        if not parts:
            continue
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                worker(parts[0], Path(parts[1]))
            except BaseException as exc:  # report, never fall back into the zygote loop
                say(f"error {type(exc).__name__}: {exc}")
                code = 1
            finally:
                os._exit(code)
        _, status = os.waitpid(pid, 0)
        say(f"exit {os.waitstatus_to_exitcode(status)}")


if __name__ == "__main__":
    if sys.argv[1:] == ["--zygote"]:
        zygote()
    else:
        worker(sys.argv[1], Path(sys.argv[2]))
