"""EAN/GTIN check digits and the shop's own internal EAN-13 codes (prefixes 20-29)."""

from __future__ import annotations

import enum

INTERNAL_PREFIXES = range(20, 30)
"""GS1 keeps EAN-13 prefixes 20-29 for use inside a shop: they never clash with real products."""

DEFAULT_PREFIX = 20
_SERIAL_DIGITS = 10
MAX_SERIAL = 10**_SERIAL_DIGITS - 1


def gtin_check_digit(body: str) -> int:
    """The GS1 check digit for ``body`` (every digit of the code but the last).

    Weights 3 and 1 alternate from the rightmost digit of the body, so one
    function serves EAN-8, UPC-A, EAN-13 and GTIN-14.
    """
    if not body.isdigit() or not body.isascii():
        raise ValueError(f"a barcode body is digits only: {body!r}")
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10


def is_valid_gtin(code: str) -> bool:
    """True when ``code`` is an EAN-8, UPC-A, EAN-13 or GTIN-14 with the right check digit."""
    if len(code) not in (8, 12, 13, 14) or not code.isdigit() or not code.isascii():
        return False
    return gtin_check_digit(code[:-1]) == int(code[-1])


def is_valid_ean13(code: str) -> bool:
    """True when ``code`` is 13 digits with the right check digit."""
    return len(code) == 13 and is_valid_gtin(code)


def is_valid_ean8(code: str) -> bool:
    """True when ``code`` is 8 digits with the right check digit."""
    return len(code) == 8 and is_valid_gtin(code)


def is_internal(code: str) -> bool:
    """True for a valid EAN-13 with a shop-internal prefix (20-29)."""
    return is_valid_ean13(code) and int(code[:2]) in INTERNAL_PREFIXES


def internal_ean13(serial: int, prefix: int = DEFAULT_PREFIX) -> str:
    """The internal EAN-13 for ``serial``: two prefix digits, ten serial digits, a check digit."""
    if prefix not in INTERNAL_PREFIXES:
        raise ValueError(f"an internal prefix is 20 to 29, not {prefix}")
    if not 0 <= serial <= MAX_SERIAL:
        raise ValueError(f"the serial must be 0 to {MAX_SERIAL}, not {serial}")
    body = f"{prefix:02d}{serial:0{_SERIAL_DIGITS}d}"
    return body + str(gtin_check_digit(body))


def next_internal_ean13(highest: str | None, prefix: int = DEFAULT_PREFIX) -> str:
    """The internal code after ``highest``, the greatest 13-digit code in use with ``prefix``.

    Only the first twelve digits of ``highest`` count, so a code typed with a
    wrong check digit still moves the sequence past it.
    """
    serial = 0
    if highest and len(highest) == 13 and highest.isdigit() and highest[:2] == f"{prefix:02d}":
        serial = int(highest[2:12])
    return internal_ean13(serial + 1, prefix)


class Symbology(enum.StrEnum):
    """How a code is drawn as bars on a label."""

    EAN13 = "EAN13"
    EAN8 = "EAN8"
    CODE128 = "Code128"


def symbology_for(code: str) -> Symbology:
    """EAN-13 or EAN-8 for valid codes of those kinds, Code 128 for anything else."""
    if is_valid_ean13(code):
        return Symbology.EAN13
    if is_valid_ean8(code):
        return Symbology.EAN8
    return Symbology.CODE128


def is_printable_code(code: str) -> bool:
    """True when ``code`` can be printed as bars: visible ASCII, no spaces, 1 to 48 characters."""
    return 0 < len(code) <= 48 and code.isascii() and code.isprintable() and " " not in code
