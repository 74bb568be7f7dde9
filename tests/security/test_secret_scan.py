"""No token, password or API key in clear: not in the server's database, not in any file of
the desktop's data dir, not in the logs.

A real flow runs first: an admin creates a user over the API, a wrong password is tried,
the agent signs in with ``salesdesk login`` (in-process, the memory keyring standing in
for the OS keyring), records a sale whose lookups go through the server's gateway to the
demo upstreams (credit bureau API key included), syncs, and signs out. Every log record
(DEBUG and up, server and desktop) is captured. Then every column of every row of every
table, every byte of every file under the data dir (the SQLite database and its WAL
included; for a SQLite server, its database file too) and the logs are searched for each
secret, raw and in its base64 and URL-encoded forms.
"""

from __future__ import annotations

import base64
import json
import logging
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import quote, quote_plus

import httpx
import pytest
from sqlalchemy import MetaData, select
from tests.server.sync.helpers import PASSWORD, login, seed, serve, settings_for
from tests.support.inprocess import memory_keyring_installed, run_cli

from salesdesk.server.db import create_engine_for
from salesdesk.server.demo_upstreams.runner import (
    DEMO_CREDIT_API_KEY,
    demo_lookups_config,
    run_in_thread,
)
from salesdesk.server.main import build_app
from salesdesk.sync.credentials import SERVICE
from salesdesk.sync.memory_keyring import MemoryKeyring

WRONG_PASSWORD = "Wrong-Guess-7f3a9c1e-pass"
NEW_USER_PASSWORD = "dora's long new password 4b1d"


def forms(secret: str) -> dict[str, bytes]:
    """The secret as it would look stored raw, base64 (any alignment, standard or URL-safe
    alphabet) or URL-encoded."""
    raw = secret.encode("utf-8")
    out = {"raw": raw, "url": quote(secret).encode(), "url+": quote_plus(secret).encode()}
    for offset in range(3):
        for name, encode in (("b64", base64.b64encode), ("b64url", base64.urlsafe_b64encode)):
            encoded = encode(b"\0" * offset + raw)
            # Drop the characters the preceding bytes and the padding also shape.
            start = 4 if offset else 0
            out[f"{name}@{offset}"] = encoded[start:-4]
    return out


class Secrets:
    def __init__(self) -> None:
        self.values: dict[str, str] = {}

    def add(self, label: str, value: str) -> None:
        assert len(value) >= 12, f"{label} is too short to search for reliably"
        self.values[label] = value

    def find(self, blob: bytes) -> list[str]:
        lowered = blob.lower()
        hits = []
        for label, value in self.values.items():
            for form, pattern in forms(value).items():
                # URL-encoding may use either case for hex digits; base64 is case-sensitive.
                haystack = lowered if form.startswith("url") else blob
                needle = pattern.lower() if form.startswith("url") else pattern
                if needle and needle in haystack:
                    hits.append(f"{label} ({form})")
        return hits


@pytest.fixture
def memory_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    monkeypatch.setenv("SALESDESK_POLICY_FILE", str(tmp_path / "no-policy.toml"))
    with memory_keyring_installed() as backend:
        yield backend


