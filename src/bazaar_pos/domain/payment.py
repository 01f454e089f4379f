"""Tenders, cash rounding and change: how a total is paid."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from bazaar_pos.domain.money import MinorUnits
from bazaar_pos.domain.pricing import CashRounding, round_cash


class PaymentMethod(enum.StrEnum):
    """The ways a customer can pay at a stall."""

    CASH = "cash"
    QRIS = "qris"
    TRANSFER = "transfer"
    CARD = "card"
    EWALLET = "ewallet"


class PaymentError(ValueError):
    """The tenders cannot pay the total (too little, or change asked of a non-cash method)."""


@dataclass(frozen=True, slots=True)
class Tender:
    """What the customer hands over by one method; for cash, the notes given."""

    method: PaymentMethod
    amount: MinorUnits
    reference: str = ""

    def __post_init__(self) -> None:
        """Refuse tenders that are not positive."""
        if self.amount <= 0:
            raise PaymentError("a payment must be more than zero")


@dataclass(frozen=True, slots=True)
class Payment:
    """One recorded payment: the amount applied to the sale, and for cash the change."""

    method: PaymentMethod
    amount: MinorUnits
    tendered: MinorUnits
    change: MinorUnits
    reference: str = ""


@dataclass(frozen=True, slots=True)
class CashRule:
    """The shop's cash rounding: round cash due to ``step`` by ``mode``."""

    step: MinorUnits = 0
    mode: CashRounding = CashRounding.NEAREST

    def apply(self, amount: MinorUnits) -> MinorUnits:
        """Round a cash amount due."""
        return round_cash(amount, self.step, self.mode)


@dataclass(frozen=True, slots=True)
class Settlement:
    """How a total was paid: the payments, the cash rounding and the change given."""

    total: MinorUnits
    rounding: MinorUnits
    payments: tuple[Payment, ...]

    @property
    def due(self) -> MinorUnits:
        """The total after cash rounding."""
        return self.total + self.rounding

    @property
    def change(self) -> MinorUnits:
        """The change handed back."""
        return sum(p.change for p in self.payments)


def cash_due(total: MinorUnits, rule: CashRule) -> MinorUnits:
    """What a customer paying all in cash hands over for ``total``."""
    return rule.apply(total)


def settle(total: MinorUnits, tenders: list[Tender], rule: CashRule) -> Settlement:
    """Apply ``tenders`` to ``total`` and work out rounding and change.

    Non-cash tenders are taken as they are and may not exceed what is left to
    pay. What is left after them is paid in cash, rounded by ``rule``; any
    cash over that comes back as change. Raises PaymentError when the tenders
    fall short.
    """
    if total < 0:
        raise PaymentError("a sale total cannot be negative")
    non_cash = [t for t in tenders if t.method is not PaymentMethod.CASH]
    cash = [t for t in tenders if t.method is PaymentMethod.CASH]
    payments: list[Payment] = []
    remaining = total
    for tender in non_cash:
        if tender.amount > remaining:
            raise PaymentError("a non-cash payment cannot be more than what is left to pay")
        payments.append(Payment(tender.method, tender.amount, tender.amount, 0, tender.reference))
        remaining -= tender.amount
    rounding = 0
    if cash and not remaining:
        raise PaymentError("nothing is left to pay in cash")
    if cash:
        due = rule.apply(remaining)
        rounding = due - remaining
        handed = sum(t.amount for t in cash)
        if handed < due:
            raise PaymentError("the cash given is less than what is due")
        reference = "; ".join(t.reference for t in cash if t.reference)
        payments.append(Payment(PaymentMethod.CASH, due, handed, handed - due, reference))
        remaining = 0
    if remaining:
        raise PaymentError("the payments are less than the total")
    return Settlement(total, rounding, tuple(payments))
