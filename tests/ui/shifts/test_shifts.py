"""The cash drawer and shift dialog driven with keys: open, pay out, count and close, report."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication

from bazaar_pos.domain.cash_count import RUPIAH, CashCount
from bazaar_pos.domain.payment import PaymentMethod, Tender
from bazaar_pos.ui.access.approval import Approvals
from bazaar_pos.ui.common.formatting import money_text
from bazaar_pos.ui.shifts.amount_dialog import AmountDialog
from bazaar_pos.ui.shifts.count_dialog import CashCountDialog
from bazaar_pos.ui.shifts.reports_dialog import ShiftReportsDialog
from bazaar_pos.ui.shifts.shift_dialog import ShiftDialog
from tests.helpers.qt import scan


@pytest.fixture
def dialog(qtbot, shop):
    shown = ShiftDialog(shop, Approvals(shop.access, None))
    qtbot.addWidget(shown)
    shown.reload()
    shown.show()
    shown.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is shown)
    return shown


def test_a_shift_opens_takes_cash_out_and_closes_with_a_count(
    qtbot, shop, till, dialog, monkeypatch, tmp_path
):
    assert dialog.state.text() == "No shift is open"
    assert not dialog.buttons["closeShift"].isEnabled()
    monkeypatch.setattr(AmountDialog, "ask", classmethod(lambda cls, *a, **k: (200_000, "")))
    with qtbot.waitSignal(dialog.changed):
        qtbot.keyClick(dialog, Qt.Key.Key_F2)
    assert dialog.state.text() == "Shift A-S000001 is open"
    scan(qtbot, till, "KOP-1")
    with qtbot.waitSignal(till.sale_completed):
        till.complete_sale([Tender(PaymentMethod.CASH, 100_000)])
    monkeypatch.setattr(
        AmountDialog, "ask", classmethod(lambda cls, *a, **k: (20_000, "ice for the drinks"))
    )
    qtbot.keyClick(dialog, Qt.Key.Key_F4)
    assert dialog.message.text() == "Paid out."
    assert "should be in the drawer now: Rp275.000" in dialog.details.text()

    notes = {d.value: d for d in RUPIAH if d.piece == "note"}
    counted = CashCount.of({notes[100_000]: 2, notes[50_000]: 1, notes[20_000]: 1})
    monkeypatch.setattr(CashCountDialog, "ask", classmethod(lambda cls, *a: (counted, "")))
    qtbot.keyClick(dialog, Qt.Key.Key_F5)
    assert dialog.state.text() == "No shift is open"
    assert dialog.message.text() == (
        "Shift A-S000001 closed. Counted Rp270.000, expected Rp275.000."
    )
    reports = dialog.reports
    reports.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is reports)
    text = reports.text()
    assert "Z report" in text
    assert "Difference (Short)      -Rp5.000" in text
    assert "Rp100.000 x 2          Rp200.000" in text.splitlines()

    monkeypatch.setattr(ShiftReportsDialog, "ask_path", staticmethod(lambda *a: tmp_path / "z.pdf"))
    qtbot.keyClick(reports, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    reports.wait()  # written off the GUI thread; then its message comes back here
    qtbot.waitUntil(lambda: reports.message.text() != "Saving…")
    assert reports.message.text() == f"Saved {tmp_path / 'z.pdf'}."
    assert "Difference (Short)" in PdfReader(tmp_path / "z.pdf").pages[0].extract_text()

    target = tmp_path / "lp0"
    shop.printer.configure(uri=f"file://{target}")
    qtbot.keyClick(reports, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    reports.wait()
    qtbot.waitUntil(lambda: reports.message.text() == "Printed.")
    assert b"Z report" in target.read_bytes()


def test_the_count_dialog_adds_up_notes_coins_and_loose_change(qtbot, shop):
    settings = shop.settings.load()
    count = CashCountDialog(None, "A-S000001", settings.currency, money_text(settings))
    qtbot.addWidget(count)
    count.show()
    note, coin = RUPIAH[0], RUPIAH[8]
    qtbot.keyClicks(count.spins[note], "3")
    qtbot.keyClicks(count.spins[coin], "4")
    qtbot.keyClicks(count.other, "700")
    assert count.total.text() == "Rp302.700"
    assert count.amounts[note].text() == "Rp300.000"
    assert count.count().total == 302_700
    count.other.setText("lots")
    assert count.total.text() == "?"
    count.accept()
    assert count.problem.text() == "Type the other amount as a number, e.g. 750."


@pytest.mark.parametrize("language", ["id", "en"])
def test_a_count_of_pieces_takes_no_thousands_separator(qtbot, shop, language):
    from bazaar_pos.i18n import set_language
    from bazaar_pos.ui.common.translator import follow_language

    set_language(language)
    follow_language(language)  # the app's QLocale: 1.000 is a number in Indonesian
    try:
        settings = shop.settings.load()
        count = CashCountDialog(None, "A-S000001", settings.currency, money_text(settings))
        qtbot.addWidget(count)
        coin = RUPIAH[8]
        qtbot.keyClicks(count.spins[coin], "1.000" if language == "id" else "1,000")
        assert count.spins[coin].text() == "1000"
        assert count.count().total == 1000 * coin.value
    finally:
        QLocale.setDefault(QLocale.system())
