from datetime import UTC, datetime
from decimal import Decimal

from bazaar_pos.domain.cart import Cart, CartLine
from bazaar_pos.domain.money import currency
from bazaar_pos.domain.pricing import Discount, TaxRule
from bazaar_pos.domain.quantity import Unit, whole
from bazaar_pos.services.people.audit_log import AuditEntry
from bazaar_pos.services.settings import ShopSettings
from bazaar_pos.ui.audit.model import AuditTableModel
from bazaar_pos.ui.common.formatting import Formats, method_label, money_text
from bazaar_pos.ui.history.model import SalesListModel
from bazaar_pos.ui.till.cart.model import CartTableModel
from bazaar_pos.ui.till.search_popup import ProductListModel

MONEY = money_text(ShopSettings())
QUANTITY = Formats(ShopSettings()).quantity


def test_the_cart_model_passes_the_model_tester(qtmodeltester):
    cart = Cart(currency("IDR"), TaxRule(Decimal(11), inclusive=False))
    line = cart.add(CartLine("KOP-1", "Kopi", 95_000, whole(2), product_id=1))
    cart.append(CartLine("", "Lain-lain", 10_000))
    cart.set_line_discount(line.key, Discount.percent(10))
    cart.add(CartLine("BJI", "Kopi biji", 180_000, 250, product_id=2, unit=Unit.KG))
    model = CartTableModel(MONEY, QUANTITY)
    model.set_totals(cart.totals(), frozenset({line.key}))
    qtmodeltester.check(model)
    assert [model.index(0, c).data() for c in range(6)] == [
        "1",
        "⚠ Kopi",
        "2",
        "Rp95.000",
        "-Rp19.000",
        "Rp171.000",
    ]
    assert [model.index(2, c).data() for c in (2, 3, 5)] == [
        "0,25 kg",
        "Rp180.000/kg",
        "Rp45.000",
    ]
    assert model.index(1, 0).data(3) == "item without a code"  # tooltip
    assert model.row_of("missing") == -1


def test_the_search_and_sales_models_pass_the_model_tester(qtmodeltester, shop, add_product, sell):
    coffee = add_product("KOP-1", "Kopi Gayo", 95_000, stock=4)
    products = ProductListModel(MONEY, QUANTITY)
    products.set_products(shop.catalogue.quick_search("kopi"))
    qtmodeltester.check(products)
    assert products.index(0).data() == "Kopi Gayo   ·   KOP-1   ·   Rp95.000   ·   4 in stock"

    sell((coffee, 1))
    sales = SalesListModel(MONEY)
    sales.set_sales(shop.sales_history.find())
    qtmodeltester.check(sales)
    assert sales.index(0, 3).data() == "Rp95.000"
    assert sales.index(0, 4).data() == "Cash"


def test_the_audit_model_passes_the_model_tester(qtmodeltester):
    entry = AuditEntry(
        1,
        datetime(2026, 11, 22, 3, 0, tzinfo=UTC),
        "system",
        "stock.adjusted",
        "product",
        "KOP-1",
        {"quantity": -1},
    )
    model = AuditTableModel(MONEY)
    model.set_entries([entry])
    qtmodeltester.check(model)
    assert model.entry(0) is entry
    assert "Quantity: -1" in model.index(0, 4).data()


def test_method_labels():
    assert method_label("card") == "Card (EDC)"
    assert method_label("voucher") == "voucher"
