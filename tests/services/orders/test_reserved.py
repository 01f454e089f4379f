"""Catalogue lines of waiting pre-orders are reserved stock; made-to-order lines are not."""

import csv
from datetime import date

import pytest

from bazaar_pos.domain.payment import PaymentMethod, Tender
from bazaar_pos.domain.quantity import Unit, whole
from bazaar_pos.services.customers.views import CustomerDraft
from bazaar_pos.services.orders.views import OrderDraft, OrderLineDraft
from bazaar_pos.services.products.catalogue import ProductDraft


@pytest.fixture
def goods(shop, add_product):
    cloth = shop.catalogue.create(ProductDraft("KAI-1", "Kain lurik", 60_000, unit=Unit.M))
    shop.stock.receive(cloth.id, 10_000)
    return add_product("SYL-1", "Selendang", 250_000, stock=3), cloth


def order(shop, lines):
    customer = shop.customers.add(CustomerDraft(f"Pelanggan {len(shop.orders.orders())}"))
    return shop.orders.create(OrderDraft(customer.id, lines, date(2026, 12, 10)))


def test_waiting_orders_reserve_and_are_kept_back_from_the_online_export(shop, goods, tmp_path):
    scarf, cloth = goods
    first = order(
        shop,
        (
            OrderLineDraft(whole(1), product_id=scarf.id),
            OrderLineDraft(2_500, product_id=cloth.id),
            OrderLineDraft(whole(1), name="Batik tulis, motif parang", unit_price=900_000),
        ),
    )
    second = order(shop, (OrderLineDraft(whole(1), product_id=scarf.id),))
    assert shop.stock.reserved() == {scarf.id: whole(2), cloth.id: 2_500}
    assert shop.stock.reserved([cloth.id]) == {cloth.id: 2_500}

    out = tmp_path / "online.csv"
    shop.settings.update(online_buffer=0)
    shop.stock.export_online(out)
    with out.open(newline="", encoding="utf-8") as handle:
        rows = {r["sku"]: (r["stock"], r["on_hand"], r["reserved"]) for r in csv.DictReader(handle)}
    assert rows == {"KAI-1": ("7.5", "10", "2.5"), "SYL-1": ("1", "3", "2")}

    shop.orders.mark_ready(second.id)
    assert shop.stock.reserved([scarf.id]) == {scarf.id: whole(2)}, "a ready order still reserves"
    shop.orders.pick_up(second.id, [Tender(PaymentMethod.CASH, 250_000)])
    assert shop.stock.reserved() == {scarf.id: whole(1), cloth.id: 2_500}
    shop.orders.cancel(first.id, refund=True)
    assert shop.stock.reserved() == {}
    assert shop.catalogue.get(scarf.id).stock_milli == whole(2)
