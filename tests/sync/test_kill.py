"""kill -9 while syncing: a desktop process works and syncs in a loop through a slow proxy
and is SIGKILLed at random moments (mid-push, mid-pull, mid-write), then started again.
After the last kill the profile is opened as the app would open it, and the same oracle as
for the fault proxy must hold: nothing pending, identical histories, every acknowledged
signal present exactly once. SALESDESK_TORTURE_KILLS raises the number of kills."""

from __future__ import annotations

import json
import os
import queue
import random
import signal
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path
from typing import IO

import keyring
import pytest
from tests.support import file_keyring
from tests.support.faulty_proxy import FaultyProxy

from .agent_ops import Key, RandomAgent, unique
from .helpers import (
    CUSTOMER,
    Device,
    Fleet,
    ServerHandle,
    assert_converged,
    converge,
    python_env,
)

CHILD = Path(__file__).with_name("kill_child.py")
KILLS = int(os.environ.get("SALESDESK_TORTURE_KILLS", "20"))
SEED = int(os.environ.get("SALESDESK_TORTURE_SEED", "7"))


class Lines:
    """Lines of a child's stdout, with a timeout."""

    def __init__(self, stream: IO[str]) -> None:
        self._queue: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._pump, args=(stream,), daemon=True).start()

    def _pump(self, stream: IO[str]) -> None:
        for line in stream:
            self._queue.put(line.rstrip("\n"))
        self._queue.put("<eof>")

    def expect(self, prefix: str, timeout: float = 30.0) -> str:
        while True:
            line = self._queue.get(timeout=timeout)
            if line.startswith(prefix):
                return line
            assert line != "<eof>", f"the child ended while we waited for {prefix!r}"


def read_acks(path: Path) -> list[Key]:
    keys: list[Key] = []
    if not path.exists():
        return keys
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            origin, name, payload = json.loads(line)
        except ValueError:
            continue  # cut by the kill: that signal counts as unacknowledged
        keys.append((origin, name, payload))
    return keys


@pytest.mark.stand_in_lookups
def test_kill_9_during_push_and_pull(server: ServerHandle, fleet: Fleet, tmp_path: Path) -> None:
    keyring_file = tmp_path / "keyring.json"
    os.environ["SALESDESK_TEST_KEYRING_FILE"] = str(keyring_file)  # restored below
    keyring.set_keyring(file_keyring.TestFileKeyring())
    ack_log = tmp_path / "acks.jsonl"
    stderr = (tmp_path / "child.err").open("w")
    rng = random.Random(SEED)
    child_dir = fleet.root / "child"
    try:
        with FaultyProxy(server.base_url, seed=SEED) as proxy:
            first = Device(child_dir, lookups="standin")
            first.login(proxy.url)
            first.cycle()
            first.close()  # the child process owns the profile from now on
            b = fleet.device("laptop-b", lookups="standin", client_timeout=3.0)
            b.login(proxy.url)
            b.cycle()
            agent_b = RandomAgent(b.sales, random.Random(SEED + 1), "kb")
            # Every exchange is slowed down, so most kills land in the middle of one.
            proxy.randomize(
                1.0,
                {"delay": 3, "bandwidth": 1},
                seed=SEED,
                delay_range=(0.02, 0.25),
                rate_range=(48 * 1024, 160 * 1024),
            )
            zygote = subprocess.Popen(
                [sys.executable, str(CHILD), str(child_dir), str(ack_log), str(SEED)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=stderr,
                text=True,
                env=python_env(keyring_file),
            )
            assert zygote.stdin is not None and zygote.stdout is not None
            lines = Lines(zygote.stdout)
            lines.expect("zygote ready")
            killed_in: Counter[str] = Counter()
            for life in range(KILLS):
                zygote.stdin.write(f"go {life}\n")
                zygote.stdin.flush()
                pid = int(lines.expect("pid ").split()[1])
                lines.expect("ready ")
                threading.Event().wait(rng.uniform(0.15, 0.9))
                busy = proxy.in_flight()
                os.kill(pid, signal.SIGKILL)
                code = int(lines.expect(f"exit {pid} ").split()[2])
                assert code == -signal.SIGKILL, (
                    f"worker {life} ended by itself ({code}): see {stderr.name}"
                )
                killed_in[busy[0].rsplit("/", 1)[-1] if busy else "between requests"] += 1
                if life % 3 == 2:  # the second laptop works on the same sales meanwhile
                    b.try_cycle()
                    agent_b.act()
                    b.sales.run_lookups(2.0)
            zygote.stdin.write("quit\n")
            zygote.stdin.flush()
            assert zygote.wait(30) == 0
            proxy.clear()

            # Opened as the app opens it after the crash, then synced until quiet.
            child = fleet.device("child", lookups="standin")
            child.engine.recover_interrupted()
            rounds = converge([child, b])
            acked = Counter(read_acks(ack_log)) + Counter(agent_b.acked)
            found = assert_converged(
                server, [child, b], acked, unique=unique, maybe_origins=[child.sales.origin]
            )
            print(
                f"{KILLS} kills, in flight at the kill: {dict(killed_in)}; "
                f"{sum(Counter(read_acks(ack_log)).values())} child signals acknowledged; "
                f"{found['sales']} sales, {found['signals']} signals, "
                f"{sum(found['conflicts'].values())} conflicts, converged in {rounds} rounds; "
                f"proxy {dict(proxy.counts)}"
            )
            assert found["sales"] >= 2
            assert sum(n for where, n in killed_in.items() if where != "between requests") >= (
                KILLS // 3
            ), killed_in
    finally:
        stderr.close()
        os.environ.pop("SALESDESK_TEST_KEYRING_FILE", None)


def test_lookup_killed_mid_attempt_runs_again_in_the_next_cli_sync(
    server: ServerHandle, fleet: Fleet
) -> None:
    device = fleet.device("laptop")
    device.login(server.base_url)
    device.cycle()
    wid = device.sales.new_sale()
    device.signal(wid, "customer", CUSTOMER)
    (task,) = device.sales.lookups()
    # What a kill during the attempt leaves behind: the runner marks the task running
    # before it calls the lookup, and nobody recorded a result.
    assert device.engine.update_task(wid, task.activity_id, state="running")
    device.close()
    fleet.devices.remove(device)

    again = fleet.device("laptop")  # the next `salesdesk sync` process
    again.sync_and_run(wait=3)
    company = next(lk for lk in again.summary(wid).lookups if lk.kind == "company")
    assert company.status == "done", company
