"""Where the UI finds its resources (icons, translations, the demo price list).

A source checkout keeps them in ``resources/`` at the top of the repository; a packaged
build ships them as ``salesdesk/resources``; ``SALESDESK_RESOURCES`` overrides both.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path


@cache
def resources_root() -> Path:
    env = os.environ.get("SALESDESK_RESOURCES")
    here = Path(__file__).resolve()
    candidates = [Path(env)] if env else []
    candidates += [here.parents[3] / "resources", here.parents[1] / "resources"]
    for candidate in candidates:
        if (candidate / "ui").is_dir():
            return candidate
    return candidates[0]


def ui_resource(*parts: str) -> Path:
    return resources_root().joinpath("ui", *parts)


def demo_price_list() -> Path:
    return resources_root() / "pricelists" / "demo-2026.json"
