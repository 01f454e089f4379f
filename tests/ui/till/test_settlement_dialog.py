"""Import settlement report: a preview with choices and checks, then the confirmations written."""

from datetime import datetime

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QPushButton
from sqlalchemy import select

from bazaar_pos.domain.periods import local_time
from bazaar_pos.store.models import Payment
from bazaar_pos.ui.common.formatting import money_text
from bazaar_pos.ui.till.payment.settlement_columns import SettlementColumnsDialog
from bazaar_pos.ui.till.payment.settlement_dialog import SettlementDialog
from bazaar_pos.ui.till.payment.unconfirmed_dialog import UnconfirmedPaymentsDialog
from tests.helpers.audit import audit
from tests.helpers.settlement_files import (
    BANK_HEADER,
    BANK_PREAMBLE,
    JAKARTA,
    qris_day,
    report_csv,
)

WAIT = 20_000


@pytest.fixture
def day(shop):
    return qris_day(shop)


@pytest.fixture
def mutation(tmp_path):
    rows = [
        ["05/12/2026 10:02", "QRIS 93600", "0998", "", "45,000.00", "1,045,000.00"],
        ["05/12/2026 10:40", "TRF KE UD MAJU", "0998", "100,000.00", "", "945,000.00"],
        ["05/12/2026 11:03", "QRIS 93601", "0998", "", "50,000.00", "995,000.00"],
        ["05/12/2026 12:01", "QRIS 93602", "0998", "", "120,000.00", "1,115,000.00"],
        ["05/12/2026 14:00", "SETORAN TUNAI", "0998", "", "20,000.00", "1,135,000.00"],
    ]
    return report_csv(tmp_path / "mutasi.csv", BANK_HEADER, rows, preamble=BANK_PREAMBLE)


def statuses(shop):
    with shop.db.reading() as session:
        return {
            p.sale.number: (p.status, p.confirmed_by)
            for p in session.scalars(select(Payment).where(Payment.method == "qris"))
        }


def table_rows(table):
    return [
        [
            table.item(row, column).text() if table.item(row, column) else ""
            for column in range(table.columnCount())
        ]
        for row in range(table.rowCount())
    ]


def make_dialog(qtbot, shop):
    dialog = SettlementDialog(shop.settlement, money_text(shop.settings.load()), by="Dewi")
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_preview_shows_every_row_a_chooser_and_the_payments_to_check(
    qtbot, shop, day, mutation, answers
):
    answers.open_path = mutation
    before = statuses(shop)
    dialog = make_dialog(qtbot, shop)
    with qtbot.waitSignal(dialog.previewed, timeout=WAIT):
        qtbot.mouseClick(
            dialog.findChild(QPushButton, "settlementChoose"), Qt.MouseButton.LeftButton
        )
    rows = table_rows(dialog.table)
    assert [row[0] for row in rows] == ["5", "7", "8", "9"]
    assert rows[0][1:] == [
        local_time(datetime(2026, 12, 5, 10, 2, tzinfo=JAKARTA)),
        "Rp45.000",
        "QRIS 93600",
        f"confirms {day['paid'].number} ({local_time(day['paid'].created_at)})",
    ]
    assert rows[2][4] == f"already confirmed: {day['seen'].number}"
    assert rows[3][4] == "no QRIS payment at the till"
    chooser = dialog.table.cellWidget(1, 4)
    assert chooser is dialog.choosers[7]
    assert [chooser.itemText(i).split()[0] for i in range(1, chooser.count())] == [
        day["twin_a"].number,
        day["twin_b"].number,
    ]
    assert chooser.currentData() is None
    assert dialog.check_table.isVisibleTo(dialog)
    assert table_rows(dialog.check_table) == [
        [day["fake"].number, local_time(day["fake"].created_at), "Rp350.000", "Sari"]
    ]
    assert dialog.check_label.property("tone") == "warn"
    table = dialog.check_table  # as tall as its rows: no empty space under the one payment
    assert table.height() == (
        table.horizontalHeader().height() + table.rowHeight(0) + 2 * table.frameWidth()
    )
    assert dialog.check_label.text().startswith(
        "Check this: 1 QRIS payment confirmed at the till is not in the report."
    )
    assert dialog.summary.text() == (
        "Rows read: 5 (passed over: 1). To confirm: 1. To pick: 1. Already confirmed: 1. "
        "Not from the till: 1."
    )
    assert dialog.confirm_button.text() == "&Confirm 1 payment"
    assert statuses(shop) == before  # nothing written by the preview

    chooser.setFocus()
    qtbot.keyClick(chooser, Qt.Key.Key_Down)
    qtbot.keyClick(chooser, Qt.Key.Key_Down)
    assert chooser.currentData() is not None
    assert "To pick: 0." in dialog.summary.text()
    assert dialog.confirm_button.text() == "&Confirm 2 payments"
    with qtbot.waitSignal(dialog.confirmed, timeout=WAIT):
        qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    assert dialog.summary.text() == "2 payments confirmed from the report."
    assert not chooser.isEnabled()
    found = statuses(shop)
    assert found[day["paid"].number] == ("confirmed", "settlement report mutasi.csv")
    assert found[day["twin_b"].number] == ("confirmed", "settlement report mutasi.csv")
    assert found[day["twin_a"].number] == ("awaiting", "")
    assert [actor for actor, _details in audit(shop, "payment.confirmed")] == ["Dewi", "Dewi"]
    assert dialog.close_button.text() == "Close"


