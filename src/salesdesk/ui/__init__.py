"""salesdesk.ui — the PySide6 desktop application.

Import-order guard (keep it first): once PySide6 is loaded, shiboken inspects every
newly imported module (``inspect.getsource`` -> ``hasattr(module, "__wrapped__")``).
pydantic answers that attribute lookup through its lazy ``__getattr__``, which imports
``pydantic._internal._validators``; if that module is itself still being imported, the
lookup raises ImportError and the import of our domain models fails. It happens when
pydantic was partly imported *before* PySide6 (``salesdesk.cli.main`` imports the engine
first) and the rest after it. Importing the module completely here, before any Qt
import, removes the window.
"""

import pydantic._internal._validators  # noqa: F401
