"""OrderService: take a pre-order with its down payment, more DP, ready, pickup, cancel."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from bazaar_pos.domain.access import Permission
from bazaar_pos.domain.payment import MONEY_METHODS, PaymentMethod, Tender
from bazaar_pos.errors import NotFoundError, ValidationError
from bazaar_pos.i18n import _
from bazaar_pos.services.audit_writer import record_event
from bazaar_pos.services.customers.accounts import open_shift_id
from bazaar_pos.services.customers.directory import customer_row
from bazaar_pos.services.orders.lines import cart_of, checked_lines, stored_lines
from bazaar_pos.services.orders.pickup import PickupResult, pick_up
from bazaar_pos.services.orders.views import (
    OrderDraft,
    OrderStatus,
    OrderView,
    PaymentKind,
    check_waiting,
)
from bazaar_pos.services.people.access import AccessControl, Approval
from bazaar_pos.services.selling.checkout import CheckoutService
from bazaar_pos.services.settings import SettingsService
from bazaar_pos.store.database import Database
from bazaar_pos.store.models import CustomerOrder, CustomerOrderPayment

NOTE_MAX = 500
LIST_MAX = 500
"""At most this many orders are listed at once (the waiting ones first)."""


def order_number(till_code: str, sequence: int) -> str:
    """An order's readable number: ``PO-A-0001``, per till as sales are."""
    return f"PO-{till_code}-{sequence:04d}"


def load_order(session: Session, order_id: int) -> CustomerOrder:
    """The stored order with its customer, lines and payments, or NotFoundError."""
    order = session.get(
        CustomerOrder,
        order_id,
        options=[
            selectinload(CustomerOrder.customer),
            selectinload(CustomerOrder.lines),
            selectinload(CustomerOrder.payments),
        ],
    )
    if order is None:
        raise NotFoundError(_("No order with id {id}.").format(id=order_id))
    return order


