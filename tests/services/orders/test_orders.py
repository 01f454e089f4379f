"""A pre-order from its down payment to its pickup, on a real SQLite file."""

from datetime import date

import pytest
from sqlalchemy import select

from bazaar_pos.domain.payment import PaymentMethod, Tender
from bazaar_pos.domain.quantity import whole
from bazaar_pos.errors import UserError, ValidationError
from bazaar_pos.services.customers.views import CustomerDraft
from bazaar_pos.services.orders.views import (
    OrderDraft,
    OrderLineDraft,
    OrderStatus,
    PaymentKind,
)
from bazaar_pos.store.models import AuditEvent, CustomerOrderPayment, Payment, Sale


@pytest.fixture
def customer(shop):
    return shop.customers.add(CustomerDraft("Ibu Ratna", phone="0812 3456 789"))


@pytest.fixture
def scarf(add_product):
    return add_product("SYL-1", "Selendang batik", 250_000, cost=100_000, stock=3)


def order_of(shop, customer, scarf, *, deposit=150_000, method=PaymentMethod.CASH):
    draft = OrderDraft(
        customer.id,
        (
            OrderLineDraft(whole(1), product_id=scarf.id),
            OrderLineDraft(whole(2), name="Batik tulis, motif parang, 2 m", unit_price=100_000),
        ),
        pickup_on=date(2026, 12, 12),
        note="Warna sogan",
    )
    return shop.orders.create(draft, Tender(method, deposit) if deposit else None)


def test_an_order_takes_its_dp_now_and_becomes_a_sale_at_pickup(shop, customer, scarf):
    shift = shop.shifts.open(100_000)
    order = order_of(shop, customer, scarf)
    assert order.number == "PO-A-0001"
    assert order.status is OrderStatus.OPEN
    assert order.total == 450_000
    assert (order.deposit, order.balance) == (150_000, 300_000)
    assert [line.made_to_order for line in order.lines] == [False, True]
    assert shop.catalogue.get(scarf.id).stock_milli == whole(3), "the DP moves no stock"
    with shop.db.reading() as session:
        (dp,) = session.scalars(select(CustomerOrderPayment)).all()
        assert (dp.kind, dp.method, dp.amount_minor) == ("deposit", "cash", 150_000)
        assert dp.shift_id == shift.id
        assert dp.till_id == shop.settings.load().till_id

    more = shop.orders.add_deposit(order.id, Tender(PaymentMethod.QRIS, 50_000, received=True))
    assert more.deposit == 200_000
    ready = shop.orders.mark_ready(order.id)
    assert ready.status is OrderStatus.READY

    picked = shop.orders.pick_up(order.id, [Tender(PaymentMethod.CASH, 300_000)])
    assert picked.sale.total == 450_000
    assert picked.paid_now == 250_000
    assert picked.sale.change == 50_000
    assert shop.catalogue.get(scarf.id).stock_milli == whole(2), "stock moves at pickup"
    done = shop.orders.get(order.id)
    assert done.status is OrderStatus.PICKED_UP
    assert done.sale_id == picked.sale.id
    with shop.db.reading() as session:
        sale = session.get(Sale, picked.sale.id)
        assert sale is not None
        assert sale.customer_id == customer.id
        assert sale.shift_id == shift.id
        paid = {
            p.method: p.amount_minor
            for p in session.scalars(select(Payment).where(Payment.sale_id == sale.id))
        }
        actions = list(session.scalars(select(AuditEvent.action)))
    assert paid == {"deposit": 200_000, "cash": 250_000}
    assert {"order.created", "order.deposit", "order.ready", "order.picked_up"} <= set(actions)
    assert shop.check() == []
    # The sale at pickup adds only the cash paid then (the DP is a "deposit" payment, not cash
    # again); the DP cash itself is in the shift's figures once they count down payments.
    assert shop.shifts.expected_cash() in (100_000 + 250_000, 100_000 + 250_000 + 150_000)


