"""Lazada order exports: one row per unit, each unit with its own status, money as ``15000.00``."""

import pytest
from sqlalchemy import select

from bazaar_pos.domain.quantity import whole
from bazaar_pos.errors import UserError
from bazaar_pos.store.models import Refund, Sale
from tests.conftest import JAKARTA
from tests.helpers.marketplace_files import lazada_csv, lazada_xlsx


@pytest.fixture
def stocked(add_product):
    return {
        "coffee": add_product("KOP-GAYO-250", "Kopi Gayo Wine 250 g", 95_000, stock=10),
        "cloth": add_product("TEN-IKAT", "Kain Tenun Ikat", 1_450_000, stock=3),
        "bag": add_product("TAS-PANDAN", "Tas Anyaman Pandan", 130_000, stock=5),
    }


def unit(order, status, sku, price, **more):
    return {
        "orderNumber": order,
        "status": status,
        "createTime": "03 Jun 2026 20:41",
        "updateTime": "05 Jun 2026 10:02",
        "sellerSku": sku,
        "lazadaSku": f"{sku}-LZ",
        "itemName": sku.title(),
        "unitPrice": price,
        "paidPrice": price,
        "payMethod": "COD",
        "shippingFee": "9000.00",
        **more,
    }


def sales(shop):
    with shop.db.reading() as session:
        return {
            s.external_ref: (s.channel, s.total_minor, [ln.quantity_milli for ln in s.lines])
            for s in session.scalars(select(Sale))
        }


def stock(shop, product):
    return shop.catalogue.get(product.id).stock_milli


def first_export():
    return [
        # three units of one SKU as three rows, and a second SKU
        unit("512345678901234", "delivered", "KOP-GAYO-250", "95000.00"),
        unit("512345678901234", "delivered", "KOP-GAYO-250", "95000.00"),
        unit("512345678901234", "delivered", "KOP-GAYO-250", "95000.00"),
        unit("512345678901234", "shipped", "TAS-PANDAN", "130000.00", variation="Warna:Hijau"),
        # partly cancelled: only the live units count
        unit("512345678905555", "ready_to_ship", "TAS-PANDAN", "125000.00"),
        unit("512345678905555", "canceled", "TAS-PANDAN", "125000.00"),
        unit("512345678905555", "canceled", "TEN-IKAT", "1450000.00"),
        # one of two returned
        unit("512345678907777", "confirmed", "TEN-IKAT", "1,400,000.00"),
        unit("512345678907777", "Package Returned", "TEN-IKAT", "1,400,000.00"),
        unit("512345678908888", "pending", "KOP-GAYO-250", "95000.00"),
        unit("512345678909999", "canceled", "KOP-GAYO-250", "95000.00"),
    ]


def test_a_lazada_workbook_counts_its_units_and_a_second_import_adds_nothing(
    shop, stocked, tmp_path
):
    path = lazada_xlsx(tmp_path / "Lazada order export.xlsx", first_export())
    summary = shop.order_import.import_file(path)
    assert (summary.kind, summary.orders) == ("Lazada", 5)
    assert (summary.sales, summary.unpaid, summary.cancelled, summary.returns) == (3, 1, 1, 1)
    assert sales(shop) == {
        "512345678901234": ("lazada", 3 * 95_000 + 130_000, [whole(3), whole(1)]),
        "512345678905555": ("lazada", 125_000, [whole(1)]),
        "512345678907777": ("lazada", 2_800_000, [whole(2)]),
    }
    with shop.db.reading() as session:
        sale = session.scalar(select(Sale).where(Sale.external_ref == "512345678901234"))
        assert sale.created_at.astimezone(JAKARTA).strftime("%d %b %Y %H:%M") == (
            "03 Jun 2026 20:41"
        )
    assert stock(shop, stocked["coffee"]) == whole(7)
    assert stock(shop, stocked["bag"]) == whole(3)
    assert stock(shop, stocked["cloth"]) == whole(1)  # the returned one waits for its parcel
    (waiting,) = shop.marketplace_returns.listed()
    assert (waiting.channel, waiting.order_id, waiting.sku, waiting.quantity_milli) == (
        "lazada",
        "512345678907777",
        "TEN-IKAT",
        whole(1),
    )

    again = shop.order_import.import_file(path)
    assert (again.sales, again.reversed, again.returns, again.unchanged) == (0, 0, 0, 3)
    assert stock(shop, stocked["coffee"]) == whole(7)
    assert shop.check() == []


