"""Text for ReportLab's built-in fonts."""

from __future__ import annotations

from unidecode import unidecode


def safe_text(text: str) -> str:
    """``text`` with every character the built-in PDF fonts lack transliterated (``ā`` -> ``a``)."""
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return "".join(ch if _encodable(ch) else unidecode(ch) for ch in text)
    return text


def _encodable(ch: str) -> bool:
    try:
        ch.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True
