"""Fuzz the whole server (build_app with the lookup gateway) from its own OpenAPI document:
no input may cause a 5xx.

Schemathesis generates requests for every operation (valid and invalid bodies, paths and
queries) and sends them over real HTTP to the server on loopback, signed in as an agent
who already has a sale on the server; the admin operations are fuzzed again as an admin
and the discount decision as the team's manager, so their bodies get past the role check;
signing out is fuzzed last, with a token of its own. Runs on SQLite and on PostgreSQL
(which refuses, for example, NUL characters in text that SQLite stores happily).

``SALESDESK_PROPERTY_EXAMPLES`` (``make torture``) raises the number of cases: a tenth of
it per operation and role (at least 15), a quarter of it for the mutated histories (at
least 60).
"""

from __future__ import annotations

import copy
import os
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from salesdesk.server.lookups import LookupsConfig
from salesdesk.server.main import build_app

from .sync.helpers import Cluster, login, seed, serve, settings_for

_PROPERTY_EXAMPLES = int(os.environ.get("SALESDESK_PROPERTY_EXAMPLES", "0") or 0)
EXAMPLES_PER_OPERATION = max(15, _PROPERTY_EXAMPLES // 10)
MUTANT_EXAMPLES = max(60, _PROPERTY_EXAMPLES // 4)
LOGOUT = "/api/v1/auth/logout"


@dataclass
class Target:
    cluster: Cluster
    headers: dict[str, str]
    workflow_id: str

    def as_user(self, name: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {login(self.cluster.base_url, name)}"}


def start_full_cluster(stack: ExitStack, url: str, tmp_path: Path) -> Cluster:
    """Like ``start_cluster``, with the lookup gateway mounted as in production; its
    upstreams point at a closed port (fuzzing must not reach out, only be answered)."""
    seed(url)
    lookups = LookupsConfig(credit_url="http://127.0.0.1:9", credit_api_key="fuzz-key")
    # The sales pushed here were recorded with the offline stand-ins' lookup results.
    app = build_app(replace(settings_for(url), verify_lookup_results=False), lookups)
    return Cluster(url, [serve(stack, app)], [app], tmp_path, stack)


@pytest.fixture(params=["sqlite", "postgresql"])
def target(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Target]:
    tmp_path: Path = tmp_path_factory.mktemp("fuzz")
    with ExitStack() as stack:
        if request.param == "sqlite":
            url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
        else:
            url = _pg_schema(stack)
        cluster = start_full_cluster(stack, url, tmp_path)
        device = cluster.device("alice")
        wid = device.sale(discount="20")
        api = cluster.api("alice")
        assert api.push_one(device.device_id, device.item(wid))["status"] == "accepted"
        token = cluster._tokens["alice"]
        yield Target(cluster, {"Authorization": f"Bearer {token}"}, wid)


def _pg_schema(stack: ExitStack) -> str:
    """A fresh PostgreSQL schema for the whole module (the ``pg_url`` fixture is per test)."""
    import os
    import uuid
    from urllib.parse import quote

    import sqlalchemy as sa

    base = os.environ.get("SALESDESK_TEST_PG_URL")
    if not base:
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail("SALESDESK_TEST_PG_URL is not set, but PostgreSQL tests must run in CI")
        pytest.skip("PostgreSQL not configured: set SALESDESK_TEST_PG_URL to run this test")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()

    stack.callback(drop)
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options={quote(f'-csearch_path={schema}')}"


def test_no_input_makes_the_server_fail(target: Target) -> None:
    """Every operation, valid and invalid inputs; the sale's real id for ``{workflow_id}``.

    Hypothesis is driven directly rather than through ``schemathesis.pytest.from_fixture``,
    whose lazy parametrisation reads a pytest-private attribute that pytest 9 removed.
    """
    app = target.cluster.apps[0]
    loaded = schemathesis.openapi.from_dict(app.openapi())
    operations = [result.ok() for result in loaded.get_all_operations()]
    admin, manager = target.as_user("root"), target.as_user("mary")
    # (operation, whose headers): everything as the agent, then what only an admin or a
    # manager gets past the role check, then signing out (it revokes the token it uses).
    plan: list[tuple[Any, str, dict[str, str]]] = []
    for operation in operations:
        if operation.path != LOGOUT:
            plan.append((operation, "agent", target.headers))
    for operation in operations:
        if operation.path.startswith("/api/v1/admin/"):
            plan.append((operation, "admin", admin))
        if operation.path.endswith("/approve-discount"):
            plan.append((operation, "manager", manager))
    plan += [(op, "own token", target.as_user("bob")) for op in operations if op.path == LOGOUT]
    covered = {operation.label for operation, _who, _headers in plan}
    assert covered == {operation.label for operation in operations}
    assert any("/api/v1/lookups/" in label for label in covered), "the gateway is not mounted"

    failures: dict[str, str] = {}
    ran = 0
    for operation, who, headers in plan:
        strategies = [
            operation.as_strategy(GenerationMode.POSITIVE),
            operation.as_strategy(GenerationMode.NEGATIVE),
        ]
        if "{workflow_id}" in operation.path:
            strategies.append(
                operation.as_strategy(path_parameters={"workflow_id": target.workflow_id})
            )
        label = f"{operation.label} as {who}"
        try:
            ran += _fuzz(label, strategies, target, headers)
        except Exception as exc:  # collect them all, then report together
            failures[label] = f"{type(exc).__name__}: {exc}"[:3000]
    print(
        f"schemathesis: {len(operations)} operations, {len(plan)} (operation, role) pairs, "
        f"{ran} cases, {len(failures)} failing"
    )
    assert not failures, "\n\n".join(f"{k}:\n{v}" for k, v in failures.items())
    assert ran >= 100


def _fuzz(
    label: str,
    strategies: list[st.SearchStrategy[Any]],
    target: Target,
    headers: dict[str, str],
) -> int:
    calls: list[str] = []

    @given(case=st.one_of(strategies))
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
    )
    def fuzz(case: schemathesis.Case) -> None:
        calls.append(label)
        case.call_and_validate(
            base_url=target.cluster.base_url,
            headers=headers,
            checks=[not_a_server_error],
            timeout=30,
        )

    fuzz()
    return len(calls)


JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            if key != "price_list":  # 30 KB of items; its own tests cover it
                out += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            out += _paths(item, (*prefix, index))
    return out


def test_mutated_real_histories_never_make_the_server_fail(target: Target) -> None:
    """Schema-valid random pushes rarely get past validation; these start from a real
    sale history and change one value anywhere in one event's data (or drop it)."""
    device = target.cluster.device("alice")
    wid = device.sale(submit=True)
    history = device.events(wid)
    base_url = target.cluster.base_url
    counter = iter(range(1_000_000))

    @given(data=st.data())
    @settings(
        max_examples=MUTANT_EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
    )
    def push_mutant(data: st.DataObject) -> None:
        events = copy.deepcopy(history)
        index = data.draw(st.integers(0, len(events) - 1), label="event")
        path = data.draw(st.sampled_from(_paths(events[index]["data"])), label="path")
        parent: Any = events[index]
        key: Any = "data"
        for step in path:
            parent, key = parent[key], step
        if data.draw(st.booleans(), label="drop") and isinstance(parent, dict) and path:
            del parent[key]
        else:
            parent[key] = data.draw(JSON, label="value")
        body = {
            "device_id": device.device_id,
            "workflows": [
                {
                    "workflow_id": f"mutant-{next(counter)}",
                    "workflow_type": "sale",
                    "expected_position": 0,
                    "events": events,
                }
            ],
        }
        response = httpx.post(
            f"{base_url}/api/v1/sync/push", json=body, headers=target.headers, timeout=30
        )
        assert response.status_code < 500, response.text
        if response.status_code == 200:
            (result,) = response.json()["results"]
            assert result["status"] in ("accepted", "rejected"), result

    push_mutant()
