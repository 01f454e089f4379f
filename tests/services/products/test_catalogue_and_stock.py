import pytest

from bazaar_pos.domain.quantity import whole
from bazaar_pos.domain.stock import StockReason
from bazaar_pos.errors import NotFoundError, ValidationError
from bazaar_pos.services.products.catalogue import ProductDraft


def test_find_by_barcode_or_sku(shop, add_product):
    product = add_product("KOP-1", barcode="8991234500164")
    assert shop.catalogue.find_by_code("8991234500164") == product
    assert shop.catalogue.find_by_code("kop-1") == product
    assert shop.catalogue.find_by_code(" ") is None
    assert shop.catalogue.find_by_code("nope") is None


def test_search_by_name_sku_barcode_or_category(shop, add_product):
    add_product("BTK-1", "Batik Tulis", category="Batik", barcode="111")
    add_product("KOP-1", "Kopi Toraja", category="Kopi")
    assert [p.sku for p in shop.catalogue.search("batik")] == ["BTK-1"]
    assert [p.sku for p in shop.catalogue.search("kop-")] == ["KOP-1"]
    assert [p.sku for p in shop.catalogue.search("111")] == ["BTK-1"]
    assert len(shop.catalogue.search("")) == 2
    assert shop.catalogue.count() == 2


def test_update_and_archive(shop, add_product):
    product = add_product("KOP-1")
    draft = ProductDraft(sku="KOP-1", name="Kopi Gayo 500 g", price=180_000, active=False)
    updated = shop.catalogue.update(product.id, draft)
    assert (updated.name, updated.price, updated.active) == ("Kopi Gayo 500 g", 180_000, False)
    assert shop.catalogue.find_by_code("KOP-1") is None
    assert shop.catalogue.search("gayo", include_inactive=True) == [updated]


def test_bad_and_duplicate_products_are_refused(shop, add_product):
    add_product("KOP-1", barcode="123")
    with pytest.raises(ValidationError) as bad:
        shop.catalogue.create(ProductDraft(sku=" ", name="", price=-1, cost=-1))
    assert len(bad.value.problems) == 4
    with pytest.raises(ValidationError) as taken:
        shop.catalogue.create(ProductDraft(sku="KOP-1", name="x", price=1, barcode="123"))
    assert "already used" in str(taken.value)
    with pytest.raises(NotFoundError):
        shop.catalogue.get(999)


def test_stock_moves_only_through_the_ledger(shop, add_product):
    product = add_product(stock=0)
    assert shop.stock.receive(product.id, whole(10), unit_cost=40_000) == whole(10)
    assert shop.stock.adjust(product.id, whole(-2), note="damaged in the rain") == whole(8)
    history = shop.stock.history(product.id)
    assert [(m.quantity_milli, m.reason) for m in history] == [
        (whole(-2), StockReason.ADJUST),
        (whole(10), StockReason.RECEIVE),
    ]
    assert shop.check() == []


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda s, pid: s.stock.receive(pid, whole(0)), "more than zero"),
        (lambda s, pid: s.stock.receive(pid, 500), "whole pieces"),
        (lambda s, pid: s.stock.adjust(pid, -250, note="x"), "whole pieces"),
        (lambda s, pid: s.stock.adjust(pid, whole(0), note="x"), "must change"),
        (lambda s, pid: s.stock.adjust(pid, whole(1), note=" "), "why"),
        (lambda s, pid: s.stock.receive(999, whole(1)), "No product"),
    ],
)
def test_bad_stock_changes_are_refused(shop, add_product, call, message):
    product = add_product()
    with pytest.raises((ValidationError, NotFoundError), match=message):
        call(shop, product.id)
