"""Users, roles and passwords.

Passwords are hashed with argon2id (memory-hard). Verification of an unknown user name
still runs one argon2 verification against a dummy hash, so response time does not reveal
which names exist.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated, Any

import argon2
from pydantic import AfterValidator, StringConstraints
from sqlalchemy import Row, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from salesdesk.server.config import Argon2Params
from salesdesk.server.tables import users


class Role(StrEnum):
    AGENT = "agent"
    MANAGER = "manager"
    ADMIN = "admin"


@dataclass(frozen=True)
class Principal:
    """The authenticated caller of a request."""

    user_id: int
    name: str
    role: Role
    team: str | None


@dataclass(frozen=True)
class UserRecord:
    principal: Principal
    password_hash: str
    created_at: datetime
    disabled: bool


# Unicode category Cc is exactly C0, DEL and C1 (checked by a test against unicodedata).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def has_control_chars(value: str) -> bool:
    # NUL in particular: PostgreSQL refuses it in text, which would turn input into a 500.
    return _CONTROL.search(value) is not None


def _plain(value: str) -> str:
    if has_control_chars(value):
        raise ValueError("must not contain control characters")
    return value


#: A user or team name as accepted in requests.
PlainName = Annotated[str, StringConstraints(min_length=1, max_length=100), AfterValidator(_plain)]


class UserExistsError(ValueError):
    """A user with that name already exists."""


MAX_NAME_LENGTH = 100
MIN_PASSWORD_LENGTH = 8


class PasswordHasher:
    """argon2id hashing with a precomputed dummy hash for unknown users."""

    def __init__(self, params: Argon2Params | None = None) -> None:
        p = params or Argon2Params()
        self._hasher = argon2.PasswordHasher(
            time_cost=p.time_cost,
            memory_cost=p.memory_kib,
            parallelism=p.parallelism,
            type=argon2.Type.ID,
        )
        self._dummy = self._hasher.hash("salesdesk-dummy-password")

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, password_hash: str | None, password: str) -> bool:
        """True if ``password`` matches; with ``None`` burns the same time and says False."""
        try:
            self._hasher.verify(password_hash or self._dummy, password)
        except (argon2.exceptions.VerificationError, argon2.exceptions.InvalidHashError):
            return False
        return password_hash is not None

    def needs_rehash(self, password_hash: str) -> bool:
        """True when the stored hash used weaker (older) parameters than configured."""
        return self._hasher.check_needs_rehash(password_hash)


_default_hasher: PasswordHasher | None = None


def default_hasher() -> PasswordHasher:
    global _default_hasher
    if _default_hasher is None:
        _default_hasher = PasswordHasher()
    return _default_hasher


def validate_new_user(name: str, password: str, team: str | None) -> None:
    """Raise ValueError with a plain message when the fields are unusable."""
    if not name or name != name.strip() or len(name) > MAX_NAME_LENGTH or has_control_chars(name):
        raise ValueError(
            f"name must be 1-{MAX_NAME_LENGTH} characters without outer spaces or control "
            "characters"
        )
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"password must be at least {MIN_PASSWORD_LENGTH} characters")
    if team is not None and (
        not team.strip() or len(team) > MAX_NAME_LENGTH or has_control_chars(team)
    ):
        raise ValueError(f"team must be 1-{MAX_NAME_LENGTH} characters")


def add_user(
    session: Session,
    name: str,
    password: str,
    role: Role | str,
    team: str | None = None,
    *,
    hasher: PasswordHasher | None = None,
    now: datetime | None = None,
) -> Principal:
    """Create a user; raises UserExistsError for a taken name, ValueError for bad fields.

    Runs inside the caller's transaction (the caller commits).
    """
    role = Role(role)
    validate_new_user(name, password, team)
    password_hash = (hasher or default_hasher()).hash(password)
    created_at = now or datetime.now(UTC)
    try:
        # A savepoint keeps the caller's transaction usable after a duplicate name.
        with session.begin_nested():
            result = session.execute(
                users.insert()
                .values(
                    name=name,
                    role=role.value,
                    team=team,
                    password_hash=password_hash,
                    created_at=created_at,
                    disabled=False,
                )
                .returning(users.c.id)
            )
            user_id = int(result.scalar_one())
    except IntegrityError as exc:
        raise UserExistsError(f"a user named {name!r} already exists") from exc
    return Principal(user_id=user_id, name=name, role=role, team=team)


def _record(row: Row[Any]) -> UserRecord:
    r = row._mapping
    return UserRecord(
        principal=Principal(user_id=r["id"], name=r["name"], role=Role(r["role"]), team=r["team"]),
        password_hash=r["password_hash"],
        created_at=r["created_at"],
        disabled=bool(r["disabled"]),
    )


def get_user_by_name(session: Session, name: str) -> UserRecord | None:
    row = session.execute(select(users).where(users.c.name == name)).first()
    return None if row is None else _record(row)


def get_user(session: Session, user_id: int) -> UserRecord | None:
    row = session.execute(select(users).where(users.c.id == user_id)).first()
    return None if row is None else _record(row)


def set_password(
    session: Session, user_id: int, password: str, *, hasher: PasswordHasher | None = None
) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"password must be at least {MIN_PASSWORD_LENGTH} characters")
    new_hash = (hasher or default_hasher()).hash(password)
    session.execute(users.update().where(users.c.id == user_id).values(password_hash=new_hash))


def store_rehash(session: Session, user_id: int, password_hash: str) -> None:
    """Replace a hash made with older parameters (after a successful login)."""
    session.execute(users.update().where(users.c.id == user_id).values(password_hash=password_hash))


def set_disabled(session: Session, user_id: int, disabled: bool) -> None:
    session.execute(users.update().where(users.c.id == user_id).values(disabled=disabled))


def can_access_workflow(principal: Principal, owner_user_id: int, team: str | None) -> bool:
    """Agents see their own sales, managers also their team's, admins everything."""
    if principal.role is Role.ADMIN or owner_user_id == principal.user_id:
        return True
    return principal.role is Role.MANAGER and principal.team is not None and team == principal.team