class OrderService:
    """The shop's pre-orders (pesanan), each change one transaction with its audit event."""

    def __init__(
        self,
        db: Database,
        settings: SettingsService,
        access: AccessControl,
        checkout: CheckoutService,
    ) -> None:
        """Keep the orders of ``db``; a pickup becomes a sale through ``checkout``."""
        self._db = db
        self._settings = settings
        self._access = access
        self._checkout = checkout

    # -- reading ---------------------------------------------------------------

    def get(self, order_id: int) -> OrderView:
        """One order."""
        with self._db.reading() as session:
            return OrderView.of(load_order(session, order_id))

    def by_number(self, number: str) -> OrderView:
        """The order with this number (as printed on its slip), or NotFoundError."""
        with self._db.reading() as session:
            found = session.scalar(
                select(CustomerOrder.id).where(CustomerOrder.number == number.strip().upper())
            )
            if found is None:
                raise NotFoundError(_("No order numbered {number}.").format(number=number))
            return OrderView.of(load_order(session, found))

    def orders(
        self, status: OrderStatus | None = None, *, due_by: date | None = None
    ) -> list[OrderView]:
        """Orders by pickup date (undated last): those in ``status``, or those still waiting.

        ``due_by`` keeps only orders waiting for a pickup on or before that day.
        """
        statuses = [status] if status else [OrderStatus.OPEN, OrderStatus.READY]
        query = (
            select(CustomerOrder)
            .where(CustomerOrder.status.in_([s.value for s in statuses]))
            .options(
                selectinload(CustomerOrder.customer),
                selectinload(CustomerOrder.lines),
                selectinload(CustomerOrder.payments),
            )
            .order_by(
                CustomerOrder.pickup_on.is_(None),
                CustomerOrder.pickup_on,
                CustomerOrder.id,
            )
            .limit(LIST_MAX)
        )
        if due_by is not None:
            query = query.where(CustomerOrder.pickup_on <= due_by)
        with self._db.reading() as session:
            return [OrderView.of(order) for order in session.scalars(query)]

    # -- changing --------------------------------------------------------------

    def create(
        self,
        draft: OrderDraft,
        deposit: Tender | None = None,
    ) -> OrderView:
        """Take an order and its down payment (if any) in one transaction."""
        actor = self._access.require_actor()
        shop = self._settings.load()
        note = draft.note.strip()
        if len(note) > NOTE_MAX:
            raise ValidationError(_("A note is at most {count} characters.").format(count=NOTE_MAX))
        with self._db.writing() as session:
            customer = customer_row(session, draft.customer_id)
            cart = cart_of(checked_lines(session, draft.lines), shop)
            total = cart.totals().total
            if deposit is not None:
                _check_deposit(deposit, total)
            last = session.scalar(
                select(func.max(CustomerOrder.sequence)).where(
                    CustomerOrder.till_id == shop.till_id
                )
            )
            sequence = (last or 0) + 1
            order = CustomerOrder(
                number=order_number(shop.till_code, sequence),
                sequence=sequence,
                till_id=shop.till_id,
                customer_id=customer.id,
                status=OrderStatus.OPEN.value,
                pickup_on=draft.pickup_on,
                note=note,
                currency=shop.currency_code,
                total_minor=total,
                cashier=actor.name,
                lines=stored_lines(cart),
            )
            session.add(order)
            session.flush()
            record_event(
                session,
                "order.created",
                actor=actor.name,
                entity="order",
                entity_ref=order.uuid,
                details={"number": order.number, "customer": customer.name, "total": total},
            )
            if deposit is not None:
                self._take(session, order, deposit, actor.name, shop.till_id)
            return OrderView.of(load_order(session, order.id))

    def add_deposit(self, order_id: int, deposit: Tender) -> OrderView:
        """More down payment on a waiting order; never more than what is left to pay."""
        actor = self._access.require_actor()
        till_id = self._settings.load().till_id
        with self._db.writing() as session:
            order = _waiting(session, order_id)
            _check_deposit(deposit, OrderView.of(order).balance)
            self._take(session, order, deposit, actor.name, till_id)
            return OrderView.of(load_order(session, order.id))

    def mark_ready(self, order_id: int) -> OrderView:
        """The goods are made or set aside: the order waits for its customer."""
        actor = self._access.require_actor()
        with self._db.writing() as session:
            order = _waiting(session, order_id)
            if order.status == OrderStatus.READY.value:
                raise ValidationError(
                    _("Order {number} is already ready.").format(number=order.number)
                )
            order.status = OrderStatus.READY.value
            record_event(
                session,
                "order.ready",
                actor=actor.name,
                entity="order",
                entity_ref=order.uuid,
                details={"number": order.number},
            )
            session.flush()
            return OrderView.of(load_order(session, order.id))

    def pick_up(
        self,
        order_id: int,
        tenders: list[Tender],
        *,
        approval: Approval | None = None,
    ) -> PickupResult:
        """The customer takes the order: it becomes a sale, the DP counted, ``tenders`` the rest."""
        with self._db.reading() as session:
            order = OrderView.of(load_order(session, order_id))
        return pick_up(self._db, self._settings, self._checkout, order, tenders, approval)

    def cancel(
        self,
        order_id: int,
        *,
        refund: bool,
        reason: str = "",
        method: PaymentMethod = PaymentMethod.CASH,
        approval: Approval | None = None,
    ) -> OrderView:
        """Cancel a waiting order; the owner decides to refund the DP (by ``method``) or keep it."""
        if method not in MONEY_METHODS:
            raise ValidationError(_("Choose how the down payment is paid back."))
        till_id = self._settings.load().till_id
        with (
            self._access.permit(Permission.CANCEL_ORDER, approval=approval) as grant,
            self._db.writing() as session,
        ):
            order = _waiting(session, order_id)
            deposit = OrderView.of(order).deposit
            outcome = ""
            if deposit:
                kind = PaymentKind.REFUND if refund else PaymentKind.KEPT
                outcome = "refunded" if refund else "kept"
                order.payments.append(
                    CustomerOrderPayment(
                        kind=kind.value,
                        method=method.value if refund else "",
                        amount_minor=deposit,
                        recorded_by=grant.actor.name,
                        till_id=till_id,
                        shift_id=open_shift_id(session, till_id) if refund else None,
                    )
                )
            order.status = OrderStatus.CANCELLED.value
            order.deposit_outcome = outcome
            record_event(
                session,
                "order.cancelled",
                actor=grant.actor.name,
                entity="order",
                entity_ref=order.uuid,
                details={
                    "number": order.number,
                    "deposit": deposit,
                    "outcome": outcome,
                    "reason": reason.strip(),
                }
                | grant.details(),
            )
            session.flush()
            return OrderView.of(load_order(session, order.id))

    def _take(
        self, session: Session, order: CustomerOrder, deposit: Tender, actor: str, till_id: str
    ) -> None:
        order.payments.append(
            CustomerOrderPayment(
                kind=PaymentKind.DEPOSIT.value,
                method=deposit.method.value,
                amount_minor=deposit.amount,
                reference=deposit.reference.strip(),
                recorded_by=actor,
                till_id=till_id,
                shift_id=open_shift_id(session, till_id),
            )
        )
        session.flush()
        record_event(
            session,
            "order.deposit",
            actor=actor,
            entity="order",
            entity_ref=order.uuid,
            details={
                "number": order.number,
                "amount": deposit.amount,
                "method": deposit.method.value,
            },
        )


def _waiting(session: Session, order_id: int) -> CustomerOrder:
    """The order, if it still waits for its pickup; else a ValidationError saying why not."""
    order = load_order(session, order_id)
    check_waiting(order.number, OrderStatus(order.status))
    return order


def _check_deposit(deposit: Tender, left: int) -> None:
    if deposit.method not in MONEY_METHODS:
        raise ValidationError(
            _("A down payment is taken in cash, QRIS, transfer, card or e-wallet.")
        )
    if deposit.amount > left:
        raise ValidationError(_("The down payment is more than what is left to pay."))
