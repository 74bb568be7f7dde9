"""The sales domain stays pure: no UI, HTTP or database libraries behind its imports."""

from __future__ import annotations

import subprocess
import sys

MODULES = ["money", "vat", "pricelist", "payloads", "contact"]
FORBIDDEN = ["PySide6", "httpx", "fastapi", "sqlalchemy", "uvicorn", "psycopg", "requests"]


def test_domain_modules_import_no_infrastructure() -> None:
    code = (
        "import sys\n"
        + "".join(f"import salesdesk.sales.{name}\n" for name in MODULES)
        + f"print(sorted({{m.split('.')[0] for m in sys.modules}} & {set(FORBIDDEN)!r}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    )
    assert result.stdout.strip() == "[]"
