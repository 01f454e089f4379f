"""Exact quantities: pieces, and goods sold by weight, length or volume, in thousandths.

Every quantity is an integer number of thousandths of its product's unit (a
*milli-quantity*): 250 g of coffee priced per kg is ``250``, 1,5 m of cloth priced
per metre is ``1500``, and three bags are ``3000``. No float ever holds one.
Counted goods (``pcs``) only take whole pieces, so their quantities are
multiples of 1000.

A line's amount is ``quantity x price per unit``, rounded once, half up, to the
currency's smallest unit (a whole Rupiah): :func:`line_amount`.
"""

from __future__ import annotations

import enum
import re
from decimal import Decimal
from fractions import Fraction

from babel.numbers import format_decimal

from bazaar_pos.i18n import _

PER_UNIT = 1000
"""Thousandths in one unit: a quantity of ``PER_UNIT`` is one kg, one metre, one piece."""


class Dimension(enum.StrEnum):
    """What a unit measures; only units of one dimension convert into each other."""

    COUNT = "count"
    MASS = "mass"
    LENGTH = "length"
    VOLUME = "volume"


class Unit(enum.StrEnum):
    """The unit a product is priced and stocked in."""

    PCS = "pcs"
    KG = "kg"
    G = "g"
    M = "m"
    CM = "cm"
    L = "l"

    @property
    def dimension(self) -> Dimension:
        """What the unit measures."""
        return _UNITS[self][0]

    @property
    def size(self) -> Fraction:
        """The unit in its dimension's base (grams, metres, litres, pieces)."""
        return _UNITS[self][1]

    @property
    def counted(self) -> bool:
        """True for pieces, which are never split."""
        return self is Unit.PCS


_UNITS: dict[Unit, tuple[Dimension, Fraction]] = {
    Unit.PCS: (Dimension.COUNT, Fraction(1)),
    Unit.KG: (Dimension.MASS, Fraction(1000)),
    Unit.G: (Dimension.MASS, Fraction(1)),
    Unit.M: (Dimension.LENGTH, Fraction(1)),
    Unit.CM: (Dimension.LENGTH, Fraction(1, 100)),
    Unit.L: (Dimension.VOLUME, Fraction(1)),
}

_TYPED_UNITS: dict[str, tuple[Dimension, Fraction]] = {
    "pcs": _UNITS[Unit.PCS],
    "pc": _UNITS[Unit.PCS],
    "x": _UNITS[Unit.PCS],
    "kg": _UNITS[Unit.KG],
    "g": _UNITS[Unit.G],
    "gr": _UNITS[Unit.G],
    "gram": _UNITS[Unit.G],
    "ons": (Dimension.MASS, Fraction(100)),
    "m": _UNITS[Unit.M],
    "meter": _UNITS[Unit.M],
    "cm": _UNITS[Unit.CM],
    "mm": (Dimension.LENGTH, Fraction(1, 1000)),
    "l": _UNITS[Unit.L],
    "liter": _UNITS[Unit.L],
    "ml": (Dimension.VOLUME, Fraction(1, 1000)),
}
"""Units a person may type after a number; ``ons`` is the Indonesian 100 g."""

UNIT_NAMES: dict[str, Unit] = {
    **{unit.value: unit for unit in Unit},
    **dict.fromkeys(
        ("pc", "buah", "biji", "lembar", "pasang", "set", "unit", "bungkus", "botol", "pak"),
        Unit.PCS,
    ),
    **dict.fromkeys(("kilo", "kilogram"), Unit.KG),
    **dict.fromkeys(("gr", "gram"), Unit.G),
    **dict.fromkeys(("meter", "metre"), Unit.M),
    **dict.fromkeys(("centimeter", "centimetre"), Unit.CM),
    **dict.fromkeys(("liter", "litre", "ltr"), Unit.L),
}
"""Names a products file may give a unit; counted words (``lembar``, ``pasang``) are pieces."""

_TYPED = re.compile(r"^\s*([0-9]+(?:[.,][0-9]+)?)\s*([a-z]*)\s*$")


class QuantityError(ValueError):
    """A quantity that cannot be read or held exactly; the message says why, for people."""


def unit_of(text: str | None) -> Unit:
    """The unit stored as ``text``; an empty or unknown one is pieces."""
    try:
        return Unit((text or Unit.PCS.value).strip().lower())
    except ValueError:
        return Unit.PCS


def whole(pieces: int) -> int:
    """``pieces`` whole units as a milli-quantity."""
    return pieces * PER_UNIT


