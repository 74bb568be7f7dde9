"""The server over real HTTP on loopback (uvicorn in a thread, httpx): body limits, error
bodies, health, metrics, OpenAPI, and two instances sharing one PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi import APIRouter, FastAPI
from sqlalchemy import Engine, text

from salesdesk.server.app import create_app
from salesdesk.server.metrics import Counter, Histogram, Metrics
from salesdesk.server.migrate import head_revision

from .test_support import (  # noqa: F401  (fixtures)
    LiveServer,
    app_client,
    bearer,
    db_url_fixture,
    login,
    make_app,
    make_user,
    settings_for,
)

LIMIT = 4096


@pytest.fixture
def live(db_url: str) -> Iterator[tuple[LiveServer, FastAPI]]:
    app = make_app(db_url, max_body_bytes=LIMIT)
    with LiveServer(app) as server:
        make_user(app.state.salesdesk.engine, "ann", "agent", "north")
        yield server, app


def _assert_error_body(response: httpx.Response, status: int, error: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body: dict[str, Any] = response.json()
    assert set(body) == {"error", "message", "fields"}
    assert body["error"] == error and isinstance(body["message"], str) and body["message"]
    return body


def test_oversized_bodies_get_413_with_or_without_a_length(
    live: tuple[LiveServer, FastAPI],
) -> None:
    server, _app = live
    big = json.dumps({"name": "ann", "password": "x" * (LIMIT + 10)}).encode()
    with server.client() as client:
        declared = client.post(
            "/api/v1/auth/login", content=big, headers={"content-type": "application/json"}
        )
        _assert_error_body(declared, 413, "request_too_large")

    def chunks() -> Iterator[bytes]:  # no Content-Length: Transfer-Encoding: chunked
        for i in range(0, len(big), 512):
            yield big[i : i + 512]

    with server.client() as client:
        chunked = client.post(
            "/api/v1/auth/login", content=chunks(), headers={"content-type": "application/json"}
        )
        assert "content-length" not in chunked.request.headers
        assert chunked.request.headers["transfer-encoding"] == "chunked"
        _assert_error_body(chunked, 413, "request_too_large")

    def small_chunks() -> Iterator[bytes]:
        body = json.dumps({"name": "ann", "password": "correct horse battery"}).encode()
        yield body[:10]
        yield body[10:]

    with server.client() as client:
        ok = client.post(
            "/api/v1/auth/login",
            content=small_chunks(),
            headers={"content-type": "application/json"},
        )
        assert ok.status_code == 200, ok.text


def test_bad_input_gets_422_naming_the_field_never_5xx(
    live: tuple[LiveServer, FastAPI],
) -> None:
    server, _app = live
    json_headers = {"content-type": "application/json"}
    with server.client() as client:
        malformed = client.post(
            "/api/v1/auth/login", content=b'{"name": "ann",', headers=json_headers
        )
        body = _assert_error_body(malformed, 422, "invalid_request")
        assert set(body["fields"]) == {"body"}
        assert body["message"] == "The request body is not valid JSON."

        wrong_type = client.post("/api/v1/auth/login", json={"name": ["ann"], "password": "p"})
        body = _assert_error_body(wrong_type, 422, "invalid_request")
        assert body["fields"] == {"name": "Input should be a valid string"}

        missing = client.post("/api/v1/auth/login", json={"name": "ann"})
        assert _assert_error_body(missing, 422, "invalid_request")["fields"] == {
            "password": "Field required"
        }
        not_an_object = client.post("/api/v1/auth/login", json=[1, 2])
        _assert_error_body(not_an_object, 422, "invalid_request")
        too_long = client.post("/api/v1/auth/login", json={"name": "n" * 500, "password": "p"})
        assert "name" in _assert_error_body(too_long, 422, "invalid_request")["fields"]
        # NUL cannot be stored in PostgreSQL text: refused as input, not a 500.
        nul = client.post("/api/v1/auth/login", json={"name": "a\u0000b", "password": "p\u0000"})
        assert _assert_error_body(nul, 422, "invalid_request")["fields"] == {
            "name": "Value error, must not contain control characters"
        }
        bad_hash = client.get("/api/v1/price-lists/%00", headers=bearer(login(client, "ann")))
        assert "content_hash" in _assert_error_body(bad_hash, 422, "invalid_request")["fields"]
        _assert_error_body(client.get("/api/v1/nothing-here"), 404, "not_found")
        _assert_error_body(client.delete("/api/v1/me"), 405, "method_not_allowed")


def test_healthz_checks_the_database(live: tuple[LiveServer, FastAPI]) -> None:
    server, app = live
    with server.client() as client:
        ok = client.get("/healthz")
        assert ok.status_code == 200 and ok.json() == {
            "status": "ok",
            "schema_revision": head_revision(),
        }
        engine: Engine = app.state.salesdesk.engine
        with engine.begin() as conn:
            conn.execute(text("DELETE FROM alembic_version"))
        _assert_error_body(client.get("/healthz"), 503, "unavailable")


def test_metrics_count_requests_by_route_template(live: tuple[LiveServer, FastAPI]) -> None:
    server, app = live
    app.state.salesdesk.metrics.pushes.inc()
    with app.state.salesdesk.metrics.replay_seconds.time():
        pass
    with server.client() as client:
        token = login(client, "ann")
        client.get("/api/v1/me", headers=bearer(token))
        client.get("/api/v1/price-lists/deadbeef", headers=bearer(token))
        client.get("/no/such/path/123")
        scraped = client.get("/metrics")
    assert scraped.headers["content-type"].startswith("text/plain; version=0.0.4")
    page = scraped.text
    assert 'salesdesk_http_requests_total{method="GET",route="/api/v1/me",status="200"} 1' in page
    # The template, never the raw path with its identifiers.
    assert 'route="/api/v1/price-lists/{content_hash}",status="404"} 1' in page
    assert "deadbeef" not in page and "/no/such/path" not in page
    assert 'route="unmatched",status="404"} 1' in page
    assert 'salesdesk_logins_total{result="ok"} 1' in page
    assert "salesdesk_sync_pushes_total 1" in page
    assert "salesdesk_sync_pulls_total 0" in page
    assert "salesdesk_sync_conflicts_total 0" in page
    assert "salesdesk_replay_seconds_count 1" in page
    latency = "salesdesk_http_request_duration_seconds_bucket"
    assert f'{latency}{{method="GET",route="/api/v1/me",le="+Inf"}} 1' in page


def test_two_instances_share_users_and_tokens(pg_url: str) -> None:
    app_a, app_b = make_app(pg_url), make_app(pg_url)
    with LiveServer(app_a) as a, LiveServer(app_b) as b:
        make_user(app_a.state.salesdesk.engine, "ann", "agent", "north")
        with a.client() as client_a, b.client() as client_b:
            token = login(client_a, "ann")
            me = client_b.get("/api/v1/me", headers=bearer(token))
            assert me.status_code == 200 and me.json()["name"] == "ann"
            assert client_b.post("/api/v1/auth/logout", headers=bearer(token)).status_code == 204
            assert client_a.get("/api/v1/me", headers=bearer(token)).status_code == 401
            # Throttle state is shared as well.
            for client in (client_a, client_b, client_a, client_b, client_a):
                bad = client.post("/api/v1/auth/login", json={"name": "ann", "password": "nope"})
                assert bad.status_code == 401
            locked = client_b.post(
                "/api/v1/auth/login", json={"name": "ann", "password": "correct horse battery"}
            )
            assert locked.status_code == 429


def test_unexpected_errors_are_a_plain_500(tmp_path: object, db_url: str) -> None:
    boom = APIRouter()

    @boom.get("/api/v1/boom")
    def explode() -> None:
        raise RuntimeError("secret internals")

    app = create_app(settings_for(db_url), extra_routers=[boom])
    with LiveServer(app) as server, server.client() as client:
        response = client.get("/api/v1/boom")
        body = _assert_error_body(response, 500, "internal_error")
        assert "secret" not in json.dumps(body)


def test_openapi_documents_every_operation(db_url: str) -> None:
    with app_client(make_app(db_url)) as client:
        spec = client.get("/openapi.json").json()
    assert "ErrorBody" in spec["components"]["schemas"]
    operations = [
        (path, method, op) for path, item in spec["paths"].items() for method, op in item.items()
    ]
    assert {p for p, _m, _o in operations} >= {
        "/api/v1/auth/login",
        "/api/v1/auth/logout",
        "/api/v1/me",
        "/api/v1/admin/users",
        "/api/v1/admin/tokens/revoke",
        "/api/v1/price-lists/current",
        "/api/v1/price-lists/{content_hash}",
        "/api/v1/admin/price-lists",
        "/healthz",
        "/metrics",
    }
    for path, method, op in operations:
        assert op.get("summary"), f"{method.upper()} {path} has no summary"
        if path.startswith("/api/v1") and path != "/api/v1/auth/login":
            assert "401" in op["responses"], f"{method.upper()} {path} does not document 401"
        error_refs = [
            r["content"]["application/json"]["schema"].get("$ref", "")
            for code, r in op["responses"].items()
            if code.startswith("4") and "content" in r
        ]
        assert all(ref.endswith("/ErrorBody") for ref in error_refs), (path, method)
    login_op = spec["paths"]["/api/v1/auth/login"]["post"]
    assert login_op["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/LoginResponse"
    )


def test_metrics_render_prometheus_text() -> None:
    metrics = Metrics()
    counter = metrics.counter("demo_total", "Demo.", ("kind",))
    assert metrics.counter("demo_total", "Demo.", ("kind",)) is counter
    counter.inc(kind='a"b\\c\nd')
    counter.inc(2, kind="x")
    assert counter.value(kind="x") == 2
    with pytest.raises(ValueError):
        counter.inc(kind="x", extra="y")
    with pytest.raises(ValueError):
        counter.inc(-1, kind="x")
    with pytest.raises(ValueError):
        metrics.histogram("demo_total", "clash")
    hist = Histogram("h_seconds", "H.", buckets=(0.1, 1.0))
    for v in (0.05, 0.5, 5.0):
        hist.observe(v)
    assert hist.count() == 3
    page = "\n".join(hist.render())
    assert 'h_seconds_bucket{le="0.1"} 1' in page
    assert 'h_seconds_bucket{le="1"} 2' in page
    assert 'h_seconds_bucket{le="+Inf"} 3' in page
    assert "h_seconds_sum 5.55" in page
    rendered = metrics.render()
    assert 'demo_total{kind="a\\"b\\\\c\\nd"} 1' in rendered
    assert "# TYPE demo_total counter" in rendered
    assert isinstance(Counter("c", "c").render(), list)
