from decimal import Decimal

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from bazaar_pos.domain.payment import PaymentMethod, Tender
from bazaar_pos.domain.pricing import Discount, DiscountKind
from bazaar_pos.domain.quantity import whole
from bazaar_pos.services.selling.refunds import RefundItem
from bazaar_pos.store.models import Refund
from bazaar_pos.ui.common.dialogs import TextDialog
from bazaar_pos.ui.common.formatting import money_text
from bazaar_pos.ui.history.refund_dialog import RefundDialog, RefundRequest
from tests.helpers.qt import open_history, ring_up, scan


def test_find_a_sale_by_product_view_it_and_ask_for_a_reprint(qtbot, till):
    till.shop.printer.configure(uri="network://127.0.0.1:9")
    first = ring_up(qtbot, till, "2*KOP-1")
    ring_up(qtbot, till, "KRM-1")
    history = open_history(qtbot, till)
    assert history.model.rowCount() == 2
    assert history.detail.number == "A-000002"  # newest first
    qtbot.keyClicks(history.search, "gayo")
    qtbot.keyClick(history.search, Qt.Key.Key_Return)
    assert history.model.rowCount() == 1
    assert history.detail.uuid == first
    assert "Kopi Gayo 250 g" in history.view.toPlainText()
    assert "Rp190.000" in history.view.toPlainText()
    with qtbot.waitSignal(till.reprint_requested) as reprint:
        qtbot.keyClick(history.search, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert reprint.args == [first]
    assert not history.void.isEnabled()  # not the last sale
    history.search.clear()
    history.reload()
    qtbot.keyClick(history.search, Qt.Key.Key_Down)
    assert history.detail.uuid == first
    qtbot.keyClick(history.search, Qt.Key.Key_Escape)
    qtbot.waitUntil(till.scan.hasFocus)


def test_a_refund_beyond_what_was_sold_is_refused(qtbot, till, shop, monkeypatch):
    sale = ring_up(qtbot, till, "2*KOP-1")
    history = open_history(qtbot, till)
    (line,) = history.detail.lines
    monkeypatch.setattr(
        RefundDialog,
        "ask",
        classmethod(lambda cls, *a, **k: RefundRequest([RefundItem(line.id, whole(3))], False, "")),
    )
    qtbot.keyClick(history.search, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert "2 of 2 can still be refunded, not 3" in history.message.text()
    with shop.db.reading() as session:
        assert session.scalar(select(func.count(Refund.id))) == 0

    monkeypatch.setattr(
        RefundDialog,
        "ask",
        classmethod(
            lambda cls, *a, **k: RefundRequest([RefundItem(line.id, whole(2))], True, "too dark")
        ),
    )
    with qtbot.waitSignal(history.stock_changed):
        qtbot.keyClick(history.search, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert "Give back: Cash Rp190.000" in history.message.text()
    assert not history.refund.isEnabled()
    assert shop.sales_history.detail(sale).summary.refunded == 190_000
    assert shop.catalogue.find_by_code("KOP-1").stock_milli == whole(10)
    assert shop.check() == []


def test_the_refund_dialog_offers_only_what_can_still_be_refunded(qtbot, till, shop):
    sale = ring_up(qtbot, till, "3*KOP-1", "KRM-1")
    detail = shop.sales_history.detail(sale)
    coffee = detail.lines[0]
    shop.refunds.refund(sale, [RefundItem(coffee.id, whole(1))])
    detail = shop.sales_history.detail(sale)
    dialog = RefundDialog(till, detail, money_text(shop.settings.load()))
    qtbot.addWidget(dialog)
    assert [spin.maximum() for spin in dialog.quantities] == [whole(2), whole(1)]
    assert not dialog.ok.isEnabled()
    dialog.quantities[0].setValue(whole(5))  # capped at what is left
    assert dialog.quantities[0].value() == whole(2)
    dialog.damaged[0].setChecked(True)
    assert dialog.total.text() == "To pay back: Rp190.000"
    dialog.select_everything()
    request = dialog.request()
    assert [(i.quantity_milli, i.damaged) for i in request.items] == [
        (whole(2), True),
        (whole(1), False),
    ]
    assert dialog.total.text() == "To pay back: Rp245.000"
    assert not request.to_cash


def test_void_the_sale_just_rung_up_with_a_reason(qtbot, till, shop, monkeypatch):
    ring_up(qtbot, till, "KOP-1")
    last = ring_up(qtbot, till, "2*KRM-1")
    history = open_history(qtbot, till)
    assert history.void.isEnabled()
    monkeypatch.setattr(TextDialog, "ask", classmethod(lambda cls, *a, **k: None))
    qtbot.keyClick(
        history.search,
        Qt.Key.Key_V,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert not shop.sales_history.detail(last).summary.voided  # cancelled: nothing happens
    monkeypatch.setattr(TextDialog, "ask", classmethod(lambda cls, *a, **k: "wrong items"))
    qtbot.keyClick(
        history.search,
        Qt.Key.Key_V,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    detail = shop.sales_history.detail(last)
    assert detail.summary.voided
    assert detail.refunds[0].reason == "wrong items"
    assert history.model.index(0, 5).data() == "Voided"
    assert "A-V000001 recorded" in history.message.text()
    assert not history.void.isEnabled()
    assert shop.catalogue.find_by_code("KRM-1").stock_milli == whole(5)
    assert shop.check() == []


def sell_by_keys(qtbot, till, code):
    """Scan ``code``, F12, Enter: paid in exact cash."""
    scan(qtbot, till, code)
    qtbot.keyClick(till.scan, Qt.Key.Key_F12)
    dialog = till.payment_dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    with qtbot.waitSignal(till.sale_completed) as done:
        qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    qtbot.waitUntil(till.scan.hasFocus)
    return done.args[0]


def test_every_open_starts_on_the_newest_sale_with_the_search_cleared(qtbot, till):
    till.shop.printer.configure(uri="network://127.0.0.1:9")
    sale_a = sell_by_keys(qtbot, till, "8991234500164")
    history = open_history(qtbot, till)
    qtbot.keyClicks(history.search, "gayo")
    qtbot.keyClick(history.search, Qt.Key.Key_Return)
    assert history.detail.uuid == sale_a
    qtbot.keyClick(history.search, Qt.Key.Key_Escape)
    qtbot.waitUntil(till.scan.hasFocus)
    sale_b = sell_by_keys(qtbot, till, "8991234500218")
    history = open_history(qtbot, till)
    assert history.search.text() == ""
    assert history.model.rowCount() == 2
    assert history.table.currentIndex().row() == 0
    assert history.detail.uuid == sale_b
    assert history.void.isEnabled()  # the sale just rung up
    with qtbot.waitSignal(till.reprint_requested) as reprint:
        qtbot.keyClick(history.search, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert reprint.args == [sale_b]


def refund_by_keys(qtbot, history, keys):
    """Ctrl+R, then ``keys(dialog)`` in the refund dialog while it is open; what it saw."""
    seen = {}

    def drive():
        qtbot.waitUntil(lambda: isinstance(QApplication.activeWindow(), RefundDialog))
        dialog = QApplication.activeWindow()
        try:
            keys(dialog, seen)
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, drive)
    qtbot.keyClick(history.search, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    return seen


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def test_the_refund_dialog_by_keyboard_tab_walks_the_quantities_and_ctrl_a_takes_all(
    qtbot, till, shop
):
    ring_up(qtbot, till, "3*KOP-1", "2*KRM-1", "AKS-1")
    history = open_history(qtbot, till)

    def keys(dialog, seen):
        names = [dialog.table.item(row, 0).text() for row in range(3)]
        assert QApplication.focusWidget() is dialog.quantities[0]
        press(qtbot, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is dialog.quantities[1]
        press(qtbot, Qt.Key.Key_1)
        press(qtbot, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is dialog.quantities[2]
        press(qtbot, Qt.Key.Key_1)
        press(qtbot, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        assert QApplication.focusWidget() is dialog.quantities[1]
        seen["typed"] = [spin.value() for spin in dialog.quantities]
        assert dialog.table.editTriggers() == dialog.table.EditTrigger.NoEditTriggers
        assert [dialog.table.item(row, 0).text() for row in range(3)] == names
        press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        seen["all"] = [spin.value() for spin in dialog.quantities]
        press(qtbot, Qt.Key.Key_Escape)

    seen = refund_by_keys(qtbot, history, keys)
    assert seen == {"typed": [0, whole(1), whole(1)], "all": [whole(3), whole(2), whole(1)]}


def test_a_refund_after_a_cart_discount_shows_one_amount_and_says_when_cash_is_rounded(
    qtbot, shop, products, open_till
):
    shop.settings.update(cash_rounding_step=1_000)
    till = open_till(shop)
    scan(qtbot, till, "3*KOP-1")
    scan(qtbot, till, "KRM-1")
    till.cart.discount = Discount(DiscountKind.AMOUNT, Decimal(5_000))
    with qtbot.waitSignal(till.sale_completed) as done:
        till.complete_sale([Tender(PaymentMethod.CASH, 335_000)])
    sale = done.args[0]
    history = open_history(qtbot, till)

    def keys(dialog, seen):
        press(qtbot, Qt.Key.Key_1)
        seen["dialog"] = dialog.total.text()
        press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    seen = refund_by_keys(qtbot, history, keys)
    amount = "Rp93.603, paid out Rp94.000 after cash rounding"
    assert seen == {"dialog": f"To pay back: {amount}"}
    assert history.message.text() == f"A-R000001 recorded: {amount}. Give back: Cash Rp94.000."
    page = history.view.toPlainText()
    assert "Refunded Rp93.603" in page
    assert "paid out Rp94.000 after cash rounding" in page
    assert "-Rp93.603" in page
    assert "Rp94.000" not in page.replace("paid out Rp94.000", "")
    assert shop.sales_history.detail(sale).refunds[0].paid_back == 94_000
