"""Tenders, cash rounding and change: how a total is paid."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass

from bazaar_pos.domain.money import MinorUnits
from bazaar_pos.domain.pricing import CashRounding, round_cash
from bazaar_pos.i18n import N_, _


class PaymentMethod(enum.StrEnum):
    """The ways a customer can pay at a stall."""

    CASH = "cash"
    QRIS = "qris"
    TRANSFER = "transfer"
    CARD = "card"
    EWALLET = "ewallet"
    ACCOUNT = "account"
    """Kasbon: put on the chosen customer's account, paid later."""
    DEPOSIT = "deposit"
    """A pre-order's down payment, taken earlier and counted at pickup."""


TILL_METHODS = (
    PaymentMethod.CASH,
    PaymentMethod.QRIS,
    PaymentMethod.TRANSFER,
    PaymentMethod.CARD,
    PaymentMethod.EWALLET,
    PaymentMethod.ACCOUNT,
)
"""The methods offered as buttons at the till, in their order (F1, F2, ...); kasbon last."""

NOT_YET_PAID = frozenset({PaymentMethod.ACCOUNT})
"""Methods that bring no money now: the money comes with the kasbon repayments."""

MONEY_METHODS = tuple(m for m in TILL_METHODS if m not in NOT_YET_PAID)
"""The till's methods that bring money now: how a down payment is taken or paid back."""

METHOD_LABELS = {
    PaymentMethod.CASH: N_("Cash"),
    PaymentMethod.QRIS: N_("QRIS"),
    PaymentMethod.TRANSFER: N_("Bank transfer"),
    PaymentMethod.CARD: N_("Card (EDC)"),
    PaymentMethod.EWALLET: N_("E-wallet"),
    PaymentMethod.ACCOUNT: N_("Kasbon (on account)"),
    PaymentMethod.DEPOSIT: N_("Down payment"),
}
"""Payment methods as screens and reports name them (receipts use shorter words)."""


def method_label(method: str, labels: Mapping[PaymentMethod, str] = METHOD_LABELS) -> str:
    """The translated name of a payment method in ``labels`` (the stored code if unknown)."""
    try:
        return _(labels[PaymentMethod(method)])
    except ValueError:
        return method


class PaymentStatus(enum.StrEnum):
    """Whether the money of a payment is known to have arrived.

    QRIS and e-wallet money arrives in the shop's account, which the till
    cannot see: such a payment waits until the cashier confirms it from the
    provider's notification or soundbox, or marks it as never received.
    """

    CONFIRMED = "confirmed"
    AWAITING = "awaiting"
    NOT_RECEIVED = "not_received"


CONFIRMED_BY_PAYMENT_METHODS = frozenset({PaymentMethod.QRIS, PaymentMethod.EWALLET})
"""Methods whose money the cashier confirms from a notification rather than sees at once."""


def needs_confirmation(method: PaymentMethod) -> bool:
    """Whether a payment by ``method`` waits for the cashier to confirm the money arrived."""
    return method in CONFIRMED_BY_PAYMENT_METHODS


def initial_status(method: PaymentMethod, *, received: bool) -> PaymentStatus:
    """A new payment's status: cash, card and transfer at once; QRIS and e-wallet once seen."""
    if received or not needs_confirmation(method):
        return PaymentStatus.CONFIRMED
    return PaymentStatus.AWAITING


class PaymentError(ValueError):
    """The tenders cannot pay the total (too little, or change asked of a non-cash method)."""


@dataclass(frozen=True, slots=True)
class Tender:
    """What the customer hands over by one method; for cash, the notes given.

    ``received`` says the cashier already saw a QRIS or e-wallet payment arrive.
    """

    method: PaymentMethod
    amount: MinorUnits
    reference: str = ""
    received: bool = False

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
    received: bool = False

    @property
    def status(self) -> PaymentStatus:
        """Confirmed, or awaiting the cashier's confirmation that the money arrived."""
        return initial_status(self.method, received=self.received)


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
        payments.append(
            Payment(
                tender.method,
                tender.amount,
                tender.amount,
                0,
                tender.reference,
                tender.received,
            )
        )
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
        payments.append(Payment(PaymentMethod.CASH, due, handed, handed - due, reference, True))
        remaining = 0
    if remaining:
        raise PaymentError("the payments are less than the total")
    return Settlement(total, rounding, tuple(payments))


@dataclass(frozen=True, slots=True)
class PaymentProgress:
    """How far the tenders taken so far go towards paying ``total``, as the till shows it."""

    total: MinorUnits
    non_cash: MinorUnits
    cash_given: MinorUnits
    rule: CashRule

    @classmethod
    def of(cls, total: MinorUnits, tenders: list[Tender], rule: CashRule) -> PaymentProgress:
        """Sum the tenders by cash and other methods."""
        cash = sum(t.amount for t in tenders if t.method is PaymentMethod.CASH)
        other = sum(t.amount for t in tenders if t.method is not PaymentMethod.CASH)
        return cls(total, other, cash, rule)

    @property
    def rest(self) -> MinorUnits:
        """What is left after the non-cash payments, before cash rounding."""
        return self.total - self.non_cash

    @property
    def cash_due(self) -> MinorUnits:
        """What cash must cover of the rest, rounded."""
        return self.rule.apply(self.rest) if self.rest > 0 else 0

    @property
    def left(self) -> MinorUnits:
        """What another non-cash payment may still cover."""
        return max(self.rest - self.cash_given, 0)

    @property
    def cash_left(self) -> MinorUnits:
        """What the customer still hands over if the rest is paid in cash."""
        return max(self.cash_due - self.cash_given, 0)

    @property
    def change(self) -> MinorUnits:
        """The change owed for the cash given so far."""
        return max(self.cash_given - self.cash_due, 0) if self.cash_given else 0

    @property
    def covered(self) -> bool:
        """Whether the tenders pay the total, so the sale can be completed."""
        if self.cash_given:
            return self.rest > 0 and self.cash_given >= self.cash_due
        return self.rest == 0
