import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from bazaar_pos.domain.payment import PaymentMethod, Tender
from bazaar_pos.domain.qris import validate
from bazaar_pos.store.models import AuditEvent, Payment
from bazaar_pos.ui.common.dialogs import TextDialog
from bazaar_pos.ui.common.formatting import money_text
from bazaar_pos.ui.till.payment.unconfirmed_model import UnconfirmedPaymentsModel
from tests.domain.test_qris import STATIC
from tests.helpers.qr_pictures import decode_qr
from tests.helpers.qt import open_payment, scan


@pytest.fixture
def qris_till(shop, products, open_till):
    shop.settings.update(qris_payload=STATIC)
    return open_till(shop)


def statuses(shop):
    with shop.db.reading() as session:
        return [
            (p.method, p.amount_minor, p.status)
            for p in session.scalars(select(Payment).order_by(Payment.id))
        ]


def open_unconfirmed(qtbot, till):
    qtbot.keyClick(till.scan, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    dialog = till.unconfirmed_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def sell_by_qris(qtbot, till, code="8991234500164"):
    scan(qtbot, till, code)
    dialog = open_payment(qtbot, till)
    qtbot.keyClick(dialog.amount, Qt.Key.Key_F2)
    window = dialog.qris_window
    qtbot.waitUntil(lambda: window is not None and window.isVisible())
    (shown,) = decode_qr(window.qr.grab().toImage())
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    with qtbot.waitSignal(till.sale_completed):
        qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is till)
    return shown


def test_a_qris_sale_at_the_till_waits_and_ctrl_q_confirms_it(qtbot, shop, qris_till):
    till = qris_till
    assert not till.awaiting_button.isVisibleTo(till)
    shown = sell_by_qris(qtbot, till)
    assert dict(validate(shown))["54"] == "95000"
    assert statuses(shop) == [("qris", 95_000, "awaiting")]
    assert till.message.text() == (
        "QRIS Rp95.000 awaiting confirmation: check your QRIS or e-wallet app, "
        "then Ctrl+Q to confirm."
    )
    assert till.message.property("tone") == "warn"
    assert till.awaiting_button.isVisibleTo(till)
    assert till.awaiting_button.text() == "1 payment to confirm\nCtrl+Q"

    dialog = open_unconfirmed(qtbot, till)
    assert dialog.model.rowCount() == 1
    assert dialog.summary.text() == "1 awaiting, Rp95.000 in all."
    with qtbot.waitSignal(till.payments_changed):
        qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    assert statuses(shop) == [("qris", 95_000, "confirmed")]
    assert dialog.message.text() == "QRIS Rp95.000 of A-000001 confirmed."
    assert dialog.empty.isVisibleTo(dialog)
    assert not dialog.table.isVisibleTo(dialog)
    assert not dialog.confirm_button.isEnabled()
    assert not till.awaiting_button.isVisibleTo(till)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Escape)
    qtbot.waitUntil(till.scan.hasFocus)


def test_money_received_at_the_till_is_confirmed_at_once(qtbot, shop, qris_till):
    till = qris_till
    scan(qtbot, till, "8991234500164")
    dialog = open_payment(qtbot, till)
    qtbot.keyClick(dialog.amount, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: dialog.qris_window is not None and dialog.qris_window.isVisible())
    qtbot.keyClick(dialog.qris_window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClick(dialog.amount, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(till.sale_completed):
        qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    assert statuses(shop) == [("qris", 95_000, "confirmed")]
    assert not till.awaiting_button.isVisibleTo(till)
    assert till.message.isHidden()


def test_not_received_is_audited_and_the_sale_stays(qtbot, shop, qris_till, monkeypatch):
    till = qris_till
    sell_by_qris(qtbot, till)
    sell_by_qris(qtbot, till, "8991234500218")
    assert till.awaiting_button.text() == "2 payments to confirm\nCtrl+Q"
    questions = []

    def answer(parent, title, label, text="", *, required=False):
        questions.append((title, label))
        return "customer walked off"

    monkeypatch.setattr(TextDialog, "ask", answer)
    dialog = open_unconfirmed(qtbot, till)
    assert [dialog.model.payment(r).sale_number for r in range(2)] == ["A-000001", "A-000002"]
    dialog.table.selectRow(1)
    with qtbot.waitSignal(dialog.payments_changed):
        qtbot.keyClick(dialog.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert questions[0][0] == "Not received: A-000002"
    assert "QRIS payment of Rp55.000 never arrived" in questions[0][1]
    assert statuses(shop) == [("qris", 95_000, "awaiting"), ("qris", 55_000, "not_received")]
    assert dialog.message.text() == (
        "A-000002 marked as not received: the owner should void or refund it."
    )
    assert dialog.model.rowCount() == 1
    assert till.awaiting_button.text() == "1 payment to confirm\nCtrl+Q"
    with shop.db.reading() as session:
        (event,) = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "payment.not_received")
        ).all()
        assert json.loads(event.details)["note"] == "customer walked off"
    assert [s.number for s in shop.sales_history.find()] == ["A-000002", "A-000001"]

    dialog.show_missing.setChecked(True)
    assert dialog.model.rowCount() == 2
    dialog.table.selectRow(1)
    assert dialog.model.data(dialog.model.index(1, 4)) == "Not received"
    assert not dialog.missing_button.isEnabled()
    dialog.confirm_current()
    assert statuses(shop)[1] == ("qris", 55_000, "confirmed")
    assert shop.check() == []


def test_cancelling_not_received_changes_nothing(qtbot, shop, qris_till, monkeypatch):
    sell_by_qris(qtbot, qris_till)
    monkeypatch.setattr(TextDialog, "ask", lambda *args, **kwargs: None)
    dialog = open_unconfirmed(qtbot, qris_till)
    dialog.not_received_current()
    assert statuses(shop) == [("qris", 95_000, "awaiting")]


def test_a_payment_confirmed_elsewhere_is_reported_not_confirmed_twice(qtbot, shop, qris_till):
    sell_by_qris(qtbot, qris_till)
    dialog = open_unconfirmed(qtbot, qris_till)
    (waiting,) = shop.payment_confirmation.awaiting()
    shop.payment_confirmation.confirm(waiting.id, "Budi")
    dialog.confirm_current()
    assert dialog.message.text() == "The payment of A-000001 was already confirmed."
    assert dialog.model.rowCount() == 0


def test_the_history_shows_which_payment_awaits_confirmation(qtbot, shop, sell, products):
    sale = sell((products["coffee"], 1), tenders=[Tender(PaymentMethod.EWALLET, 95_000, "OVO")])
    from bazaar_pos.ui.history.detail import sale_html

    html = sale_html(shop.sales_history.detail(sale.uuid), money_text(shop.settings.load()))
    assert "E-wallet · OVO · awaiting confirmation" in html


def test_the_unconfirmed_model_passes_the_model_tester(qtmodeltester, shop, sell, products):
    sell((products["coffee"], 1), tenders=[Tender(PaymentMethod.QRIS, 95_000)])
    sell((products["glass"], 1), tenders=[Tender(PaymentMethod.EWALLET, 55_000, "DANA")])
    model = UnconfirmedPaymentsModel(money_text(shop.settings.load()))
    model.set_payments(shop.payment_confirmation.awaiting())
    qtmodeltester.check(model)
    assert [model.data(model.index(1, c)) for c in (0, 2, 3, 4, 5)] == [
        "A-000002",
        "E-wallet",
        "Rp55.000",
        "Awaiting",
        "DANA",
    ]
    assert model.total() == 150_000
    assert model.headerData(3, Qt.Orientation.Horizontal) == "Amount"
