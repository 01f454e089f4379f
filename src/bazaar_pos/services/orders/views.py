"""Pre-orders as screens, slips and the command line see them, and the drafts typed for them."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime
from fractions import Fraction

from bazaar_pos.domain.money import MinorUnits
from bazaar_pos.domain.pricing import round_half_up
from bazaar_pos.domain.quantity import Unit, unit_of
from bazaar_pos.errors import ValidationError
from bazaar_pos.i18n import N_, _
from bazaar_pos.store.models import CustomerOrder, CustomerOrderLine, CustomerOrderPayment


class OrderStatus(enum.StrEnum):
    """Where a pre-order stands: dipesan, siap, diambil, dibatalkan."""

    OPEN = "open"
    READY = "ready"
    PICKED_UP = "picked_up"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        """The status as screens and slips name it."""
        return _(STATUS_LABELS[self])

    @property
    def waiting(self) -> bool:
        """Whether the order still waits for its pickup (its catalogue lines are reserved)."""
        return self in (OrderStatus.OPEN, OrderStatus.READY)


STATUS_LABELS = {
    OrderStatus.OPEN: N_("Ordered"),
    OrderStatus.READY: N_("Ready"),
    OrderStatus.PICKED_UP: N_("Picked up"),
    OrderStatus.CANCELLED: N_("Cancelled"),
}


def check_waiting(number: str, status: OrderStatus) -> None:
    """Refuse (ValidationError) an order already picked up or cancelled."""
    if status is OrderStatus.PICKED_UP:
        raise ValidationError(_("Order {number} was already picked up.").format(number=number))
    if status is OrderStatus.CANCELLED:
        raise ValidationError(_("Order {number} was cancelled.").format(number=number))


def suggested_deposit(total: MinorUnits, percent: int) -> MinorUnits:
    """The down payment the shop asks for: ``percent`` of ``total``, rounded half up."""
    return round_half_up(Fraction(total * percent, 100))


class PaymentKind(enum.StrEnum):
    """Money on an order: a down payment in, refunded at cancelling, or kept by the shop."""

    DEPOSIT = "deposit"
    REFUND = "refund"
    KEPT = "kept"


@dataclass(frozen=True, slots=True)
class OrderLineDraft:
    """One line as typed: a catalogue product, or made to order with a name and a price.

    ``quantity_milli`` is in thousandths of the product's unit (pieces for a
    line made to order). ``unit_price`` is needed for a line made to order; a
    catalogue line takes the catalogue's price when it is None.
    """

    quantity_milli: int
    product_id: int | None = None
    name: str = ""
    unit_price: MinorUnits | None = None


@dataclass(frozen=True, slots=True)
class OrderDraft:
    """A new order: whose, what, when it is picked up and a note."""

    customer_id: int
    lines: tuple[OrderLineDraft, ...]
    pickup_on: date | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class OrderLineView:
    """A stored line of an order."""

    position: int
    product_id: int | None
    sku: str
    name: str
    quantity_milli: int
    unit: Unit
    unit_price: MinorUnits
    total: MinorUnits

    @property
    def made_to_order(self) -> bool:
        """Whether the line is free text made for the customer (it reserves no stock)."""
        return self.product_id is None

    @classmethod
    def of(cls, line: CustomerOrderLine) -> OrderLineView:
        """Copy a stored line."""
        return cls(
            line.position,
            line.product_id,
            line.sku,
            line.name,
            line.quantity_milli,
            unit_of(line.unit),
            line.unit_price_minor,
            line.line_total_minor,
        )


@dataclass(frozen=True, slots=True)
class OrderPaymentView:
    """Money taken, refunded or kept on an order."""

    kind: PaymentKind
    method: str
    amount: MinorUnits
    reference: str
    recorded_by: str
    created_at: datetime

    @classmethod
    def of(cls, payment: CustomerOrderPayment) -> OrderPaymentView:
        """Copy a stored payment."""
        return cls(
            PaymentKind(payment.kind),
            payment.method,
            payment.amount_minor,
            payment.reference,
            payment.recorded_by,
            payment.created_at,
        )


@dataclass(frozen=True, slots=True)
class OrderView:
    """A pre-order with its customer, lines and money."""

    id: int
    uuid: str
    number: str
    status: OrderStatus
    customer_id: int
    customer_name: str
    customer_phone: str
    pickup_on: date | None
    note: str
    total: MinorUnits
    cashier: str
    created_at: datetime
    sale_id: int | None
    deposit_outcome: str
    lines: tuple[OrderLineView, ...]
    payments: tuple[OrderPaymentView, ...]

    @property
    def deposit(self) -> MinorUnits:
        """The down payments taken so far."""
        return sum(p.amount for p in self.payments if p.kind is PaymentKind.DEPOSIT)

    @property
    def balance(self) -> MinorUnits:
        """What is left to pay at pickup."""
        return max(self.total - self.deposit, 0)

    def due_by(self, day: date) -> bool:
        """Whether the order waits for a pickup on or before ``day``."""
        return self.status.waiting and self.pickup_on is not None and self.pickup_on <= day

    @classmethod
    def of(cls, order: CustomerOrder) -> OrderView:
        """Copy a stored order (its customer, lines and payments loaded)."""
        return cls(
            id=order.id,
            uuid=order.uuid,
            number=order.number,
            status=OrderStatus(order.status),
            customer_id=order.customer_id,
            customer_name=order.customer.name,
            customer_phone=order.customer.phone,
            pickup_on=order.pickup_on,
            note=order.note,
            total=order.total_minor,
            cashier=order.cashier,
            created_at=order.created_at,
            sale_id=order.sale_id,
            deposit_outcome=order.deposit_outcome,
            lines=tuple(OrderLineView.of(line) for line in order.lines),
            payments=tuple(OrderPaymentView.of(p) for p in order.payments),
        )
