"""Example sales for the demo profile, screenshots and the benchmark (worker thread only)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from salesdesk.sales.service import SalesService

EXAMPLES: list[dict[str, Any]] = [
    {
        "customer": {"vat_number": "DE136695976"},
        "contact": {
            "name": "Jonas Weber",
            "email": "j.weber@example.de",
            "phone": "+49 89 1234567",
        },
        "lines": {
            "items": [
                {"sku": "LAP-TP-T14-G5", "quantity": 12, "discount_percent": "5"},
                {"sku": "LAP-TP-X1C-G12", "quantity": 2, "discount_percent": "0"},
            ]
        },
        "terms": {"payment_terms_days": 30, "notes": "Delivery to the Munich office."},
        "submit": True,
    },
    {
        "customer": {"vat_number": "HU12892312"},
        "contact": {"name": "Kovács Anna", "email": "anna.kovacs@example.hu"},
        "lines": {"items": [{"sku": "LAP-TP-E14-G6", "quantity": 25, "discount_percent": "20"}]},
        "terms": {"payment_terms_days": 15},
    },
    {
        "customer": {"vat_number": "FR40303265045"},
        "contact": {"name": "Claire Dupont", "email": "claire.dupont@example.fr"},
    },
    {
        "customer": {"vat_number": "IT00743110157"},
        "contact": {"name": "Marco Rossi", "email": "m.rossi@example.it"},
        "lines": {"items": [{"sku": "LAP-TP-T14S-G6", "quantity": 3, "discount_percent": "0"}]},
        "cancel": "The customer chose another supplier.",
    },
]


def seed_examples(service: SalesService, *, wait_seconds: float = 5.0) -> list[str]:
    """Start the example sales and let their (stand-in) lookups finish."""
    ids = []
    for example in EXAMPLES:
        wid = service.new_sale()
        for step in ("customer", "contact", "lines", "terms"):
            if step in example:
                service.signal(wid, step, example[step])
                service.run_lookups(wait_seconds)
        if example.get("submit"):
            service.signal(wid, "submit", {})
        if example.get("cancel"):
            service.signal(wid, "cancel", {"reason": example["cancel"]})
        ids.append(wid)
    service.run_lookups(wait_seconds)
    return ids
