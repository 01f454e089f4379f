import pytest
from sqlalchemy import select

from bazaar_pos.domain.cart import CartLine
from bazaar_pos.domain.payment import PaymentMethod, Tender
from bazaar_pos.domain.pricing import Discount
from bazaar_pos.domain.quantity import whole
from bazaar_pos.domain.stock import StockReason
from bazaar_pos.errors import NotFoundError, ValidationError
from bazaar_pos.services.selling.refunds import RefundItem
from bazaar_pos.store.models import AuditEvent, Refund, RefundLine, RefundPayment, StockMovement


@pytest.fixture
def coffee(add_product):
    return add_product("KOP-1", "Kopi Gayo", 95_000, stock=10)


@pytest.fixture
def bag(add_product):
    return add_product("TAS-1", "Tas Pandan", 10_000, stock=10)


def lines_of(shop, sale_uuid):
    return {line.sku: line for line in shop.sales_history.detail(sale_uuid).lines}


def test_refunding_some_units_pays_back_their_share_and_restocks(shop, sell, coffee, bag):
    sale = sell((coffee, 2), (bag, 3))
    bag_line = lines_of(shop, sale.uuid)["TAS-1"]

    result = shop.refunds.refund(
        sale.uuid, [RefundItem(bag_line.id, whole(2))], reason="wrong colour"
    )

    assert result.number == "A-R000001"
    assert result.total == 20_000
    assert result.paid_back == (("cash", 20_000),)
    assert shop.catalogue.get(bag.id).stock_milli == whole(10 - 3 + 2)
    assert lines_of(shop, sale.uuid)["TAS-1"].refunded == whole(2)
    assert shop.check() == []
    with shop.db.reading() as session:
        movement = session.scalars(
            select(StockMovement).where(StockMovement.reason == StockReason.REFUND.value)
        ).one()
        assert (movement.product_id, movement.quantity_milli) == (bag.id, whole(2))
        event = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "sale.refunded")
        ).one()
        assert "wrong colour" in event.details


def test_a_line_can_never_be_refunded_beyond_what_was_sold(shop, sell, bag):
    sale = sell((bag, 3))
    line = lines_of(shop, sale.uuid)["TAS-1"]
    shop.refunds.refund(sale.uuid, [RefundItem(line.id, whole(2))])

    with pytest.raises(ValidationError, match="1 of 3 can still be refunded, not 2"):
        shop.refunds.refund(sale.uuid, [RefundItem(line.id, whole(2))])
    with pytest.raises(ValidationError, match="can still be refunded"):
        shop.refunds.refund(sale.uuid, [RefundItem(line.id, whole(0))])

    shop.refunds.refund(sale.uuid, [RefundItem(line.id, whole(1))])
    with pytest.raises(ValidationError, match="0 of 3 can still be refunded"):
        shop.refunds.refund(sale.uuid, [RefundItem(line.id, whole(1))])
    with shop.db.reading() as session:
        assert sum(session.scalars(select(RefundLine.quantity_milli))) == whole(3)
    assert shop.catalogue.get(bag.id).stock_milli == whole(10)
    assert shop.check() == []


def test_refunding_unit_by_unit_gives_back_exactly_the_line_total(shop, sell, cart_of, bag):
    cart = cart_of((bag, 3))
    cart.discount = Discount.amount(1_000)
    sale = shop.checkout.complete_sale(cart, [Tender(PaymentMethod.QRIS, 29_000)])
    line = lines_of(shop, sale.uuid)["TAS-1"]
    paid = [shop.refunds.refund(sale.uuid, [RefundItem(line.id, whole(1))]).total for _ in range(3)]
    assert paid == [9_667, 9_666, 9_667]
    assert sum(paid) == 29_000
    assert shop.check() == []


def test_damaged_goods_are_refunded_but_not_put_back_in_stock(shop, sell, bag):
    sale = sell((bag, 2))
    line = lines_of(shop, sale.uuid)["TAS-1"]
    shop.refunds.refund(sale.uuid, [RefundItem(line.id, whole(2), damaged=True)])
    assert shop.catalogue.get(bag.id).stock_milli == whole(8)
    with shop.db.reading() as session:
        assert session.scalars(select(RefundLine.restocked)).one() is False


