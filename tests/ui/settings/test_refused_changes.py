"""A cashier's settings change the owner did not approve leaves the stored values on screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from bazaar_pos.ui.app.main_window import MainWindow
from tests.helpers.qt import NOT_APPROVED, owner_answers
from tests.helpers.users import CASHIER, act_as


@pytest.fixture
def settings(qtbot, staffed):
    act_as(staffed, CASHIER)
    window = MainWindow(staffed)
    qtbot.addWidget(window)
    window.resize(1366, 740)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    return window.settings_screen


def type_over(qtbot, field, text):
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, text)


def test_a_refused_rules_change_puts_the_stored_rules_back(qtbot, settings, staffed):
    users = settings.users
    settings.tabs.setCurrentWidget(users)
    stored = staffed.access.settings().discount_limit_percent
    assert stored != 50
    type_over(qtbot, users.discount_limit, "50")
    assert users.discount_limit.value() == 50
    owner_answers(qtbot)  # Esc at the owner's PIN
    qtbot.mouseClick(users.save_rules_button, Qt.MouseButton.LeftButton)
    assert users.message.text() == NOT_APPROVED
    assert staffed.access.settings().discount_limit_percent == stored
    assert users.discount_limit.value() == stored


def test_a_refused_shop_or_printer_change_puts_the_stored_values_back(qtbot, settings, staffed):
    shop = settings.shop_section
    type_over(qtbot, shop.shop_name, "Toko Budi")
    owner_answers(qtbot)
    qtbot.mouseClick(shop.save_button, Qt.MouseButton.LeftButton)
    assert shop.message.text() == NOT_APPROVED
    assert shop.shop_name.text() == staffed.settings.load().shop_name == "Bazaar POS"
    printer = settings.printer
    settings.tabs.setCurrentWidget(printer)
    type_over(qtbot, printer.uri, "network://10.0.0.9")
    owner_answers(qtbot)
    qtbot.mouseClick(printer.save_button, Qt.MouseButton.LeftButton)
    assert printer.status.text() == NOT_APPROVED
    assert printer.uri.text() == staffed.printer.settings().uri == ""
