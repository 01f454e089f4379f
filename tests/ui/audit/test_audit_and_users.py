"""The audit log viewer and Settings > Users, through the main window and the real widgets."""

from __future__ import annotations

import csv

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from bazaar_pos.domain.access import Role
from bazaar_pos.domain.quantity import whole
from bazaar_pos.services.people.audit_log import AuditFilter
from bazaar_pos.services.products.catalogue import ProductDraft
from bazaar_pos.ui.access.approval import ApprovalDialog
from bazaar_pos.ui.app.main_window import SIGN_IN_PAGE, WORK_PAGE, MainWindow
from bazaar_pos.ui.audit.dialog import AuditDialog
from bazaar_pos.ui.settings.user_dialogs import UserDialog
from tests.helpers.qt import scan
from tests.helpers.users import CASHIER, OWNER, OWNER_PIN, act_as


def shown(qtbot, shop):
    window = MainWindow(shop)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def test_the_owner_filters_the_audit_log_and_exports_it(qtbot, staffed, tmp_path, monkeypatch):
    act_as(staffed, OWNER)
    window = shown(qtbot, staffed)
    product = staffed.catalogue.create(ProductDraft("KOP-1", "Kopi", 95_000))
    staffed.stock.receive(product.id, whole(5))
    staffed.stock.adjust(product.id, whole(-1), note="cracked")
    qtbot.keyClick(
        window,
        Qt.Key.Key_A,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    audit = window.audit_dialog
    qtbot.waitUntil(audit.isVisible)
    rows = audit.model.rowCount()
    assert rows >= 3  # two users added, the adjustment
    assert audit.model.index(0, 2).data() == "Stock adjusted"
    assert audit.model.index(0, 3).data() == "Product KOP-1"
    details = audit.model.index(0, 4).data()
    assert details.startswith("Reason: Adjustment, Note: cracked, Quantity: -1, Stock after: 4")
    assert "movement" not in details.lower()
    audit.action.setCurrentIndex(audit.action.findData("user.added"))
    assert audit.model.rowCount() == 2
    assert {audit.model.index(r, 3).data() for r in range(2)} == {"User Sari", "User Budi"}
    assert audit.count.text() == "2 events"

    monkeypatch.setattr(AuditDialog, "ask_path", staticmethod(lambda *a: tmp_path / "a.csv"))
    audit.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is audit)
    qtbot.keyClick(audit.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    audit.background.wait()  # written off the GUI thread; then its message comes back here
    qtbot.waitUntil(lambda: audit.message.text() != "Saving…")
    assert audit.message.text() == f"Exported 2 events to {tmp_path / 'a.csv'}."
    with (tmp_path / "a.csv").open(newline="", encoding="utf-8") as handle:
        assert [row["reference"] for row in csv.DictReader(handle)] == [OWNER, CASHIER]


def test_a_cashier_opens_the_audit_log_only_with_the_owners_pin(qtbot, staffed, monkeypatch):
    act_as(staffed, CASHIER)
    window = shown(qtbot, staffed)
    monkeypatch.setattr(ApprovalDialog, "ask", classmethod(lambda cls, *a: None))
    window.open_audit()
    assert window.audit_dialog is None
    assert window.statusBar().currentMessage() == "Not approved: nothing was done."
    monkeypatch.setattr(
        ApprovalDialog,
        "ask",
        classmethod(lambda cls, parent, access, needed, *a: access.approve(OWNER_PIN, needed)),
    )
    window.open_audit()
    assert window.audit_dialog.model.rowCount() > 0
    window.audit_dialog.action.setCurrentIndex(1)  # a reload reuses the approval to look
    assert window.audit_dialog.message.text() == ""


def test_the_first_owner_added_in_settings_turns_on_sign_in(qtbot, shop, products, monkeypatch):
    window = shown(qtbot, shop)
    assert window.pages.currentIndex() == WORK_PAGE  # no users: straight to the till
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentIndex() == WORK_PAGE
    assert "add users under Settings > Users first" in window.statusBar().currentMessage()

    window.show_screen(4)
    users = window.settings_screen.users
    assert "No users yet" in users.hint.text()
    monkeypatch.setattr(
        UserDialog, "ask", classmethod(lambda cls, *a, **k: ("Sari", Role.OWNER, "2580"))
    )
    with qtbot.waitSignal(users.changed, timeout=10_000):
        users.add_button.click()
    assert users.message.text() == "Sari was added."
    assert shop.access.actor.name == "Sari"
    assert window.who.text().startswith("Sari · Owner")

    monkeypatch.setattr(
        UserDialog, "ask", classmethod(lambda cls, *a, **k: ("Budi", Role.CASHIER, "1470"))
    )
    with qtbot.waitSignal(users.changed, timeout=10_000):
        users.add_button.click()
    assert users.table.rowCount() == 2
    users.table.selectRow(1)
    users.active_button.click()
    assert users.table.item(1, 2).text() == "disabled"
    users.table.selectRow(0)
    assert not users.active_button.isEnabled()  # Sari cannot disable herself

    users.discount_limit.setValue(20)
    users.lock_minutes.setValue(2)
    users.save_rules_button.click()
    assert shop.access.settings().discount_limit_percent == 20
    assert window.idle.timer.interval() == 2 * 60_000

    window.show_screen(0)
    scan(qtbot, window.till, "KOP-1")
    qtbot.keyClick(window.till.scan, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentIndex() == SIGN_IN_PAGE
    assert len(window.sign_in) == 1  # Budi is disabled


def test_a_cashier_changing_the_shop_settings_is_asked_for_the_owners_pin(
    qtbot, staffed, monkeypatch
):
    act_as(staffed, CASHIER)
    window = shown(qtbot, staffed)
    section = window.settings_screen.shop_section
    section.shop_name.setText("Toko Budi")
    monkeypatch.setattr(ApprovalDialog, "ask", classmethod(lambda cls, *a: None))
    assert not section.save()
    assert section.message.text() == "Not approved: nothing was done."
    assert staffed.settings.load().shop_name == "Bazaar POS"
    assert section.shop_name.text() == "Bazaar POS"  # the form shows what still holds
    section.shop_name.setText("Toko Budi")
    monkeypatch.setattr(
        ApprovalDialog,
        "ask",
        classmethod(lambda cls, parent, access, needed, *a: access.approve(OWNER_PIN, needed)),
    )
    assert section.save()
    assert staffed.settings.load().shop_name == "Toko Budi"
    act_as(staffed, OWNER)
    (changed,) = staffed.audit.find(AuditFilter(action="settings.changed"))
    assert (changed.actor, changed.details["approved_by"]) == (CASHIER, OWNER)
