"""Price lists: validation with clear messages, lossless JSON, a stable content hash."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import statistics
import subprocess
import sys
import time
from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from salesdesk.sales.pricelist import (
    PriceItem,
    PriceList,
    PriceListError,
    UnknownSku,
    canonical_json,
    load_price_list,
)

D = Decimal
REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "resources" / "pricelists" / "demo-2026.json"


def item(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "sku": "LAP-TP-X1C-G12",
        "name": "Lenovo ThinkPad X1 Carbon Gen 12",
        "unit": "pcs",
        "unit_price": "2149.00",
        "vat_rate": "27",
        "category": "Laptops",
    }
    data.update(overrides)
    return data


def price_list(*items: dict[str, Any], **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "version": "2026.1",
        "currency": "EUR",
        "valid_from": "2026-01-01",
        "items": list(items)
        or [
            item(),
            item(sku="BOOK-DDIA", name="Designing Data-Intensive Applications", unit_price="49.90",
                 vat_rate="5", category="Books"),
            item(sku="CAB-CAT6A-INST", name="Cat6A cable", unit="m", unit_price="0.8450",
                 category="Cables"),
        ],
    }  # fmt: skip
    data.update(overrides)
    return data


def errors_of(data: dict[str, Any]) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        PriceList.model_validate(data)
    return {".".join(map(str, e["loc"])): e["msg"] for e in caught.value.errors()}


# --------------------------------------------------------------------------- model


def test_valid_list_and_lookup() -> None:
    pl = PriceList.model_validate(price_list())
    assert pl.currency == "EUR"
    assert pl.valid_from == date(2026, 1, 1)
    assert pl.item("BOOK-DDIA").unit_price == D("49.90")
    assert pl.item("CAB-CAT6A-INST").unit_price == D("0.8450")  # 4 decimals allowed
    assert pl.get("NOPE") is None
    assert "BOOK-DDIA" in pl
    assert "NOPE" not in pl


def test_unknown_sku_is_a_key_error_with_a_message() -> None:
    pl = PriceList.model_validate(price_list())
    with pytest.raises(KeyError) as caught:
        pl.item("NOPE-1")
    assert isinstance(caught.value, UnknownSku)
    assert str(caught.value) == "SKU 'NOPE-1' is not in price list 2026.1"


def test_price_list_is_immutable() -> None:
    pl = PriceList.model_validate(price_list())
    with pytest.raises(ValidationError):
        pl.version = "2026.2"  # type: ignore[misc]
    with pytest.raises(ValidationError):
        pl.items[0].unit_price = D(1)  # type: ignore[misc]
    assert isinstance(pl.items, tuple)


def test_duplicate_sku_is_named() -> None:
    errors = errors_of(price_list(item(), item(sku="A-1"), item(name="Same SKU again")))
    assert errors == {
        "items": "SKU 'LAP-TP-X1C-G12' appears twice (items 0 and 2) — every SKU must appear "
        "only once"
    }


@pytest.mark.parametrize(
    ("overrides", "where", "fragment"),
    [
        ({"unit_price": "-0.01"}, "items.0.unit_price", "greater than or equal to 0"),
        ({"unit_price": "1.00001"}, "items.0.unit_price", "no more than 4 decimal places"),
        ({"unit_price": "NaN"}, "items.0.unit_price", "finite"),
        ({"unit_price": "Infinity"}, "items.0.unit_price", "finite"),
        ({"unit_price": 12.5}, "items.0", "unit_price must be an exact decimal"),
        ({"vat_rate": 27.0}, "items.0", "vat_rate must be an exact decimal"),
        ({"vat_rate": "100.5"}, "items.0.vat_rate", "less than or equal to 100"),
        ({"vat_rate": "-1"}, "items.0.vat_rate", "greater than or equal to 0"),
        ({"vat_rate": "5.125"}, "items.0.vat_rate", "no more than 2 decimal places"),
        ({"unit": "stk"}, "items.0.unit", "'pcs'"),
        ({"sku": "lap x1"}, "items.0.sku", "pattern"),
        ({"sku": "-LAP"}, "items.0.sku", "pattern"),
        ({"name": "  "}, "items.0.name", "at least 1 character"),
        ({"colour": "black"}, "items.0.colour", "Extra inputs are not permitted"),
    ],
)
def test_item_validation(overrides: dict[str, Any], where: str, fragment: str) -> None:
    errors = errors_of(price_list(item(**overrides)))
    assert where in errors
    assert fragment in errors[where]


@pytest.mark.parametrize(
    ("overrides", "where", "fragment"),
    [
        ({"currency": "EURO"}, "currency", "three-letter ISO 4217 code"),
        ({"currency": "eur"}, "currency", "three-letter ISO 4217 code"),
        ({"currency": "ABC"}, "currency", "unknown currency 'ABC'"),
        ({"valid_from": "01.01.2026"}, "valid_from", "must be a date like 2026-03-31"),
        ({"valid_from": 1767225600}, "valid_from", "must be a date like 2026-03-31"),
        ({"valid_from": "2026-02-30"}, "valid_from", "2026-02-30 is not a date in the calendar"),
        ({"version": "2026 1"}, "version", "pattern"),
        ({"version": ""}, "version", "pattern"),
        ({"items": []}, "items", "must contain at least one item"),
    ],
)
def test_list_validation(overrides: dict[str, Any], where: str, fragment: str) -> None:
    errors = errors_of(price_list(**overrides))
    assert fragment in errors[where]


def test_unit_prices_with_trailing_zeros_are_fine() -> None:
    pl = PriceList.model_validate(price_list(item(unit_price="12.500000")))
    assert pl.items[0].unit_price == D("12.5")


# --------------------------------------------------------------------------- JSON and hash


def test_json_round_trip_is_lossless() -> None:
    pl = PriceList.model_validate(price_list())
    text = pl.model_dump_json()
    assert '"unit_price":"2149.00"' in text  # the scale survives, as a string
    again = PriceList.model_validate_json(text)
    assert again == pl
    assert again.model_dump_json() == text
    assert again.content_hash() == pl.content_hash()
    # ... and through plain dicts, which is how a history event carries it.
    via_dict = PriceList.model_validate(json.loads(json.dumps(pl.model_dump(mode="json"))))
    assert via_dict == pl


def test_json_numbers_are_refused_in_snapshots() -> None:
    text = json.dumps(price_list()).replace('"2149.00"', "2149.00")
    with pytest.raises(ValidationError, match="exact decimal"):
        PriceList.model_validate_json(text)


def test_canonical_json_shape() -> None:
    pl = PriceList.model_validate(price_list(item(unit_price="10.50", vat_rate="27.00")))
    assert canonical_json(pl) == (
        b'{"currency":"EUR","items":[{"category":"Laptops","name":"Lenovo ThinkPad X1 Carbon '
        b'Gen 12","sku":"LAP-TP-X1C-G12","unit":"pcs","unit_price":"10.5","vat_rate":"27"}],'
        b'"valid_from":"2026-01-01","version":"2026.1"}'
    )
    assert pl.content_hash() == hashlib.sha256(canonical_json(pl)).hexdigest()


def test_hash_is_pinned() -> None:
    # Hashes are stored in sale histories and checked by the server: a change of the
    # canonical form breaks every stored sale. Change this value only with a migration.
    pl = PriceList.model_validate(price_list(item(unit_price="10.50", vat_rate="27.00")))
    assert pl.content_hash() == "f8804135aba5adaaf8633c923a323e324e17157c06e2b253aa74586c6d50bf43"


def test_hash_ignores_key_order_whitespace_and_trailing_zeros() -> None:
    pl = PriceList.model_validate(price_list())
    reordered = {
        "items": [dict(reversed(list(entry.items()))) for entry in price_list()["items"]],
        "valid_from": "2026-01-01",
        "currency": "EUR",
        "version": "2026.1",
    }
    text = json.dumps(reordered, indent=4).replace('"2149.00"', '"2149.0000"')
    other = PriceList.model_validate_json(text)
    assert other.content_hash() == pl.content_hash()


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["items"][0].update(unit_price="2149.01"),
        lambda d: d["items"][0].update(vat_rate="5"),
        lambda d: d["items"][0].update(name="Lenovo ThinkPad X1 Carbon Gen 13"),
        lambda d: d.update(valid_from="2026-01-02"),
        lambda d: d.update(version="2026.2"),
        lambda d: d["items"].reverse(),  # order is content: it is the order agents see
    ],
)
def test_hash_changes_with_content(change: Any) -> None:
    data = price_list()
    before = PriceList.model_validate(data).content_hash()
    change(data)
    assert PriceList.model_validate(data).content_hash() != before


def test_hash_is_stable_across_processes() -> None:
    code = (
        "from salesdesk.sales.pricelist import load_price_list;"
        f"print(load_price_list({str(DEMO)!r}).content_hash())"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", code],
            check=True,
            capture_output=True,
            text=True,
            env={"PYTHONHASHSEED": seed, "PATH": ""},
        ).stdout.strip()
        for seed in ("1", "2")
    }
    assert runs == {load_price_list(DEMO).content_hash()}


def test_snapshot_round_trip_and_tamper_check() -> None:
    pl = PriceList.model_validate(price_list())
    snap = json.loads(json.dumps(pl.snapshot()))  # as stored in a history event
    assert PriceList.from_snapshot(snap["price_list"], snap["content_hash"]) == pl
    assert PriceList.from_snapshot(json.dumps(snap["price_list"]), snap["content_hash"]) == pl

    snap["price_list"]["items"][0]["unit_price"] = "1.00"
    with pytest.raises(PriceListError, match="does not match its hash"):
        PriceList.from_snapshot(snap["price_list"], snap["content_hash"])
    snap["price_list"]["items"][0]["unit_price"] = "-1.00"
    with pytest.raises(PriceListError, match=r"items\.0\.unit_price \(SKU LAP-TP-X1C-G12\)"):
        PriceList.from_snapshot(snap["price_list"], snap["content_hash"])


# --------------------------------------------------------------------------- loading


def test_load_missing_file(tmp_path: Path) -> None:
    with pytest.raises(PriceListError, match=r"price list file not found: .*nope\.json"):
        load_price_list(tmp_path / "nope.json")


def test_load_not_json_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{\n  "version": "2026.1",\n  "currency": "EUR",,\n}', encoding="utf-8")
    with pytest.raises(PriceListError, match="not valid JSON at line 3, column 21"):
        load_price_list(path)


def test_load_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.json"
    path.write_bytes('{"name": "Kávé"}'.encode("latin-1"))
    with pytest.raises(PriceListError, match="not UTF-8"):
        load_price_list(path)


def test_load_not_an_object(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text("[]", encoding="utf-8")
    with pytest.raises(PriceListError, match="must contain a JSON object"):
        load_price_list(path)


def test_load_refuses_nan(tmp_path: Path) -> None:
    path = tmp_path / "nan.json"
    path.write_text(json.dumps(price_list()).replace('"2149.00"', "NaN"), encoding="utf-8")
    with pytest.raises(PriceListError, match="NaN is not a number a price list can use"):
        load_price_list(path)


def test_load_reads_json_numbers_exactly(tmp_path: Path) -> None:
    path = tmp_path / "numbers.json"
    path.write_text(json.dumps(price_list()).replace('"2149.00"', "2149.10"), encoding="utf-8")
    assert load_price_list(path).item("LAP-TP-X1C-G12").unit_price.as_tuple().exponent == -2


def test_load_validation_errors_name_path_sku_and_line(tmp_path: Path) -> None:
    data = price_list()
    data["currency"] = "EURO"
    data["items"][1]["unit_price"] = "-5"
    data["items"][2]["unit"] = "metre"
    del data["items"][0]["name"]
    path = tmp_path / "list.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    with pytest.raises(PriceListError) as caught:
        load_price_list(path)
    lines = str(caught.value).splitlines()
    assert lines[0] == f"{path}: 4 problems:"
    assert lines[1:] == [
        "  - currency (line 3): must be a three-letter ISO 4217 code such as EUR, got 'EURO'",
        "  - items.0.name (SKU LAP-TP-X1C-G12, line 7): is required",
        "  - items.1.unit_price (SKU BOOK-DDIA, line 14): must not be negative",
        "  - items.2.unit (SKU CAB-CAT6A-INST, line 22): unknown unit 'metre' — use one of: box, "
        "day, h, kg, l, licence, m, month, pack, pair, pcs, ream, roll, set, user, year",
    ]


# --------------------------------------------------------------------------- demo list


@pytest.fixture(scope="module")
def demo() -> PriceList:
    return load_price_list(DEMO)


def test_demo_list_loads(demo: PriceList) -> None:
    assert (demo.version, demo.currency, demo.valid_from) == ("2026.1", "EUR", date(2026, 1, 1))
    assert 180 <= len(demo.items) <= 260
    assert len({entry.sku for entry in demo.items}) == len(demo.items)


def test_demo_list_has_several_vat_rates(demo: PriceList) -> None:
    rates = Counter(entry.vat_rate for entry in demo.items)
    assert set(rates) == {D(27), D(18), D(5), D(0)}
    assert all(count >= 5 for count in rates.values())


def test_demo_list_covers_the_catalogue(demo: PriceList) -> None:
    categories = Counter(entry.category for entry in demo.items)
    for expected in (
        "Laptops",
        "Monitors",
        "Docking stations",
        "Toner & ink",
        "Paper",
        "Furniture",
        "Software licences",
        "Services",
        "Books",
        "Coffee & kitchen",
    ):
        assert categories[expected] >= 5, expected  # fmt: skip
    assert {entry.unit for entry in demo.items} >= {"pcs", "h", "m", "kg", "year", "box"}


def test_demo_list_matches_its_generator(demo: PriceList) -> None:
    spec = importlib.util.spec_from_file_location(
        "generate_demo", DEMO.with_name("generate_demo.py")
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rows = [(e.sku, e.name, e.unit, str(e.unit_price), str(e.vat_rate), e.category)
            for e in demo.items]  # fmt: skip
    assert rows == list(module.ALL), "re-run resources/pricelists/generate_demo.py"


def test_demo_list_validates_fast(demo: PriceList) -> None:
    # Every replay validates the embedded snapshot. Target: well under 2 ms for ~200
    # items; the bound here is loose because test machines are shared and noisy.
    data = demo.model_dump(mode="json")
    timings = []
    for _ in range(30):
        start = time.perf_counter()
        PriceList.model_validate(data)
        timings.append(time.perf_counter() - start)
    assert min(timings) < 0.005, f"best {min(timings) * 1000:.2f} ms"
    assert statistics.median(timings) < 0.02


def test_price_item_alone_refuses_floats() -> None:
    with pytest.raises(ValidationError, match="unit_price must be an exact decimal"):
        PriceItem.model_validate(item(unit_price=0.1))


def test_updated_copy_is_revalidated_and_rehashed() -> None:
    pl = PriceList.model_validate(price_list())
    original = pl.content_hash()
    copy = pl.model_copy(update={"version": "2026.2"})
    assert copy.version == "2026.2"
    assert copy.content_hash() != original
    assert copy.item("BOOK-DDIA") == pl.item("BOOK-DDIA")
    with pytest.raises(ValidationError):
        pl.model_copy(update={"currency": "EURO"})
    assert pl.model_copy() == pl
