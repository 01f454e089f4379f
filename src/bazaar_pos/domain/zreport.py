"""The Z report as data: one till's day closed, rendered to PDF and to the receipt printer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from bazaar_pos.domain.money import MinorUnits
from bazaar_pos.domain.money_in import OtherMoney, other_cash
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
    other_money: tuple[OtherMoney, ...] = ()
    """Kasbon repaid and down payments taken or refunded at the till that day, by method."""

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
    def not_yet_paid(self) -> MinorUnits:
        """What the day's sales put on customers' accounts (kasbon): no money yet."""
        return self.paid_by(PaymentMethod.ACCOUNT.value)

    @property
    def paid_earlier(self) -> MinorUnits:
        """What pre-orders picked up that day had been paid as down payments before."""
        return self.paid_by(PaymentMethod.DEPOSIT.value)

    @property
    def other_cash(self) -> MinorUnits:
        """Cash in from kasbon repaid and down payments, less down payments refunded."""
        return other_cash(self.other_money)

    @property
    def cash_expected(self) -> MinorUnits:
        """The cash that should be in the drawer from the day (besides any float)."""
        return self.cash_sales - self.cash_paid_out + self.other_cash
