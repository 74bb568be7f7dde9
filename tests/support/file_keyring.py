"""A keyring backend for tests that drive the CLI in subprocesses (an in-memory one would
forget the token between commands). Selected only explicitly, by
PYTHON_KEYRING_BACKEND=tests.support.file_keyring.TestFileKeyring; it stores into the
file named by SALESDESK_TEST_KEYRING_FILE, inside the test's temporary folder."""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend


class TestFileKeyring(KeyringBackend):
    priority = 1

    def _path(self) -> Path:
        return Path(os.environ["SALESDESK_TEST_KEYRING_FILE"])

    def _load(self) -> dict[str, str]:
        try:
            loaded: dict[str, str] = json.loads(self._path().read_text())
            return loaded
        except FileNotFoundError:
            return {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}|{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        items = self._load()
        items[f"{service}|{username}"] = password
        self._path().write_text(json.dumps(items))

    def delete_password(self, service: str, username: str) -> None:
        items = self._load()
        items.pop(f"{service}|{username}", None)
        self._path().write_text(json.dumps(items))
