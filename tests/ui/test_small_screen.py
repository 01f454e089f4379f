"""The screens at 1366x768: buttons in view, texts whole, the favourites all shown."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QScrollArea

from bazaar_pos.ui.main_window import MainWindow

WINDOW = (1366, 700)
"""1366x768 less a title bar, a taskbar and the window's menu bar: what a screen gets."""


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
