"""The ``salesdesk`` command end to end: exit codes, messages and its stable JSON output."""

from __future__ import annotations

import json
import re
import sqlite3
import uuid
from datetime import UTC, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from salesdesk.sales.service import SalesService
from salesdesk.sales.standin import STANDIN_ACTIVITIES

from .conftest import V1_FIXTURE, Cli, event_count

SUMMARY_KEYS = {
    "workflow_id",
    "status",
    "current_step",
    "steps",
    "customer",
    "contact",
    "lines",
    "terms",
    "totals",
    "lookups",
    "approval",
    "price_list_version",
    "price_list_hash",
    "agent",
    "device",
    "started_at",
    "expires_at",
    "submit_pending",
    "problems",
    "order_number",
    "cancel_reason",
    "conflicts",
}
LOOKUP_KEYS = {
    "kind",
    "activity_id",
    "status",
    "input",
    "result",
    "error",
    "error_code",
    "attempts",
    "next_try",
    "last_error",
}
ACCEPTED = '{"order_number": "SO-2026-000123"}'
LINES = {
    "items": [
        {"sku": "LAP-TP-T14-G5", "quantity": 3, "discount_percent": "5"},
        {"sku": "MON-DL-P2425H", "quantity": 6},
        {"sku": "BOOK-DDIA", "quantity": 2},
    ]
}


def delivery_date() -> str:
    return (datetime.now(UTC).date() + timedelta(days=14)).isoformat()


def make_sale(data_dir: Path, price_list: Path, *, finish: bool = True) -> str:
    """A sale recorded in-process (fast) with the same stand-in lookups the CLI uses."""
    with SalesService(data_dir, STANDIN_ACTIVITIES) as svc:
        svc.price_lists.import_file(price_list)
        wid = svc.new_sale()
        svc.signal(wid, "customer", {"vat_number": "HU12892312"})
        if finish:
            svc.run_lookups(5)
            svc.signal(wid, "contact", {"name": "Kiss Éva", "email": "eva@example.hu"})
            svc.signal(wid, "lines", LINES)
            svc.run_lookups(5)
            svc.signal(wid, "terms", {"payment_terms_days": 30})
        return wid


def expected_totals(price_list: Path) -> dict[str, Any]:
    """LINES priced by hand from the demo list's file (it may still change): per line
    net = round(price x qty x (100 - discount) / 100), VAT = round(net x rate / 100), half up.
    With the list as written: 3 x 1289.00 -5% = 3673.65 (VAT 27% 991.89), 6 x 169.00 =
    1014.00 (VAT 273.78), 2 x 49.90 = 99.80 (VAT 5% 4.99): gross 6058.11."""
    cent = Decimal("0.01")
    items = {i["sku"]: i for i in json.loads(price_list.read_text(encoding="utf-8"))["items"]}
    net = vat = discount = Decimal(0)
    groups: dict[Decimal, list[Decimal]] = {}
    for line in LINES["items"]:
        item = items[line["sku"]]
        price, rate = Decimal(item["unit_price"]), Decimal(item["vat_rate"])
        share = (100 - Decimal(line.get("discount_percent", "0"))) / 100
        full = (price * line["quantity"]).quantize(cent, ROUND_HALF_UP)
        line_net = (price * line["quantity"] * share).quantize(cent, ROUND_HALF_UP)
        line_vat = (line_net * rate / 100).quantize(cent, ROUND_HALF_UP)
        net, vat, discount = net + line_net, vat + line_vat, discount + full - line_net
        group = groups.setdefault(rate, [Decimal("0.00"), Decimal("0.00")])
        group[0] += line_net
        group[1] += line_vat
    return {
        "currency": "EUR",
        "net": str(net),
        "discount": str(discount),
        "vat": str(vat),
        "gross": str(net + vat),
        "vat_breakdown": [
            {"rate": str(rate), "base": str(base), "vat": str(group_vat)}
            for rate, (base, group_vat) in sorted(groups.items(), reverse=True)
        ],
    }


