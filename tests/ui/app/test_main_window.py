import json
import os
import subprocess
import sys

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication, QWidget

from bazaar_pos.domain.payment import PaymentMethod, Tender
from bazaar_pos.domain.quantity import whole
from bazaar_pos.services.demo import load_demo_shop
from bazaar_pos.services.views import Changes
from bazaar_pos.ui.app.main_window import MainWindow, opens_maximised
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
    keys = (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_5, Qt.Key.Key_6)
    for key in keys:
        qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
        names.append(window.stack.currentWidget().objectName())
    assert names == [
        "tillScreen",
        "productsScreen",
        "stockScreen",
        "reportsScreen",
        "settingsScreen",
        "customersScreen",
    ]
    assert window.navigation.count() == 6


def test_the_till_is_the_first_screen_with_the_keyboard_in_its_scan_field(qtbot, shop):
    window = shown(qtbot, shop)
    assert isinstance(window.till, TillScreen)
    assert window.stack.currentWidget() is window.till
    assert not window.idle.watching  # nobody signs in here: no idle lock to count
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
    assert screen.model.rowCount() == 33
    qtbot.keyClicks(screen.filter, "kopi")
    skus = {screen.model.product(row).sku for row in range(screen.model.rowCount())}
    assert skus == {
        "KOP-GAY-250",
        "KOP-TRJ-250",
        "KOP-KNT-250",
        "KOP-LWK-100",
        "KOP-DRP-010",
        "KOP-BJI-KG",
        "KOP-BUB-KG",
    }
    first_price = screen.model.index(0, 4).data()
    assert first_price.startswith("Rp")
    assert "." in first_price
    qtmodeltester.check(screen.model)


def built(window, name):
    """The screen called ``name`` if the window has built it, else None."""
    return window.findChild(QWidget, name)


def test_only_the_till_is_built_until_another_screen_is_shown(qtbot, shop, add_product, cart_of):
    window = shown(qtbot, shop)
    later = ("productsScreen", "stockScreen", "reportsScreen", "settingsScreen", "customersScreen")
    assert [built(window, name) for name in later] == [None] * 5
    window.data_changed.emit(Changes(products=True, stock=True, settings=True))
    cart = cart_of((add_product(stock=5), 1))
    sale = shop.checkout.complete_sale(cart, [Tender(PaymentMethod.CASH, cart.totals().total)])
    window.till.sale_completed.emit(sale.uuid)
    assert [built(window, name) for name in later] == [None] * 5
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is built(window, "stockScreen")
    assert window.stack.currentWidget() is window.stock
    assert window.stack.count() == 6
    assert built(window, "productsScreen") is None
    assert window.products is built(window, "productsScreen")
    assert window.stack.widget(1) is window.products
    assert window.stack.currentWidget() is window.stock  # asking for a screen does not show it
    window.close()  # with the Reports screen never built


def test_a_sale_at_the_till_reaches_the_reports_once_they_are_built(
    qtbot, shop, add_product, cart_of
):
    product = add_product(stock=5)
    window = shown(qtbot, shop)
    with qtbot.waitSignal(window.reports.reportLoaded, timeout=20_000) as loaded:
        window.show_screen(3)
    assert loaded.args[0].report.figures.revenue == 0
    window.show_screen(0)
    cart = cart_of((product, 2))
    sale = shop.checkout.complete_sale(cart, [Tender(PaymentMethod.CASH, cart.totals().total)])
    window.till.sale_completed.emit(sale.uuid)
    with qtbot.waitSignal(window.reports.reportLoaded, timeout=20_000) as loaded:
        window.show_screen(3)
    assert loaded.args[0].report.figures.revenue > 0
    window.reports.background.wait()


def test_stock_moved_before_the_products_screen_was_built_shows_when_it_is(
    qtbot, shop, add_product
):
    product = add_product(stock=1)
    window = shown(qtbot, shop)
    window.show_screen(2)
    shop.stock.receive(product.id, whole(4))
    window.stock.stock_changed.emit(Changes(stock=True))
    assert built(window, "productsScreen") is None
    window.show_screen(1)
    assert window.products.model.product(0).stock_milli == whole(5)


LAPTOP_SCREEN = {"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768}
OPEN_THE_WINDOW = """
import json, sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from bazaar_pos.app import open_main_window
from bazaar_pos.services.shop import Shop
app = QApplication([])
shop = Shop.open(Path(sys.argv[1]))
window = open_main_window(shop, demo=True)
for _ in range(20):
    app.processEvents()
bar = window.statusBar()
corner = bar.mapToGlobal(bar.rect().bottomRight())
available = window.screen().availableGeometry()
print(json.dumps({
    "maximised": window.isMaximized(),
    "frame_inside": available.contains(window.frameGeometry()),
    "status_bar_inside": available.contains(corner),
}))
window.close()
shop.close()
"""


def test_the_window_opens_maximised_on_a_1366x768_screen(db_path, tmp_path):
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [LAPTOP_SCREEN]}))
    done = subprocess.run(
        [sys.executable, "-c", OPEN_THE_WINDOW, str(db_path)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"},
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.splitlines()[-1])
    assert seen == {"maximised": True, "frame_inside": True, "status_bar_inside": True}


def test_only_small_screens_get_the_window_maximised():
    assert opens_maximised(QSize(1366, 728))  # 1366x768 less a taskbar
    assert opens_maximised(QSize(1280, 800))
    assert not opens_maximised(QSize(1920, 1040))
