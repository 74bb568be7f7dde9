"""Window geometry and the sales list's columns are remembered in the profile."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray
from pytestqt.qtbot import QtBot

from salesdesk.ui.models import COLUMNS
from salesdesk.ui.settings import UiSettings

from .helpers import AppFactory, open_sale, prefilled_sale, wait_idle


def test_window_geometry_is_restored(qtbot: QtBot, make_app: AppFactory, tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    app = make_app(profile)
    wid = prefilled_sale(qtbot, app)
    app.window.setGeometry(4, 30, 790, 540)  # within the offscreen 800x600 screen
    app.window.table.setColumnWidth(COLUMNS.index("status"), 230)
    sale = open_sale(qtbot, app, wid)
    sale.setGeometry(2, 40, 790, 520)
    sale.close()
    app.window.close()
    wait_idle(qtbot, app)
    app.controller.shutdown()
    saved = UiSettings.load(profile)
    assert saved.main_geometry and saved.sale_geometry and saved.sales_columns

    again = make_app(profile)  # the fixture resizes the window after start; restore again
    again.window.restore_layout()
    assert (again.window.width(), again.window.height()) == (790, 540)
    assert again.window.table.columnWidth(COLUMNS.index("status")) == 230
    sale = open_sale(qtbot, again, wid)  # helper resizes too; the restore ran before it
    assert again.window.settings.sale_geometry == saved.sale_geometry
    sale.restoreGeometry(QByteArray.fromBase64(saved.sale_geometry.encode()))
    assert (sale.width(), sale.height()) == (790, 520)
    sale.close()
