from PySide6.QtCore import Qt

from bazaar_pos.domain.pricing import Discount
from bazaar_pos.domain.quantity import whole
from bazaar_pos.ui.common.dialogs import ConfirmDialog, TextDialog
from bazaar_pos.ui.till.small_dialogs import DiscountDialog, OpenItemDialog
from tests.helpers.qt import cart_rows, scan


def test_favourites_fill_the_quick_pick_grid_and_alt_digits_pick_them(qtbot, till, shop, products):
    assert till.quick_pick.tiles == []
    assert till.quick_pick.empty.isVisible()
    scan(qtbot, till, "AKS-1")
    qtbot.keyClick(till.scan, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert shop.catalogue.get(products["brooch"].id).favourite
    assert "is now a favourite" in till.message.text()
    assert [t.accessibleName() for t in till.quick_pick.tiles] == ["Bros Wayang"]

    qtbot.keyClick(till.scan, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert cart_rows(till) == [("AKS-1", 2)]
    qtbot.mouseClick(till.quick_pick.tiles[0], Qt.MouseButton.LeftButton)
    assert cart_rows(till) == [("AKS-1", 3)]  # one more than the 2 in stock: warned, not blocked
    assert till.message.property("tone") == "warn"
    assert "Only 2 of Bros Wayang in stock" in till.message.text()
    assert till.model.index(0, 1).data() == "⚠ Bros Wayang"

    qtbot.keyClick(till.scan, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert till.quick_pick.tiles == []


def test_the_quick_pick_tiles_are_made_again_only_when_the_favourites_changed(till, shop, products):
    shop.catalogue.set_favourite(products["brooch"].id, True)
    till.refresh_favourites()
    tiles = list(till.quick_pick.tiles)
    till.refresh_favourites()
    assert till.quick_pick.tiles == tiles
    shop.catalogue.set_favourite(products["glass"].id, True)
    till.refresh_favourites()
    assert [t.accessibleName() for t in till.quick_pick.tiles] == ["Bros Wayang", "Gelas Keramik"]
    assert tiles[0] not in till.quick_pick.tiles


def test_the_shop_can_block_selling_beyond_stock(qtbot, shop, products, open_till):
    shop.settings.update(oversell="block")
    till = open_till(shop)
    scan(qtbot, till, "2*AKS-1")
    scan(qtbot, till, "AKS-1")
    assert cart_rows(till) == [("AKS-1", 2)]
    assert till.message.property("tone") == "error"
    assert "does not sell beyond stock" in till.message.text()
    qtbot.keyClick(till.scan, Qt.Key.Key_Plus)
    assert cart_rows(till) == [("AKS-1", 2)]
    qtbot.keyClick(till.scan, Qt.Key.Key_Minus)
    assert cart_rows(till) == [("AKS-1", 1)]


def test_an_item_without_a_code_with_a_typed_price(qtbot, till, monkeypatch):
    monkeypatch.setattr(OpenItemDialog, "ask", classmethod(lambda cls, *a: ("Lukisan", 40_000)))
    qtbot.keyClick(till.scan, Qt.Key.Key_F3)
    (line,) = till.cart.lines
    assert (line.name, line.unit_price, line.product_id) == ("Lukisan", 40_000, None)
    assert till.totals.total.text() == "Rp40.000"


def test_line_and_cart_discounts_show_in_the_totals(qtbot, till, monkeypatch):
    answers = iter([(Discount.percent(10),), (Discount.amount(5_000),)])
    monkeypatch.setattr(DiscountDialog, "ask", classmethod(lambda cls, *a: next(answers)))
    scan(qtbot, till, "2*KOP-1")
    scan(qtbot, till, "KRM-1")
    qtbot.keyClick(till.scan, Qt.Key.Key_Up)
    qtbot.keyClick(till.scan, Qt.Key.Key_F5)
    assert till.cart.lines[0].discount == Discount.percent(10)
    assert till.model.index(0, 4).data() == "-Rp19.000"
    qtbot.keyClick(till.scan, Qt.Key.Key_F6)
    assert till.cart.discount == Discount.amount(5_000)
    assert till.totals.subtotal.text() == "Rp245.000"
    assert till.totals.discount.text() == "-Rp24.000"
    assert till.totals.total.text() == "Rp221.000"
    assert not till.totals.tax.isVisible()


def test_tax_is_shown_only_when_the_shop_charges_it(qtbot, shop, products, open_till):
    shop.settings.update(
        tax_enabled=True, tax_inclusive=False, tax_rate="11", tax_base_fraction="1"
    )
    till = open_till(shop)
    scan(qtbot, till, "KOP-1")
    assert till.totals.tax.isVisible()
    assert till.totals.tax.text() == "Rp10.450"
    assert till.totals.total.text() == "Rp105.450"


def test_remove_a_line_and_clear_the_cart_after_asking(qtbot, till, monkeypatch):
    scan(qtbot, till, "KOP-1")
    scan(qtbot, till, "KRM-1")
    scan(qtbot, till, "AKS-1")
    qtbot.keyClick(till.scan, Qt.Key.Key_Up)
    qtbot.keyClick(till.scan, Qt.Key.Key_Delete)
    assert cart_rows(till) == [("KOP-1", 1), ("AKS-1", 1)]
    answers = []
    monkeypatch.setattr(
        ConfirmDialog, "ask", classmethod(lambda cls, *a: answers.append(a[1]) or len(answers) > 1)
    )
    qtbot.keyClick(till.scan, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert len(till.cart) == 2  # "Keep it"
    qtbot.keyClick(till.scan, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert len(till.cart) == 0
    assert answers == ["Clear the cart?", "Clear the cart?"]


def test_f4_types_a_quantity(qtbot, till, monkeypatch):
    monkeypatch.setattr(TextDialog, "ask", classmethod(lambda cls, *a, **k: "7"))
    scan(qtbot, till, "KOP-1")
    qtbot.keyClick(till.scan, Qt.Key.Key_F4)
    assert cart_rows(till) == [("KOP-1", 7)]
    monkeypatch.setattr(TextDialog, "ask", classmethod(lambda cls, *a, **k: "lots"))
    qtbot.keyClick(till.scan, Qt.Key.Key_F4)
    assert cart_rows(till) == [("KOP-1", 7)]
    assert "'lots' is not a quantity" in till.message.text()


def test_keys_on_an_empty_cart_say_what_to_do(qtbot, till):
    for key in (Qt.Key.Key_F4, Qt.Key.Key_F5, Qt.Key.Key_F6, Qt.Key.Key_F7, Qt.Key.Key_F12):
        qtbot.keyClick(till.scan, key)
        assert till.message.property("tone") == "error"
    qtbot.keyClick(till.scan, Qt.Key.Key_Return)
    assert till.payment_dialog is None
    assert not till.pay_button.isEnabled()
    assert till.hint.isVisible()


def test_a_large_total_shrinks_to_fit_the_panel(qtbot, shop, open_till, add_product):
    add_product("SGK-1", "Songket Palembang", 2_400_000, stock=100)
    till = open_till(shop)
    scan(qtbot, till, "SGK-1")
    small = till.totals.total.styleSheet()
    scan(qtbot, till, "49*SGK-1")
    assert till.totals.total.text() == "Rp120.000.000"
    assert till.totals.total.styleSheet() != small
    metrics = till.totals.total.fontMetrics()
    assert metrics.horizontalAdvance(till.totals.total.text()) <= till.totals.total.width()


def test_the_number_columns_fit_what_the_cart_holds(qtbot, till, monkeypatch):
    monkeypatch.setattr(
        OpenItemDialog, "ask", classmethod(lambda cls, *a: ("Keris pusaka", 1_250_000_000))
    )
    header, cells = till.table.horizontalHeader(), till.table.fontMetrics()
    scan(qtbot, till, "KOP-1")
    small = header.sectionSize(5)
    qtbot.keyClick(till.scan, Qt.Key.Key_F3)
    for column in (3, 5):
        text = till.model.index(1, column).data()
        assert text == "Rp1.250.000.000"
        assert header.sectionSize(column) > cells.horizontalAdvance(text)
    assert header.sectionSize(5) > small
    assert header.sectionSize(1) > header.sectionSize(5)  # the item's name has the most room


def test_the_line_keys_on_an_empty_cart_say_so_and_ask_nothing(qtbot, till, monkeypatch):
    def asked(*_args, **_kwargs):
        raise AssertionError("no dialog on an empty cart")

    monkeypatch.setattr(TextDialog, "ask", classmethod(asked))
    monkeypatch.setattr(DiscountDialog, "ask", classmethod(asked))
    for key in (Qt.Key.Key_F2, Qt.Key.Key_F4, Qt.Key.Key_F5, Qt.Key.Key_F6):
        till.say("")
        qtbot.keyClick(till.scan, key)
        assert till.message.text() == "The cart is empty: scan something first."
        assert till.message.property("tone") == "error"
    till.say("")
    till.editing.set_quantity(whole(2))
    assert till.message.text() == "The cart is empty: scan something first."
    assert till.cart.lines == []
