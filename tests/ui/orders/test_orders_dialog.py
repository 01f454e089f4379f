"""The Orders window driven by keys: a new order with its DP, more DP, ready, pickup, cancel."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from bazaar_pos.domain.payment import PaymentMethod, Tender
from bazaar_pos.domain.quantity import whole
from bazaar_pos.i18n import set_language
from bazaar_pos.services.customers.views import CustomerDraft
from bazaar_pos.services.orders.views import OrderDraft, OrderLineDraft, OrderStatus
from bazaar_pos.store.models import Payment, Sale
from bazaar_pos.ui.access.approval import Approvals
from bazaar_pos.ui.common import whatsapp
from bazaar_pos.ui.orders import money_dialogs, new_order
from bazaar_pos.ui.orders.dialog import DUE_SOON, OVERDUE, OrdersDialog
from bazaar_pos.ui.orders.money_dialogs import CancelChoice
from tests.helpers.qt import owner_answers
from tests.helpers.users import CASHIER, OWNER_PIN, act_as

CTRL = Qt.KeyboardModifier.ControlModifier


def show(qtbot, shop):
    dialog = OrdersDialog(shop, Approvals(shop.access, None))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def place(shop, product, *, name="Ibu Ratna", phone="0812 3456 789", days=3, deposit=100_000):
    customer = shop.customers.add(CustomerDraft(name, phone=phone))
    return shop.orders.create(
        OrderDraft(
            customer.id,
            (OrderLineDraft(whole(1), product_id=product.id),),
            date.today() + timedelta(days),
        ),
        Tender(PaymentMethod.CASH, deposit),
    )


@pytest.fixture
def scarf(add_product):
    return add_product("SYL-1", "Selendang sutra", 250_000, barcode="8991234500300", stock=2)


def test_a_new_order_is_typed_with_keys_and_its_dp_suggested(qtbot, shop, scarf, monkeypatch):
    shown = {}

    def ask(cls, shop_, parent):
        dialog = cls(shop_, parent)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
        shown["dialog"] = dialog
        qtbot.keyClicks(dialog.customer_search, "Bu Wati")
        assert dialog.chosen_customer() is None
        assert "added as a new customer" in dialog.customer_hint.text()
        qtbot.keyClicks(dialog.new_phone, "0813 2222 3333")
        qtbot.keyClicks(dialog.product_search, "8991234500300")
        qtbot.keyClick(dialog.product_search, Qt.Key.Key_Return)
        assert dialog.isVisible(), "Enter adds the product; it does not save"
        qtbot.keyClicks(dialog.made_name, "Batik tulis, motif parang, 2 m")
        qtbot.keyClick(dialog.made_name, Qt.Key.Key_Return)
        assert dialog.made_price.hasFocus()
        qtbot.keyClicks(dialog.made_price, "850rb")
        qtbot.keyClick(dialog.made_price, Qt.Key.Key_Return)
        assert [line.name for line in dialog.lines] == [
            "Selendang sutra",
            "Batik tulis, motif parang, 2 m",
        ]
        assert dialog.total.text() == "Total Rp1.100.000"
        assert dialog.suggestion.text() == "Suggested: Rp550.000 (50 %)"
        assert dialog.deposit.value() == 550_000
        dialog.deposit.selectAll()
        qtbot.keyClicks(dialog.deposit, "500rb")
        qtbot.keyClick(dialog.deposit, Qt.Key.Key_S, CTRL)
        return dialog.saved

    monkeypatch.setattr(new_order.NewOrderDialog, "ask", classmethod(ask))
    dialog = show(qtbot, shop)
    assert dialog.count.text() == "0 orders"
    qtbot.keyClick(dialog.table, Qt.Key.Key_N, CTRL)
    assert not shown["dialog"].isVisible()
    order = dialog.current()
    assert order is not None
    assert (order.number, order.customer_name, order.total) == ("PO-A-0001", "Bu Wati", 1_100_000)
    assert (order.deposit, order.balance) == (500_000, 600_000)
    assert order.customer_phone == "6281322223333"
    assert dialog.message.text() == "Order PO-A-0001 saved. Ctrl+P prints its slip."
    assert shop.stock.reserved() == {scarf.id: whole(1)}


def test_overdue_and_due_this_week_are_highlighted_and_filtered(qtbot, shop, scarf):
    place(shop, scarf, name="Pak Joko", phone="", days=-2)
    place(shop, scarf, name="Ibu Ratna", days=3)
    place(shop, scarf, name="Mbak Sari", phone="", days=20)
    dialog = show(qtbot, shop)
    assert [o.customer_name for o in dialog.orders] == ["Pak Joko", "Ibu Ratna", "Mbak Sari"]
    assert dialog.table.item(0, 3).text() == "Ordered, overdue"
    assert dialog.table.item(0, 0).background().color() == OVERDUE
    assert dialog.table.item(1, 0).background().color() == DUE_SOON
    assert dialog.table.item(2, 0).background().style() == Qt.BrushStyle.NoBrush
    qtbot.keyClick(dialog.table, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(dialog.this_week.isChecked)  # a letter presses after a flash
    assert [o.customer_name for o in dialog.orders] == ["Pak Joko", "Ibu Ratna"]


def test_more_dp_ready_whatsapp_and_pickup_through_the_payment_screen(
    qtbot, shop, scarf, monkeypatch
):
    set_language("id")
    order = place(shop, scarf)
    opened = []
    monkeypatch.setattr(whatsapp, "opener", lambda url: opened.append(url) or True)

    def deposit(cls, parent, settings, left, suggested):
        dialog = cls(parent, settings, left, suggested)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
        assert dialog.amount.value() == 150_000
        dialog.amount.clear()
        qtbot.keyClicks(dialog.amount, "50rb")
        dialog.method.setCurrentIndex(2)  # transfer
        qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
        return dialog.tender

    monkeypatch.setattr(money_dialogs.DepositDialog, "ask", classmethod(deposit))
    dialog = show(qtbot, shop)
    qtbot.keyClick(dialog.table, Qt.Key.Key_D, CTRL)
    assert dialog.current().deposit == 150_000
    dialog.activateWindow()  # as when the modal DP dialog closes
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClick(dialog.table, Qt.Key.Key_R, CTRL)
    assert dialog.current().status is OrderStatus.READY
    assert not dialog.ready_button.isEnabled()
    qtbot.keyClick(dialog.table, Qt.Key.Key_W, CTRL)
    (url,) = opened
    assert isinstance(url, QUrl)
    assert url.toString().startswith("https://wa.me/628123456789?text=")
    text = url.query(QUrl.ComponentFormattingOption.FullyDecoded)
    assert "sudah siap diambil, sisa pembayaran Rp100.000" in text

    qtbot.keyClick(dialog.table, Qt.Key.Key_F12)
    payment = dialog.payment_dialog
    assert payment is not None
    assert payment.due.text() == "Rp100.000"
    with qtbot.waitSignal(dialog.sale_completed) as sold:
        qtbot.keyClicks(payment.amount, "150rb")
        qtbot.keyClick(payment.amount, Qt.Key.Key_Return)
    assert dialog.current() is None  # picked up: no longer waiting
    assert "Kembalian Rp50.000" in dialog.message.text()
    with shop.db.reading() as session:
        sale = session.scalars(select(Sale).where(Sale.uuid == sold.args[0])).one()
        paid = sorted(
            (p.method, p.amount_minor)
            for p in session.scalars(select(Payment).where(Payment.sale_id == sale.id))
        )
    assert sale.total_minor == 250_000
    assert paid == [("cash", 100_000), ("deposit", 150_000)]
    assert shop.orders.get(order.id).status is OrderStatus.PICKED_UP
    assert shop.catalogue.get(scarf.id).stock_milli == whole(1)


def test_slip_saved_as_pdf_from_the_window(qtbot, shop, scarf, answers, tmp_path):
    place(shop, scarf)
    answers.save_path = tmp_path / "slip.pdf"
    dialog = show(qtbot, shop)
    qtbot.keyClick(dialog.table, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: dialog.message.text().startswith("Saved"), timeout=10_000)
    assert answers.save_path.read_bytes().startswith(b"%PDF")
    assert answers.asked == ["Save the order slip"]


@pytest.mark.staffed
def test_a_cashier_cancels_with_the_owners_pin_and_the_dp_is_refunded(
    qtbot, shop, scarf, monkeypatch
):
    act_as(shop, CASHIER)
    order = place(shop, scarf)
    monkeypatch.setattr(
        money_dialogs.CancelDialog,
        "ask",
        classmethod(lambda cls, parent, number, deposit: CancelChoice(True, "Tidak jadi")),
    )
    dialog = show(qtbot, shop)
    reasons = owner_answers(qtbot, OWNER_PIN)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Delete, CTRL)
    assert reasons
    cancelled = shop.orders.get(order.id)
    assert cancelled.status is OrderStatus.CANCELLED
    assert cancelled.deposit_outcome == "refunded"
    assert dialog.message.text() == "Order cancelled, the DP refunded."
    assert shop.stock.reserved() == {}


@pytest.mark.staffed
def test_without_the_owners_pin_the_order_stays(qtbot, shop, scarf, monkeypatch):
    act_as(shop, CASHIER)
    order = place(shop, scarf)
    monkeypatch.setattr(
        money_dialogs.CancelDialog,
        "ask",
        classmethod(lambda cls, parent, number, deposit: CancelChoice(False, "Tidak diambil")),
    )
    dialog = show(qtbot, shop)
    owner_answers(qtbot)  # the owner is not there: the approval is cancelled
    qtbot.keyClick(dialog.table, Qt.Key.Key_Delete, CTRL)
    assert shop.orders.get(order.id).status is OrderStatus.OPEN
    assert "Not approved" in dialog.message.text()


def test_ctrl_shift_o_opens_the_orders_from_the_main_window(qtbot, shop, scarf):
    from bazaar_pos.ui.app.main_window import MainWindow

    place(shop, scarf)
    window = MainWindow(shop)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    shift_control = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window, Qt.Key.Key_O, shift_control)
    qtbot.waitUntil(lambda: window.orders_dialog is not None and window.orders_dialog.isVisible())
    assert [o.number for o in window.orders_dialog.orders] == ["PO-A-0001"]
    window.orders_dialog.reject()


def test_the_audit_log_names_an_order_by_its_number(shop, scarf):
    from bazaar_pos.services.people.audit_log import AuditFilter
    from bazaar_pos.store.types import utcnow
    from bazaar_pos.ui.audit.details import details_text
    from bazaar_pos.ui.audit.labels import action_label
    from bazaar_pos.ui.audit.model import about_text
    from bazaar_pos.ui.common.formatting import money_text

    place(shop, scarf)
    now = utcnow()
    where = AuditFilter(now - timedelta(minutes=5), now + timedelta(minutes=5), None, None)
    taken = [e for e in shop.audit.find(where) if e.action == "order.deposit"]
    (entry,) = taken
    assert action_label(entry.action) == "Down payment taken"
    assert about_text(entry) == "Order PO-A-0001"
    assert "Amount: Rp100.000" in details_text(entry, money_text(shop.settings.load()))
