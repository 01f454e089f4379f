"""Text folded for searching: lower case, accents and other scripts spelled in ASCII."""

from __future__ import annotations

import re

from unidecode import unidecode

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Return ``text`` as a search compares it: ``"Kopi  Gayō"`` -> ``"kopi gayo"``."""
    return _SPACES.sub(" ", unidecode(text).lower()).strip()


def search_key(*parts: str | None) -> str:
    """One folded string holding every part given, for matching typed search words."""
    return fold(" ".join(part for part in parts if part))


def search_words(text: str) -> list[str]:
    """The folded words of a typed search, each of which a match must contain."""
    return fold(text).split()


def header_key(text: str) -> str:
    """A file's column header as it is matched: trimmed, case-folded, spaces collapsed.

    A byte-order mark is dropped and ``/ `` reads as ``/`` (``Order ID/ No. Pesanan``).
    """
    return " ".join(text.replace("\ufeff", "").casefold().split()).replace("/ ", "/")
