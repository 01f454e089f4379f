"""A pre-order picked up: one sale through the checkout, the DP counted as a deposit payment."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, func, select, update

from bazaar_pos.domain.cart import CartCustomer
from bazaar_pos.domain.payment import TILL_METHODS, PaymentMethod, Tender
from bazaar_pos.errors import ValidationError
from bazaar_pos.i18n import _
from bazaar_pos.services.audit_writer import event_values, write_events
from bazaar_pos.services.orders.lines import cart_of, lines_again
from bazaar_pos.services.orders.views import OrderStatus, OrderView, PaymentKind, check_waiting
from bazaar_pos.services.people.access import Approval
from bazaar_pos.services.selling.checkout import CheckoutService
from bazaar_pos.services.settings import SettingsService
from bazaar_pos.services.views import SaleResult
from bazaar_pos.store.database import Database
from bazaar_pos.store.models import CustomerOrder, CustomerOrderPayment, Sale
from bazaar_pos.store.types import utcnow

_ORDERS = CustomerOrder.core_table()
_PAYMENTS = CustomerOrderPayment.core_table()
_SALES = Sale.core_table()


@dataclass(frozen=True, slots=True)
class PickupResult:
    """The sale an order became, and what the customer paid at pickup."""

    sale: SaleResult
    number: str
    deposit: int
    paid_now: int


def pick_up(
    db: Database,
    settings: SettingsService,
    checkout: CheckoutService,
    order: OrderView,
    tenders: list[Tender],
    approval: Approval | None,
) -> PickupResult:
    """Sell ``order``'s lines at the agreed prices; the DP pays first, ``tenders`` the rest.

    The sale, the stock leaving, the order marked picked up (with its sale and
    customer) and the audit event are one transaction: if the order changed
    meanwhile (picked up, cancelled, more DP taken), nothing is written.
    """
    check_waiting(order.number, order.status)
    if any(t.method not in TILL_METHODS for t in tenders):
        raise ValidationError(
            _("The rest is paid in cash, QRIS, transfer, card, e-wallet or kasbon.")
        )
    shop = settings.load()
    with db.reading() as session:
        cart = cart_of(lines_again(session, order.lines), shop)
    cart.customer = CartCustomer(order.customer_id, order.customer_name)  # kasbon may pay the rest
    deposit = order.deposit
    paying = [Tender(PaymentMethod.DEPOSIT, deposit)] if deposit else []

    def mark_picked_up(connection: Connection, sale_id: int, sale_uuid: str) -> None:
        status, customer_id = connection.execute(
            select(_ORDERS.c.status, _ORDERS.c.customer_id).where(_ORDERS.c.id == order.id)
        ).one()
        taken = connection.execute(
            select(func.coalesce(func.sum(_PAYMENTS.c.amount_minor), 0)).where(
                _PAYMENTS.c.order_id == order.id, _PAYMENTS.c.kind == PaymentKind.DEPOSIT.value
            )
        ).scalar_one()
        if not OrderStatus(status).waiting or taken != deposit:
            raise ValidationError(
                _("Order {number} changed meanwhile: open it again.").format(number=order.number)
            )
        connection.execute(
            update(_ORDERS)
            .where(_ORDERS.c.id == order.id)
            .values(status=OrderStatus.PICKED_UP.value, sale_id=sale_id, updated_at=utcnow())
        )
        connection.execute(
            update(_SALES).where(_SALES.c.id == sale_id).values(customer_id=customer_id)
        )
        write_events(
            connection,
            [
                event_values(
                    "order.picked_up",
                    actor=settings.access.require_actor().name,
                    entity="order",
                    entity_ref=order.uuid,
                    details={"number": order.number, "sale": sale_uuid, "deposit": deposit},
                )
            ],
            at=utcnow(),
        )

    sale = checkout.complete_sale(
        cart, [*paying, *tenders], approval=approval, also_write=mark_picked_up
    )
    return PickupResult(sale, order.number, deposit, sale.total + sale.rounding - deposit)
