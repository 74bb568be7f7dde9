"""Screenshots of every screen of the desktop app, for people to look at.

    .venv/bin/python benchmarks/screens.py [OUT_DIR]      # default /tmp/ui-shots

Main window (light and dark), each step of the sale editor, the conflict banner, the
timeline, approvals (as a manager), settings with keys locked by an admin policy, a
broken-policy notice, the quote as laid out on its A4 page, and German and Hungarian.
Runs offscreen with stand-in lookups on a fresh profile; not part of the test run.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("SALESDESK_THEME", "light")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSizeF  # noqa: E402
from PySide6.QtGui import QColor, QImage, QPainter, QTextDocument  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from salesdesk.sales.standin import STANDIN_ACTIVITIES  # noqa: E402
from salesdesk.ui.app import Running, first_start, start  # noqa: E402
from salesdesk.ui.i18n import install_translations  # noqa: E402
from salesdesk.ui.settings import UiSettings  # noqa: E402


def pump(until: Callable[[], bool] | None = None, timeout: float = 15.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)
        if until is not None and until():
            for _ in range(10):
                QApplication.processEvents()
                time.sleep(0.01)
            return
    if until is not None:
        raise TimeoutError("screen did not get ready")


class Shots:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.saved: list[Path] = []

    def __call__(self, widget: QWidget, name: str) -> None:
        pump(timeout=0.15)
        path = self.folder / f"{len(self.saved) + 1:02d}-{name}.png"
        widget.grab().save(str(path))
        self.saved.append(path)


def on_service(app: Running, fn: Callable[[Any], Any]) -> Any:
    box: dict[str, Any] = {}
    app.controller.call(fn, lambda r: box.setdefault("ok", r), lambda e: box.setdefault("err", e))
    pump(lambda: bool(box))
    if "err" in box:
        raise RuntimeError(box["err"].message)
    return box["ok"]


def seed(app: Running) -> dict[str, str]:
    from tests.ui.helpers import STEPS

    def run(service: Any) -> dict[str, str]:
        ids: dict[str, str] = {}
        ready = service.new_sale()
        for name, payload in STEPS.items():
            service.signal(ready, name, payload)
            service.run_lookups(5.0)
        ids["ready"] = ready
        approval = service.new_sale()
        service.signal(approval, "customer", {"vat_number": "HU12892312"})
        service.run_lookups(5.0)
        service.signal(approval, "contact", {"name": "Kovács Anna", "email": "anna@example.hu"})
        service.signal(
            approval,
            "lines",
            {"items": [{"sku": "LAP-TP-E14-G6", "quantity": 25, "discount_percent": "20"}]},
        )
        service.run_lookups(5.0)
        service.signal(approval, "terms", {"payment_terms_days": 15})
        ids["approval"] = approval
        conflicted = service.new_sale()
        service.signal(conflicted, "customer", {"vat_number": "FR40303265045"})
        service.run_lookups(5.0)
        service.signal(conflicted, "contact", {"name": "Claire Dupont", "email": "c@example.fr"})
        service.add_conflicts(
            conflicted,
            [
                {
                    "kind": "conflict",
                    "signal": "lines",
                    "payload": {
                        "items": [{"sku": "LAP-TP-T14-G5", "quantity": 3, "discount_percent": "7"}]
                    },
                    "recorded_at": "2026-03-02T09:15:00+00:00",
                    "reason": "the lines were changed on another computer",
                    "fields": {},
                }
            ],
        )
        ids["conflict"] = conflicted
        return ids

    return dict(on_service(app, run))


def open_sale(app: Running, wid: str) -> Any:
    window = app.window.open_sale(wid)
    pump(lambda: window.is_open)
    window.resize(1120, 800)
    return window


def quote_preview(summary: Any, path: Path) -> None:
    """The quote's HTML laid out on an A4 page as the PDF writer does, at 96 dpi."""
    from salesdesk.ui.quote import quote_html

    width, height = 794, 1123  # A4 at 96 dpi
    margin = 60
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    document = QTextDocument()
    document.setHtml(quote_html(summary))
    document.setPageSize(QSizeF(width - 2 * margin, height - 2 * margin))
    painter = QPainter(image)
    painter.translate(margin, margin)
    document.drawContents(painter)
    painter.end()
    image.save(str(path))


