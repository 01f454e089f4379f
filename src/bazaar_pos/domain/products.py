"""Pure rules about products: SKU suggestions (search keys are in domain.text)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_NOT_ALNUM = re.compile(r"[^A-Za-z0-9]+")


def _letters(text: str, count: int) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NOT_ALNUM.sub("", ascii_text).upper()[:count]


def sku_stem(category: str, name: str) -> str:
    """A readable SKU stem from category and name: ``Kain Tenun`` + ``Songket`` -> ``KAI-SON``.

    The first word of the name that does not repeat the category is used
    (``Kopi`` + ``Kopi Gayo`` -> ``KOP-GAY``); without a category, the first
    two words of the name; with neither, ``ITEM``.
    """
    words = [w for w in (_letters(word, 3) for word in name.split()) if w]
    cat = _letters(category, 3)
    if not cat:
        parts = words[:2]
    else:
        rest = [w for w in words if w != cat]
        parts = [cat, *rest[:1]]
    return "-".join(parts) or "ITEM"


def next_sku(stem: str, taken: Iterable[str]) -> str:
    """``STEM-001``, or one more than the highest ``STEM-nnn`` already taken."""
    pattern = re.compile(rf"^{re.escape(stem)}-(\d+)$", re.IGNORECASE)
    numbers = [int(m[1]) for m in (pattern.match(s) for s in taken) if m]
    return f"{stem}-{max(numbers, default=0) + 1:03d}"
