"""Entry point of the frozen SalesDesk executable (PyInstaller runs this file as __main__).

It only hands over to the same ``salesdesk.cli:main`` that the ``salesdesk`` console
script of a pip install runs, so a packaged build and a source install parse the same
arguments and return the same exit codes.
"""

from __future__ import annotations

import sys

from salesdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