def test_a_broken_report_lists_its_problems_and_cannot_be_confirmed(
    qtbot, shop, day, tmp_path
):
    broken = report_csv(
        tmp_path / "mutasi.csv",
        BANK_HEADER,
        [["05/12/2026 10:02", "QRIS", "0998", "", "empat lima", ""]],
        preamble=BANK_PREAMBLE,
    )
    dialog = make_dialog(qtbot, shop)
    with qtbot.waitSignal(dialog.previewed, timeout=WAIT):
        dialog.load(broken)
    assert table_rows(dialog.table) == [
        ["5", "", "", "", "Line 5, column Kredit: 'empat lima' is not an amount in Rupiah"]
    ]
    assert dialog.summary.text().startswith("1 problem (in red).")
    assert not dialog.confirm_button.isEnabled()
    assert not dialog.check_table.isVisibleTo(dialog)


def test_an_unknown_file_is_mapped_by_hand_and_the_columns_kept_for_next_time(
    qtbot, shop, day, tmp_path
):
    report = report_csv(
        tmp_path / "dompet.csv",
        ["Kode Toko", "Jam Bayar", "Jumlah Diterima", "No Ref"],
        [["T1", "05-12-2026 10:01", "45.000", "D1"]],
    )
    dialog = make_dialog(qtbot, shop)
    dialog.load(report)
    qtbot.waitUntil(lambda: "none of the known report shapes" in dialog.summary.text())
    seen = {}

    def drive():
        qtbot.waitUntil(
            lambda: isinstance(QApplication.activeModalWidget(), SettlementColumnsDialog)
        )
        columns = QApplication.activeModalWidget()
        try:
            ok = columns.buttons.button(QDialogButtonBox.StandardButton.Ok)
            seen["headers"] = [
                columns.choosers["time"].itemText(i)
                for i in range(columns.choosers["time"].count())
            ]
            seen["ok_at_first"] = ok.isEnabled()
            time = columns.choosers["time"]
            time.setFocus()
            qtbot.keyClicks(time, "Jam")
            amount = columns.choosers["amount"]
            amount.setCurrentIndex(amount.findText("Jumlah Diterima"))
            qtbot.keyClicks(columns.name, "dompet")
            qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        finally:
            if columns.isVisible():
                columns.reject()

    QTimer.singleShot(0, drive)
    with qtbot.waitSignal(dialog.previewed, timeout=WAIT):
        qtbot.mouseClick(dialog.map_button, Qt.MouseButton.LeftButton)
    assert seen == {
        "headers": ["(none)", "Kode Toko", "Jam Bayar", "Jumlah Diterima", "No Ref"],
        "ok_at_first": False,
    }
    assert dialog.columns.currentText() == "dompet"
    assert dialog.plan.confirm[0][1].sale_number == day["paid"].number
    assert shop.settlement.presets()["dompet"] == {"time": "Jam Bayar", "amount": "Jumlah Diterima"}
    assert shop.settlement.plan(report).preset == "dompet"  # recognised from now on


def test_an_unknown_file_is_read_again_with_the_columns_chosen(qtbot, shop, day, tmp_path):
    report = report_csv(
        tmp_path / "laporan.csv",
        ["Waktu Transaksi", "Nominal", "RRN"],
        [["2026-12-05 10:01", "Rp 45.000", "61"]],
    )
    dialog = make_dialog(qtbot, shop)
    with qtbot.waitSignal(dialog.previewed, timeout=WAIT, raising=False):
        dialog.load(report)
    qtbot.waitUntil(lambda: "none of the known report shapes" in dialog.summary.text())
    assert not dialog.confirm_button.isEnabled()
    mapping = {"time": "Waktu Transaksi", "amount": "Nominal"}
    shop.settlement.save_preset("qris-tanpa-status", mapping)
    dialog = make_dialog(qtbot, shop)
    dialog.columns.setCurrentIndex(dialog.columns.findData("qris-tanpa-status"))
    with qtbot.waitSignal(dialog.previewed, timeout=WAIT):
        dialog.load(report)
    assert dialog.confirm_button.isEnabled()


def test_the_unconfirmed_payments_screen_opens_the_import(qtbot, shop, day, mutation, answers):
    answers.open_path = mutation
    money = money_text(shop.settings.load())
    screen = UnconfirmedPaymentsDialog(
        shop.payment_confirmation, money, cashier="Sari", settlement=lambda: shop.settlement
    )
    qtbot.addWidget(screen)
    screen.show()
    screen.reload()
    assert screen.model.rowCount() == 3

    def drive():
        qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), SettlementDialog))
        dialog = QApplication.activeModalWidget()
        try:
            with qtbot.waitSignal(dialog.previewed, timeout=WAIT):
                dialog.choose()
            with qtbot.waitSignal(dialog.confirmed, timeout=WAIT):
                qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
        finally:
            dialog.accept()

    QTimer.singleShot(0, drive)
    with qtbot.waitSignal(screen.payments_changed, timeout=WAIT):
        qtbot.mouseClick(screen.settle_button, Qt.MouseButton.LeftButton)
    assert screen.model.rowCount() == 2
    assert screen.message.text() == "1 payment confirmed from the settlement report."
    assert statuses(shop)[day["paid"].number] == ("confirmed", "settlement report mutasi.csv")


def test_alt_i_opens_the_import_from_the_unconfirmed_payments(qtbot, shop, monkeypatch):
    asked = []
    monkeypatch.setattr(
        SettlementDialog, "ask", classmethod(lambda cls, *args, **kwargs: asked.append(kwargs))
    )
    money = money_text(shop.settings.load())
    screen = UnconfirmedPaymentsDialog(
        shop.payment_confirmation, money, cashier="Sari", settlement=lambda: shop.settlement
    )
    qtbot.addWidget(screen)
    screen.show()
    screen.reload()
    screen.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is screen)
    qtbot.keyClick(screen, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: asked == [{"by": "Sari"}], timeout=5_000)
