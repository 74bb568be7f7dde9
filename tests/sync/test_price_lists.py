"""Price lists on the device: fetched with an ETag, every version kept, and a list the
server never published refused — visibly — when a sale built on it is pushed."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.support.faulty_proxy import FaultyProxy

from salesdesk.sales.pricelist import load_price_list

from .helpers import CONTACT, CUSTOMER, PRICE_LIST_FILE, SKU, Fleet, ServerHandle, lines

CURRENT = "/api/v1/price-lists/current"


@pytest.fixture
def proxy(server: ServerHandle) -> Iterator[FaultyProxy]:
    with FaultyProxy(server.base_url) as p:
        yield p


def variant(tmp_path: Path, version: str, price: str) -> Path:
    data: dict[str, Any] = json.loads(PRICE_LIST_FILE.read_text(encoding="utf-8"))
    data["version"] = version
    data["items"][0]["unit_price"] = price
    path = tmp_path / f"price-list-{version}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def stamps(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}


def test_current_list_with_etag_and_every_version_kept(
    server: ServerHandle, proxy: FaultyProxy, fleet: Fleet, tmp_path: Path
) -> None:
    device = fleet.device("laptop")
    device.login(proxy.url)
    report = device.cycle()
    assert report.price_list == "2026.1"
    first = device.sales.price_lists.current()
    assert (
        first is not None
        and first.content_hash() == load_price_list(PRICE_LIST_FILE).content_hash()
    )
    folder = device.sales.price_lists.folder
    before = stamps(folder)

    report = device.cycle()
    assert report.price_list is None
    fetched = [(r.method, r.status) for r in proxy.log if r.path == CURRENT]
    assert fetched == [("GET", 200), ("GET", 304)]
    assert stamps(folder) == before, "a 304 must not rewrite anything"

    wid = device.sales.new_sale()  # open, on 2026.1
    device.signal(wid, "customer", CUSTOMER)
    device.cycle()

    newer = variant(tmp_path, "2026.2", "2249.00")
    with server.http("root") as http:
        answer = http.post("/api/v1/admin/price-lists", content=newer.read_bytes())
        assert answer.status_code == 201, answer.text
    report = device.cycle()
    assert report.price_list == "2026.2"
    second = device.sales.price_lists.current()
    assert second is not None and second.version == "2026.2"
    assert sorted(device.sales.price_lists.hashes()) == sorted(
        [first.content_hash(), second.content_hash()]
    )
    assert device.sales.price_lists.get(first.content_hash()) == first

    # The open sale keeps its own list (2026.1 prices); a new sale takes 2026.2.
    device.signal(wid, "lines", lines("0", quantity=1))
    summary = device.summary(wid)
    assert summary.price_list_version == "2026.1"
    assert summary.lines[0].unit_price == "2149.00"
    fresh = device.sales.new_sale()
    device.signal(fresh, "lines", lines("0", quantity=1))
    assert device.summary(fresh).price_list_version == "2026.2"
    assert device.summary(fresh).lines[0].unit_price == "2249.00"
    report = device.cycle()
    assert report.rejected == {}
    assert device.pending() == 0
    for sale in (wid, fresh):
        assert device.history(sale) == server.history(sale)


def test_sale_on_an_unpublished_list_is_refused_visibly(
    server: ServerHandle, proxy: FaultyProxy, fleet: Fleet, tmp_path: Path
) -> None:
    device = fleet.device("laptop")
    device.login(proxy.url)
    device.cycle()
    local = device.sales.price_lists.import_file(variant(tmp_path, "2026.1-local", "1.00"))
    wid = device.sales.new_sale()
    device.signal(wid, "customer", CUSTOMER)
    device.signal(wid, "contact", CONTACT)
    assert device.summary(wid).price_list_hash == local.content_hash()

    report = device.cycle()
    assert list(report.rejected) == [wid]
    assert "price list this server never published" in report.rejected[wid]
    conflicts = device.summary(wid).conflicts
    assert [c["kind"] for c in conflicts] == ["rejected"]
    assert "never published" in conflicts[0]["reason"]
    assert device.sync.board.current().conflicts == 1
    pending = device.pending()
    assert pending == len(device.history(wid)), "the refused sale stays on the device"
    with server.http("anna") as http:
        assert http.get(f"/api/v1/workflows/{wid}/events").status_code == 404

    # Not pushed again as it stands; pushed again (and refused again) once it changes.
    pushes = sum(1 for r in proxy.log if r.path == "/api/v1/sync/push")
    report = device.cycle()
    assert report.rejected == {}
    assert sum(1 for r in proxy.log if r.path == "/api/v1/sync/push") == pushes
    assert device.summary(wid).conflicts == conflicts
    device.signal(wid, "lines", lines("0", quantity=1, sku=SKU))
    report = device.cycle()
    assert list(report.rejected) == [wid]
    assert device.pending() == len(device.history(wid)) > pending
    assert device.summary(wid).lines[0].unit_price == "1.00"
