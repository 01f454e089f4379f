from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from bazaar_pos.services.printer.queue import JobStatus
from bazaar_pos.ui.app.main_window import MainWindow
from bazaar_pos.ui.printing.dispatcher import PrintDispatcher
from bazaar_pos.ui.printing.preview import ReceiptPreview
from bazaar_pos.ui.printing.status import PrintStatus
from bazaar_pos.ui.settings.screen import SettingsScreen
from tests.helpers.emupos import free_port


def test_dispatcher_prints_a_completed_sale_off_the_gui_thread(
    qtbot, named_shop, make_sale, tmp_path
):
    target = tmp_path / "lp0"
    named_shop.printer.configure(uri=f"file://{target}")
    dispatcher = PrintDispatcher(named_shop.print_queue)
    sale = make_sale()
    with qtbot.waitSignal(dispatcher.job_done, timeout=10_000) as done:
        dispatcher.print_sale(sale.uuid)
    assert named_shop.print_queue.get(done.args[0]).status is JobStatus.DONE
    assert b"Rp1.440.000" in target.read_bytes()


def test_failure_shows_in_the_status_strip_and_retry_prints(qtbot, named_shop, make_sale, tmp_path):
    named_shop.printer.configure(uri=f"network://127.0.0.1:{free_port()}")
    dispatcher = PrintDispatcher(named_shop.print_queue)
    host = QWidget()  # the status strip lives in the status bar, never as a window
    status = PrintStatus(dispatcher, host)
    qtbot.addWidget(host)
    sale = make_sale()
    with qtbot.waitSignal(dispatcher.job_failed, timeout=10_000) as failed:
        dispatcher.reprint_sale(sale.uuid)
    assert failed.args[0].startswith(f"Receipt {sale.number} was not printed. Printer 127.0.0.1:")
    assert not status.isHidden()
    assert status.message.full_text().startswith("1 receipt not printed. Printer 127.0.0.1:")
    assert "the printer refused the connection" in status.message.full_text()
    named_shop.printer.configure(uri=f"file://{tmp_path / 'lp0'}")
    with qtbot.waitSignal(dispatcher.job_done, timeout=10_000):
        qtbot.mouseClick(status.retry, Qt.MouseButton.LeftButton)
    assert status.isHidden()
    assert named_shop.print_queue.waiting() == []


def test_discard_gives_up_on_failed_receipts(qtbot, named_shop, make_sale, answers):
    dispatcher = PrintDispatcher(named_shop.print_queue)
    host = QWidget()  # the status strip lives in the status bar, never as a window
    status = PrintStatus(dispatcher, host)
    qtbot.addWidget(host)
    with qtbot.waitSignal(dispatcher.job_failed, timeout=10_000):
        dispatcher.print_sale(make_sale().uuid)
    assert status.message.full_text() == "No receipt printer: 1 receipt not printed."
    qtbot.mouseClick(status.discard, Qt.MouseButton.LeftButton)
    assert status.isHidden()
    assert named_shop.print_queue.waiting() == []


def test_preview_shows_the_receipt_as_printed(qtbot, named_shop, make_sale):
    preview = ReceiptPreview()
    qtbot.addWidget(preview)
    receipt = named_shop.receipts.for_sale(make_sale().uuid)
    preview.show_receipt(receipt, 32)
    lines = preview.text().splitlines()
    assert lines[0].strip() == "Toko Batik Sekar"
    assert "TOTAL" + " " * 16 + "Rp1.440.000" in lines
    narrow = preview.paper.width()
    preview.show_receipt(receipt, 48)
    assert preview.paper.width() > narrow
    assert preview.paper.height() > 300


