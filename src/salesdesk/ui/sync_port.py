"""The real SyncPort: the sync client (salesdesk.sync) behind the UI's small protocol.

The SyncService is attached to the UI's own SalesService once the controller has opened
it, so events pulled from the server notify the same engine the windows listen to, and
one activity runner serves both. Every call here may block on the network: the
controller makes them on its network thread, never on the UI thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from salesdesk.sync.errors import (
    AuthError,
    BadResponse,
    KeyringUnavailable,
    NotLoggedIn,
    OfflineError,
    ServerRejected,
    SyncError,
)
from salesdesk.sync.profile import load_profile
from salesdesk.sync.status import StatusBoard, SyncStatus
from salesdesk.ui.ports import SyncPortError, TeamSale

if TYPE_CHECKING:
    from salesdesk.sales.service import SalesService
    from salesdesk.sync.client import ServerClient
    from salesdesk.sync.profile import SyncProfile
    from salesdesk.sync.service import SyncService


def _plain(exc: SyncError) -> SyncPortError:
    if isinstance(exc, OfflineError | BadResponse):
        return SyncPortError(
            "The server cannot be reached right now. Your work is kept on this computer "
            "and is sent as soon as the server is back."
        )
    if isinstance(exc, AuthError | NotLoggedIn):
        return SyncPortError("Your sign-in has expired. Sign in again; nothing was lost.")
    if isinstance(exc, ServerRejected):
        return SyncPortError(f"The server refused: {exc.message}")
    if isinstance(exc, KeyringUnavailable):
        return SyncPortError(str(exc))
    return SyncPortError(str(exc))


class ServerSyncPort:
    """``ca_file`` (the admin policy's ``server.ca_file``, as the app read it at start) is
    trusted in addition to the system's CAs for every connection, sign-in included. The
    client also adds the policy's CA by itself on each new connection, so a changed
    policy applies from the next cycle; it is not copied into the profile."""

    def __init__(
        self,
        *,
        interval_seconds: float = 30.0,
        background: bool = True,
        ca_file: str | None = None,
    ) -> None:
        self._board = StatusBoard(SyncStatus())
        self._interval = interval_seconds
        self._background = background
        self._ca_file = ca_file
        self._sync: SyncService | None = None

    @property
    def interval_seconds(self) -> float:
        return self._interval

    @property
    def ca_file(self) -> str | None:
        return self._ca_file

    def _client(self, profile: SyncProfile, token: str | None) -> ServerClient:
        from salesdesk.sync.client import ServerClient

        return ServerClient(profile.server_url, token, ca_file=profile.ca_file or self._ca_file)

    def attach(self, sales: SalesService) -> None:
        """Called on the controller's service thread once the profile is open."""
        from salesdesk.sync.service import SyncService

        profile = load_profile(sales.data_dir)
        self._board.update(
            logged_in_as=profile.user if profile else None,
            role=profile.role if profile else None,
            server_url=profile.server_url if profile else None,
        )
        self._sync = SyncService(
            sales, interval_seconds=self._interval, board=self._board, client_factory=self._client
        )
        if self._background:
            self._sync.start()

    def close(self) -> None:
        if self._sync is not None:
            self._sync.stop()

    def _service(self) -> SyncService:
        if self._sync is None:
            raise SyncPortError("The profile is still opening; try again in a moment.")
        return self._sync

    @property
    def status_board(self) -> StatusBoard:
        return self._board

    def sync_now(self) -> None:
        service = self._service()
        if service.profile() is None:
            raise SyncPortError("Sign in to a server first (Settings › Sign in).")
        try:
            service.run_cycle()
        except SyncError as exc:
            raise _plain(exc) from None

    def login(self, url: str, user: str, password: str) -> None:
        try:
            self._service().login(url, user, password)
        except SyncError as exc:
            if isinstance(exc, ServerRejected) and exc.status in (400, 401, 403, 422):
                raise SyncPortError("The user name or password is wrong.") from None
            raise _plain(exc) from None
        self._service().sync_now()

    def logout(self) -> None:
        try:
            self._service().logout()
        except SyncError as exc:
            raise _plain(exc) from None

    def list_team_sales(self) -> list[TeamSale]:
        service = self._service()
        try:
            with service.client() as client:
                rows = client.team_sales()
                out = []
                for row in rows:
                    summary = (
                        client.sale_summary(row["workflow_id"])
                        if row.get("needs_approval")
                        else None
                    )
                    approval = (summary or {}).get("approval") or {}
                    out.append(
                        TeamSale(
                            workflow_id=row["workflow_id"],
                            agent=(summary or {}).get("agent") or str(row.get("owner_user_id")),
                            customer=row.get("customer"),
                            status=row.get("status") or "draft",
                            gross=row.get("gross_total") or "0",
                            currency=row.get("currency") or "EUR",
                            updated_at=str(row.get("updated_at") or ""),
                            approval_status=approval.get("status", "not_needed"),
                            max_discount=str(approval.get("max_discount", "0")),
                            threshold=str(approval.get("threshold", "15")),
                        )
                    )
                return out
        except SyncError as exc:
            raise _plain(exc) from None

    def decide_approval(self, workflow_id: str, approved: bool, comment: str | None) -> None:
        try:
            self._service().decide_discount(workflow_id, approved, comment)
        except SyncError as exc:
            raise _plain(exc) from None
