from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from bazaar_pos.domain.payment import PaymentMethod, Tender
from bazaar_pos.services.selling.refunds import RefundItem
from bazaar_pos.store.models import Refund
from bazaar_pos.ui.dialogs import TextDialog
from bazaar_pos.ui.formatting import money_text
from bazaar_pos.ui.history.refund_dialog import RefundDialog, RefundRequest
from tests.ui.conftest import scan


def ring_up(qtbot, till, *codes):
    for code in codes:
        scan(qtbot, till, code)
    with qtbot.waitSignal(till.sale_completed) as done:
        till.complete_sale([Tender(PaymentMethod.CASH, till.cart.totals().total)])
    return done.args[0]


def open_history(qtbot, till):
    qtbot.keyClick(till.scan, Qt.Key.Key_F9)
    dialog = till.history_dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def test_find_a_sale_by_product_view_it_and_ask_for_a_reprint(qtbot, till):
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
        classmethod(lambda cls, *a: RefundRequest([RefundItem(line.id, 3)], False, "")),
    )
    qtbot.keyClick(history.search, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert "2 of 2 can still be refunded, not 3" in history.message.text()
    with shop.db.reading() as session:
        assert session.scalar(select(func.count(Refund.id))) == 0

    monkeypatch.setattr(
        RefundDialog,
        "ask",
        classmethod(lambda cls, *a: RefundRequest([RefundItem(line.id, 2)], True, "too dark")),
    )
    with qtbot.waitSignal(history.stock_changed):
        qtbot.keyClick(history.search, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert "Give back: Cash Rp190.000" in history.message.text()
    assert not history.refund.isEnabled()
    assert shop.sales_history.detail(sale).summary.refunded == 190_000
    assert shop.catalogue.find_by_code("KOP-1").stock == 10
    assert shop.check() == []


def test_the_refund_dialog_offers_only_what_can_still_be_refunded(qtbot, till, shop):
    sale = ring_up(qtbot, till, "3*KOP-1", "KRM-1")
    detail = shop.sales_history.detail(sale)
    coffee = detail.lines[0]
    shop.refunds.refund(sale, [RefundItem(coffee.id, 1)])
    detail = shop.sales_history.detail(sale)
    dialog = RefundDialog(till, detail, money_text(shop.settings.load()))
    qtbot.addWidget(dialog)
    assert [spin.maximum() for spin in dialog.quantities] == [2, 1]
    assert not dialog.ok.isEnabled()
    dialog.quantities[0].setValue(5)  # capped at what is left
    assert dialog.quantities[0].value() == 2
    dialog.damaged[0].setChecked(True)
    assert dialog.total.text() == "To pay back: Rp190.000"
    dialog.select_everything()
    request = dialog.request()
    assert [(i.quantity, i.damaged) for i in request.items] == [(2, True), (1, False)]
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
    assert shop.catalogue.find_by_code("KRM-1").stock == 5
    assert shop.check() == []