def test_a_scripted_sale_end_to_end(cli: Cli, price_list: Path) -> None:
    demo = json.loads(price_list.read_text(encoding="utf-8"))
    totals = expected_totals(price_list)
    version, refused = cli.run_many([(("--version",), 0, None), (("sale", "new"), 1, None)])
    assert re.fullmatch(r"salesdesk \d+\.\d+\.\d+\n", version.out)
    assert "no price list on this device yet" in refused.err
    assert "salesdesk price-list import FILE" in refused.err

    imported = cli.run("price-list", "import", str(price_list))
    assert imported.out.startswith(
        f"price list {demo['version']} ({len(demo['items'])} items, EUR) is now current; hash "
    )

    wid = cli.run("sale", "new").out.strip()
    assert str(uuid.UUID(wid)) == wid
    assert event_count(cli.data_dir, wid) == 2

    bad = cli.run(
        "sale", "signal", wid, "customer", "--json", '{"vat_number": "DE136695978"}', expect=2
    )
    assert bad.err == (
        "signal 'customer' rejected; nothing was recorded:\n"
        "  vat_number: DE136695978: check digit does not match — check for a typo\n"
    )
    assert event_count(cli.data_dir, wid) == 2

    # --wait 0: the company lookup stays queued; `lookups --run` runs it.
    customer = cli.run(
        "sale", "signal", wid, "customer", "--json", '{"vat_number": "HU 1289 2312"}', "--wait", "0"
    )
    assert customer.out == (
        "accepted as event #3; sale is now awaiting_lookups\n  lookup company: queued\n"
    )
    [queued] = json.loads(cli.run("lookups", "--json").out)
    assert queued == {
        "workflow_id": wid,
        "activity_id": 1,
        "lookup": "company_lookup",
        "state": "queued",
        "attempts": 0,
        "next_try": None,
        "last_error": None,
    }
    assert cli.run("lookups", "--run").out == "no lookups queued, waiting or failed\n"

    cli.run(
        "sale", "signal", wid, "contact", "--json",
        '{"name": "Kiss Éva", "email": "eva.kiss@example.hu", "phone": "+36 1 234 5678"}',
    )  # fmt: skip
    cli.run("sale", "signal", wid, "lines", "--json", json.dumps(LINES))
    terms = {"payment_terms_days": 30, "delivery_date": delivery_date()}
    done = cli.run("sale", "signal", wid, "terms", "--json", json.dumps(terms))
    assert done.out.endswith("; sale is now ready\n")

    submitted = json.loads(cli.run("sale", "signal", wid, "submit", "--output-json").out)
    assert submitted == {
        "accepted": True,
        "seq": submitted["seq"],
        "position": submitted["seq"] + 1,  # the submit and the cancelled expiry timer
        "status": "submitted",
    }
    # The rest only reads (or is refused), so it runs two calls at a time.
    refused, shown_text, shown_json, listed_json, listed_text, timeline_text = cli.run_many(
        [
            (("sale", "signal", wid, "accepted", "--json", ACCEPTED), 2, None),
            (("sale", "show", wid), 0, None),
            (("sale", "show", wid, "--json"), 0, None),
            (("sale", "list", "--json"), 0, None),
            (("sale", "list"), 0, None),
            (("sale", "timeline", wid), 0, None),
        ]
    )  # fmt: skip
    assert refused.err == (
        "signal 'accepted' rejected; nothing was recorded:\n"
        "  (signal): this signal may only come from the server\n"
    )

    shown = shown_text.out
    for expected in (
        f"Sale {wid}",
        "  status      submitted",
        f"  price list  {demo['version']} (",
        "  VAT number  HU12892312 (valid in VIES)",
        "  name        Kovács és Társa Kft.",
        f"  gross  {totals['gross']:>14}",
    ):
        assert expected in shown, expected
    assert "Before it can be submitted" not in shown

    summary = json.loads(shown_json.out)
    assert summary.keys() >= SUMMARY_KEYS
    assert (summary["workflow_id"], summary["status"], summary["current_step"]) == (
        wid,
        "submitted",
        "review",
    )
    assert [(s["name"], s["status"]) for s in summary["steps"]] == [
        ("customer", "done"),
        ("contact", "done"),
        ("lines", "done"),
        ("terms", "done"),
    ]
    assert summary["totals"] == totals
    assert totals["gross"] == "6058.11", "the demo list changed: check the hand computation"
    assert [(lk["kind"], lk["status"], lk["attempts"]) for lk in summary["lookups"]] == [
        ("company", "done", 1),
        ("address", "done", 1),
        ("credit", "done", 1),
    ]
    assert all(lk.keys() >= LOOKUP_KEYS for lk in summary["lookups"])
    assert summary["terms"]["delivery_date"] == delivery_date()
    assert (summary["problems"], summary["submit_pending"]) == ([], False)

    [row] = json.loads(listed_json.out)
    assert row == {
        "workflow_id": wid,
        "status": "submitted",
        "customer": "Kovács és Társa Kft.",
        "gross": totals["gross"],
        "currency": "EUR",
        "updated_at": row["updated_at"],
        "events": event_count(cli.data_dir, wid),
        "unsynced_events": event_count(cli.data_dir, wid),
    }
    listed = listed_text.out.splitlines()
    assert listed[0].split() == ["ID", "STATUS", "CUSTOMER", "GROSS", "UPDATED", "UNSYNCED"]
    assert listed[2].startswith(f"{wid}  submitted  Kovács és Társa Kft.  {totals['gross']} EUR")

    timeline = timeline_text.out.splitlines()
    assert timeline[0].split() == ["#", "TIME", "(UTC)", "BY", "WHAT"]
    texts = [line.split("this device", 1)[1].strip() for line in timeline[2:]]
    assert texts[0].startswith("Sale started by ")
    assert texts[0].endswith(f" with price list {demo['version']}")
    assert texts[1:4] == [
        f"Quote valid until {summary['expires_at'][:10]}",
        "Customer set: VAT HU12892312",
        "Started VAT / company lookup",
    ]
    assert texts[-2:] == ["Terms set: 30 days payment", "Submitted by the agent"]
    assert "Lines set: 3 line(s)" in texts
    print("\n\n".join(cli.transcript))


