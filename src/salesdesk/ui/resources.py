"""Where the UI finds its resources (icons, translations, the demo price list).

The lookup of the resources folder itself lives in :mod:`salesdesk.resources_path`, shared
with the parts of SalesDesk that have no UI (the demo server).
"""

from __future__ import annotations

from pathlib import Path

from salesdesk.resources_path import resource_path, resources_root

__all__ = ["demo_price_list", "resources_root", "ui_resource"]


def ui_resource(*parts: str) -> Path:
    return resource_path("ui", *parts)


def demo_price_list() -> Path:
    return resource_path("pricelists", "demo-2026.json")
