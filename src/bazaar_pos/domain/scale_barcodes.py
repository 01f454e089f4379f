"""Variable-measure EAN-13 codes printed by shop label scales: a PLU with a weight or a price.

A label scale prints, for a bag of coffee it has just weighed, a code such as
``2100042002500``: prefix ``21``, PLU ``00042``, weight ``00250`` grams, check
digit. Each layout the shop's scales use is one :class:`ScaleLayout`. The
defaults are ``21`` + 5-digit PLU + 5-digit grams, and ``23`` + 5-digit PLU +
5-digit price in whole currency units (Rupiah have no decimals: ``45000`` is
Rp45.000, never Rp450,00).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from bazaar_pos.domain.barcodes import (
    DEFAULT_PREFIX,
    INTERNAL_PREFIXES,
    gtin_check_digit,
    is_valid_ean13,
)
from bazaar_pos.domain.money import Currency, format_money
from bazaar_pos.domain.pricing import round_half_up
from bazaar_pos.domain.quantity import PER_UNIT, Dimension, Unit
from bazaar_pos.i18n import _

CODE_LENGTH = 13
PLU_DIGITS = 5
"""The longest PLU a product may have (the default layouts' PLU field)."""


class ScaleValue(enum.StrEnum):
    """What the digits after the PLU hold."""

    WEIGHT = "weight"
    """Grams."""
    PRICE = "price"
    """The line's amount in whole currency units."""


@dataclass(frozen=True, slots=True)
class ScaleLayout:
    """One kind of code: its prefix, how many digits of PLU and of value, and what the value is."""

    prefix: str
    value: ScaleValue
    plu_digits: int = 5
    value_digits: int = 5

    def __post_init__(self) -> None:
        """Refuse a layout that does not fill an EAN-13 exactly."""
        if not (self.prefix.isdigit() and self.prefix.isascii()) or not self.prefix:
            raise ValueError(_("A scale code prefix is digits, such as 21."))
        if self.plu_digits < 1 or self.value_digits < 1:
            raise ValueError(_("A scale code needs at least one PLU digit and one value digit."))
        if len(self.prefix) + self.plu_digits + self.value_digits != CODE_LENGTH - 1:
            raise ValueError(
                _("Prefix, PLU and value must have 12 digits together, before the check digit.")
            )

    def matches(self, code: str) -> bool:
        """True when ``code`` is a valid EAN-13 starting with this layout's prefix."""
        return is_valid_ean13(code) and code.startswith(self.prefix)

    def read(self, code: str) -> ScaleReading:
        """The PLU and value in ``code``, which must match this layout."""
        if not self.matches(code):
            raise ValueError(f"{code!r} is not a {self.prefix} scale code")
        start = len(self.prefix)
        plu = code[start : start + self.plu_digits]
        value = int(code[start + self.plu_digits : CODE_LENGTH - 1])
        return ScaleReading(plu, self.value, value)

    def code_for(self, plu: str, value: int) -> str:
        """The code a scale prints for ``plu`` with ``value`` (grams or whole currency units)."""
        if not plu.isdigit() or len(plu) > self.plu_digits:
            raise ValueError(f"a PLU here is at most {self.plu_digits} digits: {plu!r}")
        if not 0 <= value < 10**self.value_digits:
            raise ValueError(f"the value must fit {self.value_digits} digits: {value}")
        body = f"{self.prefix}{plu.zfill(self.plu_digits)}{value:0{self.value_digits}d}"
        return body + str(gtin_check_digit(body))

    @property
    def text(self) -> str:
        """The layout as the settings keep it: ``21:weight:5:5``."""
        return f"{self.prefix}:{self.value.value}:{self.plu_digits}:{self.value_digits}"

    @classmethod
    def from_text(cls, text: str) -> ScaleLayout:
        """The layout kept as ``text`` (see :attr:`text`); ValueError when it is not one."""
        parts = text.split(":")
        if len(parts) != 4 or not all(p.isdigit() and p.isascii() for p in parts[2:]):
            raise ValueError(_("{text!r} is not a scale code layout").format(text=text))
        try:
            value = ScaleValue(parts[1])
        except ValueError:
            raise ValueError(_("{text!r} is not a scale code layout").format(text=text)) from None
        return cls(parts[0], value, int(parts[2]), int(parts[3]))


@dataclass(frozen=True, slots=True)
class ScaleReading:
    """What a scale code says: the product's PLU, and a weight in grams or a price."""

    plu: str
    kind: ScaleValue
    value: int


DEFAULT_LAYOUTS = (
    ScaleLayout("21", ScaleValue.WEIGHT),
    ScaleLayout("23", ScaleValue.PRICE),
)
DEFAULT_LAYOUT_TEXTS = tuple(layout.text for layout in DEFAULT_LAYOUTS)
"""The default layouts as the shop settings keep them."""


def layout_problems(layouts: Sequence[ScaleLayout]) -> list[str]:
    """Why ``layouts`` cannot be used together, as messages for people; empty when they can.

    Two layouts whose prefixes overlap (``2`` and ``21``, or ``21`` twice)
    would read one code two ways; layouts that take every prefix from 20 to
    29 would leave the shop's own codes nowhere to go.
    """
    found = []
    for index, first in enumerate(layouts):
        for second in layouts[index + 1 :]:
            if first.prefix.startswith(second.prefix) or second.prefix.startswith(first.prefix):
                found.append(
                    _(
                        "The scale code prefixes {first} and {second} overlap: "
                        "one code would match both."
                    ).format(first=first.prefix, second=second.prefix)
                )
    try:
        free_internal_prefix(layouts)
    except ValueError as exc:
        found.append(str(exc))
    return found


class ScaleCodeError(ValueError):
    """A scale code that cannot go into a sale as it is; the message says why, for people."""


def scale_quantity(
    reading: ScaleReading,
    name: str,
    unit: Unit,
    unit_price: int,
    cur: Currency,
    locale: str = "id_ID",
) -> tuple[int, int | None]:
    """The quantity (thousandths of ``unit``) and printed amount a scale code gives a product.

    A weight code converts its grams to the product's unit (250 g is 0,25 kg,
    or 250 g); a product not sold by weight is refused. A price code's value
    is in whole currency units; its line comes to that amount exactly, and its
    quantity is the nearest thousandth of amount / unit price. A product sold
    by the piece takes a price label only when the price is a whole number of
    pieces (then it is an ordinary line: no printed amount is kept).
    Raises :class:`ScaleCodeError`.
    """
    if reading.kind is ScaleValue.WEIGHT:
        if unit.dimension is not Dimension.MASS:
            raise ScaleCodeError(
                _(
                    "The label gives {grams} g of {name}, but {name} is not sold by weight."
                ).format(grams=reading.value, name=name)
            )
        if reading.value <= 0:
            raise ScaleCodeError(_("The label of {name} shows no weight.").format(name=name))
        return int(Fraction(reading.value * PER_UNIT) / unit.size), None
    amount = reading.value * 10**cur.exponent
    if amount <= 0:
        raise ScaleCodeError(_("The label of {name} shows no price.").format(name=name))
    if unit_price <= 0:
        raise ScaleCodeError(
            _(
                "{name} has no price, so the quantity on its price label cannot be worked out."
            ).format(name=name)
        )
    if unit.counted:
        if amount % unit_price:
            raise ScaleCodeError(
                _(
                    "The label prices {name} at {amount}, which is not a whole number of "
                    "pieces at {price} each."
                ).format(
                    name=name,
                    amount=format_money(amount, cur, locale),
                    price=format_money(unit_price, cur, locale),
                )
            )
        return amount // unit_price * PER_UNIT, None
    milli = round_half_up(Fraction(amount * PER_UNIT, unit_price))
    if milli <= 0:
        raise ScaleCodeError(
            _(
                "The label prices {name} at {amount}, less than a thousandth of a {unit} "
                "at {price}/{unit}."
            ).format(
                name=name,
                amount=format_money(amount, cur, locale),
                price=format_money(unit_price, cur, locale),
                unit=unit.value,
            )
        )
    return milli, amount


def read_scale_code(code: str, layouts: Iterable[ScaleLayout]) -> ScaleReading | None:
    """The reading of ``code`` by the first layout it matches, or None for an ordinary code."""
    for layout in layouts:
        if layout.matches(code):
            return layout.read(code)
    return None


def plu_key(plu: str) -> str:
    """A PLU as it is compared: digits without leading zeros (``00042`` and ``42`` are one)."""
    return plu.strip().lstrip("0") or "0"


def reserved_prefixes(layouts: Iterable[ScaleLayout]) -> frozenset[int]:
    """The two-digit prefixes (20-29 and others) that the scale layouts take."""
    taken: set[int] = set()
    for layout in layouts:
        if len(layout.prefix) >= 2:
            taken.add(int(layout.prefix[:2]))
        else:
            taken.update(int(layout.prefix + digit) for digit in "0123456789")
    return frozenset(taken)


def free_internal_prefix(layouts: Iterable[ScaleLayout]) -> int:
    """The prefix for the shop's own new codes: 20 unless a scale layout takes it."""
    taken = reserved_prefixes(layouts)
    for prefix in (DEFAULT_PREFIX, *INTERNAL_PREFIXES):
        if prefix not in taken:
            return prefix
    raise ValueError(_("The scale layouts take every prefix from 20 to 29: keep one free."))
