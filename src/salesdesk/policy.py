"""The administrator's policy file: system-wide settings, read by the app, never written.

Where it lives
--------------
- Linux: ``/etc/salesdesk/config.toml``
- Windows: ``%ProgramData%\\SalesDesk\\config.toml``
- macOS: ``/Library/Application Support/SalesDesk/config.toml``

``SALESDESK_POLICY_FILE`` names another file (tests, the packaged build's smoke test, an
admin trying a new policy before deploying it). A missing file is not an error: every key
then has its built-in default and nothing is locked.

Keys (TOML; every key is optional)
----------------------------------
``[server]``
    ``url``  the sync server, ``https://`` (or ``http://``) with a host and nothing after
    the path; no user name or password in it. Default: none (the agent enters it).
    ``ca_file``  an absolute path to an extra PEM CA bundle trusted *in addition to* the
    system's, for a server with a certificate from a private CA. TLS certificate
    verification can never be turned off: there is deliberately no key for that.
``[sync]``
    ``enabled``  ``false`` makes this a stand-alone installation that never signs in or
    syncs (default ``true``).
    ``interval_seconds``  seconds between background sync cycles, 5..86400 (default 30).
``[lookups]``
    ``wait_seconds``  how long ``salesdesk sale signal`` waits for the lookups a signal
    started before it answers, 0..300 (default 10); slower lookups finish in the background.
``[sales]``
    ``quote_validity_days``  days a quote stays valid, 1..365 (default 30).
    ``discount_approval_threshold``  a discount above this percentage needs a manager's
    approval, 0..100 (default 15).
``[ui]``
    ``language``  ``en``, ``de``, ``hu`` or ``system`` (default ``system``).
``locked`` (top level, before the first ``[section]``)
    a list of the keys above, e.g. ``["server.url", "ui.language"]``, that the user cannot
    change: the settings screen shows them read-only with the reason "set by your
    administrator in <path>". A locked key that the file does not set is locked at its
    built-in default.

A key that is set but not locked is a default: it applies until the user changes it, for
the keys that have a user setting at all (``server.url``, ``ui.language``). The other keys
have no user setting, so their policy value always applies.

Errors
------
An invalid file never stops the app. :func:`load_policy` returns the policy it could
read together with a list of :class:`PolicyProblem`, each naming the file, the line
(and column, for TOML syntax), the key and what is wrong:

- not readable or not UTF-8, or not TOML at all: the whole file is ignored (built-in
  defaults, nothing locked), because no part of it can be trusted;
- an unknown section or key, a value of the wrong type or out of range: only that key
  falls back to its default; the rest of the file applies, and a locked key stays
  locked, so a typo never hands a locked setting back to the user.
"""

from __future__ import annotations

import difflib
import os
import re
import sys
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from pathlib import Path, PureWindowsPath
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from salesdesk.sales.service import SalePolicy

POLICY_FILE_ENV = "SALESDESK_POLICY_FILE"
LANGUAGES = ("system", "en", "de", "hu")
LOCKED_KEY = "locked"

ProblemKind = Literal["unreadable", "syntax", "unknown_key", "type", "value"]


# --------------------------------------------------------------------------- location
def default_policy_path(
    platform: str | None = None, environ: Mapping[str, str] | None = None
) -> Path:
    """The platform's policy file location (``SALESDESK_POLICY_FILE`` is not consulted)."""
    platform = sys.platform if platform is None else platform
    env = os.environ if environ is None else environ
    if platform.startswith("win"):
        # %ProgramData% is C:\ProgramData on every supported Windows, but a relocated
        # system drive is possible, so ask the environment first.
        base = env.get("ProgramData") or env.get("PROGRAMDATA") or r"C:\ProgramData"
        return Path(str(PureWindowsPath(base, "SalesDesk", "config.toml")))
    if platform == "darwin":
        return Path("/Library/Application Support/SalesDesk/config.toml")
    return Path("/etc/salesdesk/config.toml")


def policy_path(environ: Mapping[str, str] | None = None) -> Path:
    """``$SALESDESK_POLICY_FILE`` when set (and not empty), else the platform's location."""
    env = os.environ if environ is None else environ
    override = env.get(POLICY_FILE_ENV, "").strip()
    return Path(override) if override else default_policy_path(environ=env)