def test_history_export_import_show_and_replay(cli: Cli, price_list: Path, tmp_path: Path) -> None:
    wid = make_sale(cli.data_dir, price_list)
    other = tmp_path / "other-profile"
    exported = cli.run("sale", "history", wid).out
    document: dict[str, Any] = json.loads(exported)
    assert (document["format"], document["format_version"]) == ("salesdesk-history", 1)
    assert (document["workflow_id"], document["workflow_type"]) == (wid, "sale")
    assert set(document["events"][0]) == {"seq", "type", "time", "origin", "data"}
    history_file = tmp_path / "sale.json"
    history_file.write_text(exported, encoding="utf-8")

    assert cli.run("--data-dir", str(other), "sale", "import", str(history_file)).out == wid + "\n"
    here, there, replayed = cli.run_many(
        [
            (("sale", "show", wid, "--json"), 0, None),
            (("sale", "show", wid, "--json"), 0, other),
            (("replay",), 0, other),
        ]
    )
    assert json.loads(here.out) == json.loads(there.out)
    assert json.loads(there.out)["status"] == "ready"
    assert replayed.out == "replayed 1 histories: all deterministic\n"

    # Tamper with a recorded decision: replay must stop and name the sale and event.
    with sqlite3.connect(cli.data_dir / "salesdesk.db") as db:
        changed = db.execute(
            'UPDATE events SET data = replace(data, \'"name":"company_lookup"\', '
            '\'"name":"credit_check"\') WHERE workflow_id = ? AND seq = 4',
            (wid,),
        ).rowcount
    assert changed == 1
    failed = cli.run("replay", expect=1)
    assert failed.err.splitlines() == [
        f"{wid}: non-deterministic replay of sale workflow {wid} at event #4: history "
        "recorded ActivityScheduled(activity #1 'credit_check'), but the code now produced "
        "ActivityScheduled(activity #1 'company_lookup'). If the workflow code changed on "
        "purpose, guard the new path with patched('<change-id>') so that histories recorded "
        "before the change keep taking the old path.",
        "1 of 1 histories failed to replay",
    ]
    assert failed.out == ""


