"""SalesDesk: deterministic, locally persisted sales workflows."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("salesdesk")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"
