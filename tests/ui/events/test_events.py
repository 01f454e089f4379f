"""The events dialog: type an event, sell at it, and read how it went (the owner's report)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from bazaar_pos.domain.payment import PaymentMethod, Tender
from bazaar_pos.store.models import Sale
from bazaar_pos.ui.access.approval import ApprovalDialog, Approvals
from bazaar_pos.ui.events.dialog import EventsDialog
from tests.helpers.qt import scan
from tests.helpers.users import CASHIER, OWNER_PIN, act_as


def show(qtbot, shop):
    dialog = EventsDialog(shop, Approvals(shop.access, None))
    qtbot.addWidget(dialog)
    dialog.reload()
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def test_an_event_is_typed_opened_sold_at_and_reported(qtbot, shop, till):
    dialog = show(qtbot, shop)
    assert dialog.current() is None  # no events yet: a new one is ready to type
    assert dialog.name.hasFocus()
    qtbot.keyClicks(dialog.name, "Pasar Kangen")
    qtbot.keyClicks(dialog.place, "Taman Budaya Yogyakarta")
    dialog.starts.setDate(QDate(2026, 11, 20))
    dialog.ends.setDate(QDate(2026, 11, 22))
    qtbot.keyClicks(dialog.booth_fee, "750rb")
    with qtbot.waitSignal(dialog.changed):
        qtbot.keyClick(dialog.name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    event = dialog.current()
    assert (event.name, event.booth_fee, event.status) == ("Pasar Kangen", 750_000, "planned")
    assert dialog.list.item(0).text() == (
        "Pasar Kangen\n20 Nov – 22 Nov 2026 · Taman Budaya Yogyakarta · planned"
    )
    qtbot.keyClick(dialog.name, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert shop.events.current().id == event.id
    assert dialog.message.text() == "Sales are now tagged with it."

    scan(qtbot, till, "2*KOP-1")
    with qtbot.waitSignal(till.sale_completed) as sold:
        till.complete_sale([Tender(PaymentMethod.CASH, 190_000)])
    with shop.db.reading() as session:
        assert session.scalar(select(Sale.event_id).where(Sale.uuid == sold.args[0])) == event.id

    dialog.reload()
    lines = dialog.report.toPlainText().splitlines()
    assert lines[0] == "How Pasar Kangen went"
    assert lines[lines.index("Booth fee") + 1] == "-Rp750.000"
    # 190.000 taken, 100.000 of goods, 750.000 for the booth
    assert lines[lines.index("Lost at the event") + 1] == "-Rp660.000"
    assert lines[lines.index("Kopi Gayo 250 g") + 1 :][:2] == ["2", "Rp190.000"]


def test_a_cashier_needs_the_owner_to_see_costs_and_profit(qtbot, staffed, monkeypatch):
    from datetime import date

    from bazaar_pos.services.shifts.events import EventDraft

    act_as(staffed, CASHIER)
    staffed.events.create(EventDraft("Pasar Kangen", date(2026, 11, 20), date(2026, 11, 22)))
    dialog = show(qtbot, staffed)
    assert "Ctrl+R asks for the owner's PIN" in dialog.report.toPlainText()
    monkeypatch.setattr(ApprovalDialog, "ask", classmethod(lambda cls, *a: None))
    qtbot.keyClick(dialog.list, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert dialog.message.text() == "Not approved: nothing was done."
    monkeypatch.setattr(
        ApprovalDialog,
        "ask",
        classmethod(lambda cls, parent, access, needed, *a: access.approve(OWNER_PIN, needed)),
    )
    qtbot.keyClick(dialog.list, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert "How Pasar Kangen went" in dialog.report.toPlainText()
    dialog.access_changed()  # someone else signs in: the report hides, nobody is asked
    monkeypatch.setattr(ApprovalDialog, "ask", classmethod(lambda cls, *a: pytest.fail("asked")))
    assert "Ctrl+R asks for the owner's PIN" in dialog.report.toPlainText()
    dialog.list.setCurrentRow(-1)
    dialog.list.setCurrentRow(0)
    assert "Ctrl+R asks for the owner's PIN" in dialog.report.toPlainText()
