"""Phone numbers as WhatsApp wants them (``62812...``) and click-to-chat links."""

from __future__ import annotations

import re
from urllib.parse import quote

from bazaar_pos.i18n import _

COUNTRY_CODE = "62"
"""Indonesia's calling code: a number written ``08...`` is ``628...``."""
MIN_DIGITS = 9
MAX_DIGITS = 15
"""An international number has at most 15 digits (ITU E.164)."""
LINK_LIMIT = 2000
"""Longer links may be cut by the system's shell; texts are kept under it."""

_SEPARATORS = re.compile(r"[\s\-().\u00a0/]")


class PhoneError(ValueError):
    """A phone number that cannot be a real one; the message says why."""


def normalise_phone(text: str) -> str:
    """``text`` as international digits: ``0812-3456-789`` and ``+62 812...`` give ``62812...``.

    Empty stays empty. A number with letters, or too short or long to be a
    phone number, raises PhoneError.
    """
    plain = _SEPARATORS.sub("", text.strip())
    if not plain:
        return ""
    if plain.startswith("+"):
        digits = plain[1:]
    elif plain.startswith("00"):
        digits = plain[2:]
    elif plain.startswith("0"):
        digits = COUNTRY_CODE + plain[1:]
    elif plain.startswith("8"):
        digits = COUNTRY_CODE + plain
    else:
        digits = plain
    if not (digits.isascii() and digits.isdigit()):
        raise PhoneError(_("A phone number has only digits, spaces, dashes and a leading +."))
    if digits.startswith(COUNTRY_CODE + "0"):
        digits = COUNTRY_CODE + digits[len(COUNTRY_CODE) + 1 :]
    if not MIN_DIGITS <= len(digits) <= MAX_DIGITS:
        raise PhoneError(
            _("{number} is too short or too long for a phone number.").format(number=text.strip())
        )
    return digits


def phone_fragment(typed: str) -> str:
    """Part of a number as typed in a search (``0812``) as it is stored (``62812``)."""
    digits = typed.lstrip("+")
    return COUNTRY_CODE + digits[1:] if digits.startswith("0") else digits


def display_phone(digits: str) -> str:
    """A stored number as people write it here: ``62812345678`` as ``0812-345-678``."""
    if not digits.startswith(COUNTRY_CODE):
        return f"+{digits}" if digits else ""
    local = "0" + digits[len(COUNTRY_CODE) :]
    groups = [local[:4], local[4:8], local[8:]]
    return "-".join(group for group in groups if group)


def whatsapp_link(phone: str, text: str) -> str:
    """A wa.me click-to-chat link that opens a chat with ``phone`` and ``text`` typed in.

    ``phone`` is normalised first; an empty one opens WhatsApp to pick the
    chat. The text is cut, at a line break where possible, so the link stays
    under ``LINK_LIMIT`` characters.
    """
    digits = normalise_phone(phone)
    base = f"https://wa.me/{digits}?text="
    encoded = quote(text, safe="")
    while len(base) + len(encoded) > LINK_LIMIT and text:
        cut = text.rfind("\n", 0, len(text) - 1)
        text = text[:cut] if cut > 0 else text[: len(text) * 3 // 4]
        encoded = quote(text.rstrip() + "\n…", safe="")
    return base + encoded