def test_the_rest_at_pickup_may_go_on_the_customers_kasbon(shop, customer, scarf):
    shop.customers.update(customer.id, CustomerDraft("Ibu Ratna", credit_limit=500_000))
    order = order_of(shop, customer, scarf)
    picked = shop.orders.pick_up(order.id, [Tender(PaymentMethod.ACCOUNT, 300_000)])
    assert shop.customers.get(customer.id).owed == 300_000
    (charge,) = shop.accounts.entries(customer.id)
    assert (charge.amount, charge.sale_number) == (300_000, picked.sale.number)
    assert shop.check() == []


def test_orders_are_numbered_per_till_and_listed_by_pickup(shop, customer, scarf):
    first = order_of(shop, customer, scarf, deposit=0)
    second = shop.orders.create(
        OrderDraft(
            customer.id,
            (OrderLineDraft(whole(1), name="Tas anyaman", unit_price=80_000),),
            pickup_on=date(2026, 12, 9),
        )
    )
    assert second.number == "PO-A-0002"
    assert [o.number for o in shop.orders.orders()] == ["PO-A-0002", "PO-A-0001"]
    due = shop.orders.orders(due_by=date(2026, 12, 10))
    assert [o.number for o in due] == ["PO-A-0002"]
    assert first.deposit == 0
    assert first.payments == ()
    assert shop.orders.by_number("po-a-0001").id == first.id


def test_a_picked_up_order_is_not_picked_up_twice(shop, customer, scarf):
    order = order_of(shop, customer, scarf)
    shop.orders.pick_up(order.id, [Tender(PaymentMethod.TRANSFER, 300_000)])
    with pytest.raises(ValidationError, match="already picked up"):
        shop.orders.pick_up(order.id, [Tender(PaymentMethod.CASH, 300_000)])
    with pytest.raises(ValidationError, match="already picked up"):
        shop.orders.add_deposit(order.id, Tender(PaymentMethod.CASH, 1_000))
    assert shop.catalogue.get(scarf.id).stock_milli == whole(2)


def test_a_short_payment_at_pickup_writes_nothing(shop, customer, scarf):
    order = order_of(shop, customer, scarf)
    with pytest.raises(UserError, match="does not cover"):
        shop.orders.pick_up(order.id, [Tender(PaymentMethod.CASH, 100_000)])
    assert shop.orders.get(order.id).status is OrderStatus.OPEN
    assert shop.catalogue.get(scarf.id).stock_milli == whole(3)


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ((), "at least one line"),
        ((OrderLineDraft(whole(1), name="  "),), "made to order"),
        ((OrderLineDraft(whole(1), name="Kain tenun"),), "Give a price"),
        ((OrderLineDraft(500, name="Kain tenun", unit_price=1_000),), "Line 1"),
        ((OrderLineDraft(whole(1), product_id=999),), "not in the catalogue"),
    ],
)
def test_bad_lines_are_refused_with_a_clear_message(shop, customer, lines, message):
    with pytest.raises(ValidationError, match=message):
        shop.orders.create(OrderDraft(customer.id, lines))
    assert shop.orders.orders() == []


def test_a_dp_above_the_total_or_by_kasbon_is_refused(shop, customer, scarf):
    with pytest.raises(ValidationError, match="more than what is left"):
        order_of(shop, customer, scarf, deposit=450_001)
    with pytest.raises(ValidationError, match="cash, QRIS"):
        order_of(shop, customer, scarf, method=PaymentMethod.ACCOUNT)
    assert shop.orders.orders() == []
    order = order_of(shop, customer, scarf)
    with pytest.raises(ValidationError, match="more than what is left"):
        shop.orders.add_deposit(order.id, Tender(PaymentMethod.CASH, 300_001))
    assert [p.kind for p in shop.orders.get(order.id).payments] == [PaymentKind.DEPOSIT]
