"""One server instance of the kill torture: the real app (build_app) under uvicorn on a
loopback port, on the shared database, lookups through the driver's demo upstreams.

Usage: python -m tests.torture.server_child DATABASE_URL PORT UPSTREAMS_URL
"""

from __future__ import annotations

import sys


def main() -> None:
    database_url, port, upstreams_url = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    import uvicorn

    from salesdesk.server.config import Argon2Params, ServerSettings
    from salesdesk.server.demo_upstreams.runner import demo_lookups_config
    from salesdesk.server.main import build_app

    settings = ServerSettings(
        database_url=database_url,
        argon2=Argon2Params(time_cost=1, memory_kib=1024, parallelism=1),
    )
    app = build_app(settings, demo_lookups_config(upstreams_url))
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


if __name__ == "__main__":
    main()
