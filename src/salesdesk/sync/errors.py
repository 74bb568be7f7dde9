"""What can go wrong talking to the server, in words an agent can act on."""

from __future__ import annotations


class SyncError(Exception):
    """Base class of sync errors."""


class OfflineError(SyncError):
    """The server could not be reached (no network, server down, timeout, bad gateway)."""


class AuthError(SyncError):
    """The token was refused: expired, revoked, or never issued. Log in again."""


class ServerRejected(SyncError):
    """The server understood the request and refused it."""

    def __init__(self, status: int, message: str, fields: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.fields = fields or {}


class ServerNotTrusted(ServerRejected):
    """The server's certificate is not trusted (or the policy's CA file is unusable). Only
    an administrator can mend it, and nothing about the request itself is wrong."""

    def __init__(self, message: str) -> None:
        super().__init__(0, message)


class BadResponse(SyncError):
    """The server answered something that is not what the protocol says (truncated JSON...).
    Treated like a dropped connection: nothing is assumed to have happened."""


class KeyringUnavailable(SyncError):
    def __init__(self, detail: str) -> None:
        super().__init__(
            "no secure credential store (OS keyring) is available, so SalesDesk cannot keep "
            f"your sign-in ({detail}). On Linux desktops install and unlock GNOME Keyring or "
            "KWallet (the Secret Service); on a headless machine, run 'salesdesk' inside a "
            "desktop session or ask your administrator. Nothing was saved to disk."
        )


class NotLoggedIn(SyncError):
    def __init__(self) -> None:
        super().__init__(
            "this profile is not signed in to a server: run "
            "'salesdesk login --server URL --user NAME'"
        )