# --------------------------------------------------------------------------- the policy
@dataclass(frozen=True)
class ServerPolicy:
    url: str | None = None
    ca_file: Path | None = None


@dataclass(frozen=True)
class SyncPolicy:
    enabled: bool = True
    interval_seconds: float = 30.0


@dataclass(frozen=True)
class LookupsPolicy:
    wait_seconds: float = 10.0


@dataclass(frozen=True)
class SalesPolicy:
    quote_validity_days: int = 30
    discount_approval_threshold: Decimal = Decimal(15)


@dataclass(frozen=True)
class UiPolicy:
    language: str = "system"


#: Policy keys that correspond to a field of the settings dialog, and that field's name
#: there (``salesdesk.ui.settings.SettingsDialog`` takes ``locked`` by these names).
SETTINGS_FIELDS: dict[str, str] = {"server.url": "server_url", "ui.language": "language"}


@dataclass(frozen=True)
class Policy:
    """The effective policy. ``locked`` maps a dotted key to the reason shown to the user;
    ``configured`` holds the keys the file set with a valid value."""

    source: Path
    found: bool = False
    server: ServerPolicy = ServerPolicy()
    sync: SyncPolicy = SyncPolicy()
    lookups: LookupsPolicy = LookupsPolicy()
    sales: SalesPolicy = SalesPolicy()
    ui: UiPolicy = UiPolicy()
    locked: dict[str, str] = field(default_factory=dict)
    configured: frozenset[str] = frozenset()

    def value(self, key: str) -> object:
        """The effective value of a dotted key such as ``"sync.interval_seconds"``."""
        if key not in KEYS:
            raise KeyError(key)
        section, name = key.split(".", 1)
        return getattr(getattr(self, section), name)

    def is_locked(self, key: str) -> bool:
        return key in self.locked

    def lock_reason(self, key: str) -> str | None:
        return self.locked.get(key)

    def settings_locks(self) -> dict[str, str]:
        """``locked`` for the settings dialog: its field names mapped to the reason."""
        return {
            SETTINGS_FIELDS[key]: reason
            for key, reason in self.locked.items()
            if key in SETTINGS_FIELDS
        }

    def sale_policy(self) -> SalePolicy:
        """The values new sales start with (``SalesService(policy=...)``)."""
        from salesdesk.sales.service import SalePolicy

        return SalePolicy(
            quote_validity_days=self.sales.quote_validity_days,
            discount_approval_threshold=self.sales.discount_approval_threshold,
        )


@dataclass(frozen=True)
class PolicyProblem:
    """One thing wrong with the policy file, in words for the administrator."""

    path: Path
    kind: ProblemKind
    message: str
    key: str | None = None
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = str(self.path)
        if self.line is not None:
            where += f", line {self.line}"
            if self.column is not None:
                where += f", column {self.column}"
        return f"{where}: {self.message}"


# --------------------------------------------------------------------------- value checks
class _Invalid(Exception):
    def __init__(self, kind: Literal["type", "value"], message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


def _describe(value: object) -> str:
    """What a TOML value is, in the words an administrator reads in the file."""
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, int):
        return f"a whole number ({value})"
    if isinstance(value, float):
        return f"a number ({value})"
    if isinstance(value, str):
        return f"text ({value!r})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, datetime | date | time):
        return f"a date/time ({value})"
    return type(value).__name__


def _number(low: float, high: float, unit: str) -> Callable[[object], float]:
    def parse(value: object) -> float:
        # bool is an int in Python but never a number in an admin's mind.
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise _Invalid("type", f"must be a number of {unit}, not {_describe(value)}")
        if not low <= value <= high:
            raise _Invalid("value", f"must be between {low:g} and {high:g} {unit}, not {value}")
        return float(value)

    return parse


