"""The stock published to the marketplaces: on hand, less parked carts and a buffer."""

import csv

from openpyxl import load_workbook

from bazaar_pos.domain.cart import CartLine
from bazaar_pos.domain.quantity import Unit, whole
from bazaar_pos.services.products.catalogue import ProductDraft


def rows_of(path):
    with path.open(newline="", encoding="utf-8") as handle:
        return [(r["sku"], r["stock"], r["unit"], r["reserved"]) for r in csv.DictReader(handle)]


def test_parked_carts_and_the_buffer_are_kept_back_never_below_zero(
    shop, add_product, cart_of, tmp_path
):
    coffee = add_product("KOP-1", "Kopi", 95_000, stock=10)
    add_product("GEL-1", "Gelas", 55_000, stock=1)
    beans = shop.catalogue.create(ProductDraft("BJI-1", "Kopi biji", 180_000, unit=Unit.KG))
    shop.stock.receive(beans.id, 2_750)
    parked = cart_of((coffee, 3))
    parked.add(CartLine(beans.sku, beans.name, beans.price, 500, product_id=beans.id, unit=Unit.KG))
    shop.parked_carts.park(parked, "Bu Sari")

    out = tmp_path / "online.csv"
    assert shop.stock.export_online(out) == 3
    assert rows_of(out) == [
        ("BJI-1", "2.25", "kg", "0.5"),
        ("GEL-1", "1", "pcs", "0"),
        ("KOP-1", "7", "pcs", "3"),
    ]

    shop.settings.update(online_buffer=2)
    shop.stock.export_online(out)
    assert rows_of(out) == [
        ("BJI-1", "0.25", "kg", "0.5"),
        ("GEL-1", "0", "pcs", "0"),
        ("KOP-1", "5", "pcs", "3"),
    ]

    book = tmp_path / "online.xlsx"
    assert shop.stock.export_online(book, buffer=0) == 3
    sheet = load_workbook(book).active
    assert [cell.value for cell in sheet[1]][:3] == ["sku", "name", "stock"]
    assert [cell.value for cell in sheet[4]][:3] == ["KOP-1", "Kopi", 7]
    assert shop.catalogue.get(coffee.id).stock_milli == whole(10)  # nothing moved


def test_a_products_own_buffer_and_open_pre_orders_are_kept_back(
    shop, add_product, tmp_path
):
    from dataclasses import replace

    from bazaar_pos.services.products.catalogue import ProductDraft as Draft
    from tests.helpers.customers import member, pre_order

    tulis = add_product("BTK-T", "Batik tulis", 350_000, stock=10)
    cap = add_product("BTK-C", "Batik cap", 150_000, stock=10)
    shop.catalogue.update(tulis.id, replace(Draft.from_view(tulis), online_buffer_milli=whole(4)))
    shop.settings.update(online_buffer=1)
    pre_order(shop, member(shop, "Bu Ani", "081234567890"), cap, 100_000)  # two batik cap

    out = tmp_path / "online.csv"
    shop.stock.export_online(out)
    with out.open(newline="", encoding="utf-8") as handle:
        rows = [(r["sku"], r["stock"], r["reserved"], r["buffer"]) for r in csv.DictReader(handle)]
    assert rows == [("BTK-C", "7", "2", "1"), ("BTK-T", "6", "0", "4")]
