"""Immutable, versioned price lists and their content hash.

A sale's start event embeds the whole price list it was started with (as JSON)
plus `content_hash()`, so it replays to the same cents on any device and the server
can check the snapshot against the lists it published. Hence: the JSON form must
round-trip losslessly, the hash must not depend on key order, whitespace or trailing
zeros, and validation must be fast enough to run on every replay.

Unit prices may carry up to 4 decimal places whatever the currency (cables by the
metre, screws by the piece); line amounts are rounded to the currency's precision
by `money.price_line`. Validation rules may only ever get looser: every snapshot
already stored in a history must keep validating.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Final, Literal, Self, get_args

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import ErrorDetails, PydanticCustomError

from salesdesk.sales.money import FLOAT_MESSAGE, CurrencyCode, DecimalStr, decimal_to_str

__all__ = [
    "SKU_REGEX",
    "UNITS",
    "IsoDate",
    "PriceItem",
    "PriceList",
    "PriceListError",
    "Sku",
    "Unit",
    "UnknownSku",
    "canonical_json",
    "check_sku",
    "load_price_list",
]

SKU_REGEX: Final = r"^[A-Z0-9](?:[A-Z0-9._/-]{0,38}[A-Z0-9])?$"
SKU_RULE: Final = "use 1 to 40 capital letters, digits and - . _ / (for example LAP-TP-X1C-G12)"
_SKU_PATTERN: Final = re.compile(SKU_REGEX)
_VERSION_REGEX: Final = r"^[0-9A-Za-z](?:[0-9A-Za-z._-]{0,30}[0-9A-Za-z])?$"
_DATE_PATTERN: Final = re.compile(r"\d{4}-\d{2}-\d{2}")

#: Units a price list may use. May only grow: stored snapshots must keep validating.
Unit = Literal[
    "pcs", "box", "pack", "set", "pair", "ream", "roll", "m", "kg", "l",
    "h", "day", "month", "year", "licence", "user",
]  # fmt: skip
UNITS: Final = frozenset(get_args(Unit))


class PriceListError(ValueError):
    """A price list file or snapshot cannot be used; str(exc) says why and where."""


class UnknownSku(KeyError):
    def __str__(self) -> str:
        # KeyError would repr() its message, quotes and all.
        return str(self.args[0]) if self.args else "unknown SKU"


# --------------------------------------------------------------------------- field types

#: A product code such as "LAP-TP-X1C-G12". A native pattern (no Python call per item)
#: because every replay validates a whole price list.
Sku = Annotated[str, StringConstraints(pattern=SKU_REGEX)]


def check_sku(value: str) -> str:
    """Pydantic after-validator with a plain message, for SKUs typed by people."""
    if not _SKU_PATTERN.fullmatch(value):
        raise PydanticCustomError("sku", "'{sku}' is not a valid SKU — " + SKU_RULE, {"sku": value})
    return value


def _check_iso_date(value: Any) -> Any:
    # pydantic alone would also take Unix timestamps and datetimes; a price list or a
    # delivery date given as 1767225600 is a bug, not a date.
    if isinstance(value, datetime):
        raise PydanticCustomError("date_format", "must be a date without a time, like 2026-03-31")
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _DATE_PATTERN.fullmatch(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise PydanticCustomError(
                "date_format", "{value} is not a date in the calendar", {"value": value.strip()}
            ) from None
    raise PydanticCustomError("date_format", "must be a date like 2026-03-31")


#: A calendar date, accepted as a date object or "YYYY-MM-DD".
IsoDate = Annotated[date, BeforeValidator(_check_iso_date)]


# --------------------------------------------------------------------------- models


class PriceItem(BaseModel):
    """One product or service; `unit_price` is net, `vat_rate` a percentage (27 = 27 %).

    Unit prices may have up to 4 decimal places whatever the currency; VAT rates 2.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    sku: Sku
    name: Annotated[str, Field(min_length=1, max_length=200)]
    unit: Unit
    unit_price: Annotated[DecimalStr, Field(ge=0, decimal_places=4)]
    vat_rate: Annotated[DecimalStr, Field(ge=0, le=100, decimal_places=2)]
    category: Annotated[str, Field(min_length=1, max_length=80)]

    @model_validator(mode="before")
    @classmethod
    def _no_floats(cls, data: Any) -> Any:
        # One check per item instead of a validator per field keeps replay fast.
        if isinstance(data, Mapping):
            for field in ("unit_price", "vat_rate"):
                value = data.get(field)
                if isinstance(value, bool | float):
                    kind = (
                        "true/false value" if isinstance(value, bool) else "floating-point number"
                    )
                    raise PydanticCustomError(
                        "decimal_not_float", field + " " + FLOAT_MESSAGE, {"kind": kind}
                    )
        return data


