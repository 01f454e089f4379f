"""Money as integer minor units, and its formatting and parsing at the edges."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from babel.numbers import format_currency

MinorUnits = int
"""An amount of money in the currency's smallest unit (rupiah, cents)."""


@dataclass(frozen=True, slots=True)
class Currency:
    """A currency and the number of decimal places its amounts carry."""

    code: str
    exponent: int

    def to_decimal(self, minor: MinorUnits) -> Decimal:
        """Return ``minor`` as a Decimal in major units (150 cents -> 1.50)."""
        return Decimal(minor).scaleb(-self.exponent)

    def to_minor(self, major: Decimal) -> MinorUnits:
        """Return a major-unit Decimal as minor units, rounding half up."""
        return int(major.scaleb(self.exponent).quantize(Decimal(1), rounding=ROUND_HALF_UP))


CURRENCIES: dict[str, Currency] = {
    c.code: c
    for c in (
        Currency("IDR", 0),
        Currency("USD", 2),
        Currency("MYR", 2),
        Currency("SGD", 2),
        Currency("EUR", 2),
    )
}


def currency(code: str) -> Currency:
    """Return the currency with ISO code ``code``, or raise ValueError."""
    try:
        return CURRENCIES[code.upper()]
    except KeyError:
        raise ValueError(f"unknown currency {code!r}") from None


def format_money(minor: MinorUnits, cur: Currency, locale: str = "id_ID") -> str:
    """Format an amount for people: ``Rp15.000``, ``-Rp5.000``, ``$1,250.50``.

    The symbol touches the number, as Indonesian spelling wants, and the
    currency's own decimals are shown (none for the rupiah).
    """
    decimals = "." + "0" * cur.exponent if cur.exponent else ""
    return format_currency(
        cur.to_decimal(minor),
        cur.code,
        format=f"¤#,##0{decimals}",
        locale=locale,
        currency_digits=False,
    )


def format_plain(minor: MinorUnits, cur: Currency) -> str:
    """Format an amount for files: no symbol, no grouping, ``.`` as the decimal mark."""
    return str(cur.to_decimal(minor))


_SUFFIXES = {"rb": 3, "ribu": 3, "k": 3, "jt": 6, "juta": 6}
_NUMBER = re.compile(r"^(?P<number>[0-9][0-9.,]*)\s*(?P<suffix>[a-z]*)$")


def parse_money(text: str, cur: Currency) -> MinorUnits:
    """Parse a typed amount into minor units, or raise ValueError.

    Accepts ``15000``, ``15.000``, ``Rp15.000``, ``Rp 15.000``, ``15rb`` and
    ``1,5jt`` for the rupiah, and ``12.50`` or ``1,250.50`` for currencies
    with decimals. A leading minus makes the amount negative.
    """
    cleaned = text.strip().lower().replace(" ", "").replace("\u00a0", "")
    negative = cleaned.startswith("-")
    cleaned = cleaned.lstrip("-")
    for prefix in ("rp.", "rp", "idr", "usd", "us$", "$", "rm", "myr", "s$", "sgd", "€", "eur"):
        if cleaned.startswith(prefix):
            cleaned = cleaned[len(prefix) :]
            break
    match = _NUMBER.match(cleaned)
    if not match or match["suffix"] not in ("", *_SUFFIXES):
        raise ValueError(f"not an amount: {text!r}")
    major = _to_decimal(match["number"], cur, has_suffix=bool(match["suffix"]))
    if match["suffix"]:
        major = major.scaleb(_SUFFIXES[match["suffix"]])
    try:
        minor = cur.to_minor(major)
    except InvalidOperation:  # more digits than Decimal's precision holds
        raise ValueError(f"amount too large: {text!r}") from None
    if cur.to_decimal(minor) != major:
        raise ValueError(f"too many decimals for {cur.code}: {text!r}")
    return -minor if negative else minor


def _to_decimal(number: str, cur: Currency, *, has_suffix: bool) -> Decimal:
    """Read digits with thousands separators and at most one decimal mark."""
    if cur.exponent == 0 and not has_suffix:
        # Rupiah have no decimals: both "." and "," can only group thousands.
        groups = re.split(r"[.,]", number)
        if len(groups) > 1 and not all(len(g) == 3 for g in groups[1:]):
            raise ValueError(f"not an amount: {number!r}")
        digits = "".join(groups)
    else:
        digits = _normalise_decimal_mark(number)
    return Decimal(digits)  # only digits and at most one "." are left


def _normalise_decimal_mark(number: str) -> str:
    """Turn ``1.250,50``, ``1,250.50``, ``1,5`` and ``12.50`` into ``1250.50`` style."""
    last_dot, last_comma = number.rfind("."), number.rfind(",")
    decimal_mark = "." if last_dot > last_comma else ","
    mark_at = max(last_dot, last_comma)
    if mark_at == -1:
        return number
    integer, fraction = number[:mark_at], number[mark_at + 1 :]
    if number.count(decimal_mark) > 1 or not fraction:
        raise ValueError(f"not an amount: {number!r}")
    separator = "," if decimal_mark == "." else "."
    groups = integer.split(separator)
    if len(groups) > 1 and not all(len(g) == 3 for g in groups[1:]):
        raise ValueError(f"not an amount: {number!r}")
    return "".join(groups) + "." + fraction
