"""The product dialog's "Keep back from online shops": typed, kept, and blank for the shop's."""

from PySide6.QtCore import Qt

from bazaar_pos.ui.products.dialog import ProductDialog


def test_a_product_keeps_back_its_own_number_and_blank_means_the_shops_setting(
    qtbot, shop, add_product
):
    shop.settings.update(online_buffer=1)
    product = add_product("BTK-T", "Batik tulis", 350_000, stock=5)
    dialog = ProductDialog(shop, product)
    qtbot.addWidget(dialog)
    assert dialog.online_buffer.text() == ""
    assert dialog.online_buffer.placeholderText() == "empty: the shop's setting (1)"
    dialog.online_buffer.setFocus()
    qtbot.keyClicks(dialog.online_buffer, "2")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result_product is not None
    assert dialog.result_product.online_buffer_milli == 2_000

    again = ProductDialog(shop, dialog.result_product)
    qtbot.addWidget(again)
    assert again.online_buffer.text() == "2"
    again.online_buffer.setFocus()
    again.online_buffer.selectAll()
    qtbot.keyClick(again.online_buffer, Qt.Key.Key_Delete)
    qtbot.mouseClick(again.save_button, Qt.MouseButton.LeftButton)
    assert again.result_product is not None
    assert again.result_product.online_buffer_milli is None


def test_half_a_piece_kept_back_is_refused_in_the_dialog(qtbot, shop, add_product):
    product = add_product("BTK-T", "Batik tulis", 350_000, stock=5)
    dialog = ProductDialog(shop, product)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.online_buffer, "1,5")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result_product is None
    assert "online shops" in dialog.problems.text()
    assert shop.catalogue.get(product.id).online_buffer_milli is None
