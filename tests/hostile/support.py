"""Shared pieces of the hostile-input tests: example counts, JSON strategies, the CLI
in-process."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from hypothesis import strategies as st
from tests.support.inprocess import run_cli as run_cli  # shared by the hostile tests

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.append(str(REPO))

PRICE_LIST_FILE = REPO / "resources" / "pricelists" / "demo-2026.json"

#: ``make torture`` sets SALESDESK_PROPERTY_EXAMPLES=2000; ``make test`` runs the default.
PROPERTY_EXAMPLES = int(os.environ.get("SALESDESK_PROPERTY_EXAMPLES", "0") or 0)


def examples(default: int) -> int:
    return max(default, PROPERTY_EXAMPLES)


# Values that have broken parsers before: numbers at and beyond every limit, text that is
# not quite a number, control characters, NUL (PostgreSQL refuses it), huge strings.
NASTY_TEXT = st.sampled_from(
    [
        "",
        " ",
        "0",
        "-0",
        "1e999",
        "-1e-999",
        "NaN",
        "Infinity",
        "-Infinity",
        "0x10",
        "1_000",
        "١٢٣",  # Arabic-Indic digits
        "9" * 400,
        "\x00",
        "a\x00b",
        "\u202e",
        "\ud7ff",
        "𝟘",
        "<script>",
        "' OR 1=1 --",
        "%s%s%n",
        "x" * 100_000,
        "2026-02-30",
        "HU12892312",
        "LAP-TP-X1C-G12",
    ]
)
NASTY_NUMBER = st.sampled_from(
    [0, -1, 1, 2**31 - 1, 2**31, 2**63, -(2**63) - 1, 10**400, 1.5, -0.0, 1e308, 3.0]
)
SCALAR = (
    st.none()
    | st.booleans()
    | st.integers()
    | NASTY_NUMBER
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30)
    | NASTY_TEXT
)
JSON: st.SearchStrategy[Any] = st.recursive(
    SCALAR,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=8,
)