def test_a_later_lazada_export_puts_status_changes_right_exactly_once(shop, stocked, tmp_path):
    shop.order_import.import_file(lazada_xlsx(tmp_path / "a.xlsx", first_export()))
    later = [
        unit("512345678901234", "canceled", "KOP-GAYO-250", "95000.00"),
        unit("512345678901234", "canceled", "KOP-GAYO-250", "95000.00"),
        unit("512345678901234", "canceled", "KOP-GAYO-250", "95000.00"),
        unit("512345678901234", "canceled", "TAS-PANDAN", "130000.00", variation="Warna:Hijau"),
        unit("512345678908888", "ready_to_ship", "KOP-GAYO-250", "95000.00"),
        unit("512345678907777", "returned", "TEN-IKAT", "1,400,000.00"),
        unit("512345678907777", "Package Returned", "TEN-IKAT", "1,400,000.00"),
    ]
    path = lazada_csv(tmp_path / "later.csv", later)
    summary = shop.order_import.import_file(path)
    assert (summary.sales, summary.reversed, summary.returns) == (1, 1, 1)
    assert "512345678908888" in sales(shop)
    assert stock(shop, stocked["coffee"]) == whole(9)  # 3 back, 1 newly sold
    assert stock(shop, stocked["bag"]) == whole(4)
    assert [r.quantity_milli for r in shop.marketplace_returns.listed()] == [whole(1), whole(1)]

    again = shop.order_import.import_file(path)
    assert (again.sales, again.reversed, again.returns, again.unchanged) == (0, 0, 0, 3)
    with shop.db.reading() as session:
        assert [r.kind for r in session.scalars(select(Refund))] == ["void"]
    assert stock(shop, stocked["coffee"]) == whole(9)
    assert shop.check() == []


@pytest.mark.parametrize(
    ("price", "problem"),
    [
        ("1.000", "'1.000' is ambiguous"),
        ("95000.50", "'95000.50' has a fraction of a Rupiah"),
        ("95.000,00", "'95.000,00' is not an amount in Rupiah"),
    ],
)
def test_lazada_money_that_is_not_whole_rupiah_refuses_the_file(
    shop, stocked, tmp_path, price, problem
):
    path = lazada_xlsx(
        tmp_path / "bad.xlsx",
        [
            unit("512345678901234", "delivered", "KOP-GAYO-250", "95000.00"),
            unit("512345678901234", "delivered", "KOP-GAYO-250", price),
        ],
    )
    with pytest.raises(UserError) as refused:
        shop.order_import.import_file(path)
    assert f"Line 3, column unitPrice: {problem}" in str(refused.value)
    assert sales(shop) == {}


def test_a_seller_discount_comes_off_each_unit(shop, stocked, tmp_path):
    rows = [
        unit("512345678901234", "delivered", "TAS-PANDAN", "130000.00", sellerDiscountTotal=d)
        for d in ("-10000.00", "-10000.00")
    ]
    shop.order_import.import_file(lazada_csv(tmp_path / "d.csv", rows))
    assert sales(shop)["512345678901234"][1] == 240_000


def test_a_piece_cancelled_after_its_order_was_imported_is_left_for_a_person(
    shop, stocked, tmp_path
):
    rows = [unit("512345678901234", "ready_to_ship", "TAS-PANDAN", "130000.00")] * 2
    shop.order_import.import_file(lazada_xlsx(tmp_path / "a.xlsx", rows))
    rows[1] = {**rows[1], "status": "canceled"}
    summary = shop.order_import.import_file(lazada_xlsx(tmp_path / "b.xlsx", rows))
    assert (summary.sales, summary.reversed, summary.unchanged) == (0, 0, 1)
    assert summary.attention == (
        "Order 512345678901234 now has fewer pieces than sale A-000001: some were cancelled "
        "after it was imported; refund them by hand.",
    )
    assert stock(shop, stocked["bag"]) == whole(3)  # nothing moves by itself
