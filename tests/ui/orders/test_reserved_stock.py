"""Reserved stock on the Stock screen, and the till's warning when it sells a reserved piece."""

from datetime import date

from PySide6.QtCore import Qt

from bazaar_pos.domain.quantity import whole
from bazaar_pos.services.customers.views import CustomerDraft
from bazaar_pos.services.orders.views import OrderDraft, OrderLineDraft
from bazaar_pos.services.products.catalogue import ProductDraft
from bazaar_pos.ui.stock.screen import StockScreen
from tests.helpers.qt import scan


def reserve(shop, product, pieces=1):
    customer = shop.customers.add(CustomerDraft("Ibu Ratna"))
    return shop.orders.create(
        OrderDraft(
            customer.id, (OrderLineDraft(whole(pieces), product_id=product.id),), date.today()
        )
    )


def test_the_stock_screen_shows_reserved_and_available(qtbot, shop, add_product):
    scarf = add_product("SYL-1", "Selendang", 250_000, stock=3)
    screen = StockScreen(shop)
    qtbot.addWidget(screen)
    screen.show()
    screen.show_product(scarf.id)
    assert not screen.movements.reserved.isVisible()
    reserve(shop, scarf, 2)
    screen.show_product(scarf.id)
    assert screen.movements.reserved.isVisible()
    assert screen.movements.reserved.text() == "2 reserved for orders, 1 available"


def test_the_till_warns_when_a_reserved_one_of_a_kind_piece_is_scanned(
    qtbot, shop, products, open_till
):
    piece = shop.catalogue.create(
        ProductDraft(
            "TNN-1", "Tenun ikat Sumba", 1_500_000, barcode="2000000000015", one_of_a_kind=True
        )
    )
    assert shop.catalogue.get(piece.id).stock_milli == whole(1)
    reserve(shop, piece)
    till = open_till(shop)
    scan(qtbot, till, "8991234500164")
    assert not till.message.isVisible()
    scan(qtbot, till, "2000000000015")
    assert till.message.isVisible()
    assert "one of a kind and kept for a pre-order" in till.message.text()
    assert len(till.cart) == 2, "a warning, not a refusal: it may be that customer's piece"
    qtbot.keyClick(till.scan, Qt.Key.Key_Escape)


def test_the_till_warns_when_a_sale_eats_into_reserved_goods(qtbot, shop, products, open_till):
    reserve(shop, products["glass"], 4)
    till = open_till(shop)
    scan(qtbot, till, "8991234500218")
    assert not till.message.isVisible(), "one of five, four reserved: one is free to sell"
    scan(qtbot, till, "8991234500218")
    assert "4 of Gelas Keramik kept for pre-orders" in till.message.text()
