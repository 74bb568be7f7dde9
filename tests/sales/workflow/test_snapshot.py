"""The price snapshot: a sale keeps the prices it started with, on any profile."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from salesdesk import flow
from salesdesk.flow.replayer import replay_all
from salesdesk.sales import workflow as sale_workflow
from salesdesk.sales.service import SalesService

from .support import (
    CONTACT,
    DE,
    LINES,
    PRICE_LIST,
    Lookups,
    ServiceFactory,
    fill_sale,
    run_lookups,
    terms,
    write_price_list,
)

ORDER = "SO-2026-000777"


def test_a_price_list_imported_later_does_not_change_a_started_sale(
    svc: SalesService, tmp_path: Path
) -> None:
    first = svc.new_sale()
    svc.signal(first, "lines", LINES)
    old_hash = svc.summary(first).price_list_hash
    newer = [dict(item) for item in PRICE_LIST["items"]]
    newer[0]["unit_price"] = "1389.00"
    newer.append({**newer[1], "sku": "DOCK-1", "name": "USB-C dock", "unit": "pcs"})
    svc.price_lists.import_file(
        write_price_list(tmp_path / "newer.json", version="T-2026.2", items=newer)
    )

    # The open sale still prices with its snapshot, also for lines entered now.
    svc.signal(
        first, "lines", {"items": [{"sku": "LAP-1", "quantity": 4, "discount_percent": "5"}]}
    )
    s = svc.summary(first)
    assert (s.price_list_version, s.price_list_hash) == ("T-2026.1", old_hash)
    assert (s.lines[0].unit_price, s.totals.net) == ("1289.00", "4898.20")  # 4 x 1289 x 0.95
    with pytest.raises(flow.SignalRejected) as refused:
        svc.signal(first, "lines", {"items": [{"sku": "DOCK-1", "quantity": 1}]})
    assert refused.value.fields == {
        "items.0.sku": "DOCK-1 is not in price list T-2026.1; pick a product from the list"
    }

    second = svc.new_sale()
    svc.signal(second, "lines", LINES)
    s = svc.summary(second)
    assert (s.price_list_version, s.lines[0].unit_price, s.totals.net) == (
        "T-2026.2",
        "1389.00",
        "3958.65",  # 3 x 1389 x 0.95
    )

    # Rebuilt from the history alone (no caches), the first sale is unchanged.
    before = svc.summary(first)
    svc.engine.clear_cache()
    sale_workflow._PRICE_LISTS.clear()
    assert svc.summary(first) == before


def test_an_exported_history_replays_identically_on_another_profile(
    make_service: ServiceFactory, lookups: Lookups
) -> None:
    a = make_service("a")
    wid = a.new_sale()
    fill_sale(a, wid, vat=DE)
    a.signal(wid, "customer", {"vat_number": DE, "company_name": "Müller GmbH"})
    run_lookups(a)  # a new credit check for the agent's name; the old one is superseded
    for name, payload in (("contact", CONTACT), ("lines", LINES), ("terms", terms())):
        a.signal(wid, name, payload)
    a.signal(wid, "submit", {})
    assert [v.status for v in a.summary(wid).lookups] == [
        "done",
        "done",
        "superseded",
        "done",
    ]
    document = json.loads(json.dumps(a.export_history(wid)))

    b = make_service("b", price_list=None)  # no price list at all on this profile
    assert b.import_history(document) == wid
    assert b.summary(wid) == a.summary(wid)
    assert b.summary(wid).model_dump(mode="json") == a.summary(wid).model_dump(mode="json")
    assert [e.text for e in b.timeline(wid)] == [e.text for e in a.timeline(wid)]
    assert {e.who for e in b.timeline(wid)} == {f"other device ({a.device_id[:8]})"}
    assert b.export_history(wid) == document
    assert replay_all(b.engine).ok

    assert b.import_history(document) == wid  # the same history again: a no-op

    # Both profiles go on identically from there.
    for profile in (a, b):
        profile.engine.signal(wid, "accepted", {"order_number": ORDER}, origin="server")
    assert b.summary(wid).model_dump() == a.summary(wid).model_dump()
    assert b.summary(wid).status == "accepted"
    assert b.export_history(wid) == a.export_history(wid)

    # A different history under an existing id (here: the older one) is refused.
    with pytest.raises(flow.FlowError, match="already exists here with a different history"):
        b.import_history(document)
    assert b.summary(wid).status == "accepted"


def test_a_history_whose_price_list_was_altered_is_refused_on_import(
    make_service: ServiceFactory,
) -> None:
    a = make_service("a")
    wid = a.new_sale()
    a.signal(wid, "lines", LINES)
    document = a.export_history(wid)
    altered = json.loads(json.dumps(document))
    start = altered["events"][0]["data"]["input"]
    assert start["price_list"]["items"][0]["sku"] == "LAP-1"
    start["price_list"]["items"][0]["unit_price"] = "1.00"

    b = make_service("b", price_list=None)
    # This process has already parsed the genuine list (profile a): a cached list must
    # not stand in for the altered one.
    with pytest.raises(flow.HistoryFormatError) as refused:
        b.import_history(altered)
    message = str(refused.value)
    assert "price list snapshot T-2026.1 does not match its hash" in message
    assert "it was altered" in message
    assert "patched(" not in message
    assert b.sales() == []

    sale_workflow._PRICE_LISTS.clear()  # as in a fresh process
    with pytest.raises(flow.HistoryFormatError, match="it was altered"):
        b.import_history(altered)
    assert b.sales() == []
    # The genuine history still imports.
    assert b.import_history(document) == wid
    assert b.summary(wid).totals.net == "3673.65"
