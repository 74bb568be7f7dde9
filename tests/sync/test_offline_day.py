"""The offline day: an agent signs in, loses the server, makes a whole sale without it, and
the sale finishes by itself once the server is back — in process and through the CLI."""

from __future__ import annotations

import json
import re
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from salesdesk.sales.service import SalesService
from salesdesk.sync.errors import OfflineError

from .helpers import (
    CONTACT,
    CUSTOMER,
    SALESDESK,
    TERMS,
    Fleet,
    ServerHandle,
    lines,
    python_env,
)

ORDER_NUMBER = re.compile(r"^SO-\d{4}-\d{6}$")


def test_offline_day(any_server: ServerHandle, fleet: Fleet) -> None:
    srv = any_server
    a = fleet.device("laptop-a")
    b = fleet.device("laptop-b")
    a.login(srv.base_url)
    b.login(srv.base_url)
    a.cycle()
    b.cycle()
    plist = a.sales.price_lists.current()
    assert plist is not None and plist.version == "2026.1"
    port = srv.port

    srv.stop()
    with pytest.raises(OfflineError):
        a.cycle()
    assert a.sync.board.current().online is False

    wid = a.sales.new_sale()
    a.signal(wid, "customer", CUSTOMER, wait=1)
    a.signal(wid, "contact", CONTACT, wait=1)
    a.signal(wid, "lines", lines("5"), wait=1)
    a.signal(wid, "terms", TERMS, wait=1)
    a.signal(wid, "submit", {}, wait=1)
    summary = a.summary(wid)
    assert summary.status == "submit_pending"
    waiting = {lk.kind: lk for lk in summary.lookups}
    assert set(waiting) == {"company", "credit"}
    for lookup in waiting.values():
        assert lookup.status == "waiting_for_network", lookup
        assert lookup.attempts == 0, "an attempt was used up while offline"
    tasks = a.sales.lookups()
    assert {t.state for t in tasks} == {"waiting_for_network"}
    # Asking the runner again while offline changes nothing and uses up nothing.
    a.sales.run_lookups(0.5)
    assert [t.attempts for t in a.sales.lookups()] == [0, 0]
    with pytest.raises(OfflineError):
        a.cycle()
    status = a.sync.board.current()
    assert status.online is False
    assert status.events_pending == a.pending() > 0
    assert status.lookups_pending == 2

    # The server comes back: a new process on the same database and port.
    srv.start()
    assert srv.port == port
    report = a.cycle()
    assert report.pushed_events > 0
    started = time.monotonic()
    a.sales.run_lookups(10.0)
    took = time.monotonic() - started
    assert took < 8.0, f"lookups did not run at once ({took:.1f} s)"
    summary = a.summary(wid)
    done = {lk.kind: lk for lk in summary.lookups if lk.status == "done"}
    assert set(done) == {"company", "credit", "address"}, summary.lookups
    assert all(lk.attempts == 1 for lk in done.values()), [lk.attempts for lk in done.values()]
    assert summary.customer is not None and summary.customer.vat_valid is True
    assert summary.status == "submitted", summary.problems

    a.cycle()  # uploads the results; the server gives the order number at once
    summary = a.summary(wid)
    assert summary.status == "accepted"
    assert summary.order_number is not None and ORDER_NUMBER.match(summary.order_number)
    assert a.pending() == 0
    status = a.sync.board.current()
    assert status.online and status.last_sync and status.events_pending == 0
    assert status.lookups_pending == 0

    b.cycle()
    on_b = b.summary(wid)
    assert on_b.status == "accepted"
    assert on_b.order_number == summary.order_number
    assert b.history(wid) == a.history(wid) == srv.history(wid)


# ---------------------------------------------------------------------------------- CLI


class Cli:
    def __init__(self, tmp_path: Path) -> None:
        self.env = python_env(tmp_path / "keyring.json")
        self.calls = 0

    def __call__(
        self, data_dir: Path, *args: str, stdin: str | None = None, expect: int | None = 0
    ) -> subprocess.CompletedProcess[str]:
        self.calls += 1
        done = subprocess.run(
            [*SALESDESK, "--data-dir", str(data_dir), *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=self.env,
            timeout=120,
            check=False,
        )
        if expect is not None:
            assert done.returncode == expect, (args, done.returncode, done.stdout, done.stderr)
        return done

    def show(self, data_dir: Path, wid: str) -> dict[str, Any]:
        shown: dict[str, Any] = json.loads(self(data_dir, "sale", "show", wid, "--json").stdout)
        return shown


def test_offline_day_cli(server: ServerHandle, tmp_path: Path) -> None:
    cli = Cli(tmp_path)
    a, b = tmp_path / "laptop-a", tmp_path / "laptop-b"
    url = server.base_url
    for laptop in (a, b):
        done = cli(laptop, "login", "--server", url, "--user", "anna", stdin="anna-pass-2026\n")
        assert "signed in to" in done.stdout and "anna" in done.stdout
    cli(a, "sync")  # fetches the price list

    server.stop()
    wid = cli(a, "sale", "new").stdout.strip()
    steps: list[tuple[str, Any]] = [
        ("customer", CUSTOMER),
        ("contact", CONTACT),
        ("lines", lines("5")),
        ("terms", TERMS),
        ("submit", {}),
    ]
    for name, payload in steps:
        done = cli(
            a, "sale", "signal", wid, name, "--json", json.dumps(payload),
            "--wait", "0.5", "--output-json",
        )  # fmt: skip
    assert json.loads(done.stdout)["status"] == "submit_pending"
    done = cli(a, "sync", expect=3)
    assert done.stderr.startswith("offline:"), done.stderr
    assert "2 lookup(s) wait for the network; nothing is lost" in done.stderr

    server.start()
    report = json.loads(cli(a, "sync", "--json").stdout)
    assert report["events_pending"] == 0 and report["lookups_pending"] == 0, report
    shown = cli.show(a, wid)
    assert shown["status"] == "accepted", shown["problems"]
    assert ORDER_NUMBER.match(shown["order_number"])
    done_lookups = [lk for lk in shown["lookups"] if lk["status"] == "done"]
    assert {lk["kind"] for lk in done_lookups} == {"company", "credit", "address"}
    assert all(lk["attempts"] == 1 for lk in done_lookups), "attempts used up while offline"

    cli(b, "sync")
    on_b = cli.show(b, wid)
    assert on_b["status"] == "accepted"
    assert on_b["order_number"] == shown["order_number"]
    with SalesService(b) as sales_b, SalesService(a) as sales_a:
        on_server = server.history(wid)
        assert [e.to_json() for e in sales_b.engine.history(wid)] == on_server
        assert [e.to_json() for e in sales_a.engine.history(wid)] == on_server