class PriceList(BaseModel):
    """A published, immutable price list. Look items up with `item(sku)`."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    version: Annotated[str, StringConstraints(pattern=_VERSION_REGEX)]
    currency: CurrencyCode
    valid_from: IsoDate
    items: Annotated[tuple[PriceItem, ...], Field(max_length=100_000)]

    _by_sku: dict[str, PriceItem] = PrivateAttr(default_factory=dict)
    _hash: str | None = PrivateAttr(default=None)

    @field_validator("items")
    @classmethod
    def _unique_skus(cls, items: tuple[PriceItem, ...]) -> tuple[PriceItem, ...]:
        # Not Field(min_length=1): pydantic would then also call the list "too short"
        # whenever some of its items are invalid.
        if not items:
            raise PydanticCustomError("no_items", "must contain at least one item")
        first_index: dict[str, int] = {}
        for index, entry in enumerate(items):
            seen = first_index.setdefault(entry.sku, index)
            if seen != index:
                raise PydanticCustomError(
                    "duplicate_sku",
                    "SKU '{sku}' appears twice (items {first} and {second}) — every SKU must "
                    "appear only once",
                    {"sku": entry.sku, "first": seen, "second": index},
                )
        return items

    def model_post_init(self, context: Any, /) -> None:
        self._by_sku = {entry.sku: entry for entry in self.items}

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        # pydantic would copy the private lookup and hash caches unchanged, so an updated
        # copy would report the old hash. Updates therefore go through validation.
        if update:
            return self.model_validate({**self.model_dump(), **update})
        return super().model_copy(deep=deep)

    def __eq__(self, other: object) -> bool:
        # Fields only: pydantic would also compare the private caches, so a list whose
        # hash was already computed would differ from an identical fresh copy.
        if not isinstance(other, PriceList):
            return NotImplemented
        return self.__dict__ == other.__dict__

    def __hash__(self) -> int:
        return hash((self.version, self.currency, self.valid_from, self.items))

    def item(self, sku: str) -> PriceItem:
        """The item with this SKU; raises UnknownSku (a KeyError) if there is none."""
        try:
            return self._by_sku[sku]
        except KeyError:
            raise UnknownSku(f"SKU {sku!r} is not in price list {self.version}") from None

    def get(self, sku: str) -> PriceItem | None:
        return self._by_sku.get(sku)

    def __contains__(self, sku: object) -> bool:
        return sku in self._by_sku

    def content_hash(self) -> str:
        """sha256 hex of `canonical_json(self)`; identical on every machine and run."""
        if self._hash is None:
            self._hash = hashlib.sha256(canonical_json(self)).hexdigest()
        return self._hash

    def snapshot(self) -> dict[str, Any]:
        """What a sale's start event embeds: the list as JSON data and its hash."""
        return {"price_list": self.model_dump(mode="json"), "content_hash": self.content_hash()}

    @classmethod
    def from_snapshot(cls, price_list: Mapping[str, Any] | str, content_hash: str) -> PriceList:
        """Rebuild an embedded list and prove it is the one that was hashed."""
        try:
            if isinstance(price_list, str):
                loaded = cls.model_validate_json(price_list)
            else:
                loaded = cls.model_validate(price_list)
        except ValidationError as exc:
            raise PriceListError(
                "price list snapshot is invalid:\n" + _describe(exc, None, price_list)
            ) from None
        if loaded.content_hash() != content_hash:
            raise PriceListError(
                f"price list snapshot {loaded.version} does not match its hash "
                f"(stored {content_hash}, computed {loaded.content_hash()}) — it was altered, "
                "or hashed by incompatible code"
            )
        return loaded


# --------------------------------------------------------------------------- canonical form


def _canonical(value: Any) -> Any:
    kind = type(value)
    if kind is str or kind is int or kind is bool or value is None:
        return value
    if kind is Decimal:
        # 12.5 and 12.50 are the same price; only the value is hashed.
        return "0" if value.is_zero() else decimal_to_str(value.normalize())
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _canonical(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_canonical(item) for item in value]
    raise TypeError(f"no canonical JSON form for {kind.__name__}")


def canonical_json(price_list: PriceList) -> bytes:
    """UTF-8 JSON with sorted keys, no whitespace and decimals as normalised strings."""
    data = _canonical(price_list.model_dump(mode="python"))
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.encode("utf-8")


