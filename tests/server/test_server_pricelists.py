"""Price lists: immutable versions by content hash, current list with ETag/304."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi import FastAPI
from pydantic import BaseModel
from sqlalchemy import Engine

from salesdesk.server import pricelists as pl
from salesdesk.server.app import create_app
from salesdesk.server.db import make_sessions

from .test_support import (  # noqa: F401  (fixtures)
    TestClient,
    app_client,
    bearer,
    db_url_fixture,
    engine_fixture,
    login,
    make_user,
    settings_for,
)


class TinyPriceList(BaseModel):
    """Stand-in with the interface of salesdesk.sales.pricelist.PriceList."""

    version: str
    prices: dict[str, str]

    def content_hash(self) -> str:
        canonical = json.dumps(self.model_dump(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode()).hexdigest()


def tiny(json_text: str) -> pl.PriceListModel:
    return TinyPriceList.model_validate_json(json_text)


V1 = json.dumps({"version": "2026.1", "prices": {"PEN": "1.20"}})
V1_SPACED = json.dumps({"prices": {"PEN": "1.20"}, "version": "2026.1"}, indent=4)
V2 = json.dumps({"version": "2026.2", "prices": {"PEN": "1.25"}})
V2_SAME_NAME_AS_V1 = json.dumps({"version": "2026.1", "prices": {"PEN": "9.99"}})


def test_import_is_idempotent_and_versions_are_immutable(engine: Engine) -> None:
    sessions = make_sessions(engine)
    with sessions.begin() as s:
        assert pl.current_price_list(s) is None
        first = pl.import_price_list(s, V1, parse=tiny)
        assert first.created and first.price_list.is_current
        assert first.price_list.version == "2026.1"
        assert first.price_list.content_hash == tiny(V1).content_hash()
    with sessions.begin() as s:
        again = pl.import_price_list(s, V1_SPACED, parse=tiny)  # same content, other bytes
        assert not again.created and again.price_list == first.price_list
        with pytest.raises(pl.PriceListVersionConflictError, match=r"2026\.1"):
            pl.import_price_list(s, V2_SAME_NAME_AS_V1, parse=tiny)
    with sessions.begin() as s:
        second = pl.import_price_list(s, V2, parse=tiny)
        assert second.created
        current = pl.current_price_list(s)
        assert current is not None and current.version == "2026.2"
        old = pl.get_price_list(s, first.price_list.content_hash)
        assert old is not None and not old.is_current and old.body == V1
        # Re-importing an old list does not move "current" back; set_current does.
        assert not pl.import_price_list(s, V1, parse=tiny).created
        assert pl.current_price_list(s) == second.price_list
        pl.set_current_price_list(s, first.price_list.content_hash)
        rolled_back = pl.current_price_list(s)
        assert rolled_back is not None and rolled_back.version == "2026.1"
        assert sorted(p.version for p in pl.list_price_lists(s)) == ["2026.1", "2026.2"]
    with sessions.begin() as s, pytest.raises(pl.InvalidPriceListError) as info:
        pl.import_price_list(s, '{"version": "x"}', parse=tiny)
    assert "prices" in info.value.fields


def test_the_sales_price_list_model_is_the_default_parser(engine: Engine) -> None:
    model = pytest.importorskip("salesdesk.sales.pricelist")
    demo = Path(__file__).parents[2] / "resources" / "pricelists" / "demo-2026.json"
    if not demo.exists():
        pytest.skip("no demo price list in this tree")
    text = demo.read_text(encoding="utf-8")
    expected = model.PriceList.model_validate_json(text)
    with make_sessions(engine).begin() as s:
        result = pl.import_price_list(s, text)
        assert result.created
        assert result.price_list.content_hash == expected.content_hash()
        assert result.price_list.version == expected.version
        # Another layout of the same content is the same price list: a no-op.
        assert not pl.import_price_list(s, json.dumps(json.loads(text))).created


@dataclass
class Api:
    client: TestClient
    admin: dict[str, str]
    agent: dict[str, str]


@pytest.fixture
def api(db_url: str) -> Iterator[Api]:
    app: FastAPI = create_app(settings_for(db_url), price_list_parser=tiny)
    with app_client(app) as client:
        make_user(app.state.salesdesk.engine, "root", "admin")
        make_user(app.state.salesdesk.engine, "ann", "agent", "north")
        yield Api(client, bearer(login(client, "root")), bearer(login(client, "ann")))


def test_current_price_list_with_etag_and_304(api: Api) -> None:
    client = api.client
    missing = client.get("/api/v1/price-lists/current", headers=api.agent)
    assert missing.status_code == 404 and missing.json()["error"] == "not_found"
    assert client.get("/api/v1/price-lists/current").status_code == 401

    created = client.post("/api/v1/admin/price-lists", content=V1, headers=api.admin)
    assert created.status_code == 201
    info = created.json()
    assert info["created"] and info["is_current"] and info["version"] == "2026.1"
    etag = f'"{info["content_hash"]}"'

    current = client.get("/api/v1/price-lists/current", headers=api.agent)
    assert current.status_code == 200
    assert current.text == V1 and current.headers["content-type"] == "application/json"
    assert current.headers["etag"] == etag
    assert current.headers["x-price-list-version"] == "2026.1"
    assert "no-cache" in current.headers["cache-control"]

    for tag in (etag, f"W/{etag}", f'"other", {etag}', "*"):
        cached = client.get(
            "/api/v1/price-lists/current", headers={**api.agent, "If-None-Match": tag}
        )
        assert cached.status_code == 304 and cached.content == b""
        assert cached.headers["etag"] == etag
    stale = client.get(
        "/api/v1/price-lists/current", headers={**api.agent, "If-None-Match": '"old"'}
    )
    assert stale.status_code == 200

    # A new current list: the old ETag no longer matches.
    assert (
        client.post("/api/v1/admin/price-lists", content=V2, headers=api.admin).status_code == 201
    )
    moved = client.get("/api/v1/price-lists/current", headers={**api.agent, "If-None-Match": etag})
    assert moved.status_code == 200 and moved.headers["x-price-list-version"] == "2026.2"

    by_hash = client.get(f"/api/v1/price-lists/{info['content_hash']}", headers=api.agent)
    assert by_hash.status_code == 200 and by_hash.text == V1
    assert "immutable" in by_hash.headers["cache-control"]
    revalidated = client.get(
        f"/api/v1/price-lists/{info['content_hash']}",
        headers={**api.agent, "If-None-Match": etag},
    )
    assert revalidated.status_code == 304
    assert client.get("/api/v1/price-lists/abc123", headers=api.agent).status_code == 404


def test_import_endpoint_answers(api: Api) -> None:
    post = api.client.post
    assert post("/api/v1/admin/price-lists", content=V1, headers=api.agent).status_code == 403
    assert post("/api/v1/admin/price-lists", content=V1, headers=api.admin).status_code == 201
    again = post("/api/v1/admin/price-lists", content=V1_SPACED, headers=api.admin)
    assert again.status_code == 200 and again.json()["created"] is False
    clash = post("/api/v1/admin/price-lists", content=V2_SAME_NAME_AS_V1, headers=api.admin)
    assert clash.status_code == 409 and clash.json()["error"] == "version_conflict"
    invalid = post("/api/v1/admin/price-lists", content='{"version": 3}', headers=api.admin)
    assert invalid.status_code == 422
    assert set(invalid.json()["fields"]) == {"version", "prices"}
    broken = post("/api/v1/admin/price-lists", content="{nope", headers=api.admin)
    assert broken.status_code == 422 and "body" in broken.json()["fields"]
    binary = post("/api/v1/admin/price-lists", content=b"\xff\xfe", headers=api.admin)
    assert binary.status_code == 422


@pytest.mark.parametrize(
    ("header", "matches"),
    [
        (None, False),
        ("", False),
        ('"a"', True),
        ('W/"a"', True),
        ('"b", "a"', True),
        ("*", True),
        ('"b"', False),
        ("a", False),
    ],
)
def test_if_none_match_parsing(header: str | None, matches: bool) -> None:
    assert pl.etag_matches(header, '"a"') is matches
