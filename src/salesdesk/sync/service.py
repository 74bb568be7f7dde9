"""The background sync service: cycles on its own thread, probes with backoff while
offline, and reports its status through a StatusBoard the UI and the CLI observe."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from salesdesk.sales.service import SalesService
from salesdesk.sync import credentials
from salesdesk.sync.client import LoginResult, ServerClient
from salesdesk.sync.errors import (
    AuthError,
    BadResponse,
    NotLoggedIn,
    OfflineError,
    ServerRejected,
    SyncError,
)
from salesdesk.sync.profile import SyncProfile, clear_profile, load_profile, save_profile
from salesdesk.sync.status import StatusBoard
from salesdesk.sync.synchronizer import CycleReport, Synchronizer

log = logging.getLogger(__name__)

ClientFactory = Callable[[SyncProfile, str | None], ServerClient]


def _default_client(profile: SyncProfile, token: str | None) -> ServerClient:
    return ServerClient(profile.server_url, token, ca_file=profile.ca_file)


class SyncService:
    def __init__(
        self,
        sales: SalesService,
        *,
        interval_seconds: float = 30.0,
        max_backoff_seconds: float = 60.0,
        client_factory: ClientFactory = _default_client,
        board: StatusBoard | None = None,
    ) -> None:
        self.sales = sales
        self.data_dir: Path = sales.data_dir
        self.board = board or StatusBoard()
        self._interval = interval_seconds
        self._max_backoff = max_backoff_seconds
        self._client_factory = client_factory
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._cycle_lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._unsubscribe: Callable[[], None] | None = None
        profile = self.profile()
        self.board.update(
            logged_in_as=profile.user if profile else None,
            role=profile.role if profile else None,
            server_url=profile.server_url if profile else None,
            last_sync=self.sales.engine.get_setting("last_sync") or None,
        )
        self.refresh_counts()

    # ------------------------------------------------------------------ profile
    def profile(self) -> SyncProfile | None:
        return load_profile(self.data_dir)

    def _token(self, profile: SyncProfile) -> str | None:
        return credentials.load_token(profile.server_url, profile.user)

    def login(
        self, server_url: str, user: str, password: str, *, ca_file: str | None = None
    ) -> LoginResult:
        probe = SyncProfile(server_url.rstrip("/"), user, ca_file=ca_file)
        with self._client_factory(probe, None) as client:
            result = client.login(user, password)
        credentials.save_token(probe.server_url, result.name, result.token)
        profile = SyncProfile(probe.server_url, result.name, result.role, result.team, ca_file)
        save_profile(self.data_dir, profile)
        self.sales.set_agent(result.name, result.team)
        self.board.update(
            logged_in_as=result.name,
            role=result.role,
            server_url=profile.server_url,
            needs_login=False,
            last_error=None,
        )
        return result

    def logout(self) -> None:
        profile = self.profile()
        if profile is None:
            return
        token = self._token(profile)
        if token:
            try:
                with self._client_factory(profile, token) as client:
                    client.logout()
            except SyncError:
                pass  # the token is forgotten here either way
        credentials.delete_token(profile.server_url, profile.user)
        clear_profile(self.data_dir)
        self.board.update(logged_in_as=None, role=None, server_url=None, online=False)

    def client(self) -> ServerClient:
        profile = self.profile()
        if profile is None:
            raise NotLoggedIn()
        token = self._token(profile)
        if not token:
            self.board.update(needs_login=True)
            raise AuthError("no sign-in is stored for this profile; log in again")
        return self._client_factory(profile, token)

    # ------------------------------------------------------------------ cycles
    def run_cycle(self) -> CycleReport:
        """One full cycle on the calling thread. Raises OfflineError, AuthError..."""
        with self._cycle_lock:
            self.board.update(syncing=True)
            try:
                with self.client() as client:
                    report = Synchronizer(self.sales, client).cycle()
            except (OfflineError, BadResponse) as exc:
                self.board.update(online=False, syncing=False, last_error=str(exc))
                self.refresh_counts()
                raise
            except AuthError as exc:
                self.board.update(needs_login=True, syncing=False, last_error=str(exc))
                self.refresh_counts()
                raise
            except ServerRejected as exc:
                self.board.update(online=True, syncing=False, last_error=exc.message)
                self.refresh_counts()
                raise
            except BaseException:
                self.board.update(syncing=False)
                raise
            now = datetime.now(UTC).isoformat(timespec="seconds")
            self.sales.engine.set_setting("last_sync", now)
            self.board.update(
                online=True, syncing=False, last_sync=now, last_error=None, needs_login=False
            )
            self.refresh_counts()
            return report

    def refresh_counts(self) -> None:
        engine = self.sales.engine
        pending = sum(max(0, r.position - r.synced_position) for r in engine.list_workflows())
        lookups = len(
            engine.activity_tasks(states=("queued", "running", "backoff", "waiting_for_network"))
        )
        conflicts = self.sales.conflict_count()
        self.board.update(events_pending=pending, lookups_pending=lookups, conflicts=conflicts)

    # ------------------------------------------------------------------ background
    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        # A new local event is a reason to sync soon.
        self._unsubscribe = self.sales.engine.subscribe(lambda _wid: self._on_local_change())
        self._thread = threading.Thread(target=self._loop, name="sync", daemon=True)
        self._thread.start()

    def _on_local_change(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    def sync_now(self) -> None:
        """Ask for a cycle soon; never blocks (safe on the UI thread)."""
        self._wake.set()

    def _loop(self) -> None:
        backoff = 2.0
        while not self._stop.is_set():
            self._wake.clear()
            delay = self._interval
            if self.profile() is not None:
                try:
                    self.run_cycle()
                    backoff = 2.0
                except (OfflineError, BadResponse):
                    # Probe again soon, then less often: the network may come back any time.
                    delay = backoff
                    backoff = min(self._max_backoff, backoff * 2)
                except (AuthError, NotLoggedIn):
                    delay = self._interval
                except SyncError as exc:
                    log.warning("sync: %s", exc)
                except Exception:  # keep syncing whatever one cycle hit; the log tells
                    log.exception("sync cycle failed")
            else:
                self.refresh_counts()
            self._wake.wait(delay)

    # ------------------------------------------------------------------ managers
    def team_sales(self, needs_approval: bool | None = None) -> list[dict[str, Any]]:
        with self.client() as client:
            return client.team_sales(needs_approval)

    def decide_discount(self, workflow_id: str, approved: bool, comment: str | None) -> None:
        with self.client() as client:
            client.decide_discount(workflow_id, approved, comment)
        self.sync_now()
