"""The sync service's observable status, shared by the UI and the CLI.

Observers are called on the thread that changed the status; the UI marshals to its
own thread with a queued Qt signal.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any


@dataclass(frozen=True)
class SyncStatus:
    online: bool = False
    logged_in_as: str | None = None
    role: str | None = None
    server_url: str | None = None
    last_sync: str | None = None  # ISO time of the last successful cycle
    events_pending: int = 0  # local events not yet accepted by the server
    lookups_pending: int = 0  # lookups queued, backing off or waiting for the network
    conflicts: int = 0  # local signals that no longer validate after a rebase
    syncing: bool = False
    last_error: str | None = None
    needs_login: bool = False


Observer = Callable[[SyncStatus], None]


class StatusBoard:
    def __init__(self, initial: SyncStatus | None = None) -> None:
        self._status = initial or SyncStatus()
        self._observers: list[Observer] = []
        self._lock = threading.Lock()

    def current(self) -> SyncStatus:
        with self._lock:
            return self._status

    def update(self, **changes: Any) -> SyncStatus:
        with self._lock:
            self._status = replace(self._status, **changes)
            status, observers = self._status, list(self._observers)
        for observer in observers:
            observer(status)
        return status

    def subscribe(self, observer: Observer) -> Callable[[], None]:
        with self._lock:
            self._observers.append(observer)

        def unsubscribe() -> None:
            with self._lock:
                if observer in self._observers:
                    self._observers.remove(observer)

        return unsubscribe
