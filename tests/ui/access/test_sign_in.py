"""The main window with users: sign-in, wrong PINs, locking, switching user, idle lock."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from bazaar_pos.ui.app.main_window import SIGN_IN_PAGE, WORK_PAGE, MainWindow
from bazaar_pos.ui.app.style import STYLE_SHEET
from tests.helpers.qt import scan
from tests.helpers.users import CASHIER, CASHIER_PIN, OWNER, OWNER_PIN, act_as

pytestmark = pytest.mark.staffed
"""Every test here runs on the shop with an owner and a cashier."""


@pytest.fixture
def window(qtbot, qapp, shop, products):
    qapp.setStyleSheet(STYLE_SHEET)
    shown = MainWindow(shop)
    qtbot.addWidget(shown)
    shown.resize(1366, 768)
    shown.show()
    shown.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is shown)
    yield shown
    shown.sign_in.wait()
    shown.close()


def sign_in(qtbot, window, name, pin):
    screen = window.sign_in
    names = [screen.users.item(row).data(Qt.ItemDataRole.UserRole) for row in range(len(screen))]
    step = Qt.Key.Key_Down if names.index(name) > screen.users.currentRow() else Qt.Key.Key_Up
    for _ in range(abs(names.index(name) - screen.users.currentRow())):
        qtbot.keyClick(screen.pin, step)
    assert screen.chosen() == name
    qtbot.keyClicks(screen.pin, pin)
    qtbot.keyClick(screen.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.pin.isEnabled(), timeout=10_000)


def test_a_shop_with_users_opens_on_the_sign_in_page(qtbot, window):
    assert window.pages.currentIndex() == SIGN_IN_PAGE
    assert window.sign_in.pin.hasFocus()
    assert [window.sign_in.users.item(r).text() for r in range(len(window.sign_in))] == [
        "Sari   ·   Owner",
        "Budi   ·   Cashier",
    ]
    assert not window.findChild(type(window.actions_when_signed_in[0]), "auditLog").isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentIndex() == SIGN_IN_PAGE  # no way round the PIN
    assert window.who.text().startswith("Locked")


def test_a_wrong_pin_is_refused_and_the_right_one_opens_the_till(qtbot, window):
    sign_in(qtbot, window, CASHIER, "9999")
    assert window.pages.currentIndex() == SIGN_IN_PAGE
    assert window.sign_in.message.text() == "Wrong PIN. 4 more tries before a lockout."
    assert window.sign_in.pin.text() == ""
    qtbot.keyClicks(window.sign_in.pin, CASHIER_PIN)
    with qtbot.waitSignal(window.sign_in.signed_in, timeout=10_000) as signed:
        qtbot.keyClick(window.sign_in.pin, Qt.Key.Key_Return)
    assert signed.args[0].name == CASHIER
    assert window.pages.currentIndex() == WORK_PAGE
    qtbot.waitUntil(window.till.scan.hasFocus)
    assert window.who.text().startswith("Budi · Cashier")


def test_five_wrong_pins_lock_the_user_out(qtbot, window):
    for _ in range(5):
        sign_in(qtbot, window, OWNER, "0000")
    assert "Sari is locked out until" in window.sign_in.message.text()
    sign_in(qtbot, window, OWNER, OWNER_PIN)
    assert window.pages.currentIndex() == SIGN_IN_PAGE
    assert "locked out" in window.sign_in.message.text()


def test_locking_keeps_the_cart_and_offers_the_same_user_again(qtbot, window, shop):
    sign_in(qtbot, window, CASHIER, CASHIER_PIN)
    qtbot.waitUntil(window.till.scan.hasFocus)
    scan(qtbot, window.till, "KOP-1")
    qtbot.keyClick(window.till.scan, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentIndex() == SIGN_IN_PAGE
    assert window.sign_in.chosen() == CASHIER
    assert shop.access.actor is None
    qtbot.keyClicks(window.sign_in.pin, CASHIER_PIN)
    with qtbot.waitSignal(window.sign_in.signed_in, timeout=10_000):
        qtbot.keyClick(window.sign_in.pin, Qt.Key.Key_Return)
    assert [line.sku for line in window.till.cart] == ["KOP-1"]


def test_switching_user_lets_the_owner_take_over(qtbot, window, shop):
    sign_in(qtbot, window, CASHIER, CASHIER_PIN)
    qtbot.keyClick(window.till.scan, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentIndex() == SIGN_IN_PAGE
    sign_in(qtbot, window, OWNER, OWNER_PIN)
    assert shop.access.actor.name == OWNER
    actions = [e.action for e in shop.audit.find()]
    assert actions[:3] == ["user.signed_in", "user.signed_out", "user.signed_in"]


def test_the_till_locks_itself_when_left_alone(qtbot, window, shop):
    assert not window.idle.watching  # the sign-in page: nothing to count
    act_as(shop, CASHIER)
    window._show_work()
    assert window.idle.timer.interval() == 5 * 60_000  # the owner's default
    assert window.idle.watching
    window.idle.set_interval(100)
    qtbot.waitUntil(lambda: window.pages.currentIndex() == SIGN_IN_PAGE, timeout=5_000)
    assert shop.access.actor is None
    assert not window.idle.watching
    act_as(shop, OWNER)
    assert shop.audit.find()[0].action == "user.locked"


def test_the_next_person_does_not_see_what_the_owner_was_shown(qtbot, window):
    sign_in(qtbot, window, OWNER, OWNER_PIN)
    with qtbot.waitSignal(window.reports.reportLoaded, timeout=20_000) as loaded:
        qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert loaded.args[0].report.costs_shown
    qtbot.keyClick(window, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(window.reports.reportLoaded, timeout=20_000) as loaded:
        sign_in(qtbot, window, CASHIER, CASHIER_PIN)
    assert not loaded.args[0].report.costs_shown
    assert window.reports.cards["cost"].value.text() == "—"
    window.reports.background.wait()