def to_milli(amount: Fraction, unit: Unit, text: str = "") -> int:
    """``amount`` of ``unit`` as thousandths, refusing what is not exact or not whole for pieces."""
    shown = text or str(amount)
    if amount <= 0:
        raise QuantityError(_("{text!r}: a quantity must be more than zero").format(text=shown))
    if unit.counted and amount.denominator != 1:
        raise QuantityError(
            _("{text!r}: this product is sold by the piece, not in parts").format(text=shown)
        )
    milli = amount * PER_UNIT
    if milli.denominator != 1:
        raise QuantityError(
            _("{text!r} is more precise than a thousandth of a {unit}").format(
                text=shown, unit=unit.value
            )
        )
    return int(milli)


def parse_quantity(text: str, unit: Unit) -> int:
    """A quantity typed for a product sold in ``unit``, as thousandths of that unit.

    Accepts ``0,25`` and ``0.25`` (comma or point before the decimals; quantities
    have no thousands separators), and a unit after the number that converts:
    ``250 g`` or ``2,5 ons`` for a product priced per kg, ``150 cm`` for one
    priced per metre. Raises :class:`QuantityError` with a message for people.
    """
    match = _TYPED.match(text.strip().lower())
    if match is None:
        raise QuantityError(_("{text!r} is not a quantity").format(text=text))
    number, typed_unit = match.groups()
    amount = Fraction(number.replace(",", "."))
    if typed_unit:
        known = _TYPED_UNITS.get(typed_unit)
        if known is None:
            raise QuantityError(
                _("{text!r}: unknown unit {unit!r}").format(text=text, unit=typed_unit)
            )
        dimension, size = known
        if dimension is not unit.dimension:
            raise QuantityError(
                _("{text!r} cannot be converted to {unit}").format(text=text, unit=unit.value)
            )
        amount = amount * size / unit.size
    return to_milli(amount, unit, text)


def line_amount(milli: int, unit_price: int) -> int:
    """The amount of ``milli`` thousandths at ``unit_price`` per unit, rounded once, half up.

    In integers (halves away from zero, as :func:`round_half_up` rounds): every
    cart line is worked out this way, so it stays cheap.
    """
    exact = milli * unit_price
    units, rest = divmod(abs(exact), PER_UNIT)
    rounded = units + (2 * rest >= PER_UNIT)
    return rounded if exact >= 0 else -rounded


def format_quantity(milli: int, unit: Unit, locale: str, *, with_unit: bool = True) -> str:
    """A quantity as people read it: ``3`` pieces, ``0,25 kg``, ``1,5 m`` (in ``locale``)."""
    number = format_decimal(Decimal(milli).scaleb(-3), locale=locale, format="#,##0.###")
    if unit.counted or not with_unit:
        return number
    return f"{number} {unit.value}"


def quantity_times_price(milli: int, unit: Unit, price: str, locale: str) -> str:
    """``3 x Rp15.000`` for pieces, ``0,25 kg x Rp180.000/kg`` for goods sold by measure."""
    quantity = format_quantity(milli, unit, locale)
    if unit.counted:
        return f"{quantity} x {price}"
    return f"{quantity} x {price}/{unit.value}"


def quantity_decimal(milli: int) -> Decimal:
    """A quantity as an exact decimal number of units, for spreadsheets: ``Decimal("0.25")``."""
    exact = Decimal(milli).scaleb(-3)
    return exact.quantize(Decimal(1)) if milli % PER_UNIT == 0 else exact.normalize()


def plain_quantity(milli: int) -> str:
    """A quantity for files machines read: ``3``, ``0.25``, ``-1.5`` (a point, no grouping)."""
    return f"{quantity_decimal(milli):f}"


def amount_agrees(milli: int, unit_price: int, amount: int) -> bool:
    """True when ``amount`` is what ``milli`` thousandths at ``unit_price`` come to.

    Either rounded half up (:func:`line_amount`), or the price a label scale
    printed, whose quantity is the nearest thousandth to it (within half a
    thousandth of the unit price). Checks of stored sales use it.
    """
    return abs(amount * PER_UNIT - milli * unit_price) <= max(PER_UNIT // 2, unit_price // 2)


def priced_amount(milli: int, unit_price: int, gross: int) -> int | None:
    """A stored line's amount when a label scale priced it, None when it is quantity x price."""
    return None if gross == line_amount(milli, unit_price) else gross


def items_of(milli: int, unit: Unit) -> int:
    """How many items a quantity counts as: its pieces, or one of goods weighed or measured.

    Nothing (zero or less) is no item. Kilos are never added to pieces.
    """
    if milli <= 0:
        return 0
    return milli // PER_UNIT if unit.counted else 1


def typed_quantity(milli: int, decimal_comma: bool) -> str:
    """A quantity as a person types it: ``0,25`` (Indonesian) or ``0.25``, no grouping."""
    text = plain_quantity(milli)
    return text.replace(".", ",") if decimal_comma else text
