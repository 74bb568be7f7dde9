"""The desktop process of the kill -9 test.

Started once as a zygote (imports done once, no threads, no open database); for every
``go N`` line on stdin it forks a worker, prints ``pid P``, and later ``exit P CODE`` when
the worker is gone. A worker is the app in miniature: it opens the profile, lets the lookup
runner work in the background, and alternates agent actions with sync cycles until it is
killed. Every acknowledged signal is appended to the ack log (one JSON key per line)
right after the engine acknowledged it.

Usage: python kill_child.py DATA_DIR ACK_LOG SEED
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from tests.sync.agent_ops import Key, RandomAgent  # noqa: E402

from salesdesk.flow.errors import FlowError  # noqa: E402
from salesdesk.sales.service import SalesService  # noqa: E402
from salesdesk.sales.standin import STANDIN_ACTIVITIES  # noqa: E402
from salesdesk.sync.client import ServerClient  # noqa: E402
from salesdesk.sync.errors import SyncError  # noqa: E402
from salesdesk.sync.profile import SyncProfile  # noqa: E402
from salesdesk.sync.service import SyncService  # noqa: E402


def client(profile: SyncProfile, token: str | None) -> ServerClient:
    return ServerClient(profile.server_url, token, timeout=2.0)


def work(data_dir: Path, ack_log: Path, seed: int, life: int) -> None:
    sales = SalesService(data_dir, STANDIN_ACTIVITIES)
    sales.start_background()  # like the app: interrupted lookups run again
    sync = SyncService(sales, client_factory=client)
    log = ack_log.open("a", encoding="utf-8")

    def acked(key: Key) -> None:
        log.write(json.dumps(key) + "\n")
        log.flush()  # in the kernel now: survives SIGKILL of this process

    rng = random.Random(seed * 1000 + life)
    # Each life numbers its payloads from its own thousand (a life lasts under a second,
    # far too short for a thousand signals), so no two lives send the same payload.
    agent = RandomAgent(sales, rng, f"k{seed}x{life}", counter_start=life * 1000, on_ack=acked)
    print(f"ready {os.getpid()}", flush=True)
    while True:
        if rng.random() < 0.5:
            with contextlib.suppress(SyncError, FlowError):
                sync.run_cycle()
        else:
            agent.act()


def main() -> None:
    data_dir, ack_log, seed = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    print("zygote ready", flush=True)
    for line in sys.stdin:
        command, _, arg = line.strip().partition(" ")
        if command == "quit":
            return
        if command != "go":
            continue
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                work(data_dir, ack_log, seed, int(arg))
            except BaseException as exc:  # a worker never returns normally
                print(f"worker failed: {exc!r}", file=sys.stderr, flush=True)
                code = 1
            finally:
                os._exit(code)
        print(f"pid {pid}", flush=True)
        _, status = os.waitpid(pid, 0)
        print(f"exit {pid} {os.waitstatus_to_exitcode(status)}", flush=True)


if __name__ == "__main__":
    main()