def test_a_refund_goes_back_to_the_methods_paid_or_to_cash(shop, sell, coffee):
    sale = sell(
        (coffee, 2),
        tenders=[Tender(PaymentMethod.QRIS, 90_000, "QR-1"), Tender(PaymentMethod.CASH, 100_000)],
    )
    line = lines_of(shop, sale.uuid)["KOP-1"]
    split = shop.refunds.refund(sale.uuid, [RefundItem(line.id, whole(1))])
    assert dict(split.paid_back) == {"qris": 45_000, "cash": 50_000}
    to_cash = shop.refunds.refund(sale.uuid, [RefundItem(line.id, whole(1))], to_cash=True)
    assert to_cash.paid_back == (("cash", 95_000),)
    with shop.db.reading() as session:
        rows = session.execute(select(RefundPayment.method, RefundPayment.reference))
        references = {method: reference for method, reference in rows}
    assert references["qris"] == "QR-1"
    assert shop.check() == []


def test_cash_refunds_are_rounded_but_never_pay_back_more_than_was_paid(shop, cart_of, add_product):
    shop.settings.update(cash_rounding_step=100)
    item = add_product("X", "Item", 10_050, stock=5)
    cart = cart_of((item, 2))
    sale = shop.checkout.complete_sale(cart, [Tender(PaymentMethod.CASH, 20_100)])
    line = lines_of(shop, sale.uuid)["X"]
    assert shop.refunds.pay_back(sale.uuid, []) == (0, ())
    assert shop.refunds.pay_back(sale.uuid, [RefundItem(line.id, whole(1))]) == (
        10_050,
        (("cash", 10_100),),
    )
    first = shop.refunds.refund(sale.uuid, [RefundItem(line.id, whole(1))])
    assert shop.refunds.pay_back(sale.uuid, [RefundItem(line.id, whole(1))], to_cash=True) == (
        10_050,
        (("cash", 10_000),),
    )
    second = shop.refunds.refund(sale.uuid, [RefundItem(line.id, whole(1))])
    assert (first.paid_back_total, first.rounding) == (10_100, 50)
    assert (second.paid_back_total, second.rounding) == (10_000, -50)
    assert shop.check() == []


def test_an_open_price_item_is_refunded_without_a_stock_movement(shop, cart_of):
    cart = cart_of()
    cart.append(CartLine("", "Barang lain-lain", 40_000))
    sale = shop.checkout.complete_sale(cart, [Tender(PaymentMethod.CASH, 40_000)])
    (line,) = shop.sales_history.detail(sale.uuid).lines
    result = shop.refunds.refund(sale.uuid, [RefundItem(line.id, whole(1))])
    assert result.total == 40_000
    with shop.db.reading() as session:
        assert session.scalars(select(StockMovement.reason)).all() == []


def test_bad_refund_requests_write_nothing(shop, sell, bag, coffee):
    sale = sell((bag, 1))
    other = sell((coffee, 1))
    other_line = lines_of(shop, other.uuid)["KOP-1"]
    line = lines_of(shop, sale.uuid)["TAS-1"]
    with pytest.raises(ValidationError, match="at least one line"):
        shop.refunds.refund(sale.uuid, [])
    with pytest.raises(ValidationError, match="only once"):
        shop.refunds.refund(
            sale.uuid, [RefundItem(line.id, whole(1)), RefundItem(line.id, whole(1))]
        )
    with pytest.raises(ValidationError, match="not part of sale A-000001"):
        shop.refunds.refund(sale.uuid, [RefundItem(other_line.id, whole(1))])
    with pytest.raises(NotFoundError):
        shop.refunds.refund("no-such-sale", [RefundItem(line.id, whole(1))])
    with shop.db.reading() as session:
        assert session.scalars(select(Refund)).all() == []


