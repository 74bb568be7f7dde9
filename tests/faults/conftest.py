"""Fixtures of the proof-under-faults tests (issue #8): the live server, the demo upstreams
and the temporary desktop devices of the sync tests, reused rather than copied."""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# tests.support (the fault proxy) by its full name, as the sync tests import it.
if str(REPO) not in sys.path:
    sys.path.append(str(REPO))

from sync.conftest import (  # noqa: E402, F401  (fixtures)
    any_db_url,
    any_server,
    fleet,
    make_server,
    memory_keyring,
    server,
    sqlite_url,
    upstreams,
)
