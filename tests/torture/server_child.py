"""One server instance of the kill torture: the real app (build_app) under uvicorn on a
loopback port, on the shared database, lookups through the driver's demo upstreams.

``python -m tests.torture.server_child DATABASE_URL PORT UPSTREAMS_URL`` is a zygote: it
imports the server once and prints ``zygote ready``; for each ``go`` line on stdin it forks
an instance (a fresh app, engine and event loop) and prints ``pid P``, then ``exit P CODE``
once that instance is gone. A kill and restart then costs a fork, not the seconds a cold
interpreter needs to import FastAPI, SQLAlchemy and the app on a busy machine. The zygote
itself opens no database and starts no thread, so nothing unsafe crosses the fork.
"""

from __future__ import annotations

import os
import sys

import uvicorn

from salesdesk.server.config import Argon2Params, ServerSettings
from salesdesk.server.demo_upstreams.runner import demo_lookups_config
from salesdesk.server.main import build_app


def say(line: str) -> None:
    os.write(1, (line + "\n").encode())


def serve(database_url: str, port: int, upstreams_url: str) -> None:
    settings = ServerSettings(
        database_url=database_url,
        argon2=Argon2Params(time_cost=1, memory_kib=1024, parallelism=1),
    )
    app = build_app(settings, demo_lookups_config(upstreams_url))
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


def main() -> None:
    database_url, port, upstreams_url = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    say("zygote ready")
    for line in sys.stdin:
        command = line.strip()
        if command == "quit":
            return
        if command != "go":
            continue
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                serve(database_url, port, upstreams_url)
            except BaseException:
                import traceback

                traceback.print_exc()
                code = 1
            finally:
                os._exit(code)
        say(f"pid {pid}")
        _, status = os.waitpid(pid, 0)
        say(f"exit {pid} {os.waitstatus_to_exitcode(status)}")


if __name__ == "__main__":
    main()
