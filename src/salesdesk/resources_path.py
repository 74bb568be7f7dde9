"""Where SalesDesk finds its bundled resources (icons, translations, demo price list).

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
    candidates += [here.parents[2] / "resources", here.parent / "resources"]
    for candidate in candidates:
        if (candidate / "pricelists").is_dir():
            return candidate
    return candidates[0]


def resource_path(*parts: str) -> Path:
    return resources_root().joinpath(*parts)
