"""UI tests: real widgets (offscreen), the real engine and SQLite in tmp_path.

Screenshots of every screen go to test-output/ui/<test>/ (gitignored) for people to look at.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("SALESDESK_THEME", "light")

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from salesdesk.flow.runner import ActivityFn
from salesdesk.ui.app import Running, first_start, start
from salesdesk.ui.i18n import install_translations
from salesdesk.ui.ports import OfflineSyncPort, SyncPort
from salesdesk.ui.settings import UiSettings

from .helpers import SHOTS, AppFactory, Network, Shots


@pytest.fixture
def shots(request: pytest.FixtureRequest) -> Shots:
    name = re.sub(r"[^\w.-]+", "_", request.node.name)
    return Shots(SHOTS / name)


@pytest.fixture
def network() -> Network:
    return Network()


@pytest.fixture
def make_app(qtbot: QtBot, tmp_path: Path, network: Network) -> Iterator[AppFactory]:
    running: list[Running] = []

    def factory(
        data_dir: Path | None = None,
        *,
        sync_port: SyncPort | None = None,
        activities: dict[str, ActivityFn] | None = None,
        locked: dict[str, str] | None = None,
        setup: Callable[[Any], str | None] | None = first_start,
        language: str = "en",
    ) -> Running:
        profile = data_dir or tmp_path / "profile"
        app = start(
            profile,
            sync_port=sync_port or OfflineSyncPort(),
            activities=activities if activities is not None else network.activities(),
            locked=locked,
            setup=setup,
            # Tests read English words whatever the machine's language is.
            settings=replace(UiSettings.load(profile), language=language),
        )
        running.append(app)
        qtbot.addWidget(app.window)
        app.window.resize(1100, 680)
        qtbot.waitUntil(lambda: app.controller.info is not None, timeout=15000)
        qtbot.waitUntil(lambda: app.window.stack.currentWidget() is not app.window.loading)
        return app

    yield factory
    for app in running:
        for window in list(app.window.sale_windows.values()):
            window.close()
        app.controller.shutdown()
    if running:
        install_translations(running[0].app, "en")
