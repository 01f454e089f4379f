"""Text for ReportLab's built-in fonts, and PDF files written whole or not at all."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from unidecode import unidecode

from bazaar_pos.errors import UserError
from bazaar_pos.i18n import _


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


def write_atomically(path: Path, render: Callable[[str], None]) -> Path:
    """Call ``render`` with a temporary file name next to ``path``, then move it into place."""
    path = Path(path)
    try:
        handle, temp_name = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".part"
        )
        os.close(handle)
    except OSError as exc:
        raise UserError(
            _("Cannot write {path}: {reason}").format(path=path, reason=exc.strerror)
        ) from None
    try:
        render(temp_name)
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return path