def _whole(low: int, high: int, unit: str) -> Callable[[object], int]:
    def parse(value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise _Invalid("type", f"must be a whole number of {unit}, not {_describe(value)}")
        if not low <= value <= high:
            raise _Invalid("value", f"must be between {low} and {high} {unit}, not {value}")
        return value

    return parse


def _flag(value: object) -> bool:
    if not isinstance(value, bool):
        raise _Invalid("type", f"must be true or false (no quotes), not {_describe(value)}")
    return value


def _percent(value: object) -> Decimal:
    # Text is accepted too ("12.5"), so that an exact decimal never goes through a float.
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise _Invalid("type", f"must be a percentage (a number), not {_describe(value)}")
    try:
        amount = Decimal(str(value).strip())
    except InvalidOperation:
        raise _Invalid("value", f"must be a percentage (a number), not {value!r}") from None
    if not amount.is_finite() or not Decimal(0) <= amount <= Decimal(100):
        raise _Invalid("value", f"must be a percentage between 0 and 100, not {value}")
    return amount


def _url(value: object) -> str:
    if not isinstance(value, str):
        raise _Invalid("type", f"must be text (the server's address), not {_describe(value)}")
    text = value.strip()
    if not text:
        raise _Invalid("value", "is empty; leave the key out instead")
    parts = urlsplit(text)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise _Invalid("value", f"must be an address like https://sales.example.com, not {value!r}")
    if parts.username is not None or parts.password is not None:
        # Anyone on the machine can read this file; sign-in tokens belong in the keyring.
        raise _Invalid("value", "must not contain a user name or password")
    if parts.query or parts.fragment:
        raise _Invalid("value", f"must not have a query or fragment (?, #): {value!r}")
    try:
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError:
        raise _Invalid("value", f"has an invalid port: {value!r}") from None
    return text.rstrip("/")


def _ca_file(value: object) -> Path:
    if not isinstance(value, str):
        raise _Invalid("type", f"must be text (a file path), not {_describe(value)}")
    path = Path(value.strip())
    if not value.strip() or not path.is_absolute():
        raise _Invalid("value", f"must be an absolute path to a PEM file, not {value!r}")
    if not path.is_file():
        raise _Invalid("value", f"names a file that does not exist: {value}")
    return path


def _language(value: object) -> str:
    if not isinstance(value, str):
        raise _Invalid("type", f"must be text, not {_describe(value)}")
    code = value.strip().lower()
    if code not in LANGUAGES:
        raise _Invalid("value", f"must be one of {', '.join(LANGUAGES)}, not {value!r}")
    return code


@dataclass(frozen=True)
class KeySpec:
    key: str
    parse: Callable[[object], object]
    help: str


_SPECS = (
    KeySpec("server.url", _url, "the sync server's address"),
    KeySpec("server.ca_file", _ca_file, "extra PEM CA bundle to trust (absolute path)"),
    KeySpec("sync.enabled", _flag, "false: never sign in or sync (stand-alone)"),
    KeySpec("sync.interval_seconds", _number(5, 86400, "seconds"), "seconds between syncs"),
    KeySpec("lookups.wait_seconds", _number(0, 300, "seconds"), "CLI wait for lookups"),
    KeySpec("sales.quote_validity_days", _whole(1, 365, "days"), "days a quote is valid"),
    KeySpec(
        "sales.discount_approval_threshold", _percent, "discount % above which a manager approves"
    ),
    KeySpec("ui.language", _language, "en, de, hu or system"),
)
#: Every policy key, by its dotted name.
KEYS: dict[str, KeySpec] = {spec.key: spec for spec in _SPECS}
SECTIONS: tuple[str, ...] = tuple(dict.fromkeys(key.split(".")[0] for key in KEYS))

# Names an admin might try in order to turn TLS verification off; they get a pointer to
# ca_file instead of a bare "unknown key".
_TLS_OFF = re.compile(r"(verify|insecure|tls|ssl|cert_check)", re.IGNORECASE)


# --------------------------------------------------------------------------- locating lines
_BARE = r"[A-Za-z0-9_-]+"
_QUOTED = r"\"(?:[^\"\\]|\\.)*\"|'[^']*'"
_KEY_PART = rf"(?:{_BARE}|{_QUOTED})"
_DOTTED = rf"{_KEY_PART}(?:\s*\.\s*{_KEY_PART})*"
_HEADER_RE = re.compile(rf"^\s*\[\[?\s*({_DOTTED})\s*\]\]?")
_ASSIGN_RE = re.compile(rf"^\s*({_DOTTED})\s*=")
_PART_RE = re.compile(_KEY_PART)


def _split_key(text: str) -> tuple[str, ...]:
    parts = []
    for match in _PART_RE.finditer(text):
        part = match.group(0)
        if part[0] in "\"'":
            part = part[1:-1]
        parts.append(part)
    return tuple(parts)


def _assignments(text: str) -> list[tuple[int, tuple[str, ...], bool]]:
    """(line number, full key, is a table header) for each header and key = value line.

    A line scanner, not a parser: it is only used to point at the line of a key that the
    real parser (tomllib, which gives no positions for values) already read."""
    found: list[tuple[int, tuple[str, ...], bool]] = []
    table: tuple[str, ...] = ()
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER_RE.match(line)
        if header:
            table = _split_key(header.group(1))
            found.append((number, table, True))
            continue
        assign = _ASSIGN_RE.match(line)
        if assign:
            found.append((number, table + _split_key(assign.group(1)), False))
    return found


def find_key_line(text: str, key: str) -> int | None:
    """The line that sets a dotted key (or opens a section), best effort.

    Exact matches win; otherwise the line of the longest prefix (e.g. the line of an inline
    table ``sync = { ... }`` for ``sync.interval_seconds``)."""
    target = tuple(key.split("."))
    best: tuple[int, int] | None = None  # (matched length, line)
    for number, full, _is_header in _assignments(text):
        if full == target:
            return number
        is_prefix = len(full) < len(target) and target[: len(full)] == full
        if is_prefix and (best is None or len(full) > best[0]):
            best = (len(full), number)
    return best[1] if best else None


def _find_string_line(text: str, value: str, after: int | None) -> int | None:
    """The line of a quoted string (an entry of ``locked``), at or after line ``after``."""
    lines = text.splitlines()
    start = (after or 1) - 1
    quoted = (f'"{value}"', f"'{value}'")
    for index in range(start, len(lines)):
        if any(q in lines[index] for q in quoted):
            return index + 1
    return after


# --------------------------------------------------------------------------- loading
_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


def _syntax_problem(path: Path, exc: tomllib.TOMLDecodeError, text: str) -> PolicyProblem:
    # tomllib (3.11) puts the position only into the message: "... (at line 3, column 7)".
    message = str(exc)
    position = _TOML_POSITION.search(message)
    line = int(position.group(1)) if position else None
    column = int(position.group(2)) if position else None
    reason = _TOML_POSITION.sub("", message).strip()
    if position is None and "(at end of document)" in message:
        line = max(1, len(text.splitlines()))
        reason = reason.replace("(at end of document)", "at the end of the file").strip()
    return PolicyProblem(
        path,
        "syntax",
        f"not valid TOML ({reason[:1].lower() + reason[1:]}); the whole file is ignored "
        "and built-in defaults apply until it is fixed",
        line=line,
        column=column,
    )


def _lock_reason(path: Path) -> str:
    return f"set by your administrator in {path}"


def load_policy(path: Path | None = None) -> tuple[Policy, list[PolicyProblem]]:
    """Read the policy file (default: :func:`policy_path`). Never raises for a bad file:
    problems are returned, and the policy holds whatever could be read safely."""
    source = policy_path() if path is None else Path(path)
    defaults = Policy(source=source)
    try:
        data = source.read_bytes()
    except FileNotFoundError:
        return defaults, []
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        return defaults, [
            PolicyProblem(
                source,
                "unreadable",
                f"cannot be read ({reason}); built-in defaults apply",
            )
        ]
    found = replace(defaults, found=True)
    try:
        # utf-8-sig: Notepad on older Windows saves UTF-8 with a byte order mark.
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return found, [
            PolicyProblem(
                source,
                "unreadable",
                "is not UTF-8 text (save it as UTF-8); the whole file is ignored and "
                "built-in defaults apply",
                line=data[: exc.start].count(b"\n") + 1,
            )
        ]
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return found, [_syntax_problem(source, exc, text)]
    return _build(found, document, text)


def _build(
    policy: Policy, document: dict[str, Any], text: str
) -> tuple[Policy, list[PolicyProblem]]:
    source = policy.source
    problems: list[PolicyProblem] = []
    values: dict[str, object] = {}

    def problem(kind: ProblemKind, key: str, message: str, line: int | None = None) -> None:
        where = line if line is not None else find_key_line(text, key)
        problems.append(PolicyProblem(source, kind, message, key=key, line=where))

    for name, content in document.items():
        if name == LOCKED_KEY:
            continue
        if name not in SECTIONS:
            hint = _suggest(name, (*SECTIONS, LOCKED_KEY))
            problem(
                "unknown_key",
                name,
                f"unknown section or key {name!r}{hint}; it is ignored "
                f"(sections: {', '.join(SECTIONS)}; top-level key: locked)",
            )
            continue
        if not isinstance(content, dict):
            problem("type", name, f"{name} must be a section [{name}], not {_describe(content)}")
            continue
        for key_name, raw in content.items():
            key = f"{name}.{key_name}"
            spec = KEYS.get(key)
            if spec is None:
                problem("unknown_key", key, _unknown_key_message(name, key_name))
                continue
            try:
                values[key] = spec.parse(raw)
            except _Invalid as exc:
                default = policy.value(key)
                shown = "none" if default is None else _show(default)
                problem(exc.kind, key, f"{key} {exc.message}; the default ({shown}) applies")

    locked = _read_locked(document, text, source, problems)

    # Any: each value was produced by its key's own parser, so it has that field's type.
    sections: dict[str, dict[str, Any]] = {}
    for key, value in values.items():
        section, name = key.split(".", 1)
        sections.setdefault(section, {})[name] = value
    built = replace(
        policy,
        server=replace(policy.server, **sections.get("server", {})),
        sync=replace(policy.sync, **sections.get("sync", {})),
        lookups=replace(policy.lookups, **sections.get("lookups", {})),
        sales=replace(policy.sales, **sections.get("sales", {})),
        ui=replace(policy.ui, **sections.get("ui", {})),
        locked=locked,
        configured=frozenset(values),
    )
    problems.sort(key=lambda p: p.line or 0)
    return built, problems


def _read_locked(
    document: dict[str, Any], text: str, source: Path, problems: list[PolicyProblem]
) -> dict[str, str]:
    locked: dict[str, str] = {}
    raw = document.get(LOCKED_KEY)
    line = find_key_line(text, LOCKED_KEY)
    if raw is None:
        return locked
    if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
        problems.append(
            PolicyProblem(
                source,
                "type",
                'locked must be a list of keys in quotes, like ["server.url", "ui.language"], '
                f"not {_describe(raw)}; nothing is locked",
                key=LOCKED_KEY,
                line=line,
            )
        )
        return locked
    reason = _lock_reason(source)
    for item in raw:
        key = item.strip()
        if key in KEYS:
            locked[key] = reason
            continue
        hint = _suggest(key, tuple(KEYS))
        problems.append(
            PolicyProblem(
                source,
                "value",
                f"locked lists {item!r}, which is not a policy key{hint}; it is ignored",
                key=LOCKED_KEY,
                line=_find_string_line(text, item, line),
            )
        )
    return locked


def _unknown_key_message(section: str, name: str) -> str:
    key = f"{section}.{name}"
    if name == LOCKED_KEY:
        return (
            f"{key}: 'locked' must come before the first [section] of the file; written "
            f"after [{section}], TOML reads it as part of that section. It is ignored"
        )
    if section == "server" and _TLS_OFF.search(name):
        return (
            f"unknown key {key}: TLS certificate verification cannot be turned off; to "
            "trust a server whose certificate comes from a private CA, set server.ca_file. "
            "It is ignored"
        )
    known = [k.split(".", 1)[1] for k in KEYS if k.startswith(section + ".")]
    hint = _suggest(name, tuple(known))
    return f"unknown key {key}{hint}; it is ignored (keys in [{section}]: {', '.join(known)})"


def _suggest(name: str, candidates: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.75)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _show(value: object) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# --------------------------------------------------------------------------- reporting
def describe_policy(policy: Policy) -> list[tuple[str, str, str]]:
    """(key, effective value, origin) rows for ``salesdesk policy`` and the self-test."""
    rows = []
    for key in KEYS:
        value = policy.value(key)
        origin = "policy" if key in policy.configured else "default"
        if key in policy.locked:
            origin += ", locked"
        rows.append((key, "-" if value is None else _show(value), origin))
    return rows
