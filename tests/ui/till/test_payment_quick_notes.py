"""The cash quick buttons at the till: for cash only, with the notes customers hand over."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from bazaar_pos.domain.payment import PaymentMethod, PaymentStatus
from tests.domain.test_qris import STATIC
from tests.helpers.qt import open_payment, scan

CTRL = Qt.KeyboardModifier.ControlModifier
QUICK_KEYS = (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4)


@pytest.fixture
def qris_till(shop, products, open_till):
    shop.settings.update(qris_payload=STATIC)
    return open_till(shop)


def quick_buttons_shown(dialog):
    return [b for b in (dialog.exact, *dialog.note_buttons) if b.isVisibleTo(dialog)]


def press_every_quick_key(qtbot, dialog):
    for key in QUICK_KEYS:
        qtbot.keyClick(QApplication.focusWidget(), key, CTRL)
        assert dialog.isVisible()
    assert dialog.tenders == []


def last_payments(shop):
    sale = shop.sales_history.last_sale()
    assert sale is not None
    payments = shop.sales_history.detail(sale).payments
    return [(p.method, p.amount, p.change, p.status) for p in payments]


def test_back_from_the_customers_qris_the_cash_keys_do_nothing(qtbot, qris_till, shop):
    scan(qtbot, qris_till, "8991234500164")
    dialog = open_payment(qtbot, qris_till)
    qtbot.keyClick(dialog.amount, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: dialog.qris_window is not None and dialog.qris_window.isVisible())
    qtbot.keyClick(dialog.qris_window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert quick_buttons_shown(dialog) == []
    press_every_quick_key(qtbot, dialog)
    dialog.received.setChecked(True)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    assert last_payments(shop) == [("qris", 95_000, 0, PaymentStatus.CONFIRMED)]
    assert qris_till.last_sale.caption.text().endswith("No change due.")


@pytest.mark.parametrize("key", [Qt.Key.Key_F3, Qt.Key.Key_F4, Qt.Key.Key_F5])
def test_no_quick_cash_on_transfer_card_or_ewallet(qtbot, till, key):
    scan(qtbot, till, "8991234500164")
    dialog = open_payment(qtbot, till)
    assert len(quick_buttons_shown(dialog)) == 2  # exact Rp95.000 and Rp100.000
    qtbot.keyClick(dialog.amount, key)
    assert quick_buttons_shown(dialog) == []
    press_every_quick_key(qtbot, dialog)
    qtbot.keyClick(dialog.amount, Qt.Key.Key_F1)
    assert [b.text() for b in quick_buttons_shown(dialog)] == [
        "Exact  Rp95.000\nCtrl+1",
        "Rp100.000\nCtrl+2",
    ]
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.amount, Qt.Key.Key_2, CTRL)
    assert [(t.method, t.amount) for t in dialog.tenders] == [(PaymentMethod.CASH, 100_000)]


def test_split_cash_then_qris_keeps_the_cash_keys_away_from_the_qris_part(
    qtbot, qris_till, shop
):
    scan(qtbot, qris_till, "8991234500164")
    dialog = open_payment(qtbot, qris_till)
    qtbot.keyClicks(dialog.amount, "50rb")
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    assert [b.text() for b in quick_buttons_shown(dialog)] == [
        "Exact  Rp45.000\nCtrl+1",
        "Rp50.000\nCtrl+2",
        "Rp60.000\nCtrl+3",
        "Rp100.000\nCtrl+4",
    ]
    qtbot.keyClick(dialog.amount, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: dialog.qris_window is not None and dialog.qris_window.isVisible())
    qtbot.keyClick(dialog.qris_window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert quick_buttons_shown(dialog) == []
    for key in QUICK_KEYS:
        qtbot.keyClick(QApplication.focusWidget(), key, CTRL)
    assert [(t.method, t.amount) for t in dialog.tenders] == [(PaymentMethod.CASH, 50_000)]
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    assert last_payments(shop) == [
        ("qris", 45_000, 0, PaymentStatus.AWAITING),
        ("cash", 50_000, 0, PaymentStatus.CONFIRMED),
    ]


def test_split_payment_keeps_the_amount_field_its_full_height(qtbot, shop, add_product, open_till):
    shop.settings.update(qris_payload=STATIC)
    add_product("TEN-1", "Tenun Ikat", 1_250_000, barcode="8991234500300", stock=2)
    till = open_till(shop)
    scan(qtbot, till, "8991234500300")
    dialog = open_payment(qtbot, till)
    full = dialog.amount.height()
    qtbot.keyClicks(dialog.amount, "100rb")
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    qtbot.keyClick(dialog.amount, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: dialog.qris_window is not None and dialog.qris_window.isVisible())
    qtbot.keyClick(dialog.qris_window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.waitUntil(lambda: dialog.amount.height() >= full)
    qtbot.keyClicks(dialog.amount, "130rb")
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)  # a QRIS part, then cash again
    qtbot.keyClick(dialog.amount, Qt.Key.Key_F1)
    assert dialog.taken.count() == 2
    assert len(quick_buttons_shown(dialog)) == 4
    qtbot.waitUntil(lambda: dialog.amount.height() >= full)
    assert dialog.reference.height() >= dialog.reference.sizeHint().height()
    assert dialog.geometry().bottom() <= dialog.screen().availableGeometry().bottom()
