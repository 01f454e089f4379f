import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from bazaar_pos.domain.money import currency
from bazaar_pos.domain.payment import CashRule, PaymentMethod, Tender
from bazaar_pos.domain.qris import crc16, validate
from bazaar_pos.services.settings import ShopSettings
from bazaar_pos.ui.common.formatting import money_text
from bazaar_pos.ui.till.payment.dialog import PaymentDialog
from tests.domain.test_qris import STATIC
from tests.helpers.qr_pictures import decode_qr


@pytest.fixture
def pay(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)

    def make(total, payload=STATIC, code="IDR"):
        dialog = PaymentDialog(
            parent,
            total,
            currency=currency(code),
            cash_rule=CashRule(),
            money=money_text(ShopSettings(currency_code=code)),
            qris_payload=payload,
        )
        dialog.open()
        dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
        return dialog

    return make


def shown_qris(dialog):
    """The QRIS the customer's window shows, read back from its pixels by zxing-cpp."""
    window = dialog.qris_window
    assert window is not None
    assert window.isVisible()
    (text,) = decode_qr(window.qr.grab().toImage())
    return text


def choose_qris(qtbot, dialog):
    qtbot.keyClick(dialog.amount, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: dialog.qris_window is not None and dialog.qris_window.isVisible())
    return dialog.qris_window


def close_window(qtbot, dialog):
    qtbot.keyClick(dialog.qris_window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.qris_window.isVisible())
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)


def test_choosing_qris_shows_the_customer_the_code_with_the_amount_full_screen(qtbot, pay):
    dialog = pay(150_000)
    window = choose_qris(qtbot, dialog)
    assert window.isFullScreen()
    assert window.isWindow()
    assert window.geometry() == window.screen().geometry()
    text = shown_qris(dialog)
    values = dict(validate(text))
    assert values["54"] == "150000"
    assert values["01"] == "12"
    assert text[-8:-4] == "6304"
    assert text[-4:] == crc16(text[:-4])
    assert window.payload() == text
    assert window.merchant_name.text() == "TOKO KRIYA NUSANTARA"
    assert window.nmid.text() == "NMID ID1022146663631"
    assert window.amount_label.text() == "Rp150.000"
    assert window.scan_hint.text() == "Scan with any QRIS app"
    assert window.qr.code_rect().width() >= 0.45 * min(window.width(), window.height())
    assert (
        dialog.qris_note.text() == "The customer sees the QRIS for Rp150.000. F11 shows it again."
    )


