"""Lookups through the server's gateway: the activity functions of a signed-in profile.

Outcomes map onto the engine's retry rules: ok -> result; retryable -> RetryableError with
the gateway's delay; permanent -> NonRetryableError with its plain message; no network,
or a sign-in the server no longer accepts -> ConnectivityError, which waits without using
up attempts until the network (or a new login) is back.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from salesdesk.flow.errors import ConnectivityError, NonRetryableError, RetryableError
from salesdesk.flow.runner import ActivityContext, ActivityFn
from salesdesk.sales.workflow import LOOKUP_KIND_OF_ACTIVITY
from salesdesk.sync.client import ServerClient
from salesdesk.sync.credentials import load_token
from salesdesk.sync.errors import (
    AuthError,
    BadResponse,
    KeyringUnavailable,
    OfflineError,
    ServerNotTrusted,
    ServerRejected,
)
from salesdesk.sync.profile import SyncProfile, load_profile

KINDS = LOOKUP_KIND_OF_ACTIVITY


def make_gateway_activities(
    profile: SyncProfile, token_source: Callable[[], str | None]
) -> dict[str, ActivityFn]:
    def call(kind: str) -> ActivityFn:
        def activity(payload: Any, ctx: ActivityContext) -> Any:
            token = token_source()
            if not token:
                raise ConnectivityError("sign in again to run lookups", code="LOGIN_REQUIRED")
            timeout = max(1.0, ctx.remaining())
            with ServerClient(
                profile.server_url, token, ca_file=profile.ca_file, timeout=timeout
            ) as client:
                try:
                    outcome = client.lookup(kind, payload)
                except (OfflineError, BadResponse) as exc:
                    raise ConnectivityError(str(exc), code="OFFLINE") from None
                except AuthError:
                    raise ConnectivityError(
                        "sign in again to run lookups", code="LOGIN_REQUIRED"
                    ) from None
                except ServerNotTrusted as exc:
                    # The lookup itself is fine: it waits, like offline, until the admin
                    # mends the trust, instead of failing the customer check for good.
                    raise ConnectivityError(exc.message, code="SERVER_NOT_TRUSTED") from None
                except ServerRejected as exc:
                    raise NonRetryableError(exc.message, code=f"HTTP_{exc.status}") from None
            if outcome.status == "ok":
                return outcome.result
            message = outcome.message or "the lookup failed"
            if outcome.status == "retryable":
                raise RetryableError(message, retry_after=outcome.retry_after_s, code=outcome.code)
            raise NonRetryableError(message, code=outcome.code)

        return activity

    return {name: call(kind) for name, kind in KINDS.items()}


def activities_for_profile(data_dir: Path) -> dict[str, ActivityFn] | None:
    """Gateway activities when this profile is signed in to a server, else None."""
    profile = load_profile(data_dir)
    if profile is None:
        return None

    def token() -> str | None:
        try:
            return load_token(profile.server_url, profile.user)
        except KeyringUnavailable:
            return None

    return make_gateway_activities(profile, token)
