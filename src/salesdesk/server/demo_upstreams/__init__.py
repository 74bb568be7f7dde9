"""Local stand-ins for VIES, a credit bureau and Nominatim, with fault injection."""

from salesdesk.server.demo_upstreams.app import make_demo_upstreams_app
from salesdesk.server.demo_upstreams.data import COMPANIES, PLACES, DemoCompany, DemoPlace
from salesdesk.server.demo_upstreams.faults import DemoFaults, FaultSpec, RequestRecord
from salesdesk.server.demo_upstreams.runner import demo_lookups_config, run_in_thread
from salesdesk.server.demo_upstreams.settings import (
    DEMO_CREDIT_API_KEY,
    DEMO_SUSPENDED_API_KEY,
    DemoSettings,
)
from salesdesk.server.demo_upstreams.vies_app import TEST_NUMBERS

__all__ = [
    "COMPANIES",
    "DEMO_CREDIT_API_KEY",
    "DEMO_SUSPENDED_API_KEY",
    "PLACES",
    "TEST_NUMBERS",
    "DemoCompany",
    "DemoFaults",
    "DemoPlace",
    "DemoSettings",
    "FaultSpec",
    "RequestRecord",
    "demo_lookups_config",
    "make_demo_upstreams_app",
    "run_in_thread",
]