def test_the_sale_just_rung_up_can_be_voided_once_with_a_reason(shop, sell, coffee, bag):
    sale = sell(
        (coffee, 1),
        (bag, 2),
        tenders=[Tender(PaymentMethod.CASH, 100_000), Tender(PaymentMethod.CARD, 15_000, "EDC 42")],
    )
    with pytest.raises(ValidationError, match="Say why"):
        shop.refunds.void(sale.uuid, "  ")

    result = shop.refunds.void(sale.uuid, "rang up the wrong items")

    assert result.number == "A-V000001"
    assert result.kind == "void"
    assert result.total == 115_000
    assert sorted(result.paid_back) == [("card", 15_000), ("cash", 100_000)]
    assert shop.catalogue.get(coffee.id).stock_milli == whole(10)
    assert shop.catalogue.get(bag.id).stock_milli == whole(10)
    detail = shop.sales_history.detail(sale.uuid)
    assert detail.summary.voided
    assert not detail.can_void
    assert not detail.refundable
    with shop.db.reading() as session:
        reasons = session.scalars(select(StockMovement.reason).order_by(StockMovement.id)).all()
    assert reasons[-2:] == [StockReason.VOID.value, StockReason.VOID.value]
    with pytest.raises(ValidationError, match="already has a refund or void"):
        shop.refunds.void(sale.uuid, "again")
    line = lines_of(shop, sale.uuid)["TAS-1"]
    with pytest.raises(ValidationError, match="was voided"):
        shop.refunds.refund(sale.uuid, [RefundItem(line.id, whole(1))])
    assert shop.check() == []


def test_only_the_last_sale_can_be_voided_and_not_after_a_refund(shop, sell, bag):
    first = sell((bag, 1))
    last = sell((bag, 2))
    with pytest.raises(ValidationError, match="Only the last sale"):
        shop.refunds.void(first.uuid, "mistake")
    line = lines_of(shop, last.uuid)["TAS-1"]
    shop.refunds.refund(last.uuid, [RefundItem(line.id, whole(1))])
    assert not shop.sales_history.detail(last.uuid).can_void
    with pytest.raises(ValidationError, match="already has a refund"):
        shop.refunds.void(last.uuid, "mistake")


def test_check_finds_refunds_beyond_the_sale(shop, sell, bag):
    sale = sell((bag, 1))
    line = lines_of(shop, sale.uuid)["TAS-1"]
    shop.refunds.refund(sale.uuid, [RefundItem(line.id, whole(1))])
    with shop.db.writing() as session:
        session.execute(
            RefundLine.__table__.update().values(quantity_milli=whole(2), amount_minor=20_000)
        )
        session.execute(RefundPayment.__table__.update().values(amount_minor=20_000))
        session.execute(Refund.__table__.update().values(total_minor=20_000))
    problems = shop.check()
    assert "Sale A-000001: Tas Pandan sold 1 but 2 were refunded." in problems
    assert "Sale A-000001: 20000 was paid back but only 10000 was paid." in problems
    with shop.db.writing() as session:
        session.execute(RefundPayment.__table__.update().values(amount_minor=5_000))
    assert "Refund A-R000001: payments come to 5000, expected 20000." in shop.check()


def test_a_qris_sale_refunded_in_cash_in_parts_never_pays_back_more_than_was_paid(
    shop, cart_of, add_product
):
    shop.settings.update(cash_rounding_step=500)
    item = add_product("X", "Item", 133_332, stock=5)
    sale = shop.checkout.complete_sale(
        cart_of((item, 3)), [Tender(PaymentMethod.QRIS, 399_996, "QR-1")]
    )
    line = lines_of(shop, sale.uuid)["X"]
    paid_back = [
        shop.refunds.refund(
            sale.uuid, [RefundItem(line.id, whole(1))], to_cash=True
        ).paid_back_total
        for _ in range(3)
    ]
    assert paid_back == [133_500, 133_500, 132_996]
    assert sum(paid_back) == 399_996
    assert shop.check() == []
