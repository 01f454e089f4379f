from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from bazaar_pos.ui.main_window import MainWindow
from bazaar_pos.ui.till.screen import TillScreen


def test_the_till_is_the_first_screen_with_the_keyboard_in_its_scan_field(qtbot, shop):
    window = MainWindow(shop)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert isinstance(window.till, TillScreen)
    assert window.stack.currentWidget() is window.till
    qtbot.waitUntil(window.till.scan.hasFocus)
    qtbot.keyClick(window.till.scan, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget().objectName() == "productsScreen"
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.till
    qtbot.waitUntil(window.till.scan.hasFocus)
