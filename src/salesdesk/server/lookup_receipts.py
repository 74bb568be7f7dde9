"""Receipts of the lookups the gateway answered, so that pushed lookup results are checked.

A device records a lookup's result in the sale's history itself (it ran the activity), so
replay alone cannot tell a credit approval the bureau gave from one an agent typed into an
exported history. The gateway therefore keeps a receipt of every successful answer: the
SHA-256 of (user, lookup kind, input, result) in canonical JSON. A push whose new lookup
results have no receipt for the pushing user is refused (``SyncService``). Only digests
are stored: the answers may hold personal data and need no second copy here.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, select

from salesdesk.flow.events import Event, EventType
from salesdesk.sales.workflow import LOOKUP_KIND_OF_ACTIVITY
from salesdesk.server.db import Executor, insert_ignore
from salesdesk.server.tables import lookup_receipts

_FIND = select(lookup_receipts.c.digest).where(
    lookup_receipts.c.digest.in_(bindparam("digests", expanding=True))
)


def receipt_digest(user_id: int, kind: str, payload: Any, result: Any) -> str:
    document = {"user": user_id, "kind": kind, "input": payload, "result": result}
    text = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def record_receipt(conn: Executor, digest: str, user_id: int, kind: str, now: datetime) -> None:
    insert_ignore(
        conn,
        lookup_receipts,
        {"digest": digest, "user_id": user_id, "kind": kind, "issued_at": now},
        ["digest"],
    )


def missing_receipts(conn: Executor, digests: Collection[str]) -> set[str]:
    """Those of ``digests`` the gateway never issued."""
    if not digests:
        return set()
    found = {row[0] for row in conn.execute(_FIND, {"digests": sorted(set(digests))})}
    return set(digests) - found


@dataclass(frozen=True)
class LookupResult:
    """A lookup result recorded in a history: the event and the receipt it needs."""

    seq: int
    kind: str
    digest: str


def lookup_results(events: Sequence[Event], *, after: int, user_id: int) -> list[LookupResult]:
    """The completed lookups among ``events`` with a sequence number above ``after``, each
    with the digest of the receipt ``user_id`` must hold for it. ``events`` is the whole
    history, so that a result can be matched with the input it was scheduled with."""
    scheduled: dict[Any, tuple[Any, Any]] = {}
    found: list[LookupResult] = []
    for event in events:
        if event.type == EventType.ACTIVITY_SCHEDULED:
            scheduled[event.data.get("activity_id")] = (
                event.data.get("name"),
                event.data.get("input"),
            )
        elif event.type == EventType.ACTIVITY_COMPLETED and event.seq > after:
            name, payload = scheduled.get(event.data.get("activity_id"), (None, None))
            kind = LOOKUP_KIND_OF_ACTIVITY.get(str(name))
            if kind is not None:
                digest = receipt_digest(user_id, kind, payload, event.data.get("result"))
                found.append(LookupResult(event.seq, kind, digest))
    return found
