"""Which lookup implementations a profile uses.

A profile logged in to a server runs its lookups through the server's gateway
(``salesdesk.sync.gateway_activities``); a profile with no login uses the offline
stand-ins, so a sale can still be scripted end to end.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from salesdesk.flow.runner import ActivityFn
from salesdesk.sales.standin import STANDIN_ACTIVITIES


def activities_for(data_dir: Path) -> dict[str, ActivityFn]:
    try:
        gateway = importlib.import_module("salesdesk.sync.gateway_activities")
    except ModuleNotFoundError as exc:
        if exc.name != "salesdesk.sync.gateway_activities":
            raise
        return dict(STANDIN_ACTIVITIES)
    found: dict[str, ActivityFn] | None = gateway.activities_for_profile(data_dir)
    return found if found is not None else dict(STANDIN_ACTIVITIES)
