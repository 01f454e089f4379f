"""The screens at 1366x768: buttons in view, texts whole, the favourites all shown."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QPushButton, QScrollArea

from bazaar_pos.domain.payment import PaymentMethod, Tender
from bazaar_pos.services.catalogue import ProductDraft
from bazaar_pos.ui.main_window import MainWindow
from bazaar_pos.ui.style import apply_style
from tests.ui.conftest import scan

WINDOW = (1366, 700)
"""1366x768 less a title bar, a taskbar and the window's menu bar: what a screen gets."""


@pytest.fixture(autouse=True)
def styled(qapp):
    """The app's own style sheet: sizes as people see them."""
    apply_style(qapp)


def shown(qtbot, shop):
    window = MainWindow(shop)
    qtbot.addWidget(window)
    window.resize(*WINDOW)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def in_view(widget, window):
    """Whether all of ``widget`` shows inside ``window`` and outside any scrolled area."""
    top_left = widget.mapTo(window, QPoint(0, 0))
    bottom_right = widget.mapTo(window, QPoint(widget.width() - 1, widget.height() - 1))
    area = widget.parent()
    while area is not None and area is not window:
        if isinstance(area, QScrollArea):
            return False
        area = area.parent()
    return window.rect().contains(top_left) and window.rect().contains(bottom_right)


def test_the_shop_settings_save_button_is_in_view_without_scrolling(qtbot, shop):
    window = shown(qtbot, shop)
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    section = window.settings_screen.shop_section
    assert section.save_button.isVisible()
    assert in_view(section.save_button, window)
    section.shop_name.setText("Toko Sekar")
    qtbot.mouseClick(section.save_button, Qt.MouseButton.LeftButton)
    assert section.message.text() == "Saved."
    assert section.message.isVisible()


def test_the_change_after_a_sale_leaves_every_favourite_in_view(qtbot, shop):
    for number in range(1, 9):
        product = shop.catalogue.create(
            ProductDraft(
                sku=f"FAV-{number}",
                name=f"Kain Tenun Ikat Sumba {number}",
                price=95_000,
                favourite=True,
            )
        )
        shop.stock.receive(product.id, 5)
    window = MainWindow(shop)
    qtbot.addWidget(window)
    window.resize(1366, 745)  # maximised on 1366x768 under a title bar
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    till = window.till
    area = till.findChild(QScrollArea, "quickPickArea")
    tiles = till.quick_pick.findChildren(QPushButton, "quickPickTile")
    assert len(tiles) == 8
    scan(qtbot, till, "FAV-1")
    till.complete_sale([Tender(PaymentMethod.CASH, 100_000)])
    assert till.last_sale.isVisible()
    assert till.last_sale.change.text() == "Rp5.000"
    viewport = area.viewport()

    def whole(tile):
        top_left = tile.mapTo(viewport, QPoint(0, 0))
        bottom_right = tile.mapTo(viewport, QPoint(tile.width() - 1, tile.height() - 1))
        return viewport.rect().contains(top_left) and viewport.rect().contains(bottom_right)

    qtbot.waitUntil(lambda: all(whole(tile) for tile in tiles), timeout=2_000)
    assert not area.verticalScrollBar().isVisible()
    scan(qtbot, till, "FAV-2")  # the next sale: the totals come back
    assert till.totals.isVisible()
    assert not till.last_sale.isVisible()
