"""The terminal rendering of a summary (in-process: no subprocess needed)."""

from __future__ import annotations

from pathlib import Path

from salesdesk.cli_format import format_summary
from salesdesk.sales.service import SalesService

from .conftest import DEMO_PRICE_LIST


def test_discount_column_shows_only_real_discounts(tmp_path: Path) -> None:
    with SalesService(tmp_path / "profile", {}) as svc:
        svc.price_lists.import_file(DEMO_PRICE_LIST)
        wid = svc.new_sale()
        items = [
            {"sku": "PER-LG-K120", "quantity": 2, "discount_percent": "0.0"},
            {"sku": "PER-LG-B100", "quantity": 1, "discount_percent": "2.50"},
            {"sku": "CAB-USBC-1M", "quantity": 3},
        ]
        svc.signal(wid, "lines", {"items": items})
        text = format_summary(svc.summary(wid))
    lines = {line.split()[2]: line for line in text.splitlines() if " x " in line}
    no_discount = " " * 8 + "  VAT"  # the 8-wide discount column left blank
    assert "11.90" + no_discount in lines["PER-LG-K120"]  # "0.0" is no discount
    assert "6.50  -2.50%  VAT" in lines["PER-LG-B100"]
    assert "9.90" + no_discount in lines["CAB-USBC-1M"]
    assert "-0.0%" not in text
    assert "Before it can be submitted" in text
    assert "  - Customer is not filled in yet" in text