def main(out: Path) -> int:
    from tests.ui.helpers import FakeServer

    shots = Shots(out)
    tmp = Path(tempfile.mkdtemp(prefix="salesdesk-shots-"))
    policy = tmp / "config.toml"
    policy.write_text(
        'locked = ["server.url", "ui.language", "sales.discount_approval_threshold"]\n'
        '[server]\nurl = "https://sales.example.com"\n[ui]\nlanguage = "en"\n'
        "[sync]\ninterval_seconds = 60\n[sales]\nquote_validity_days = 30\n"
        "discount_approval_threshold = 15\n",
        encoding="utf-8",
    )
    os.environ["SALESDESK_POLICY_FILE"] = str(policy)
    server = FakeServer(role="manager")

    def setup(service: Any) -> str | None:
        server.service = service
        return first_start(service)

    app = start(
        tmp / "profile",
        sync_port=server,
        activities=STANDIN_ACTIVITIES,
        setup=setup,
        settings=UiSettings(language="en"),
    )
    app.window.resize(1100, 680)
    pump(lambda: app.controller.info is not None)
    ids = seed(app)
    pump(lambda: app.window.model.rowCount() == 3)
    shots(app.window, "main-window")

    window = open_sale(app, ids["ready"])
    for step in ("customer", "contact", "lines", "terms", "review"):
        window.go(step)
        shots(window, f"step-{step}")
    window.next_button.click()
    pump(lambda: window.submit_page.state == "submitted")
    shots(window, "step-submit")
    summary = window.summary
    window.close()
    quote_preview(summary, out / f"{len(shots.saved) + 1:02d}-quote-pdf-page.png")
    shots.saved.append(out / f"{len(shots.saved) + 1:02d}-quote-pdf-page.png")

    window = open_sale(app, ids["approval"])
    window.go("review")
    shots(window, "review-needs-approval")
    window.close()

    window = open_sale(app, ids["conflict"])
    shots(window, "conflict-banner")
    window.close()
    pump(lambda: app.window.conflict_notice.isVisible())
    shots(app.window, "main-window-conflict-notice")

    from salesdesk.ui.approvals import ApprovalsDialog
    from salesdesk.ui.timeline import TimelineDialog

    timeline = TimelineDialog(app.controller, ids["ready"], app.window)
    timeline.resize(960, 560)
    timeline.show()
    pump(lambda: timeline.tree.topLevelItemCount() > 5)
    shots(timeline, "timeline")
    timeline.close()

    approvals = ApprovalsDialog(app.controller, app.window)
    approvals.resize(900, 520)
    approvals.show()
    pump(lambda: approvals.tree.topLevelItemCount() > 0)
    shots(approvals, "approvals")
    approvals.close()

    settings = app.window.show_settings()
    shots(settings, "settings-locked-keys")
    settings.close()

    watcher = app.app._salesdesk_theme  # type: ignore[attr-defined]
    os.environ["SALESDESK_THEME"] = "dark"
    watcher.apply()
    shots(app.window, "main-window-dark")
    window = open_sale(app, ids["approval"])
    window.go("lines")
    shots(window, "lines-dark")
    window.go("review")
    shots(window, "review-dark")
    window.close()
    settings = app.window.show_settings()
    shots(settings, "settings-dark")
    settings.close()
    os.environ["SALESDESK_THEME"] = "light"
    watcher.apply()

    for language in ("de", "hu"):
        install_translations(app.app, language)
        window = open_sale(app, ids["approval"])
        window.go("review")
        shots(window, f"review-{language}")
        window.go("lines")
        shots(window, f"lines-{language}")
        window.close()
        timeline = TimelineDialog(app.controller, ids["approval"], app.window)
        timeline.resize(960, 560)
        timeline.show()
        tree = timeline.tree
        pump(lambda: tree.topLevelItemCount() > 5)  # noqa: B023 - called at once
        shots(timeline, f"timeline-{language}")
        timeline.close()
    install_translations(app.app, "en")

    app.close()
    print("\n".join(str(p) for p in shots.saved))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/ui-shots")))