def test_esc_closes_the_customer_window_and_f11_brings_it_back(qtbot, pay):
    dialog = pay(95_000)
    choose_qris(qtbot, dialog)
    close_window(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.amount.hasFocus()
    assert dialog.qris_note.text() == "F11 shows the customer the QRIS for Rp95.000 again."
    qtbot.keyClick(dialog.amount, Qt.Key.Key_F11)
    qtbot.waitUntil(dialog.qris_window.isVisible)
    assert dict(validate(shown_qris(dialog)))["54"] == "95000"


def test_the_code_follows_the_part_typed_for_a_split_payment(qtbot, pay):
    dialog = pay(150_000)
    choose_qris(qtbot, dialog)
    close_window(qtbot, dialog)
    qtbot.keyClicks(dialog.amount, "50rb")
    qtbot.keyClick(dialog.amount, Qt.Key.Key_F11)
    qtbot.waitUntil(dialog.qris_window.isVisible)
    assert dict(validate(shown_qris(dialog)))["54"] == "50000"
    dialog.amount.setText("60.000")
    assert dict(validate(shown_qris(dialog)))["54"] == "60000"
    assert dialog.qris_window.amount_label.text() == "Rp60.000"
    dialog.amount.setText("500.000")
    assert dict(validate(shown_qris(dialog)))["54"] == "150000"


def test_an_unticked_qris_payment_awaits_confirmation(qtbot, pay):
    dialog = pay(150_000)
    choose_qris(qtbot, dialog)
    close_window(qtbot, dialog)
    qtbot.keyClicks(dialog.amount, "100000")
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    assert dialog.tenders == [Tender(PaymentMethod.QRIS, 100_000)]
    assert not dialog.qris_window.isVisible()
    assert dialog.taken.item(0).text() == "QRIS   Rp100.000   (awaiting confirmation)"


def test_money_received_ticked_records_the_qris_as_seen(qtbot, pay):
    dialog = pay(150_000)
    choose_qris(qtbot, dialog)
    close_window(qtbot, dialog)
    assert dialog.received.isVisible()
    assert not dialog.received.isChecked()
    qtbot.keyClick(dialog.amount, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert dialog.received.isChecked()
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    assert dialog.tenders == [Tender(PaymentMethod.QRIS, 150_000, received=True)]
    assert not dialog.qris_window.isVisible()


def test_the_received_box_is_only_for_qris_and_ewallet(qtbot, pay):
    dialog = pay(150_000)
    assert not dialog.received.isVisibleTo(dialog)
    qtbot.keyClick(dialog.amount, Qt.Key.Key_F5)
    assert dialog.received.isVisibleTo(dialog)
    qtbot.keyClick(dialog.amount, Qt.Key.Key_F3)
    assert not dialog.received.isVisibleTo(dialog)


def test_choosing_another_method_takes_the_code_away(qtbot, pay):
    dialog = pay(150_000)
    choose_qris(qtbot, dialog)
    dialog.choose_method(PaymentMethod.CASH)
    assert not dialog.qris_window.isVisible()
    assert not dialog.qris_note.isVisibleTo(dialog)


def test_without_a_qris_code_the_cashier_is_told_and_records_qris_anyway(qtbot, pay):
    dialog = pay(75_000, payload="")
    qtbot.keyClick(dialog.amount, Qt.Key.Key_F2)
    assert dialog.qris_window is None
    assert dialog.qris_note.text() == (
        "No QRIS code is set up (Settings > Shop): the customer scans your printed QRIS "
        "sticker and types Rp75.000."
    )
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    assert dialog.tenders == [Tender(PaymentMethod.QRIS, 75_000)]


def test_more_than_the_qris_limit_asks_for_a_split(qtbot, pay):
    dialog = pay(12_500_000)
    qtbot.keyClick(dialog.amount, Qt.Key.Key_F2)
    assert dialog.qris_window is None
    assert dialog.qris_note.text() == (
        "QRIS takes at most Rp10.000.000 a payment: split the payment."
    )
    qtbot.keyClicks(dialog.amount, "10jt")
    qtbot.keyClick(dialog.amount, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: dialog.qris_window is not None and dialog.qris_window.isVisible())
    assert dict(validate(shown_qris(dialog)))["54"] == "10000000"


def test_a_shop_not_in_rupiah_gets_no_code(qtbot, pay):
    dialog = pay(2_500, code="USD")
    qtbot.keyClick(dialog.amount, Qt.Key.Key_F2)
    assert dialog.qris_window is None
    assert "QRIS is paid in rupiah" in dialog.qris_note.text()


def test_closing_the_payment_screen_closes_the_customer_window(qtbot, pay):
    dialog = pay(150_000)
    window = choose_qris(qtbot, dialog)
    dialog.reject()
    assert not window.isVisible()


def test_the_customer_window_stacks_on_a_tall_screen(qtbot, pay):
    dialog = pay(150_000)
    window = choose_qris(qtbot, dialog)
    window.showNormal()
    window.resize(600, 1000)
    amount_top = lambda: window.amount_label.mapTo(window, window.amount_label.rect().topLeft()).y()  # noqa: E731
    qtbot.waitUntil(lambda: window.qr.geometry().bottom() < amount_top())
    assert window.amount_label.alignment() & Qt.AlignmentFlag.AlignHCenter
    assert dict(validate(shown_qris(dialog)))["54"] == "150000"


def test_on_a_laptop_screen_the_code_takes_most_of_the_height(qtbot, pay):
    dialog = pay(1_250_000)
    window = choose_qris(qtbot, dialog)
    window.showNormal()
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: window.qr.code_rect().height() >= 0.8 * 768)
    assert (
        window.qr.geometry().right()
        < window.amount_label.mapTo(window, window.amount_label.rect().topLeft()).x()
    )
    assert window.amount_label.text() == "Rp1.250.000"
    assert dict(validate(shown_qris(dialog)))["54"] == "1250000"


def test_the_customer_window_takes_the_keyboard(qtbot, pay):
    dialog = pay(150_000)
    window = choose_qris(qtbot, dialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert window.hasFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.isVisible())
