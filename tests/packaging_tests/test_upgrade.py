"""Upgrade: a data folder written by release 1 opens with the current code with nothing
lost. packaging/smoketest.py runs the same check against the built bundle."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import smoketest  # type: ignore[import-not-found]


def test_release1_data_folder_survives_the_upgrade(tmp_path: Path) -> None:
    policy = tmp_path / "policy.toml"
    policy.write_text("", encoding="utf-8")
    env = dict(os.environ)
    env.update(
        {
            "HOME": str(tmp_path / "home"),
            "QT_QPA_PLATFORM": "offscreen",
            "SALESDESK_POLICY_FILE": str(policy),
        }
    )
    env.pop("SALESDESK_DATA_DIR", None)
    detail = smoketest.check_release1_upgrade(
        [sys.executable, "-m", "salesdesk.cli"], env, tmp_path
    )
    assert "2 sales of release 1 kept" in detail


def test_fixture_is_untouched_by_the_check() -> None:
    # The check works on a copy: the committed database must stay as release 1 wrote it.
    data = smoketest.RELEASE1_DATA
    assert sorted(p.name for p in data.iterdir()) == ["price-lists", "salesdesk.db"]
    assert not (data / "salesdesk.db-wal").exists()
