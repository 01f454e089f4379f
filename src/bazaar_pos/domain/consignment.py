"""Consignment ("titip jual"): the shop's commission on goods other makers leave to sell."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from bazaar_pos.domain.money import Currency, MinorUnits, format_money, parse_money
from bazaar_pos.domain.pricing import round_half_up
from bazaar_pos.domain.quantity import line_amount

BASIS_POINTS = 10_000
"""A percentage commission is kept in hundredths of a per cent: 2000 is 20%."""


class CommissionKind(enum.StrEnum):
    """How the shop's commission on a consigned item is worked out."""

    PERCENT = "percent"
    FIXED = "fixed"


@dataclass(frozen=True, slots=True)
class Commission:
    """The shop's cut: a percentage of what an item sold for, or a fixed amount per item."""

    kind: CommissionKind
    value: int
    """Basis points for PERCENT (2000 = 20%), minor units per item for FIXED."""

    def __post_init__(self) -> None:
        """Refuse negative commissions and percentages above 100."""
        if self.value < 0:
            raise ValueError("a commission cannot be negative")
        if self.kind is CommissionKind.PERCENT and self.value > BASIS_POINTS:
            raise ValueError("a commission cannot be more than 100%")

    @classmethod
    def percent(cls, percent: Decimal | int | str) -> Commission:
        """A commission of ``percent`` per cent (two decimals at most)."""
        basis = Decimal(percent) * 100
        if not basis.is_finite() or basis != basis.to_integral_value():
            raise ValueError("a commission percentage has at most two decimals")
        return cls(CommissionKind.PERCENT, int(basis))

    @classmethod
    def fixed(cls, minor: MinorUnits) -> Commission:
        """A commission of ``minor`` units for each item sold."""
        return cls(CommissionKind.FIXED, minor)

    def of(self, amount: MinorUnits, quantity_milli: int) -> MinorUnits:
        """The shop's commission on ``quantity_milli`` thousandths that sold for ``amount``.

        A fixed commission is per unit (per piece, per kg, per metre), rounded
        once like a line's amount. Never more than the amount itself, so the
        maker is never asked to pay (returns, with negative amounts and
        quantities, mirror sales).
        """
        if self.kind is CommissionKind.PERCENT:
            return round_half_up(Fraction(amount) * self.value / BASIS_POINTS)
        cut = line_amount(quantity_milli, self.value)
        return max(cut, amount) if amount < 0 else min(cut, amount)

    def describe(self, cur: Currency, locale: str = "id_ID") -> str:
        """``20%``, ``12.5%`` or ``Rp5.000`` per item, for screens and slips."""
        if self.kind is CommissionKind.PERCENT:
            percent = Decimal(self.value) / 100
            return f"{percent.normalize():f}%"
        return format_money(self.value, cur, locale)


def parse_commission(text: str, cur: Currency) -> Commission | None:
    """Read ``20%``, ``12,5 %`` (a percentage) or ``5000``/``Rp5.000`` (fixed per item).

    An empty text means no commission (None); anything else unreadable
    raises ValueError.
    """
    cleaned = text.strip()
    if not cleaned:
        return None
    if cleaned.endswith("%"):
        number = re.sub(r"\s+", "", cleaned[:-1]).replace(",", ".")
        try:
            return Commission.percent(Decimal(number))
        except (InvalidOperation, ValueError):
            raise ValueError(f"not a percentage: {text!r}") from None
    return Commission.fixed(parse_money(cleaned, cur))
