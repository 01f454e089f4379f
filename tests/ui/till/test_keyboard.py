"""The scan field keeps the keyboard at the till: Tab, the status bar and Ctrl+1."""

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMessageBox

from bazaar_pos.ui.app.main_window import MainWindow
from bazaar_pos.ui.app.style import apply_style
from tests.helpers.qt import cart_rows

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot, qapp, shop, products):
    shop.printer.configure(uri="network://127.0.0.1:9")  # refuses: receipts wait with Retry
    apply_style(qapp)
    window = MainWindow(shop)
    qtbot.addWidget(window)
    window.resize(1366, 740)
    window.show()
    window.focus_till()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.waitUntil(window.till.scan.hasFocus)
    return window


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier):
    """Press ``key`` wherever the keyboard is now, as a person (or a scanner) does."""
    qtbot.keyClick(QApplication.focusWidget() or QApplication.activeWindow(), key, modifier)


def scanner_types(qtbot, code):
    for char in code:
        press(qtbot, Qt.Key(ord(char)))
    press(qtbot, Qt.Key.Key_Return)


def sell_without_a_printer(qtbot, window):
    """A sale whose receipt the refusing printer does not take, so the status bar offers Retry."""
    scanner_types(qtbot, "8991234500218")
    press(qtbot, Qt.Key.Key_F12)
    dialog = window.till.payment_dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.print_status.retry.isVisible(), timeout=10_000)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.waitUntil(window.till.scan.hasFocus)


@pytest.mark.parametrize("tabs", [1, 3])
def test_tab_never_takes_the_keyboard_from_the_scan_field(qtbot, window, tabs):
    sell_without_a_printer(qtbot, window)
    retried = []
    window.print_status.retry.clicked.connect(lambda: retried.append(True))
    for _ in range(tabs):
        press(qtbot, Qt.Key.Key_Tab)
    assert window.till.scan.hasFocus()
    scanner_types(qtbot, "8991234500164")
    scanner_types(qtbot, "8991234500164")
    assert cart_rows(window.till) == [("KOP-1", 2)]
    assert retried == []
    press(qtbot, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert window.till.scan.hasFocus()


def test_ctrl_1_brings_the_keyboard_back_on_the_till(qtbot, window):
    window.navigation.setFocus()
    assert not window.till.scan.hasFocus()
    press(qtbot, Qt.Key.Key_1, CTRL)
    qtbot.waitUntil(window.till.scan.hasFocus)
    scanner_types(qtbot, "8991234500164")
    assert cart_rows(window.till) == [("KOP-1", 1)]


def border_colour(field):
    """The colour of the scan field's border, half-way down its left edge."""
    image = field.grab().toImage()
    return image.pixelColor(1, image.height() // 2).name()


def test_the_scan_field_looks_focused_only_when_it_has_the_keyboard(qtbot, window):
    scan = window.till.scan
    focused = border_colour(scan)
    window.navigation.setFocus()
    qtbot.waitUntil(lambda: not scan.hasFocus())
    assert border_colour(scan) != focused
    press(qtbot, Qt.Key.Key_1, CTRL)
    qtbot.waitUntil(scan.hasFocus)
    assert border_colour(scan) == focused


def answer_quit_question(qtbot, button_text):
    """Read the quit question when it comes and press ``button_text``; what it said."""
    said = []

    def answer():
        qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox))
        box = QApplication.activeModalWidget()
        said.append((box.text(), box.defaultButton().text()))
        (button,) = [b for b in box.buttons() if b.text() == button_text]
        button.click()

    QTimer.singleShot(0, answer)
    return said


@pytest.mark.parametrize(
    ("temporary", "fate"),
    [
        (False, "It is kept, and offered again when Bazaar POS next starts."),
        (True, "This demo shop is in a temporary folder: the cart is lost when you quit."),
    ],
)
def test_quitting_with_a_cart_asks_first_and_keeps_selling_by_default(
    qtbot, window, shop, temporary, fate
):
    window.temporary_shop = temporary
    scanner_types(qtbot, "8991234500164")
    scanner_types(qtbot, "8991234500218")
    quit_action = window.findChild(QAction, "quit")
    said = answer_quit_question(qtbot, "Keep selling")
    quit_action.trigger()
    assert said == [
        (
            f"The cart with 2 items (Rp150.000) is not paid yet. {fate}\n\n"
            + ("Quit anyway?" if temporary else "Quit now?"),
            "Keep selling",
        )
    ]
    assert window.isVisible()
    qtbot.waitUntil(window.till.scan.hasFocus)
    said = answer_quit_question(qtbot, "Quit")
    quit_action.trigger()
    assert len(said) == 1
    assert not window.isVisible()
    kept = shop.parked_carts.load_current()
    assert [line.sku for line in kept] == ["KOP-1", "KRM-1"]


def test_quitting_with_an_empty_cart_asks_nothing(qtbot, window):
    window.findChild(QAction, "quit").trigger()
    assert not window.isVisible()


def test_clicking_the_till_in_the_screen_list_gives_the_scan_field_the_keyboard(qtbot, window):
    rect = window.navigation.visualItemRect(window.navigation.item(0))
    qtbot.mouseClick(window.navigation.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(window.till.scan.hasFocus)
    scanner_types(qtbot, "8991234500164")
    assert cart_rows(window.till) == [("KOP-1", 1)]
