"""Offline normalisation of a customer contact's e-mail address and phone number.

Both functions are pure (no DNS, no network): signal validation runs before a signal
is stored and again on replay and on the server, so its outcome may depend only on
the input text and on library data, never on what the network says today.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Final

import phonenumbers
from email_validator import EmailNotValidError, validate_email

__all__ = ["InvalidContact", "normalize_email", "normalize_phone"]

_MAX_EMAIL: Final = 254  # RFC 5321 path limit
_MAX_PHONE_INPUT: Final = 40
_PHONE_EXAMPLE: Final = "+36 1 234 5678"


class InvalidContact(ValueError):
    """The text is not a usable e-mail address or phone number; str(exc) says why."""


# Both are pure functions of their text, and replay validates every recorded signal again:
# a sale with hundreds of contact edits spent most of a cold open in email-validator
# (~0.4 ms a call). Results are remembered; errors are raised again each time.
@lru_cache(maxsize=4096)
def normalize_email(raw: str) -> str:
    """Syntax-check an e-mail address and return it normalised (domain lower-cased)."""
    text = raw.strip()
    if not text:
        raise InvalidContact("e-mail address is empty")
    if len(text) > _MAX_EMAIL:
        raise InvalidContact(f"e-mail address is too long (at most {_MAX_EMAIL} characters)")
    try:
        result = validate_email(text, check_deliverability=False)
    except EmailNotValidError as exc:
        # email-validator's messages are already plain sentences meant for end users.
        raise InvalidContact(str(exc)) from None
    return str(result.normalized)


@lru_cache(maxsize=4096)
def normalize_phone(raw: str) -> str:
    """Return the number in E.164 form (+3612345678); it must be written internationally.

    Without a country code a number is ambiguous (06 30... is Hungarian only if we
    guess), so the agent is asked for it instead of a guess being stored.
    """
    text = raw.strip()
    if not text:
        raise InvalidContact("phone number is empty")
    if len(text) > _MAX_PHONE_INPUT:
        raise InvalidContact("phone number is too long — enter a single number")
    if text.startswith("00"):
        text = "+" + text[2:]  # the international call prefix used across Europe
    if not text.startswith("+"):
        raise InvalidContact(
            "phone number must start with + and the country code, for example " + _PHONE_EXAMPLE
        )
    try:
        number = phonenumbers.parse(text, None)
    except phonenumbers.NumberParseException:
        raise InvalidContact(
            f"{raw.strip()!r} is not a phone number — write it like {_PHONE_EXAMPLE}"
        ) from None
    if number.extension:
        raise InvalidContact(
            "phone extensions cannot be stored — enter the number without the extension"
        )
    if not phonenumbers.is_valid_number(number):
        raise InvalidContact(
            f"{raw.strip()!r} is not a valid phone number for country code "
            f"+{number.country_code} — check the country code and the number of digits"
        )
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))