def test_settings_screen_saves_the_printer_and_refuses_bad_addresses(qtbot, shop):
    screen = SettingsScreen(shop)
    qtbot.addWidget(screen)
    section = screen.printer
    section.uri.clear()
    qtbot.keyClicks(section.uri, "usb://0416")
    qtbot.mouseClick(section.save_button, Qt.MouseButton.LeftButton)
    assert "is not a printer address" in section.status.text()
    assert shop.printer.settings().uri == ""
    section.uri.setText("network://192.168.1.50")
    section.paper.setCurrentIndex(section.paper.findData(48))
    section.drawer.setChecked(True)
    section.social.setText("@sekar")
    qtbot.mouseClick(section.save_button, Qt.MouseButton.LeftButton)
    assert section.status.text() == "Saved."
    stored = shop.printer.settings()
    assert (stored.uri, stored.paper_mm, stored.drawer_on_cash, stored.social) == (
        "network://192.168.1.50:9100",
        80,
        True,
        "@sekar",
    )
    assert "@sekar" in screen.preview.text()
    assert screen.preview.columns == 48


PAPERS = [
    "58 mm (32 characters a line)",
    "80 mm (48 characters a line)",
    "80 mm, 42-column mode (42 characters a line)",
]


def test_settings_offers_80mm_in_42_column_mode_and_saves_it(qtbot, shop):
    screen = SettingsScreen(shop)
    qtbot.addWidget(screen)
    section = screen.printer
    assert [section.paper.itemText(i) for i in range(section.paper.count())] == PAPERS
    assert section.paper.currentText() == PAPERS[0]
    section.uri.setText("network://192.168.1.50")
    for _ in range(2):
        qtbot.keyClick(section.paper, Qt.Key.Key_Down)
    assert section.paper.currentText() == PAPERS[2]
    assert screen.preview.columns == 42  # the preview follows the choice before it is saved
    qtbot.mouseClick(section.save_button, Qt.MouseButton.LeftButton)
    assert section.status.text() == "Saved."
    stored = shop.printer.settings()
    assert (stored.paper_mm, stored.columns) == (80, 42)
    assert max(map(len, screen.preview.text().splitlines())) == 42
    again = SettingsScreen(shop)
    qtbot.addWidget(again)
    assert again.printer.paper.currentText() == PAPERS[2]
    assert again.preview.columns == 42
    qtbot.keyClick(again.printer.paper, Qt.Key.Key_Up)
    qtbot.mouseClick(again.printer.save_button, Qt.MouseButton.LeftButton)
    assert (shop.printer.settings().paper_mm, shop.printer.settings().columns) == (80, 48)


def test_settings_test_page_runs_in_the_background(qtbot, shop, tmp_path):
    screen = SettingsScreen(shop)
    qtbot.addWidget(screen)
    section = screen.printer
    target = tmp_path / "lp0"
    section.uri.setText(f"file://{target}")
    qtbot.mouseClick(section.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: section.status.text() == "Test page printed.", timeout=10_000)
    assert b"Printer test" in target.read_bytes()
    qtbot.mouseClick(section.drawer_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: section.status.text() == "Drawer opened.", timeout=10_000)
    qtbot.mouseClick(section.find_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: " found." in section.status.text(), timeout=10_000)
    assert section.find_button.isEnabled()


def test_settings_reports_a_printer_that_cannot_be_reached(qtbot, shop):
    screen = SettingsScreen(shop)
    qtbot.addWidget(screen)
    section = screen.printer
    section.uri.setText(f"network://127.0.0.1:{free_port()}")
    qtbot.mouseClick(section.test_button, Qt.MouseButton.LeftButton)
    refused = "the printer refused the connection"
    qtbot.waitUntil(lambda: refused in section.status.text(), timeout=10_000)
    assert section.test_button.isEnabled()


def test_main_window_has_the_settings_screen_on_ctrl_5(qtbot, shop):
    window = MainWindow(shop)
    qtbot.addWidget(window)
    window.show_screen(4)
    assert window.stack.currentWidget().objectName() == "settingsScreen"
    assert window.print_status.isHidden()


