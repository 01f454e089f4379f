"""Settings > Devices > Label scale barcodes: layouts edited with the keyboard, saved or refused."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from bazaar_pos.domain.scale_barcodes import DEFAULT_LAYOUTS
from bazaar_pos.services.shop import Shop
from bazaar_pos.ui.app.main_window import MainWindow
from bazaar_pos.ui.settings.scale_codes_section import (
    HOLDS,
    PLU,
    PREFIX,
    VALUE_DIGITS,
    ScaleCodesSection,
)
from tests.helpers.qt import NOT_APPROVED, owner_answers
from tests.helpers.users import CASHIER, act_as


@pytest.fixture
def section(qtbot, shop):
    made = ScaleCodesSection(shop.settings)
    qtbot.addWidget(made)
    made.show()
    made.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is made)
    return made


def rows(section):
    table = section.table
    return [
        (
            table.item(row, PREFIX).text(),
            table.item(row, PLU).text(),
            table.item(row, VALUE_DIGITS).text(),
            table.cellWidget(row, HOLDS).currentText(),
        )
        for row in range(table.rowCount())
    ]


def edit_cell(qtbot, table, row, column, text):
    """Go to the cell, press F2, type ``text`` over what is there and press Enter."""
    table.setFocus()
    table.setCurrentCell(row, column)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table)  # the editor closed


def press(qtbot, section, key):
    """Press the section's button whose underlined letter is ``key``."""
    buttons = {
        Qt.Key.Key_A: section.add_button,
        Qt.Key.Key_U: section.remove_button,
        Qt.Key.Key_B: section.save_button,
    }
    qtbot.mouseClick(buttons[key], Qt.MouseButton.LeftButton)


def test_the_usual_layouts_show_with_the_prefix_of_the_shops_own_codes(section):
    assert rows(section) == [
        ("21", "5", "5", "Weight in grams"),
        ("23", "5", "5", "Price in whole IDR"),
    ]
    assert "start with 20" in section.note.text()


def test_a_layout_is_added_edited_and_saved(qtbot, section, shop):
    press(qtbot, section, Qt.Key.Key_A)
    assert rows(section)[2] == ("22", "5", "5", "Price in whole IDR")
    edit_cell(qtbot, section.table, 2, PREFIX, "25")
    edit_cell(qtbot, section.table, 2, PLU, "4")
    assert rows(section)[2] == ("25", "4", "6", "Price in whole IDR")
    holds = section.table.cellWidget(2, HOLDS)
    holds.setFocus()
    qtbot.keyClick(holds, Qt.Key.Key_Up)
    assert holds.currentText() == "Weight in grams"
    press(qtbot, section, Qt.Key.Key_B)
    assert section.status.text() == "Saved."
    assert shop.settings.load().scale_codes == ("21:weight:5:5", "23:price:5:5", "25:weight:4:6")
    section.table.setCurrentCell(0, PREFIX)
    press(qtbot, section, Qt.Key.Key_U)
    press(qtbot, section, Qt.Key.Key_B)
    assert shop.settings.load().scale_codes == ("23:price:5:5", "25:weight:4:6")


def test_layouts_that_cannot_work_are_refused_with_the_reason(qtbot, section, shop):
    press(qtbot, section, Qt.Key.Key_A)
    edit_cell(qtbot, section.table, 2, PREFIX, "2")
    assert rows(section)[2][2] == "6"
    press(qtbot, section, Qt.Key.Key_B)
    assert section.status.text() == (
        "The settings were not saved.\n"
        "• The scale code prefixes 21 and 2 overlap: one code would match both.\n"
        "• The scale code prefixes 23 and 2 overlap: one code would match both.\n"
        "• The scale layouts take every prefix from 20 to 29: keep one free."
    )
    edit_cell(qtbot, section.table, 2, PLU, "x")
    assert rows(section)[2][2] == "-"
    press(qtbot, section, Qt.Key.Key_B)
    assert section.status.text() == (
        "The scale codes were not saved.\n• Row 3: the PLU digits must be a number."
    )
    edit_cell(qtbot, section.table, 2, PLU, "11")
    press(qtbot, section, Qt.Key.Key_B)
    assert section.status.text() == (
        "The scale codes were not saved.\n"
        "• Row 3: A scale code needs at least one PLU digit and one value digit."
    )
    assert shop.settings.load().scale_layouts == DEFAULT_LAYOUTS


def test_a_prefix_the_shops_labels_already_use_is_refused(qtbot, section, shop, add_product):
    product = add_product("A")
    shop.catalogue.assign_barcodes([product.id])
    edit_cell(qtbot, section.table, 0, PREFIX, "20")
    press(qtbot, section, Qt.Key.Key_B)
    assert section.status.text() == (
        "The settings were not saved.\n"
        "• 1 product already has a barcode starting with 20 (2000000000015): "
        "a scale code layout cannot take that prefix."
    )
    assert shop.settings.load().scale_layouts == DEFAULT_LAYOUTS


def test_the_shops_own_codes_move_when_a_layout_takes_their_prefix(qtbot, section, shop):
    edit_cell(qtbot, section.table, 0, PREFIX, "20")
    press(qtbot, section, Qt.Key.Key_B)
    assert section.status.text() == "Saved."
    assert "start with 21" in section.note.text()
    assert shop.catalogue.next_barcode().startswith("21")


def test_a_cashier_needs_the_owner_to_change_the_layouts(qtbot, staffed_db_path):
    staffed = Shop.open(staffed_db_path)
    try:
        act_as(staffed, CASHIER)
        window = MainWindow(staffed)
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
        screen = window.settings_screen
        screen.tabs.setCurrentWidget(screen.devices_page)
        screen.devices.background.settle()
        section = screen.scale_codes
        edit_cell(qtbot, section.table, 0, PREFIX, "24")
        owner_answers(qtbot)  # Esc at the owner's PIN
        qtbot.mouseClick(section.save_button, Qt.MouseButton.LeftButton)
        assert section.status.text() == NOT_APPROVED
        assert rows(section)[0][0] == "21"
        assert staffed.settings.load().scale_layouts == DEFAULT_LAYOUTS
        window.close()
    finally:
        staffed.close()