def test_no_secret_in_the_database_the_data_dir_or_the_logs(
    db_url: str,
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    secrets = Secrets()
    secrets.add("alice's password", PASSWORD)
    secrets.add("a wrong password", WRONG_PASSWORD)
    secrets.add("a new user's password", NEW_USER_PASSWORD)
    secrets.add("the credit bureau API key", DEMO_CREDIT_API_KEY)
    data_dir = tmp_path / "laptop"
    outputs: list[str] = []

    with ExitStack() as stack:
        upstreams, _stop = stack.enter_context(run_in_thread())
        seed(db_url)
        base_url = serve(stack, build_app(settings_for(db_url), demo_lookups_config(upstreams)))

        admin_token = login(base_url, "root")
        secrets.add("the admin's token", admin_token)
        created = httpx.post(
            f"{base_url}/api/v1/admin/users",
            json={"name": "dora", "password": NEW_USER_PASSWORD, "role": "agent", "team": "north"},
            headers={"Authorization": f"Bearer {admin_token}"},
            timeout=30,
        )
        assert created.status_code == 201, created.text

        def cli(*argv: str, stdin: str = "", ok: bool = True) -> str:
            code, out, err = run_cli("--data-dir", str(data_dir), *argv, stdin=stdin)
            outputs.extend([out, err])
            assert (code == 0) == ok, (argv, code, out, err)
            return out

        login_args = ("login", "--server", base_url, "--user", "alice")
        cli(*login_args, stdin=f"{WRONG_PASSWORD}\n", ok=False)
        cli(*login_args, stdin=f"{PASSWORD}\n")
        token = memory_keyring.get_password(SERVICE, f"{base_url}|alice")
        assert token
        secrets.add("alice's token", token)

        cli("sync")  # brings the price list
        wid = json.loads(cli("sale", "new", "--json"))["workflow_id"]
        signals = [
            ("customer", {"vat_number": "DE812453790"}),
            ("contact", {"name": "Anna Weber", "email": "anna.weber@example.de"}),
            (
                "lines",
                {"items": [{"sku": "LAP-TP-X1C-G12", "quantity": 2, "discount_percent": "5"}]},
            ),
            ("terms", {"payment_terms_days": 30}),
        ]
        for name, payload in signals:
            cli("sale", "signal", wid, name, "--json", json.dumps(payload), "--wait", "5")
        cli("sync")
        cli("sale", "signal", wid, "submit", "--json", "{}", "--wait", "1")
        cli("sync")
        summary = json.loads(cli("sale", "show", wid, "--json"))
        assert summary["status"] in ("submitted", "accepted"), summary["status"]
        assert any(lookup["status"] == "done" for lookup in summary["lookups"]), summary["lookups"]
        cli("logout")
        assert memory_keyring._items == {}

        scanned = {"tables": 0, "rows": 0, "cells": 0, "files": 0, "bytes": 0}
        found: list[str] = []

        # 1. Every column of every row of every table of the server's database.
        engine = create_engine_for(db_url)
        stack.callback(engine.dispose)
        metadata = MetaData()
        metadata.reflect(bind=engine)
        assert {"users", "tokens", "events"} <= set(metadata.tables), set(metadata.tables)
        with engine.connect() as conn:
            for table in metadata.sorted_tables:
                scanned["tables"] += 1
                for row in conn.execute(select(table)):
                    scanned["rows"] += 1
                    for column, value in row._mapping.items():
                        scanned["cells"] += 1
                        blob = value if isinstance(value, bytes) else str(value).encode("utf-8")
                        found += [f"table {table.name}.{column}: {h}" for h in secrets.find(blob)]
        if db_url.startswith("sqlite:///"):  # deleted rows linger in free pages
            server_files = list(Path(db_url.removeprefix("sqlite:///")).parent.glob("server.*"))
        else:
            server_files = []

        # 2. Every file of the desktop's data dir (and the SQLite server's files).
        files = [p for p in data_dir.rglob("*") if p.is_file()] + server_files
        assert any(p.name == "sync.json" for p in files) is False  # signed out
        assert any(p.suffix == ".db" for p in files), files
        for path in files:
            content = path.read_bytes()
            scanned["files"] += 1
            scanned["bytes"] += len(content)
            found += [f"file {path}: {h}" for h in secrets.find(content)]

    # 3. The logs of the whole run (server and desktop) and what the CLI printed.
    assert "/api/v1/sync/push" in caplog.text, "the logs were not captured"
    found += [f"logs: {h}" for h in secrets.find(caplog.text.encode("utf-8"))]
    found += [f"CLI output: {h}" for h in secrets.find("".join(outputs).encode("utf-8"))]
    assert "Bearer" not in caplog.text
    assert not found, "secrets in clear:\n" + "\n".join(found)
    print(
        f"secret scan: {len(secrets.values)} secrets x {len(forms('x' * 16))} forms in "
        f"{scanned['tables']} tables / {scanned['rows']} rows / {scanned['cells']} cells, "
        f"{scanned['files']} files / {scanned['bytes']} bytes, {len(caplog.records)} log records"
    )


def test_the_scan_finds_every_form_it_claims_to() -> None:
    """The detector itself: each encoding of a secret, embedded anywhere, is found."""
    secrets = Secrets()
    token = "q7Zc-Vd_0sXb1yKp9TmWw2EeRr4UuIiOoPpAaSsDdFf"
    secrets.add("token", token)
    for prefix in (b"", b"a", b"ab", b"abc"):
        blob = base64.b64encode(prefix + b"Authorization: Bearer " + token.encode() + b"\n")
        assert secrets.find(b"{" + blob + b"}"), prefix
        blob = base64.urlsafe_b64encode(prefix + token.encode())
        assert secrets.find(blob), prefix
    assert secrets.find(b"x=" + quote_plus("a b/" + token).upper().encode())
    assert secrets.find(f"password={token}&".encode())
    assert not secrets.find(token[:-1].encode() + b"!")
