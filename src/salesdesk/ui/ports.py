"""What the UI needs from the sync client, as a small Protocol.

The real sync client (login, push/pull, the StatusBoard it keeps current, manager
approvals) is wired in by the application's entry point; until then, and whenever no
server is configured, :class:`OfflineSyncPort` stands in: the app works locally and says
so ("Not connected — local only").

Every method except ``status_board`` may block on the network. The UI calls them on its
network thread only (see :mod:`salesdesk.ui.controller`), never on the UI thread, and
shows the message of a :class:`SyncPortError` to the person as it is, so write it in
plain words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from salesdesk.sync.status import StatusBoard, SyncStatus

ROLE_AGENT = "agent"
ROLE_MANAGER = "manager"


class SyncPortError(Exception):
    """A sync operation failed; str(exc) says why in words for the agent or manager."""


@dataclass(frozen=True)
class TeamSale:
    """One sale of the manager's team, as the server lists it."""

    workflow_id: str
    agent: str
    customer: str | None
    status: str
    gross: str
    currency: str
    updated_at: str
    approval_status: str = "not_needed"  # not_needed | pending | approved | rejected
    max_discount: str = "0"
    threshold: str = "15"


@runtime_checkable
class SyncPort(Protocol):
    @property
    def status_board(self) -> StatusBoard:
        """Observable status; observers are called on the thread that changed it."""
        ...

    def sync_now(self) -> None:
        """Run one push/pull cycle now; raise SyncPortError when it cannot."""
        ...

    def login(self, url: str, user: str, password: str) -> None:
        """Sign in (the token goes to the OS keyring); raise SyncPortError on failure."""
        ...

    def logout(self) -> None: ...

    def list_team_sales(self) -> list[TeamSale]:
        """A manager's view of the team's sales (pending approvals among them)."""
        ...

    def decide_approval(self, workflow_id: str, approved: bool, comment: str | None) -> None:
        """Record a manager's discount decision on the server (which appends it to the
        sale's history as ``approve_discount`` with origin ``server:<manager>``)."""
        ...


class OfflineSyncPort:
    """No server configured: everything stays on this device; lookups use stand-ins.

    ``disabled_by`` names the admin policy file that turned sync off (``sync.enabled =
    false``): signing in is then refused with that reason."""

    NOT_CONNECTED = "Not connected — local only"

    def __init__(self, disabled_by: str | None = None) -> None:
        self._board = StatusBoard(SyncStatus(online=False, server_url=None))
        self.disabled_by = disabled_by

    @property
    def status_board(self) -> StatusBoard:
        return self._board

    def sync_now(self) -> None:
        # Nothing to push or pull; the caller still retries lookups that wait.
        self._board.update(last_error=None)

    def login(self, url: str, user: str, password: str) -> None:
        if self.disabled_by:
            raise SyncPortError(
                "Your administrator turned syncing off for this computer "
                f"(in {self.disabled_by}). Your sales are kept safely on this computer."
            )
        raise SyncPortError(
            "This installation has no sync client yet, so it cannot sign in to "
            f"{url or 'a server'}. Your sales are kept safely on this computer."
        )

    def logout(self) -> None:
        self._board.update(logged_in_as=None, role=None)

    def list_team_sales(self) -> list[TeamSale]:
        raise SyncPortError("Team sales are only available when connected to a server.")

    def decide_approval(self, workflow_id: str, approved: bool, comment: str | None) -> None:
        raise SyncPortError("Approvals can only be decided when connected to a server.")
