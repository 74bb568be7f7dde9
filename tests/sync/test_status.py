"""The status board the UI and the CLI observe: online/offline, last sync, events and
lookups pending, conflicts and needs_login, as transitions seen through subscribe()."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator

import pytest
from tests.support.faulty_proxy import FaultyProxy

from salesdesk.sync.errors import AuthError, OfflineError
from salesdesk.sync.status import SyncStatus

from .helpers import CONTACT, CUSTOMER, TERMS, Fleet, ServerHandle, lines


@pytest.fixture
def proxy(server: ServerHandle) -> Iterator[FaultyProxy]:
    with FaultyProxy(server.base_url) as p:
        yield p


def changes(seen: list[SyncStatus], field: str) -> list[object]:
    """The successive distinct values of one field."""
    out: list[object] = []
    for status in seen:
        value = getattr(status, field)
        if not out or out[-1] != value:
            out.append(value)
    return out


def wait_for(check: Callable[[], bool], seconds: float = 15.0) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_status_transitions(server: ServerHandle, proxy: FaultyProxy, fleet: Fleet) -> None:
    device = fleet.device("laptop")
    other = fleet.device("other-laptop")
    device.login(proxy.url)
    other.login(server.base_url)
    seen: list[SyncStatus] = []
    unsubscribe = device.sync.board.subscribe(seen.append)
    assert device.sync.board.current().last_sync is None

    proxy.down()
    with pytest.raises(OfflineError):
        device.cycle()
    proxy.up()
    device.cycle()
    wid = device.sales.new_sale()
    device.signal(wid, "customer", CUSTOMER)  # its lookup cannot run yet
    device.signal(wid, "contact", CONTACT)
    device.signal(wid, "lines", lines("5"))
    device.signal(wid, "terms", TERMS)
    proxy.down()
    with pytest.raises(OfflineError):
        device.cycle()
    offline = device.sync.board.current()
    assert offline.online is False and offline.last_error
    assert offline.events_pending == device.pending() > 0
    assert offline.lookups_pending == 2  # company and credit check
    proxy.up()
    device.sync_and_run()
    online = device.sync.board.current()
    assert online.online and online.events_pending == 0 and online.lookups_pending == 0
    assert online.last_sync is not None and online.last_error is None

    other.cycle()
    other.signal(wid, "cancel", {"reason": "lost to a competitor"})
    other.cycle()
    device.signal(wid, "terms", {"payment_terms_days": 60, "notes": "too late"})
    device.cycle()
    assert device.sync.board.current().conflicts == 1

    server.revoke("anna")
    with pytest.raises(AuthError):
        device.cycle()
    assert device.sync.board.current().needs_login is True
    device.login(proxy.url)
    device.cycle()
    unsubscribe()
    device.cycle()

    assert changes(seen, "online") == [False, True, False, True]
    assert changes(seen, "needs_login") == [False, True, False]
    assert changes(seen, "conflicts") == [0, 1]
    pending = changes(seen, "events_pending")
    assert pending[0] == 0 and max(pending) > 0 and pending[-1] == 0
    assert changes(seen, "lookups_pending") == [0, 2, 0]
    assert changes(seen, "last_sync")[0] is None and seen[-1].last_sync is not None
    assert True in changes(seen, "syncing") and seen[-1].syncing is False
    assert seen[-1].logged_in_as == "anna" and seen[-1].role == "agent"


def test_background_loop_goes_offline_and_back(
    server: ServerHandle, proxy: FaultyProxy, fleet: Fleet
) -> None:
    device = fleet.device("laptop", interval_seconds=30.0, max_backoff_seconds=30.0)
    device.login(proxy.url)
    device.cycle()
    seen: list[SyncStatus] = []
    threads: set[str] = set()

    def observe(status: SyncStatus) -> None:
        seen.append(status)
        threads.add(threading.current_thread().name)

    device.sync.board.subscribe(observe)
    board = device.sync.board
    proxy.down()
    device.sync.start()
    device.sales.start_background()  # the lookup runner, as in the app
    wait_for(lambda: board.current().online is False)

    wid = device.sales.new_sale()  # while offline
    device.signal(wid, "customer", CUSTOMER)
    device.signal(wid, "contact", CONTACT)
    device.sync.sync_now()
    wait_for(lambda: board.current().events_pending > 0 and not board.current().syncing)
    proxy.up()
    device.sync.sync_now()  # e.g. the OS says the network is back
    wait_for(lambda: board.current().online is True)
    # A local change wakes the loop long before the 30 s interval; the lookups run.
    device.signal(wid, "lines", lines("5"))
    wait_for(
        lambda: (
            board.current().events_pending == 0
            and board.current().lookups_pending == 0
            and device.pending() == 0
            and len(device.summary(wid).lookups) == 3
        )
    )
    device.sync.stop()
    assert device.history(wid) == server.history(wid)
    assert "sync" in threads
    assert changes(seen, "online")[-2:] == [False, True]
