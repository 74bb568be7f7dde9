"""Hostile signal payloads through the application service (SalesService and the engine).

Hypothesis sends signals, known names and garbage, with random JSON and with near-valid
payloads whose fields hold hostile values, to sales at every step. Each one is either
accepted or refused with SignalRejected naming fields in plain words; a refusal leaves
the history exactly as it was; nothing else may escape. The signals only the server may
send (``approve_discount``, ``accepted``) are always refused on the desktop. At the end
every history still replays (``salesdesk replay``).

Examples: 120 (``SALESDESK_PROPERTY_EXAMPLES`` for more).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from salesdesk.flow.errors import SignalRejected, WorkflowClosedError
from salesdesk.sales.pricelist import load_price_list
from salesdesk.sales.service import SalesService
from salesdesk.sales.standin import STANDIN_ACTIVITIES

from .support import JSON, NASTY_NUMBER, NASTY_TEXT, PRICE_LIST_FILE, examples, run_cli

NAMES = ["customer", "contact", "lines", "terms", "submit", "cancel"]
SERVER_ONLY = ["approve_discount", "accepted"]
VALID: dict[str, dict[str, Any]] = {
    "customer": {"vat_number": "HU12892312", "company_name": "Kovács Kft.", "address": "Budapest"},
    "contact": {"name": "Kiss Éva", "email": "eva@example.hu", "phone": "+36 1 234 5678"},
    "lines": {"items": [{"sku": "LAP-TP-T14-G5", "quantity": 3, "discount_percent": "5"}]},
    "terms": {"payment_terms_days": 30, "delivery_date": "2026-12-24", "notes": "by noon"},
    "submit": {},
    "cancel": {"reason": "customer changed their mind"},
    "approve_discount": {"approved": True, "comment": "ok"},
    "accepted": {"order_number": "SO-2026-000123"},
}
HOSTILE_VALUE = JSON | NASTY_TEXT | NASTY_NUMBER


@st.composite
def near_valid(draw: st.DrawFn, name: str) -> Any:
    """A valid payload of ``name`` with one field (or one line field) made hostile,
    dropped, or joined by an unknown one."""
    payload: dict[str, Any] = {k: v for k, v in VALID.get(name, {}).items()}
    if name == "lines" and draw(st.booleans()):
        line = dict(payload["items"][0])
        key = draw(st.sampled_from(["sku", "quantity", "discount_percent", "extra"]))
        line[key] = draw(HOSTILE_VALUE)
        count = draw(st.sampled_from([1, 2, 101]))
        payload["items"] = [line] * count
        return payload
    keys = [*payload, "unexpected"]
    key = draw(st.sampled_from(keys))
    if key in payload and draw(st.integers(0, 4)) == 0:
        del payload[key]
    else:
        payload[key] = draw(HOSTILE_VALUE)
    return payload


SIGNAL = st.one_of(
    # Valid ones too, so that sales move on and hostile input meets every step.
    st.sampled_from(NAMES[:-1]).map(lambda n: (n, VALID[n])),
    st.sampled_from(NAMES + SERVER_ONLY).flatmap(
        lambda n: st.tuples(st.just(n), near_valid(n) | JSON)
    ),
    st.tuples(NASTY_TEXT | st.text(max_size=20), JSON),
)


@pytest.fixture
def service(tmp_path: Path) -> Iterator[SalesService]:
    svc = SalesService(tmp_path / "laptop", STANDIN_ACTIVITIES)
    svc.set_agent("alice", "north")
    svc.price_lists.add(load_price_list(PRICE_LIST_FILE))
    try:
        yield svc
    finally:
        svc.close()


def _sales_at_every_step(svc: SalesService) -> list[str]:
    pool = []
    for upto in range(len(NAMES) - 1):  # new, +customer, +contact, +lines, +terms
        wid = svc.new_sale()
        for name in NAMES[:upto]:
            svc.signal(wid, name, VALID[name])
            svc.run_lookups(5)
        pool.append(wid)
    return pool


def test_hostile_signals_are_refused_clearly_and_never_recorded(
    service: SalesService, tmp_path: Path
) -> None:
    pool = _sales_at_every_step(service)
    tried = {"accepted": 0, "rejected": 0, "closed": 0}

    @given(index=st.integers(0, len(pool) - 1), signal=SIGNAL)
    @settings(
        max_examples=examples(120),
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
    )
    def send(index: int, signal: tuple[Any, Any]) -> None:
        name, payload = signal
        wid = pool[index]
        before = [e.to_json() for e in service.engine.history(wid)]
        try:
            service.signal(wid, name, payload)
        except SignalRejected as exc:
            tried["rejected"] += 1
            assert exc.fields, f"no field named for {name!r}"
            for field, message in exc.fields.items():
                assert isinstance(field, str) and isinstance(message, str) and message.strip()
                assert "Traceback" not in message and len(message) < 2000, message
            after = [e.to_json() for e in service.engine.history(wid)]
            assert after == before, "a refused signal changed the history"
            return
        except WorkflowClosedError as exc:  # a cancelled or finished sale takes no signals
            tried["closed"] += 1
            assert "accepts no more signals" in str(exc)
            assert [e.to_json() for e in service.engine.history(wid)] == before
            return
        tried["accepted"] += 1
        assert name not in SERVER_ONLY, f"the desktop accepted the server's {name!r} signal"
        assert isinstance(name, str) and name in NAMES, f"an unknown signal {name!r} was recorded"
        service.run_lookups(0.5)
        service.summary(wid)  # the sale still reads

    send()
    assert tried["rejected"] > 0 and tried["accepted"] > 0, tried
    print(f"signal fuzz: {sum(tried.values())} signals, {tried}")
    service.close()
    code, out, err = run_cli("--data-dir", str(service.data_dir), "replay")
    assert code == 0, out + err
