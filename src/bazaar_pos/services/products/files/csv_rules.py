"""Shared checks for rows of imported files: one message per bad cell, naming line and column."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import TypeVar

from bazaar_pos.domain.money import Currency, MinorUnits, parse_money
from bazaar_pos.domain.quantity import PER_UNIT, UNIT_NAMES, Unit
from bazaar_pos.errors import ValidationError
from bazaar_pos.exports.csv_io import CsvRow, CsvTable
from bazaar_pos.i18n import _

T = TypeVar("T")

MAX_AMOUNT = 10**12
"""The largest amount a file may hold, in minor units (Rp1.000.000.000.000)."""
MAX_QUANTITY = 10**9
"""The largest quantity or stock count a file may hold."""


class RowProblems:
    """Collects problems found in a file and raises them together."""

    def __init__(self, spelled: Mapping[str, str] | None = None) -> None:
        """Start with no problems; ``spelled`` names columns as the file's header does."""
        self.messages: list[str] = []
        self.by_line: dict[int, list[str]] = {}
        self.spelled = dict(spelled or {})

    def column_name(self, column: str) -> str:
        """``column`` as the file's header spells it (``harga`` for ``price``)."""
        return self.spelled.get(column, column)

    def add(self, row: CsvRow, column: str, problem: str) -> None:
        """Note a problem in ``column`` of ``row``."""
        self.add_at(row.line, column, problem)

    def add_at(self, line: int, column: str, problem: str) -> None:
        """Note a problem in ``column`` of the row on ``line``."""
        column = self.column_name(column)
        self.messages.append(
            _("Line {line}, column {column}: {problem}").format(
                line=line, column=column, problem=problem
            )
        )
        self.by_line.setdefault(line, []).append(
            _("{column}: {problem}").format(column=column, problem=problem)
        )

    def check(self, row: CsvRow, column: str, convert: Callable[[str], T]) -> T | None:
        """Convert a cell, noting the problem and returning None when it is bad."""
        try:
            return convert(row.get(column))
        except ValueError as exc:
            self.add(row, column, str(exc))
            return None

    def raise_if_any(self, path: object) -> None:
        """Refuse the whole file when any problem was found."""
        if self.messages:
            raise ValidationError(
                _("{path} was not imported: nothing was changed.").format(path=path),
                self.messages,
            )


def require_columns(table: CsvTable, required: tuple[str, ...], path: object) -> None:
    """Refuse a file that lacks any required column."""
    missing = [c for c in required if c not in table.header]
    if missing:
        raise ValidationError(
            _("{path} was not imported: nothing was changed.").format(path=path),
            [_("Missing column: {column}").format(column=c) for c in missing],
        )
    if not table.rows:
        raise ValidationError(_("{path} has no rows to import.").format(path=path))


def amount_parser(cur: Currency, *, required: bool) -> Callable[[str], MinorUnits | None]:
    """A converter for a money cell: non-negative, in the shop's currency."""
    scale = 10**cur.exponent

    def convert(text: str) -> MinorUnits | None:
        if not text:
            if required:
                raise ValueError(_("an amount is required"))
            return None
        # plain digits are the common case, read without the full parser
        plain = text.isdigit() and text.isascii()
        value = int(text) * scale if plain else _money_cell(text, cur)
        if value < 0:
            raise ValueError(_("the amount cannot be negative"))
        if value > MAX_AMOUNT:
            raise ValueError(_("{text!r} is too large an amount").format(text=text))
        return value

    return convert


_DECIMAL_POINT = re.compile(r"^\d+\.\d{1,2}$")
"""``15000.00``: money as many programs export it, a point before the decimals."""