# --------------------------------------------------------------------------- loading


def _plain(error: ErrorDetails) -> str:
    """pydantic's message for one error, in the admin's words."""
    kind, loc, ctx = error["type"], error["loc"], error.get("ctx", {})
    field = loc[-1] if loc else None
    if kind == "missing":
        return "is required"
    if kind == "extra_forbidden":
        return "is not a known field — check its spelling"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_pattern_mismatch" and field == "sku":
        return "is not a valid SKU — " + SKU_RULE
    if kind == "string_pattern_mismatch" and field == "version":
        return "must be a short label such as 2026.1 (letters, digits, . _ -)"
    if kind == "literal_error" and field == "unit":
        return f"unknown unit {error.get('input')!r} — use one of: {', '.join(sorted(UNITS))}"
    if kind == "greater_than_equal":
        return "must not be negative" if ctx.get("ge") == 0 else f"must be at least {ctx.get('ge')}"
    if kind == "less_than_equal":
        return f"must be at most {ctx.get('le')}"
    if kind == "decimal_max_places":
        return f"must have at most {ctx.get('decimal_places')} decimal places"
    if kind in {"decimal_parsing", "decimal_type"}:
        return 'must be a number such as "12.50"'
    if kind == "finite_number":
        return "must be a finite number"
    if kind == "string_too_long":
        return f"must be at most {ctx.get('max_length')} characters"
    message = error["msg"].removeprefix("Value error, ")
    # "Input should be ...", "String should have ..." -> "must be ...", "must have ..."
    return re.sub(r"^\w+(?: \w+)? should (be|have)\b", r"must \1", message)


def _line_of(text: str, pattern: str) -> int | None:
    match = re.search(pattern, text)
    return None if match is None else text.count("\n", 0, match.start()) + 1


def _describe(exc: ValidationError, text: str | None, data: Any = None) -> str:
    """One line per error: where (path, SKU, line) and what is wrong, in plain words."""
    errors = exc.errors(include_url=False, include_input=True)
    return "\n".join(f"  - {_describe_one(error, text, data)}" for error in errors)


def _describe_one(error: ErrorDetails, text: str | None, data: Any) -> str:
    loc = error["loc"]
    path = ".".join(str(part) for part in loc) or "(whole list)"
    message = _plain(error)
    where: list[str] = []
    line: int | None = None
    if len(loc) >= 2 and loc[0] == "items" and isinstance(loc[1], int):
        sku = _sku_at(data, loc[1])
        if sku:
            where.append(f"SKU {sku}")
            if text is not None:
                line = _line_of(text, r'"sku"\s*:\s*"' + re.escape(sku) + '"')
    elif loc and isinstance(loc[0], str) and text is not None:
        line = _line_of(text, '"' + re.escape(loc[0]) + r'"\s*:')
    if line is not None:
        where.append(f"line {line}")
    suffix = f" ({', '.join(where)})" if where else ""
    return f"{path}{suffix}: {message}"


def _sku_at(data: Any, index: int) -> str | None:
    # The error only carries the failing value; the item's SKU tells the admin which one.
    try:
        sku = data["items"][index]["sku"]
    except (LookupError, TypeError):
        return None
    return sku if isinstance(sku, str) else None


def _no_constants(name: str) -> Decimal:
    raise ValueError(f"{name} is not a number a price list can use")


def load_price_list(path: str | Path) -> PriceList:
    """Read and validate a price list file, or raise PriceListError saying what to fix.

    JSON numbers are read as exact decimals, so a hand-written 12.50 is 12.50; NaN
    and Infinity are refused.
    """
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PriceListError(f"price list file not found: {file}") from None
    except UnicodeDecodeError as exc:
        raise PriceListError(
            f"{file}: not UTF-8 text (byte {exc.start}) — save it as UTF-8"
        ) from None
    except OSError as exc:
        raise PriceListError(f"{file}: cannot be read: {exc.strerror or exc}") from None
    try:
        data = json.loads(text, parse_float=Decimal, parse_constant=_no_constants)
    except json.JSONDecodeError as exc:
        raise PriceListError(
            f"{file}: not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from None
    except ValueError as exc:
        raise PriceListError(f"{file}: {exc}") from None
    if not isinstance(data, dict):
        raise PriceListError(f"{file}: must contain a JSON object with version, currency, ...")
    try:
        return PriceList.model_validate(data)
    except ValidationError as exc:
        count = exc.error_count()
        raise PriceListError(
            f"{file}: {count} problem{'s' if count != 1 else ''}:\n{_describe(exc, text, data)}"
        ) from None
