"""Operations: health and the sync counters in /metrics."""

from __future__ import annotations

import re

import httpx

from salesdesk.server.migrate import head_revision

from .helpers import Cluster, push_item


def _value(metrics: str, name: str) -> float:
    match = re.search(rf"^{name} (\S+)$", metrics, re.MULTILINE)
    assert match, f"{name} not in /metrics"
    return float(match.group(1))


def test_healthz_and_sync_counters(cluster: Cluster) -> None:
    health = httpx.get(f"{cluster.base_url}/healthz", timeout=10)
    assert health.status_code == 200
    assert health.json() == {"status": "ok", "schema_revision": head_revision()}
    before = cluster.metrics()
    assert _value(before, "salesdesk_sync_pushes_total") == 0

    api = cluster.api("alice")
    device = cluster.device("alice")
    wid = device.sale()
    api.push_one(device.device_id, device.item(wid))  # accepted
    api.push_one(device.device_id, device.item(wid))  # duplicate
    diverged = [dict(e, data={**e["data"], "x": 1}) for e in device.events(wid, after=2)[:2]]
    assert api.push_one(device.device_id, push_item(wid, 2, diverged))["status"] == "conflict"
    api.pull(device.device_id)
    api.pull(device.device_id, cursor=5)

    metrics = cluster.metrics()
    assert _value(metrics, "salesdesk_sync_pushes_total") == 3
    assert _value(metrics, "salesdesk_sync_pulls_total") == 2
    assert _value(metrics, "salesdesk_sync_conflicts_total") == 1
    assert _value(metrics, "salesdesk_replay_seconds_count") >= 1
    assert re.search(
        r'^salesdesk_http_requests_total\{method="POST",route="/api/v1/sync/push",'
        r'status="200"\} 3',
        metrics,
        re.MULTILINE,
    ), metrics
