"""Customer groups: a group with a percentage off, and its own price for a product."""

from __future__ import annotations

from PySide6.QtCore import Qt

from bazaar_pos.services.customers.views import CustomerDraft
from bazaar_pos.ui.access.approval import Approvals
from bazaar_pos.ui.customers.groups_dialog import GroupsDialog, percent_text, read_percent


def open_groups(qtbot, shop):
    dialog = GroupsDialog(shop, Approvals(shop.access, None))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_percentages_read_and_write_as_people_do():
    assert read_percent("12,5") == 1250
    assert read_percent("10 %") == 1000
    assert read_percent("") == 0
    assert read_percent("sepuluh") is None
    assert read_percent("0,001") is None  # finer than a basis point
    assert percent_text(1250) == "12,5 %"
    assert percent_text(1000) == "10 %"


def test_a_group_with_its_own_price_for_a_product(qtbot, shop, add_product):
    vase = add_product("VAS-1", "Vas Gerabah", 120_000, stock=5)
    dialog = open_groups(qtbot, shop)
    qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.name, "Reseller")
    qtbot.keyClicks(dialog.percent, "10")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    (group,) = shop.customers.groups()
    assert (group.name, group.discount_bp) == ("Reseller", 1000)
    qtbot.keyClicks(dialog.search, "gerabah")
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert dialog.product.currentData().id == vase.id
    qtbot.keyClicks(dialog.price, "95.000")
    qtbot.mouseClick(dialog.set_button, Qt.MouseButton.LeftButton)
    assert shop.customers.group_prices(group.id) == {vase.id: 95_000}
    assert dialog.prices.index(0, 2).data() == "Rp95.000"
    ani = shop.customers.add(CustomerDraft("Ani", group_id=group.id))
    assert shop.customers.prices_for(ani.id, [vase.id]) == {vase.id: 95_000}
    dialog.price_table.selectRow(0)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert shop.customers.prices_for(ani.id, [vase.id]) == {vase.id: 108_000}
    assert dialog.changed
