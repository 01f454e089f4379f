"""The Reports screen imports a sales CSV: checked first, asked, then written with progress."""

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from bazaar_pos.store.models import Sale
from bazaar_pos.ui.common.dialogs import Notice
from bazaar_pos.ui.common.progress import ProgressWindow
from bazaar_pos.ui.reports.orders_dialog import OrderImportDialog
from tests.helpers.marketplace_files import shopee_xlsx
from tests.helpers.qt import WAIT, shown_screen


@pytest.fixture
def reports(qtbot, shop):
    screen = shown_screen(qtbot, shop)
    yield screen
    screen.background.wait()  # no job may outlive the screen


def _sales(shop) -> int:
    with shop.db.reading() as session:
        return int(session.scalar(select(func.count()).select_from(Sale)) or 0)


def _notices(monkeypatch) -> list[tuple[str, str, str]]:
    shown: list[tuple[str, str, str]] = []

    def ask(cls, parent, title, text, *, icon=QMessageBox.Icon.Warning, name="notice"):
        shown.append((name, title, text))

    monkeypatch.setattr(Notice, "ask", classmethod(ask))
    return shown


def test_a_sales_file_is_checked_then_imported_and_the_figures_follow(
    qtbot, shop, reports, add_product, write_csv, answers, monkeypatch
):
    add_product("KOP-1", "Kopi", 95_000, stock=10)
    notices = _notices(monkeypatch)
    answers.open_path = write_csv(
        "order_ref,date,sku,qty,payment\n"
        "NB-1,2026-11-20 10:00,KOP-1,2,cash\n"
        "NB-2,2026-11-20 11:00,KOP-1,20,qris\n"
    )
    screen = reports
    qtbot.mouseClick(screen.sales_file_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(notices), timeout=WAIT)
    screen.background.wait()

    assert answers.asked[-1] == (
        "2 sales (2 lines) will be imported.\nStock goes below zero for: KOP-1"
    )
    assert notices == [
        ("salesFileDoneNotice", "Sales imported", "2 sales (2 lines) imported.\n"
         "Stock goes below zero for: KOP-1"),
    ]  # fmt: skip
    assert _sales(shop) == 2

    notices.clear()
    qtbot.mouseClick(screen.sales_file_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(notices), timeout=WAIT)
    assert notices[0][:2] == ("salesFileNothingNotice", "Nothing to import")
    assert "2 were imported before and are skipped." in notices[0][2]
    assert _sales(shop) == 2


def test_a_bad_sales_file_says_where_and_imports_nothing(
    qtbot, shop, reports, add_product, write_csv, answers, monkeypatch
):
    add_product("KOP-1", "Kopi", 95_000, stock=10)
    notices = _notices(monkeypatch)
    answers.open_path = write_csv(
        "order_ref,date,sku,qty\nNB-1,2026-11-20,KOP-1,2\nNB-2,x,KOP-1,1\n"
    )
    screen = reports
    qtbot.mouseClick(screen.sales_file_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(notices), timeout=WAIT)
    name, title, text = notices[0]
    assert (name, title) == ("salesFileNotice", "The sales file was not imported")
    assert "Line 3, column date" in text
    assert _sales(shop) == 0


def test_a_long_sales_import_shows_progress_and_cancel_before_writing_keeps_nothing(
    qtbot, shop, reports, add_product, write_csv, answers, monkeypatch
):
    add_product("KOP-1", "Kopi", 95_000, stock=10)
    notices = _notices(monkeypatch)
    answers.open_path = write_csv("order_ref,date,sku,qty\nNB-1,2026-11-20,KOP-1,2\n")
    go_on = threading.Event()
    real_import = shop.sales_import.import_csv

    def slow(path, *, dry_run=False, progress=None):
        if not dry_run:
            go_on.wait(10)  # long enough for the window to show and Cancel to be pressed
        return real_import(path, dry_run=dry_run, progress=progress)

    monkeypatch.setattr(shop.sales_import, "import_csv", slow)
    screen = reports
    qtbot.mouseClick(screen.sales_file_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.findChild(ProgressWindow) is not None, timeout=WAIT)
    shown = screen.findChild(ProgressWindow)
    qtbot.waitUntil(shown.isVisible, timeout=WAIT)
    assert (shown.windowTitle(), shown.cancel_button.isVisible()) == ("Importing sales", True)
    qtbot.mouseClick(shown.cancel_button, Qt.MouseButton.LeftButton)
    go_on.set()
    qtbot.waitUntil(lambda: screen.findChild(ProgressWindow) is None, timeout=WAIT)
    screen.background.wait()
    assert notices == []  # a cancel is no failure to report
    assert _sales(shop) == 0


def test_stop_in_the_orders_dialog_keeps_the_orders_written_whole(
    qtbot, shop, add_product, tmp_path, monkeypatch
):
    add_product("KOP-1", "Kopi", 95_000, stock=10)
    rows = [
        {
            "No. Pesanan": f"B-{n}",
            "Status Pesanan": "Selesai",
            "Waktu Pesanan Dibuat": "2026-11-20 09:38",
            "Nomor Referensi SKU": "KOP-1",
            "Nama Produk": "Kopi",
            "Harga Setelah Diskon": "90.000",
            "Jumlah": "1",
        }
        for n in range(1, 4)
    ]
    path = shopee_xlsx(tmp_path / "Order.all.xlsx", rows)
    dialog = OrderImportDialog(shop)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.previewed, timeout=WAIT):
        dialog.load(path)
    go_on = threading.Event()
    real_write = shop.order_import.write

    def slow(plan, *, progress=None):
        go_on.wait(10)
        return real_write(plan, progress=progress)

    monkeypatch.setattr(shop.order_import, "write", slow)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.close_button.text() == "Stop"
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert dialog.summary.text() == "Stopping…"
    go_on.set()
    qtbot.waitUntil(lambda: dialog.close_button.text() == "Close", timeout=WAIT)
    dialog.jobs.wait()
    assert dialog.summary.text() == "Cancelled: nothing was changed."
    assert dialog.result_summary is None
    assert _sales(shop) == 0
