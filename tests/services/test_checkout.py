import pytest
from sqlalchemy import select

from bazaar_pos.domain.cart import CartLine
from bazaar_pos.domain.payment import PaymentMethod, Tender
from bazaar_pos.domain.pricing import Discount
from bazaar_pos.domain.stock import StockReason
from bazaar_pos.errors import UserError, ValidationError
from bazaar_pos.store.models import AuditEvent, Payment, Sale, StockMovement

CASH, QRIS = PaymentMethod.CASH, PaymentMethod.QRIS


def test_a_sale_is_recorded_whole(shop, add_product, cart_of):
    coffee = add_product("KOP-1", "Kopi Gayo", 95_000, stock=10)
    cup = add_product("KRM-1", "Gelas Keramik", 55_000, cost=22_000, stock=5)
    cart = cart_of((coffee, 2), (cup, 1))
    cart.discount = Discount.amount(5_000)
    result = shop.checkout.complete_sale(cart, [Tender(CASH, 250_000)], cashier="Sari")
    assert result.number == "A-000001"
    assert result.total == 240_000
    assert result.change == 10_000
    with shop.db.reading() as session:
        sale = session.scalars(select(Sale)).one()
        assert (sale.subtotal_minor, sale.discount_minor, sale.total_minor) == (
            245_000,
            5_000,
            240_000,
        )
        assert [(line.sku, line.quantity, line.unit_cost_minor) for line in sale.lines] == [
            ("KOP-1", 2, 50_000),
            ("KRM-1", 1, 22_000),
        ]
        assert sum(line.line_total_minor for line in sale.lines) == 240_000
        (payment,) = session.scalars(select(Payment)).all()
        assert (payment.amount_minor, payment.tendered_minor, payment.change_minor) == (
            240_000,
            250_000,
            10_000,
        )
        moves = session.scalars(
            select(StockMovement).where(StockMovement.reason == StockReason.SALE.value)
        ).all()
        assert sorted(m.quantity for m in moves) == [-2, -1]
        assert {m.reference for m in moves} == {f"sale:{sale.uuid}"}
        assert session.scalars(select(AuditEvent.action)).all()[-1] == "sale.completed"
    assert shop.catalogue.get(coffee.id).stock == 8
    assert shop.check() == []


def test_sale_numbers_count_up_per_till(shop, add_product, cart_of):
    item = add_product(stock=5)
    numbers = [
        shop.checkout.complete_sale(cart_of((item, 1)), [Tender(QRIS, item.price)]).number
        for _ in range(3)
    ]
    assert numbers == ["A-000001", "A-000002", "A-000003"]


def test_cash_rounding_from_the_settings(shop, add_product, cart_of):
    shop.settings.update(cash_rounding_step=100)
    item = add_product(price=15_050, stock=1)
    result = shop.checkout.complete_sale(cart_of((item, 1)), [Tender(CASH, 20_000)])
    assert (result.total, result.rounding, result.change) == (15_050, 50, 4_900)
    assert shop.check() == []


def test_short_payment_writes_nothing(shop, add_product, cart_of):
    item = add_product(stock=3)
    with pytest.raises(UserError, match="does not cover"):
        shop.checkout.complete_sale(cart_of((item, 1)), [Tender(CASH, 1_000)])
    with shop.db.reading() as session:
        assert session.scalars(select(Sale)).all() == []
    assert shop.catalogue.get(item.id).stock == 3


def test_empty_cart_is_refused(shop, cart_of):
    with pytest.raises(ValidationError, match="empty"):
        shop.checkout.complete_sale(cart_of(), [])


def test_overselling_warns_by_default_and_can_be_blocked(shop, add_product, cart_of):
    item = add_product(stock=1)
    result = shop.checkout.complete_sale(cart_of((item, 2)), [Tender(QRIS, 2 * item.price)])
    assert result.below_zero == (item.sku,)
    shop.settings.update(oversell="block")
    with pytest.raises(ValidationError, match="in stock"):
        shop.checkout.complete_sale(cart_of((item, 1)), [Tender(QRIS, item.price)])
    assert shop.catalogue.get(item.id).stock == -1


def test_open_price_items_move_no_stock(shop):
    from bazaar_pos.domain.cart import Cart

    cart = Cart(shop.settings.load().currency)
    cart.add(CartLine(sku="", name="Barang lain-lain", unit_price=40_000))
    result = shop.checkout.complete_sale(cart, [Tender(CASH, 50_000)])
    assert result.change == 10_000
    assert shop.check() == []


def test_a_failure_midway_rolls_the_whole_sale_back(shop, add_product, cart_of, monkeypatch):
    item = add_product(stock=4)

    def explode(*args, **kwargs):
        raise RuntimeError("disk unplugged")

    monkeypatch.setattr("bazaar_pos.services.checkout.record_event", explode)
    with pytest.raises(RuntimeError):
        shop.checkout.complete_sale(cart_of((item, 1)), [Tender(QRIS, item.price)])
    with shop.db.reading() as session:
        assert session.scalars(select(Sale)).all() == []
        assert len(session.scalars(select(StockMovement)).all()) == 1  # only the receipt
    assert shop.catalogue.get(item.id).stock == 4