def test_invalid_input_is_refused_with_exit_2_and_nothing_recorded(
    cli: Cli, price_list: Path, tmp_path: Path
) -> None:
    wid = make_sale(cli.data_dir, price_list, finish=False)
    before = event_count(cli.data_dir, wid)
    with SalesService(cli.data_dir, {}) as svc:
        exported = svc.export_history(wid)
    # Histories this build cannot replay: a recorded signal that does not validate (as if
    # edited by hand), and a workflow type it does not know. Both under a new id.
    bad_signal = json.loads(json.dumps(exported)) | {"workflow_id": "edited-by-hand"}
    bad_signal["events"][2]["data"]["payload"]["vat_number"] = "HU12892313"
    unknown_type = json.loads(json.dumps(exported)) | {"workflow_id": "an-order"}
    unknown_type["workflow_type"] = unknown_type["events"][0]["data"]["workflow_type"] = "order"
    for name, document in (("bad-signal.json", bad_signal), ("order.json", unknown_type)):
        (tmp_path / name).write_text(json.dumps(document), encoding="utf-8")
    not_json = tmp_path / "not-json.json"
    not_json.write_text('{"format": "salesdesk-history",\n  oops}', encoding="utf-8")
    wrong_shape = tmp_path / "wrong.json"
    wrong_shape.write_text('{"format": "something-else"}', encoding="utf-8")
    bad_prices = tmp_path / "bad-prices.json"
    bad_prices.write_text(
        json.dumps(
            {
                "version": "2026.9",
                "currency": "EUR",
                "valid_from": "2026-01-01",
                "items": [
                    {
                        "sku": "X-1",
                        "name": "Widget",
                        "unit": "pcs",
                        "unit_price": "-1.00",
                        "vat_rate": "27",
                        "category": "Misc",
                    }
                ],
            },
            indent=1,
        ),
        encoding="utf-8",
    )
    results = cli.run_many(
        [
            (("sale", "signal", wid, "contact", "--json", "{name: Anna}"), 2, None),
            (
                ("sale", "signal", wid, "contact", "--json", '{"name": "A", "email": "a"}',
                 "--output-json"),
                2,
                None,
            ),
            (("sale", "signal", "no-such-sale", "submit"), 1, None),
            (("sale", "import", str(not_json)), 2, None),
            (("sale", "import", str(wrong_shape)), 2, None),
            (("sale", "import", str(tmp_path / "missing.json")), 2, None),
            (("price-list", "import", str(bad_prices)), 2, None),
            (("sale", "import", str(tmp_path / "bad-signal.json")), 2, None),
            (("sale", "import", str(tmp_path / "order.json")), 2, None),
        ]
    )  # fmt: skip
    bad_json, bad_contact, no_sale, not_a_file, not_history, missing, prices = results[:7]
    edited, order = results[7:]
    assert edited.err.startswith(
        f"salesdesk: {tmp_path / 'bad-signal.json'} was not imported: sale workflow "
        "edited-by-hand raised while handling SignalReceived('customer') (event #3): "
    )
    assert "HU12892313: check digit does not match" in edited.err
    assert order.err == (
        f"salesdesk: {tmp_path / 'order.json'} was not imported: unknown workflow type "
        "'order'; this build knows: sale\n"
    )
    assert bad_json.err == (
        "salesdesk: --json is not valid JSON (Expecting property name enclosed in double "
        'quotes at character 1); quote it like --json \'{"name": "Anna"}\'\n'
    )
    assert json.loads(bad_contact.out) == {
        "accepted": False,
        "signal": "contact",
        "errors": {"email": "An email address must have an @-sign."},
    }
    assert no_sale.err == "salesdesk: no workflow with id 'no-such-sale' in this profile\n"
    assert not_a_file.err == (
        f"salesdesk: {not_json} is not JSON (line 2, column 3: Expecting property name "
        "enclosed in double quotes)\n"
    )
    assert not_history.err == (
        f"salesdesk: {wrong_shape} was not imported: not a SalesDesk history: 'format' must "
        "be 'salesdesk-history'\n"
    )
    assert missing.err.startswith(f"salesdesk: cannot read {tmp_path / 'missing.json'}: ")
    assert prices.err.startswith("salesdesk: price list not imported: ")
    assert "items.0.unit_price (SKU X-1, line 7): must not be negative" in prices.err
    assert event_count(cli.data_dir, wid) == before
    # The bad price list did not replace the current one.
    with SalesService(cli.data_dir, {}) as svc:
        current = svc.price_lists.current()
        assert current is not None and current.version == "2026.1"
        assert [r.workflow_id for r in svc.sales()] == [wid]  # nothing else was imported


def test_version_report_shows_the_release_1_sale_on_the_old_path(
    cli: Cli, price_list: Path
) -> None:
    make_sale(cli.data_dir, price_list, finish=False)  # a release 2 sale (address check)
    v1_id = cli.run("sale", "import", str(V1_FIXTURE)).out.strip()
    assert v1_id == "83ee86b8-b088-4db8-a245-76810d7f69d5"
    table, as_json, replayed = cli.run_many(
        [
            (("replay", "--report-versions"), 0, None),
            (("replay", "--report-versions", "--json"), 0, None),
            (("replay",), 0, None),
        ]
    )
    lines = table.out.splitlines()
    assert lines[0].split() == [
        "WORKFLOW",
        "CHANGE",
        "OPEN",
        "NEW",
        "PATH",
        "OPEN",
        "OLD",
        "PATH",
        "OLD",
        "BRANCH",
    ]
    assert lines[2].split() == ["sale", "address-check", "1", "1", "still", "needed"]
    assert json.loads(as_json.out) == [
        {
            "workflow_type": "sale",
            "patch_id": "address-check",
            "open_with_marker": 1,
            "open_without_marker": 1,
            "old_branch_needed": True,
        }
    ]
    assert replayed.out == "replayed 2 histories: all deterministic\n"
