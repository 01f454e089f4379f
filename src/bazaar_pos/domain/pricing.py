"""Discounts, tax and cash rounding on integer minor units, with explicit rounding."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from fractions import Fraction

from bazaar_pos.domain.money import MinorUnits

HUNDRED = Decimal(100)


def round_half_up(value: Fraction | Decimal) -> int:
    """Round an exact value to the nearest integer, halves away from zero."""
    exact = Fraction(value)
    magnitude = abs(exact)
    rounded = int(magnitude + Fraction(1, 2))
    return rounded if exact >= 0 else -rounded


class DiscountKind(enum.StrEnum):
    """How a discount's value is read."""

    AMOUNT = "amount"
    PERCENT = "percent"


@dataclass(frozen=True, slots=True)
class Discount:
    """A discount as a fixed amount in minor units or as a percentage."""

    kind: DiscountKind
    value: Decimal

    def __post_init__(self) -> None:
        """Refuse negative discounts and percentages above 100."""
        if self.value < 0:
            raise ValueError("a discount cannot be negative")
        if self.kind is DiscountKind.PERCENT and self.value > HUNDRED:
            raise ValueError("a percentage discount cannot exceed 100%")
        if self.kind is DiscountKind.AMOUNT and self.value != self.value.to_integral_value():
            raise ValueError("an amount discount is a whole number of minor units")

    @classmethod
    def amount(cls, minor: MinorUnits) -> Discount:
        """A discount of ``minor`` units."""
        return cls(DiscountKind.AMOUNT, Decimal(minor))

    @classmethod
    def percent(cls, percent: Decimal | int | str) -> Discount:
        """A discount of ``percent`` per cent."""
        return cls(DiscountKind.PERCENT, Decimal(percent))

    def of(self, base: MinorUnits) -> MinorUnits:
        """Return the discount on ``base``, never more than ``base`` itself."""
        if base <= 0:
            return 0
        if self.kind is DiscountKind.AMOUNT:
            return min(int(self.value), base)
        return round_half_up(Fraction(base) * Fraction(self.value) / 100)


@dataclass(frozen=True, slots=True)
class TaxRule:
    """A sales tax such as PPN.

    ``rate`` is the nominal rate in per cent; ``base_fraction`` is the part of
    the price it applies to (PPN 12% on 11/12 of the price is 11% in effect).
    ``inclusive`` says whether prices already contain the tax.
    """

    rate: Decimal
    inclusive: bool = True
    base_fraction: Fraction = Fraction(1)

    @property
    def effective_rate(self) -> Fraction:
        """The rate applied to the full price, as an exact fraction."""
        return Fraction(self.rate) / 100 * self.base_fraction

    def tax_of(self, amount: MinorUnits) -> MinorUnits:
        """Return the tax on ``amount``, rounded half up to a minor unit.

        For inclusive prices the tax is the part of ``amount`` that is tax;
        for exclusive prices it is what is added on top.
        """
        rate = self.effective_rate
        if self.inclusive:
            return round_half_up(Fraction(amount) * rate / (1 + rate))
        return round_half_up(Fraction(amount) * rate)


class CashRounding(enum.StrEnum):
    """How a cash total is brought to an amount that notes and coins can pay."""

    NEAREST = "nearest"
    DOWN = "down"


def round_cash(amount: MinorUnits, step: MinorUnits, mode: CashRounding) -> MinorUnits:
    """Return ``amount`` rounded to a multiple of ``step`` (a step of 0 or 1 changes nothing)."""
    if step <= 1:
        return amount
    rounding = ROUND_HALF_UP if mode is CashRounding.NEAREST else ROUND_FLOOR
    steps = (Decimal(amount) / step).quantize(Decimal(1), rounding=rounding)
    return int(steps) * step


def prorate(amount: MinorUnits, part: int, whole: int) -> MinorUnits:
    """The share of ``amount`` that ``part`` of ``whole`` items carry, rounded half up.

    Shares of running totals add up exactly: ``prorate(a, n, w) - prorate(a, m, w)``
    for the items ``m+1..n`` never lose or gain a unit, and all ``whole`` items
    carry ``amount`` itself.
    """
    if whole <= 0 or not 0 <= part <= whole:
        raise ValueError("prorate takes 0 <= part <= whole and a positive whole")
    return round_half_up(Fraction(amount * part, whole))


def allocate(total: MinorUnits, weights: list[MinorUnits]) -> list[MinorUnits]:
    """Split ``total`` in proportion to ``weights`` so the parts add up exactly.

    Uses the largest-remainder method; earlier weights win ties. Zero weights
    can only share a zero total.
    """
    if total < 0 or any(w < 0 for w in weights):
        raise ValueError("allocate takes a non-negative total and weights")
    if total == 0:  # most sales: no cart discount, no tax
        return [0 for _ in weights]
    weight_sum = sum(weights)
    if weight_sum == 0:
        raise ValueError("cannot allocate an amount over zero weights")
    exact = [Fraction(total * w, weight_sum) for w in weights]
    parts = [int(x) for x in exact]
    short = total - sum(parts)
    by_remainder = sorted(range(len(weights)), key=lambda i: (-(exact[i] - parts[i]), i))
    for i in by_remainder[:short]:
        parts[i] += 1
    return parts


BASIS_POINTS = 10_000
"""100 % in basis points, the unit of a customer group's discount."""


def member_price(
    price: MinorUnits, *, discount_bp: int = 0, own_price: MinorUnits | None = None
) -> MinorUnits:
    """A product's price for a customer group: its own price, else the group's percentage off.

    The percentage is rounded once to the whole minor unit, half up; a group
    price is never above the shop's price nor below zero.
    """
    if own_price is not None:
        return max(0, min(own_price, price))
    discount_bp = min(max(discount_bp, 0), BASIS_POINTS)
    return price - round_half_up(Fraction(price * discount_bp, BASIS_POINTS))
