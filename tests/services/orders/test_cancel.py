"""Cancelling a pre-order: the owner refunds the down payment or keeps it, in the audit log."""

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from bazaar_pos.domain.access import Permission
from bazaar_pos.domain.payment import PaymentMethod, Tender
from bazaar_pos.domain.quantity import whole
from bazaar_pos.errors import ValidationError
from bazaar_pos.services.customers.views import CustomerDraft
from bazaar_pos.services.orders.views import OrderDraft, OrderLineDraft, OrderStatus, PaymentKind
from bazaar_pos.services.people.access import PermissionDenied
from bazaar_pos.services.products.catalogue import ProductDraft
from bazaar_pos.store.models import AuditEvent, CustomerOrderPayment
from tests.helpers.users import CASHIER, OWNER, OWNER_PIN, act_as

pytestmark = pytest.mark.staffed


@pytest.fixture
def order(shop, add_product):
    act_as(shop, CASHIER)
    customer = shop.customers.add(CustomerDraft("Pak Joko"))
    pot = add_product("GRB-1", "Gerabah Kasongan", 120_000, stock=1)
    return shop.orders.create(
        OrderDraft(customer.id, (OrderLineDraft(whole(1), product_id=pot.id),), date(2026, 12, 9)),
        Tender(PaymentMethod.CASH, 60_000),
    )


def test_a_cashier_needs_the_owner_to_cancel(shop, order):
    with pytest.raises(PermissionDenied) as refused:
        shop.orders.cancel(order.id, refund=True)
    assert refused.value.needed == {Permission.CANCEL_ORDER}
    assert shop.orders.get(order.id).status is OrderStatus.OPEN


def test_cancel_with_refund_pays_the_dp_back_from_the_shift(shop, order):
    act_as(shop, OWNER)
    shift = shop.shifts.open(50_000)
    act_as(shop, CASHIER)
    approval = shop.access.approve(OWNER_PIN, frozenset({Permission.CANCEL_ORDER}), owner=OWNER)
    cancelled = shop.orders.cancel(order.id, refund=True, reason="Tidak jadi", approval=approval)
    assert cancelled.status is OrderStatus.CANCELLED
    assert cancelled.deposit_outcome == "refunded"
    refund = cancelled.payments[-1]
    assert (refund.kind, refund.method, refund.amount) == (PaymentKind.REFUND, "cash", 60_000)
    with shop.db.reading() as session:
        row = session.scalars(
            select(CustomerOrderPayment).where(CustomerOrderPayment.kind == "refund")
        ).one()
        assert row.shift_id == shift.id
        event = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "order.cancelled")
        ).one()
        assert event.actor == CASHIER
        assert OWNER in event.details
        assert "Tidak jadi" in event.details
    with pytest.raises(ValidationError, match="was cancelled"):
        shop.orders.pick_up(order.id, [Tender(PaymentMethod.CASH, 60_000)])


def test_cancel_keeping_the_dp_writes_a_kept_row(shop, order):
    act_as(shop, OWNER)
    cancelled = shop.orders.cancel(order.id, refund=False, reason="Tidak diambil")
    assert cancelled.deposit_outcome == "kept"
    assert [(p.kind, p.amount) for p in cancelled.payments] == [
        (PaymentKind.DEPOSIT, 60_000),
        (PaymentKind.KEPT, 60_000),
    ]
    assert shop.orders.orders() == []
    assert shop.orders.orders(OrderStatus.CANCELLED)[0].id == order.id


def test_a_price_changed_since_ordering_needs_the_owner_at_pickup(shop, order):
    act_as(shop, OWNER)
    pot = shop.catalogue.get(order.lines[0].product_id)
    shop.catalogue.update(pot.id, replace(ProductDraft.from_view(pot), price=150_000))
    act_as(shop, CASHIER)
    with pytest.raises(PermissionDenied) as refused:
        shop.orders.pick_up(order.id, [Tender(PaymentMethod.CASH, 60_000)])
    assert refused.value.needed == {Permission.CHANGE_PRICE}
    approval = shop.access.approve(OWNER_PIN, frozenset({Permission.CHANGE_PRICE}), owner=OWNER)
    picked = shop.orders.pick_up(order.id, [Tender(PaymentMethod.CASH, 60_000)], approval=approval)
    assert picked.sale.total == 120_000, "the price agreed on ordering"
