"""The printing strip in the main window's status bar: no printer, a printer that fails, Discard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from bazaar_pos.domain.payment import PaymentMethod, Tender
from bazaar_pos.domain.quantity import whole
from bazaar_pos.services.printer.queue import JobStatus
from bazaar_pos.services.products.catalogue import ProductDraft
from bazaar_pos.ui.app.main_window import MainWindow
from tests.helpers.emupos import free_port
from tests.helpers.qt import scan
from tests.helpers.sales import cart_for
from tests.helpers.users import OWNER, act_as


def shown(qtbot, shop):
    window = MainWindow(shop)
    qtbot.addWidget(window)
    window.resize(1366, 740)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def sold(qtbot, window, sell, product, times):
    """Complete ``times`` sales through the till's signal, each failing to print."""
    for _ in range(times):
        sale = sell((product, 1))
        with qtbot.waitSignal(window.printing.job_failed, timeout=10_000):
            window.till.sale_completed.emit(sale.uuid)
    window.printing.wait()


def one_line(status):
    """Whether the strip is one line high, however long its message."""
    return status.height() < 2 * status.message.fontMetrics().height() + 16


def test_without_a_printer_the_strip_says_so_once_calmly_with_the_ways_out(
    qtbot, shop, add_product, sell
):
    window = shown(qtbot, shop)
    status = window.print_status
    sold(qtbot, window, sell, add_product(stock=20), 4)
    assert status.isVisible()
    assert status.message.full_text() == "No receipt printer: 4 receipts not printed."
    assert status.message.property("calm") is True
    assert "saved as a PDF from the sales history (F9)" in status.message.toolTip()
    assert status.set_up.isVisible()
    assert status.no_printer.isVisible()
    assert not status.retry.isVisible()  # nothing to retry on
    assert one_line(status)
    status.set_up.click()
    assert window.stack.currentWidget() is window.settings_screen
    section = window.settings_screen.printer
    assert window.settings_screen.tabs.currentWidget() is section
    section.uri.setText("network://127.0.0.1:9")
    qtbot.mouseClick(section.save_button, Qt.MouseButton.LeftButton)
    assert section.status.text() == "Saved."
    # The strip follows at once, not after a retry.
    assert status.message.full_text() == (
        "4 receipts wait: the printer is set up now, Retry prints them."
    )
    assert status.retry.isVisible()
    assert not status.set_up.isVisible()


def test_no_printer_stops_keeping_receipts_after_a_question(
    qtbot, shop, add_product, sell, answers
):
    window = shown(qtbot, shop)
    status = window.print_status
    product = add_product(stock=20)
    sold(qtbot, window, sell, product, 2)
    answers.confirm = False
    status.no_printer.click()
    assert "Sell without a receipt printer?" in answers.asked[-1]
    assert len(shop.print_queue.waiting()) == 2
    answers.confirm = True
    status.no_printer.click()
    assert shop.printer.settings().no_printer is True
    assert shop.print_queue.waiting() == []
    assert status.isHidden()
    sale = sell((product, 1))
    window.till.sale_completed.emit(sale.uuid)
    window.printing.wait()
    assert shop.print_queue.waiting() == []  # the next sale keeps no receipt to print
    assert status.isHidden()
    window.show_screen(4)
    section = window.settings_screen.printer
    assert section.no_printer.isChecked()
    section.uri.setText("network://127.0.0.1:9")  # a printer after all
    assert not section.no_printer.isChecked()


def test_discard_asks_before_dropping_receipts(qtbot, shop, add_product, sell, answers):
    window = shown(qtbot, shop)
    status = window.print_status
    sold(qtbot, window, sell, add_product(stock=20), 3)
    answers.confirm = False
    status.discard.click()
    assert answers.asked[-1].startswith("Discard 3 receipts not printed?")
    assert [job.status for job in shop.print_queue.waiting()] == [JobStatus.FAILED] * 3
    answers.confirm = True
    status.discard.click()
    assert shop.print_queue.waiting() == []
    assert status.isHidden()


def test_the_locked_screen_cannot_discard_receipts(qtbot, staffed, answers):
    act_as(staffed, OWNER)
    window = shown(qtbot, staffed)
    sale = _sale(staffed)
    with qtbot.waitSignal(window.printing.job_failed, timeout=10_000):
        window.till.sale_completed.emit(sale.uuid)
    window.printing.wait()
    status = window.print_status
    assert status.discard.isEnabled()
    window.lock()
    assert status.isVisible()
    assert not status.discard.isEnabled()
    assert not status.no_printer.isEnabled()
    status.discard.click()
    assert answers.asked == []
    assert len(staffed.print_queue.waiting()) == 1


def _sale(shop):
    product = shop.catalogue.create(ProductDraft(sku="TAS-1", name="Tas Pandan", price=145_000))
    shop.stock.receive(product.id, whole(3))
    cart = cart_for(shop, [(shop.catalogue.get(product.id), 1)])
    return shop.checkout.complete_sale(cart, [Tender(PaymentMethod.CASH, cart.totals().total)])


def test_a_long_printer_error_keeps_the_status_bar_one_line(qtbot, shop, add_product, sell):
    shop.printer.configure(uri=f"network://127.0.0.1:{free_port()}")
    window = shown(qtbot, shop)
    bar_height = window.statusBar().height()
    sold(qtbot, window, sell, add_product(stock=20), 2)
    status = window.print_status
    assert status.message.full_text().startswith("2 receipts not printed. Printer 127.0.0.1:")
    assert status.message.property("calm") is False
    assert one_line(status)
    assert window.statusBar().height() <= bar_height + 20  # the buttons, not a wrapped text
    assert status.message.full_text() in status.message.toolTip()
    assert status.retry.isVisible()
    assert not status.no_printer.isVisible()


def test_a_reprint_without_a_printer_says_so_and_offers_a_pdf(
    qtbot, till, shop, answers, tmp_path
):
    scan(qtbot, till, "KOP-1")
    till.complete_sale([Tender(PaymentMethod.CASH, till.cart.totals().total)])
    qtbot.keyClick(till.scan, Qt.Key.Key_F9)
    history = till.history_dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is history)
    answers.confirm = False
    with qtbot.assertNotEmitted(till.reprint_requested):
        qtbot.keyClick(history.search, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert "sent to the printer" not in history.message.text()
    assert history.message.text() == "No receipt printer is set up, so nothing was printed."
    assert answers.asked[-1] == (
        "No receipt printer is set up. Save the receipt of A-000001 as a PDF instead?"
    )
    answers.confirm = True
    answers.save_path = tmp_path / "A-000001.pdf"
    qtbot.keyClick(history.search, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert answers.save_path.read_bytes().startswith(b"%PDF")
    assert history.message.text() == f"Receipt of A-000001 saved as {answers.save_path}."
    assert shop.print_queue.waiting() == []