def _money_cell(text: str, cur: Currency) -> MinorUnits:
    """A money cell as typed (``Rp 15.000``, ``15rb``) or exported (``15000.00``)."""
    try:
        return parse_money(text, cur)
    except ValueError:
        if not _DECIMAL_POINT.match(text):
            raise ValueError(_("{text!r} is not an amount").format(text=text)) from None
    major = Decimal(text)  # at most two decimals: only a currency without any refuses it
    if major != major.quantize(Decimal(1).scaleb(-cur.exponent)):
        raise ValueError(
            _("{text!r} is not a whole amount: {code} has no decimals").format(
                text=text, code=cur.code
            )
        )
    return cur.to_minor(major)


def whole_number(*, minimum: int | None = None) -> Callable[[str], int | None]:
    """A converter for an optional whole-number cell, at least ``minimum``."""

    def convert(text: str) -> int | None:
        if not text:
            return None
        try:
            value = int(text)
        except ValueError:
            raise ValueError(_("{text!r} is not a whole number").format(text=text)) from None
        if minimum is not None and value < minimum:
            raise ValueError(_("must be at least {minimum}").format(minimum=minimum))
        if value > MAX_QUANTITY:
            raise ValueError(_("{text!r} is too large a number").format(text=text))
        return value

    return convert


_AMBIGUOUS = re.compile(r"^[1-9]\d{0,2}(?:[.,]000)+$")
"""``1.000``: a thousand written with a separator, or one with three decimals?

``1.500`` reads as one and a half, as the app's own files write it; for goods
counted in pieces it is refused anyway, as not whole pieces."""
_DECIMAL = re.compile(r"^\d+(?:[.,]\d+)?$")


def decimal_quantity(
    *, minimum: int = 0, decimal_point: bool = False
) -> Callable[[str], int | None]:
    """A converter for an optional quantity cell, as thousandths: ``2,5`` or ``2.5`` is 2500.

    A point or a comma comes before the decimals; ``1.000`` is refused as
    ambiguous (a thousand, or one?), unless the file is known to write
    ``decimal_point`` numbers (``1.000`` is one). Whether a product takes
    parts of one is checked once its unit is known.
    """

    def convert(text: str) -> int | None:
        text = text.strip()
        if not text:
            return None
        if decimal_point and "," in text:
            raise ValueError(_("{text!r} is not a quantity").format(text=text))
        if not decimal_point and _AMBIGUOUS.match(text):
            whole_number = text.replace(".", "").replace(",", "")
            part = text.replace(".", ",").rstrip("0").rstrip(",")
            raise ValueError(
                _("{text!r} is ambiguous: write {plain} for that many, or {part}").format(
                    text=text, plain=whole_number, part=part
                )
            )
        if not _DECIMAL.match(text):
            raise ValueError(_("{text!r} is not a quantity").format(text=text))
        milli = Fraction(text.replace(",", ".")) * PER_UNIT
        if milli.denominator != 1:
            raise ValueError(
                _("{text!r} is more precise than a thousandth").format(text=text)
            )
        if milli < minimum * PER_UNIT:
            raise ValueError(_("must be at least {minimum}").format(minimum=minimum))
        if milli > MAX_QUANTITY * PER_UNIT:
            raise ValueError(_("{text!r} is too large a number").format(text=text))
        return int(milli)

    return convert


def unit_cell(text: str) -> Unit | None:
    """A converter for an optional unit cell: pcs, kg, g, m, cm or l (and common names)."""
    cleaned = text.strip().lower()
    if not cleaned:
        return None
    unit = UNIT_NAMES.get(cleaned)
    if unit is None:
        raise ValueError(
            _("{text!r} is not a unit; use pcs, kg, g, m, cm or l").format(text=text.strip())
        )
    return unit


_YES = frozenset({"yes", "y", "ya", "true", "1", "x", "v", "benar"})
_NO = frozenset({"no", "n", "tidak", "tdk", "false", "0", "salah", "-"})


def yes_no(text: str) -> bool | None:
    """A converter for an optional yes/no cell: ``yes``, ``ya``, ``1``; ``no``, ``tidak``, ``0``."""
    if not text:
        return None
    word = text.strip().lower()
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise ValueError(_("{text!r} is not yes or no").format(text=text))
