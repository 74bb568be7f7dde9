"""Bearer tokens live only in the OS keyring — never in a file of the profile or a log.

Insecure keyring backends (plain-text files, the null and fail backends) are refused: a
token there would be a secret on disk. Tests select their own backend explicitly.
"""

from __future__ import annotations

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

from salesdesk.sync.errors import KeyringUnavailable

SERVICE = "SalesDesk"
_INSECURE = (
    "keyrings.alt.file.PlaintextKeyring",
    "keyring.backends.null.Keyring",
    "keyring.backends.fail.Keyring",
    "keyrings.alt.file.EncryptedKeyring",
)


def _name(backend: object) -> str:
    return f"{type(backend).__module__}.{type(backend).__qualname__}"


def _backend() -> KeyringBackend:
    backend = keyring.get_keyring()
    name = _name(backend)
    if name in _INSECURE:
        raise KeyringUnavailable(f"backend {name}")
    chained = getattr(backend, "backends", None)
    if chained is not None:
        # A chain writes to the first backend that takes the secret, which may be a
        # plain-text one: use its best secure backend (chains come sorted by priority).
        secure: list[KeyringBackend] = [b for b in chained if _name(b) not in _INSECURE]
        if not secure:
            raise KeyringUnavailable(f"backend {name} with no secure backend to chain")
        return secure[0]
    return backend


def _key(server_url: str, user: str) -> str:
    return f"{server_url.rstrip('/')}|{user}"


def save_token(server_url: str, user: str, token: str) -> None:
    try:
        _backend().set_password(SERVICE, _key(server_url, user), token)
    except keyring.errors.KeyringError as exc:
        raise KeyringUnavailable(str(exc)) from None


def load_token(server_url: str, user: str) -> str | None:
    try:
        return _backend().get_password(SERVICE, _key(server_url, user))
    except keyring.errors.KeyringError as exc:
        raise KeyringUnavailable(str(exc)) from None


def delete_token(server_url: str, user: str) -> None:
    try:
        _backend().delete_password(SERVICE, _key(server_url, user))
    except keyring.errors.PasswordDeleteError:
        pass
    except keyring.errors.KeyringError as exc:
        raise KeyringUnavailable(str(exc)) from None
