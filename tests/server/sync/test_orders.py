"""The order desk: a submitted sale gets its order number in the same push."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from .helpers import Cluster


def test_submit_is_answered_with_the_accepted_event_and_order_number(cluster: Cluster) -> None:
    api = cluster.api("alice")
    device = cluster.device("alice")
    wid = device.sale(submit=True)
    position = len(device.events(wid))

    result = api.push_one(device.device_id, device.item(wid))

    assert result["status"] == "accepted"
    accepted, completed = result["server_events"]
    year = datetime.now(UTC).year
    assert accepted["seq"] == position + 1 and accepted["origin"] == "server"
    assert accepted["data"]["name"] == "accepted"
    order_number = accepted["data"]["payload"]["order_number"]
    assert re.fullmatch(rf"SO-{year}-\d{{6}}", order_number)
    assert order_number == f"SO-{year}-000001"
    assert completed["type"] == "WorkflowCompleted"
    assert result["position"] == position + 2

    sale = api.sale(wid)
    assert (sale["status"], sale["order_number"]) == ("accepted", order_number)
    rows = api.get("/api/v1/sales?status=accepted").json()
    assert [r["workflow_id"] for r in rows] == [wid]
    # The device applies the answer at once and agrees.
    device.apply(wid, result["server_events"])
    summary = device.service.summary(wid)
    assert (summary.status, summary.order_number) == ("accepted", order_number)
    # Re-pushing the submitted history is a duplicate, with no second order number.
    again = api.push_one(device.device_id, device.item(wid, upto=position))
    assert (again["status"], again["server_events"]) == ("duplicate", [])
    other = cluster.device("alice")
    second = other.sale(submit=True)
    result = api.push_one(other.device_id, other.item(second))
    assert result["server_events"][0]["data"]["payload"]["order_number"] == f"SO-{year}-000002"


def test_order_numbers_are_gapless_and_unique_under_concurrency(
    make_cluster: Callable[..., Cluster], pg_url: str
) -> None:
    """Many devices submit at once through two instances on one PostgreSQL."""
    cluster = make_cluster(pg_url, instances=2)
    agents = ["alice", "bob", "carol", "alice", "bob", "carol"]
    devices = [cluster.device(agent) for agent in agents]
    per_device = 5
    histories = [[d.events(d.sale(submit=True))] for d in devices]
    numbers: list[str] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(len(devices))
    guard = threading.Lock()

    def submit(index: int) -> None:
        try:
            api = cluster.api(agents[index], index % 2)
            device = devices[index]
            barrier.wait()
            for n in range(per_device):
                wid = f"order-{index}-{n}"
                item = {
                    "workflow_id": wid,
                    "workflow_type": "sale",
                    "expected_position": 0,
                    "events": histories[index][0],
                }
                result: dict[str, Any] = api.push_one(device.device_id, item)
                assert result["status"] == "accepted", result
                with guard:
                    numbers.append(result["server_events"][0]["data"]["payload"]["order_number"])
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=submit, args=(i,)) for i in range(len(devices))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    year = datetime.now(UTC).year
    total = len(devices) * per_device
    assert sorted(numbers) == [f"SO-{year}-{n:06d}" for n in range(1, total + 1)]
