"""The packaging scripts live in packaging/ (not a Python package: that name belongs to
the PyPA library pip and pytest import), so their folder goes on sys.path here."""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PACKAGING = REPO / "packaging"
if str(PACKAGING) not in sys.path:
    sys.path.insert(0, str(PACKAGING))
