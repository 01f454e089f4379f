"""Payments awaiting confirmation: QRIS and e-wallet money the cashier has yet to see arrive.

The till cannot see the shop's account, so a QRIS or e-wallet payment is
recorded as ``awaiting`` until the cashier checks the provider's notification
(app or soundbox) and confirms it. A payment that never arrives is marked
``not_received``: the sale stays as it is for the owner to void or refund.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bazaar_pos.domain.money import MinorUnits
from bazaar_pos.domain.payment import PaymentStatus
from bazaar_pos.errors import NotFoundError, UserError
from bazaar_pos.i18n import _
from bazaar_pos.services.audit_writer import record_event
from bazaar_pos.services.views import Changes
from bazaar_pos.store.database import Database
from bazaar_pos.store.models import Payment, Refund, Sale
from bazaar_pos.store.types import utcnow

OPEN_STATUSES = (PaymentStatus.AWAITING.value, PaymentStatus.NOT_RECEIVED.value)


@dataclass(frozen=True, slots=True)
class AwaitingPayment:
    """A payment with its sale: awaiting confirmation, marked not received, or confirmed."""

    id: int
    sale_uuid: str
    sale_number: str
    sold_at: datetime
    cashier: str
    method: str
    amount: MinorUnits
    currency: str
    reference: str
    status: str


@dataclass(frozen=True, slots=True)
class ConfirmationResult:
    """What a confirmation (or a "not received") did to one payment."""

    payment_id: int
    sale_uuid: str
    sale_number: str
    method: str
    amount: MinorUnits
    status: str
    at: datetime
    by: str
    changes: Changes


class PaymentConfirmationService:
    """Lists payments awaiting confirmation and confirms them, each change audited."""

    def __init__(self, db: Database) -> None:
        """Work on the payments of ``db``."""
        self._db = db

    def awaiting(self, *, include_not_received: bool = False) -> list[AwaitingPayment]:
        """Payments awaiting confirmation, oldest first; with those marked not received if asked."""
        statuses = OPEN_STATUSES if include_not_received else (PaymentStatus.AWAITING.value,)
        query = (
            select(Payment, Sale)
            .join(Sale, Sale.id == Payment.sale_id)
            .where(Payment.status.in_(statuses))
            .order_by(Sale.created_at, Payment.id)
        )
        with self._db.reading() as session:
            return [_view(payment, sale) for payment, sale in session.execute(query)]

    def taken_between(self, method: str, start: datetime, end: datetime) -> list[AwaitingPayment]:
        """Payments by ``method`` of sales made from ``start`` to ``end``, whatever their status.

        Sales later voided are left out: their money went back.
        """
        voided = select(Refund.sale_id).where(Refund.kind == "void")
        query = (
            select(Payment, Sale)
            .join(Sale, Sale.id == Payment.sale_id)
            .where(
                Payment.method == method,
                Sale.created_at >= start,
                Sale.created_at <= end,
                Sale.id.not_in(voided),
            )
            .order_by(Sale.created_at, Payment.id)
        )
        with self._db.reading() as session:
            return [_view(payment, sale) for payment, sale in session.execute(query)]

    def count_awaiting(self) -> int:
        """How many payments await confirmation."""
        payments = Payment.core_table()
        query = select(func.count(payments.c.id)).where(
            payments.c.status == PaymentStatus.AWAITING.value
        )
        with self._db.reading_rows() as connection:  # shown as the till starts: no ORM
            return connection.scalar(query) or 0

    def confirm(
        self, payment_id: int, by: str, *, reference: str = "", source: str = ""
    ) -> ConfirmationResult:
        """Record that the money of payment ``payment_id`` arrived, seen by ``by``.

        A payment marked not received can still be confirmed when the money turns
        up late. ``reference`` (e.g. from the notification) fills an empty
        reference. ``source`` names what showed the money instead of a person
        (a settlement report): it is kept as who confirmed it, and ``by`` stays the
        actor in the audit log. Raises NotFoundError, or UserError if it is
        already confirmed.
        """
        with self._db.writing() as session:
            payment, sale = _open_payment(session, payment_id)
            before = payment.status
            payment.status = PaymentStatus.CONFIRMED.value
            payment.confirmed_at = utcnow()
            payment.confirmed_by = (source or by)[:100]
            if reference.strip() and not payment.reference:
                payment.reference = reference.strip()[:100]
            record_event(
                session,
                "payment.confirmed",
                actor=by,
                entity="sale",
                entity_ref=sale.uuid,
                details=_details(payment, sale)
                | {"was": before}
                | ({"source": source} if source else {}),
            )
            return _result(payment, sale, payment.confirmed_at, source or by)

    def not_received(self, payment_id: int, by: str, *, note: str = "") -> ConfirmationResult:
        """Record that the money of an awaiting payment never arrived; the sale is left as it is.

        The owner voids or refunds the sale; nothing is deleted. Raises
        NotFoundError, or UserError if the payment is not awaiting confirmation.
        """
        with self._db.writing() as session:
            payment, sale = _open_payment(session, payment_id)
            if payment.status != PaymentStatus.AWAITING.value:
                raise UserError(_("This payment is already marked as not received."))
            payment.status = PaymentStatus.NOT_RECEIVED.value
            at = utcnow()
            record_event(
                session,
                "payment.not_received",
                actor=by,
                entity="sale",
                entity_ref=sale.uuid,
                details=_details(payment, sale) | {"note": note.strip()},
            )
            return _result(payment, sale, at, by)


def _open_payment(session: Session, payment_id: int) -> tuple[Payment, Sale]:
    payment = session.get(Payment, payment_id)
    if payment is None:
        raise NotFoundError(_("There is no such payment."))
    sale = payment.sale
    if payment.status not in OPEN_STATUSES:
        raise UserError(
            _("The payment of {number} was already confirmed.").format(number=sale.number)
        )
    return payment, sale


def _details(payment: Payment, sale: Sale) -> dict[str, object]:
    return {
        "payment": payment.id,
        "number": sale.number,
        "method": payment.method,
        "amount": payment.amount_minor,
    }


def _view(payment: Payment, sale: Sale) -> AwaitingPayment:
    return AwaitingPayment(
        id=payment.id,
        sale_uuid=sale.uuid,
        sale_number=sale.number,
        sold_at=sale.created_at,
        cashier=sale.cashier,
        method=payment.method,
        amount=payment.amount_minor,
        currency=sale.currency,
        reference=payment.reference,
        status=payment.status,
    )


def _result(payment: Payment, sale: Sale, at: datetime, by: str) -> ConfirmationResult:
    return ConfirmationResult(
        payment_id=payment.id,
        sale_uuid=sale.uuid,
        sale_number=sale.number,
        method=payment.method,
        amount=payment.amount_minor,
        status=payment.status,
        at=at,
        by=by,
        changes=Changes(sales=True),
    )
