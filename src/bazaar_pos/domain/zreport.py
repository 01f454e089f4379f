"""The Z report as data: one till's day closed, rendered to PDF and to the receipt printer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from bazaar_pos.domain.money import MinorUnits
from bazaar_pos.domain.payment import PaymentMethod
from bazaar_pos.domain.report import Figures, PaymentRow, ShopHeader


@dataclass(frozen=True, slots=True)
class ZReport:
    """A day's takings at one till: totals, payment split, refunds and voids, cash expected."""

    shop: ShopHeader
    till_code: str
    day: date
    generated_at: datetime
    figures: Figures
    payments: tuple[PaymentRow, ...] = ()
    first_sale: str = ""
    last_sale: str = ""

    def paid_by(self, method: str) -> MinorUnits:
        """What ``method`` brought in (after change for cash)."""
        return sum(p.amount for p in self.payments if p.method == method)

    @property
    def cash_sales(self) -> MinorUnits:
        """Cash taken for sales, after change was given."""
        return self.paid_by(PaymentMethod.CASH.value)

    @property
    def cash_paid_out(self) -> MinorUnits:
        """Cash handed back for refunds and voided sales."""
        return self.figures.refunds.cash + self.figures.voids.cash

    @property
    def cash_expected(self) -> MinorUnits:
        """The cash that should be in the drawer from the day's sales (besides any float)."""
        return self.cash_sales - self.cash_paid_out
