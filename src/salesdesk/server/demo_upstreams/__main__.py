"""``python -m salesdesk.server.demo_upstreams [--host H] [--port P]``: serve the demo upstreams
in the foreground, e.g. for the demo server or for poking at them with curl."""

from __future__ import annotations

import argparse

import uvicorn

from salesdesk.server.demo_upstreams.app import make_demo_upstreams_app


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="SalesDesk demo upstreams")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8790)
    args = parser.parse_args(argv)
    print(f"VIES      http://{args.host}:{args.port}/vies")
    print(f"credit    http://{args.host}:{args.port}/credit   (X-Api-Key: demo-credit-key)")
    print(f"Nominatim http://{args.host}:{args.port}/nominatim")
    print(f"faults    POST http://{args.host}:{args.port}/_faults")
    uvicorn.run(make_demo_upstreams_app(), host=args.host, port=args.port, log_level="info")


if __name__ == "__main__":
    main()