def test_preview_paints_text_logo_and_qr(qtbot, named_shop, make_sale, tmp_path):
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (400, 100), (20, 120, 60)).save(logo)
    named_shop.printer.configure(logo_path=str(logo), qr_data="https://sekar.id")
    preview = ReceiptPreview()
    qtbot.addWidget(preview)
    receipt = named_shop.receipts.for_sale(make_sale().uuid)
    preview.show_receipt(receipt, 32)
    without_pictures = preview.paper.height()
    image = preview.paper.grab().toImage()
    assert image.width() == preview.paper.width()
    top = {image.pixelColor(x, 20).name() for x in range(0, image.width(), 4)}
    assert "#ffffff" in top
    assert len(top) > 1  # the logo, drawn in grey, sits at the top
    bottom = {image.pixelColor(x, image.height() - 60).name() for x in range(image.width())}
    assert "#000000" in bottom  # the QR code near the end
    assert without_pictures > len(preview.text().splitlines()) * 10


def test_printer_settings_choose_the_qris_on_the_receipt(qtbot, shop):
    screen = SettingsScreen(shop)
    qtbot.addWidget(screen)
    section = screen.printer
    assert not section.qris_on_receipt.isChecked()
    qtbot.keyClick(section.qris_on_receipt, Qt.Key.Key_Space)
    qtbot.mouseClick(section.save_button, Qt.MouseButton.LeftButton)
    assert section.status.text() == "Saved."
    assert shop.printer.settings().qris_on_receipt is True
    section.load()
    assert section.qris_on_receipt.isChecked()


class NoBackendError(ValueError):
    """Stands in for pyusb's error when libusb is missing (same name)."""


def test_find_printers_says_why_usb_was_not_searched_and_skips_bare_serial_ports(
    qtbot, shop, monkeypatch
):
    from types import SimpleNamespace

    from serial.tools import list_ports

    from bazaar_pos.printing import detect

    def no_libusb():
        raise NoBackendError("No backend available")

    ports = [
        SimpleNamespace(device="/dev/ttyS0", description="n/a"),
        SimpleNamespace(device="/dev/rfcomm0", description="n/a"),
        SimpleNamespace(device="/dev/ttyUSB0", description="USB Serial"),
    ]
    monkeypatch.setattr(detect, "_usb_printers", no_libusb)
    monkeypatch.setattr(detect, "_printer_ports", list)
    monkeypatch.setattr(list_ports, "comports", lambda: ports)
    monkeypatch.setattr(detect.sys, "platform", "linux")
    screen = SettingsScreen(shop)
    qtbot.addWidget(screen)
    section = screen.printer
    qtbot.mouseClick(section.find_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(section.find_button.isEnabled, timeout=10_000)
    assert section.status.text().startswith("2 found. USB printers cannot be searched here")
    assert "libusb" in section.status.text()
    assert "udev rule" in section.status.text()
    listed = [section.detected.itemText(i) for i in range(section.detected.count())]
    assert listed == ["Serial port /dev/rfcomm0", "Serial port /dev/ttyUSB0 (USB Serial)"]
    monkeypatch.setattr(detect.sys, "platform", "win32")
    qtbot.mouseClick(section.find_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(section.find_button.isEnabled, timeout=10_000)
    assert "Windows driver" in section.status.text()


def test_receipts_left_by_a_previous_run_show_just_after_start_and_this_runs_stay_queued(
    qtbot, named_shop, make_sale
):
    sale = make_sale()
    left_over = named_shop.print_queue.enqueue_receipt(sale.uuid)  # the app closed before printing
    dispatcher = PrintDispatcher(named_shop.print_queue)
    host = QWidget()  # the status strip lives in the status bar, never as a window
    status = PrintStatus(dispatcher, host)
    qtbot.addWidget(host)
    assert status.isHidden()  # the queue is looked at after start-up, not while the till builds
    this_run = named_shop.print_queue.enqueue_receipt(sale.uuid, reprint=True)

    with qtbot.waitSignal(dispatcher.queue_changed, timeout=10_000):
        pass
    assert named_shop.print_queue.get(left_over.uuid).status is JobStatus.FAILED
    assert named_shop.print_queue.get(this_run.uuid).status is JobStatus.QUEUED
    assert not status.isHidden()
    assert status.message.full_text() == "No receipt printer: 1 receipt not printed."
