from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from bazaar_pos.services.demo import load_demo_shop
from bazaar_pos.ui.main_window import MainWindow
from bazaar_pos.ui.products.screen import ProductsScreen
from bazaar_pos.ui.till.screen import TillScreen


def shown(qtbot, shop):
    window = MainWindow(shop)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def test_navigation_by_keyboard_reaches_every_screen(qtbot, shop):
    window = shown(qtbot, shop)
    names = []
    for key in (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_5):
        qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
        names.append(window.stack.currentWidget().objectName())
    assert names == [
        "tillScreen",
        "productsScreen",
        "stockScreen",
        "reportsScreen",
        "settingsScreen",
    ]
    assert window.navigation.count() == 5


def test_the_till_is_the_first_screen_with_the_keyboard_in_its_scan_field(qtbot, shop):
    window = shown(qtbot, shop)
    assert isinstance(window.till, TillScreen)
    assert window.stack.currentWidget() is window.till
    qtbot.waitUntil(window.till.scan.hasFocus)
    qtbot.keyClick(window.till.scan, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget().objectName() == "productsScreen"
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.till
    qtbot.waitUntil(window.till.scan.hasFocus)


def test_products_screen_filters_as_you_type(qtbot, shop, qtmodeltester):
    load_demo_shop(shop)
    screen = ProductsScreen(shop)
    qtbot.addWidget(screen)
    assert screen.model.rowCount() == 28
    qtbot.keyClicks(screen.filter, "kopi")
    skus = {screen.model.product(row).sku for row in range(screen.model.rowCount())}
    assert skus == {"KOP-GAY-250", "KOP-TRJ-250", "KOP-KNT-250", "KOP-LWK-100", "KOP-DRP-010"}
    first_price = screen.model.index(0, 4).data()
    assert first_price.startswith("Rp")
    assert "." in first_price
    qtmodeltester.check(screen.model)
