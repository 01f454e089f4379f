from datetime import UTC, date, datetime, timedelta, timezone

from bazaar_pos.domain.cart import CartLine
from bazaar_pos.domain.payment import PaymentMethod, Tender
from bazaar_pos.domain.quantity import whole
from bazaar_pos.services.selling.refunds import RefundItem
from bazaar_pos.services.selling.sales_history import local_days


def test_sales_are_found_by_number_product_and_date(shop, sell, add_product, cart_of):
    coffee = add_product("KOP-1", "Kopi Gayō", 95_000, stock=5)
    bag = add_product("TAS-1", "Tas Pandan", 145_000, stock=5)
    first = sell((coffee, 1))
    second = sell((bag, 2), (coffee, 1))
    cart = cart_of()
    cart.append(CartLine("", "Lukisan kecil", 50_000))
    old = shop.checkout.complete_sale(
        cart,
        [Tender(PaymentMethod.QRIS, 50_000)],
        sold_at=datetime(2026, 1, 5, 3, tzinfo=UTC),
    )

    numbers = lambda sales: [s.number for s in sales]  # noqa: E731
    assert numbers(shop.sales_history.find()) == [second.number, first.number, old.number]
    assert numbers(shop.sales_history.find("kopi gayo")) == [second.number, first.number]
    assert numbers(shop.sales_history.find("PANDAN")) == [second.number]
    assert numbers(shop.sales_history.find("lukisan")) == [old.number]
    assert numbers(shop.sales_history.find("000002")) == [second.number]
    assert numbers(shop.sales_history.find("nothing like it")) == []
    start, end = local_days(date(2026, 1, 5), date(2026, 1, 5), UTC)
    assert numbers(shop.sales_history.find(start=start, end=end)) == [old.number]

    (summary,) = shop.sales_history.find("PANDAN")
    assert (summary.total, summary.item_count, summary.methods) == (385_000, 3, ("cash",))


def test_a_sale_reads_back_with_lines_payments_and_refunds(shop, sell, add_product):
    bag = add_product("TAS-1", "Tas Pandan", 145_000, stock=5)
    sale = sell((bag, 2), tenders=[Tender(PaymentMethod.CASH, 300_000)])
    detail = shop.sales_history.detail(sale.uuid)
    assert detail.can_void
    assert detail.refundable
    (line,) = detail.lines
    assert (line.quantity_milli, line.refundable, line.total) == (whole(2), whole(2), 290_000)
    (payment,) = detail.payments
    assert (payment.amount, payment.tendered, payment.change) == (290_000, 300_000, 10_000)

    shop.refunds.refund(sale.uuid, [RefundItem(line.id, whole(1))], reason="too big")
    detail = shop.sales_history.detail(sale.uuid)
    assert detail.lines[0].refundable == whole(1)
    (refund,) = detail.refunds
    assert (refund.number, refund.total, refund.paid_back, refund.reason) == (
        "A-R000001",
        145_000,
        145_000,
        "too big",
    )
    assert detail.summary.refunded == 145_000
    assert shop.sales_history.last_sale() == sale.uuid


def test_there_is_no_last_sale_in_a_new_shop(shop):
    assert shop.sales_history.last_sale() is None


def test_local_days_cover_whole_days_in_the_local_zone():
    wib = timezone(timedelta(hours=7))
    start, end = local_days(date(2026, 3, 1), date(2026, 3, 2), wib)
    assert start.astimezone(UTC) == datetime(2026, 2, 28, 17, tzinfo=UTC)
    assert end - start == timedelta(days=2)
    assert local_days(date(2026, 3, 1), date(2026, 3, 1))[0].tzinfo is not None
