import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from bazaar_pos.domain.money import currency
from bazaar_pos.domain.payment import CashRule, PaymentMethod, Tender
from bazaar_pos.services.settings import ShopSettings
from bazaar_pos.ui.common.formatting import money_text
from bazaar_pos.ui.till.payment.dialog import PaymentDialog


@pytest.fixture
def pay(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)

    def make(total, rule=None):
        dialog = PaymentDialog(
            parent,
            total,
            currency=currency("IDR"),
            cash_rule=rule or CashRule(),
            money=money_text(ShopSettings()),
        )
        dialog.open()
        dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
        return dialog

    return make


def test_cash_is_rounded_per_the_shops_rule(qtbot, pay):
    dialog = pay(95_050, CashRule(100))
    assert dialog.rounding_note.text() == "Cash rounded to Rp95.100"
    assert dialog.exact.text() == "Exact  Rp95.100\nCtrl+1"
    assert [b.text().split("\n")[0] for b in dialog.note_buttons if b.isVisibleTo(dialog)] == [
        "Rp100.000"
    ]
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.amount, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert dialog.tenders == [Tender(PaymentMethod.CASH, 95_100)]


def test_typos_and_overpaid_cards_are_refused_without_closing(qtbot, pay):
    dialog = pay(100_000)
    qtbot.keyClicks(dialog.amount, "seratus")
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    assert dialog.message.text() == "“seratus” is not an amount."
    dialog.amount.clear()
    qtbot.keyClick(dialog.amount, Qt.Key.Key_F4)
    qtbot.keyClicks(dialog.amount, "150000")
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    assert "cannot be more than what is left: Rp100.000" in dialog.message.text()
    assert dialog.tenders == []
    assert dialog.isVisible()


def test_a_payment_can_be_taken_back(qtbot, pay):
    dialog = pay(100_000)
    qtbot.keyClick(dialog.amount, Qt.Key.Key_F5)
    qtbot.keyClicks(dialog.amount, "30rb")
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    assert dialog.taken.count() == 1
    assert dialog.left_label.text() == "Left to pay: Rp70.000"
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Backspace, Qt.KeyboardModifier.ControlModifier)
    assert dialog.tenders == []
    assert dialog.left_label.text() == "Left to pay: Rp100.000"


def test_enter_with_nothing_typed_pays_the_rest_by_the_chosen_method(qtbot, pay):
    dialog = pay(100_000)
    qtbot.keyClick(dialog.amount, Qt.Key.Key_F3)
    qtbot.keyClicks(dialog.reference, "BCA 1234")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.reference, Qt.Key.Key_Return)
    assert dialog.tenders == [Tender(PaymentMethod.TRANSFER, 100_000, "BCA 1234")]


def test_the_quick_notes_offer_the_next_round_amounts_a_customer_hands_over(qtbot, pay):
    dialog = pay(850_000)
    assert [b.text() for b in (dialog.exact, *dialog.note_buttons) if b.isVisibleTo(dialog)] == [
        "Exact  Rp850.000\nCtrl+1",
        "Rp900.000\nCtrl+2",
        "Rp1.000.000\nCtrl+3",
    ]
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.amount, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert dialog.tenders == [Tender(PaymentMethod.CASH, 1_000_000)]
