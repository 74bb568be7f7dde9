"""A seeded, scripted agent for the fault and kill tests: starts sales and sends signals with
payloads that are unique (except ``submit``), so the oracle can tell a signal that was lost
or applied twice. Imports only the sales side, so the kill test's child starts fast."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from typing import Any

from salesdesk.flow.errors import FlowError
from salesdesk.sales.service import SalesService
from salesdesk.sales.workflow import TERMINAL

SKUS = ("LAP-TP-X1C-G12", "LAP-TP-T14-G5", "LAP-TP-E14-G6")
VATS = ("DE812453790", "DE264188539", "FR64443061841")
Key = tuple[str, str, str]


def key_of(origin: str, name: str, payload: Any) -> Key:
    return origin, name, json.dumps(payload, sort_keys=True, separators=(",", ":"))


class RandomAgent:
    def __init__(
        self,
        sales: SalesService,
        rng: random.Random,
        tag: str,
        *,
        counter_start: int = 0,
        max_open: int = 4,
        on_ack: Callable[[Key], None] | None = None,
    ) -> None:
        self.sales = sales
        self.rng = rng
        self.tag = tag
        self.counter = counter_start
        self.max_open = max_open
        self.acked: list[Key] = []
        self.refused = 0
        self._on_ack = on_ack

    def open_sales(self) -> list[str]:
        return sorted(
            r.workflow_id
            for r in self.sales.sales()
            if (r.listing or {}).get("status") not in TERMINAL
        )

    def _next(self) -> int:
        self.counter += 1
        return self.counter

    def payload(self, name: str) -> Any:
        n = self._next()
        tag = f"{self.tag}-{n}"
        if name == "customer":
            return {"vat_number": self.rng.choice(VATS), "company_name": f"Company {tag}"}
        if name == "contact":
            return {"name": f"Contact {tag}", "email": f"c{n}.{self.tag}@example.com".lower()}
        if name == "lines":
            # Discount (<= 15 %, so no approval is needed) and quantity together make the
            # payload unique for every n: the discount alone repeats every 1,500 signals,
            # which the 200-kill run reached (a false "duplicate" across two lives).
            discount = f"{(n % 1500) / 100:.2f}"
            quantity = 1 + n // 1500
            sku = self.rng.choice(SKUS)
            return {"items": [{"sku": sku, "quantity": quantity, "discount_percent": discount}]}
        if name == "terms":
            return {"payment_terms_days": self.rng.choice((14, 30, 60)), "notes": f"note {tag}"}
        if name == "cancel":
            return {"reason": f"cancelled {tag}"}
        return {}

    def signal(self, wid: str, name: str, payload: Any) -> bool:
        try:
            ack = self.sales.signal(wid, name, payload)
        except FlowError:  # refused by a validator, or the sale is closed: nothing recorded
            self.refused += 1
            return False
        recorded = self.sales.engine.events_after(wid, ack.seq - 1)[0]
        key = key_of(recorded.origin, name, recorded.data.get("payload"))
        self.acked.append(key)
        if self._on_ack is not None:
            self._on_ack(key)
        return True

    def act(self) -> str:
        open_sales = self.open_sales()
        if not open_sales or (len(open_sales) < self.max_open and self.rng.random() < 0.15):
            wid = self.sales.new_sale()
            self.signal(wid, "customer", self.payload("customer"))
            return "new"
        wid = self.rng.choice(open_sales)
        name = self.rng.choices(
            ("customer", "contact", "lines", "terms", "submit", "cancel"),
            weights=(1, 3, 3, 3, 2, 0.3),
        )[0]
        self.signal(wid, name, self.payload(name))
        return name


def unique(key: Key) -> bool:
    return key[1] != "submit"
