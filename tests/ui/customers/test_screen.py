"""The Customers screen: the list, adding and changing, deactivating, history and ledger."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from bazaar_pos.domain.payment import PaymentMethod
from bazaar_pos.services.customers.views import CustomerDraft
from bazaar_pos.store.models import Sale
from tests.helpers.sales import sell, utc
from tests.ui.customers.conftest import when_modal


def cells(model, row):
    return [model.index(row, c).data() for c in range(model.columnCount())]


def test_the_list_shows_phone_owed_limit_and_the_overdue_due_date_in_red(screen, shop, ani):
    shop.customers.add(CustomerDraft("Budi Santoso"))
    screen.refresh()
    assert screen.model.rowCount() == 2
    assert cells(screen.model, 0) == [
        "Ani Lestari",
        "0812-3456-7890",
        "",
        "Rp305.000",
        "Rp0",
        "1 Des 2026 (overdue)",
    ]
    assert screen.model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert cells(screen.model, 1)[3] == ""
    assert screen.model.index(1, 0).data(Qt.ItemDataRole.ForegroundRole) is None
    assert screen.count.text() == "2 customers"


def test_typing_a_phone_as_written_here_finds_the_customer(qtbot, screen, shop, ani):
    shop.customers.add(CustomerDraft("Budi Santoso", phone="0857 1111 2222"))
    screen.refresh()
    qtbot.keyClicks(screen.filter, "0812")
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1)
    assert screen.current().name == "Ani Lestari"


def test_a_new_customer_is_added_through_the_dialog_with_the_keys(qtbot, screen, shop):
    def fill(dialog):
        qtbot.keyClicks(dialog.name, "Citra Dewi")
        qtbot.keyClicks(dialog.phone, "0813-2222-3333")
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)

    seen = when_modal(qtbot, fill)
    qtbot.keyClick(screen, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert seen
    assert seen[0].objectName() == "customerDialog"
    (citra,) = shop.customers.find("citra")
    assert citra.phone == "6281322223333"
    assert screen.current().id == citra.id
    assert "Citra Dewi saved." in screen.message.text()


def test_a_bad_phone_keeps_the_dialog_open_with_the_reason(qtbot, screen, shop):
    problems = []

    def fill(dialog):
        qtbot.keyClicks(dialog.name, "Dodi")
        qtbot.keyClicks(dialog.phone, "12ab")
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
        problems.append((dialog.isVisible(), dialog.problem.text()))
        dialog.reject()

    when_modal(qtbot, fill)
    screen.new_customer()
    visible, text = problems[0]
    assert visible
    assert text.startswith("The customer was not saved.")
    assert shop.customers.find("dodi") == []


def test_deactivating_keeps_the_customer_and_their_kasbon(qtbot, screen, shop, ani, answers):
    screen.refresh(select=ani.id)
    qtbot.keyClick(screen, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert "still owes Rp305.000" in answers.asked[0]
    assert screen.model.rowCount() == 0
    assert not shop.customers.get(ani.id).active
    assert shop.customers.get(ani.id).owed == 305_000
    screen.show_inactive.setChecked(True)
    assert screen.model.index(0, 0).data() == "Ani Lestari (inactive)"
    assert screen.buttons["deactivate"].text() == "Activate"


def test_the_history_lists_the_customers_sales_and_the_ledger_its_balance(
    screen, shop, ani, add_product
):
    vase = add_product("VAS-1", "Vas Gerabah", 120_000, stock=5)
    sold = sell(shop, utc(2026, 11, 20, 4, 0), [(vase, 1)], [(PaymentMethod.CASH, 120_000)])
    with shop.db.writing() as session:
        session.get(Sale, sold.id).customer_id = ani.id
    shop.accounts.repay(ani.id, 5_000, PaymentMethod.CASH)
    screen.refresh(select=ani.id)
    assert cells(screen.detail.purchases_model, 0)[0] == sold.number
    assert cells(screen.detail.purchases_model, 0)[2] == "Rp120.000"
    model = screen.detail.ledger_model
    ledger = [cells(model, r) for r in range(model.rowCount())]
    assert [row[1] for row in ledger] == ["Kasbon sale", "Repayment"]
    assert [row[3:] for row in ledger] == [["+Rp305.000", "Rp305.000"], ["-Rp5.000", "Rp300.000"]]
    assert "owes Rp300.000" in screen.detail.summary.text()


def test_double_clicking_a_purchase_opens_it_in_the_sales_history(
    qtbot, screen, shop, ani, add_product
):
    vase = add_product("VAS-1", "Vas Gerabah", 120_000, stock=5)
    sold = sell(shop, utc(2026, 11, 20, 4, 0), [(vase, 1)], [(PaymentMethod.CASH, 120_000)])
    with shop.db.writing() as session:
        session.get(Sale, sold.id).customer_id = ani.id
    screen.refresh(select=ani.id)
    screen.detail.purchases.selectRow(0)
    qtbot.keyClick(screen.detail.purchases, Qt.Key.Key_Return)
    history = screen.findChild(QDialog, "salesHistory")
    assert history is not None
    assert history.isVisible()
    assert history.detail.number == sold.number
    shop.printer.configure(uri="network://127.0.0.1:9100")
    history.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is history)
    with qtbot.waitSignal(screen.reprint_requested) as asked:  # the window's printing takes it
        qtbot.keyClick(history, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert asked.args == [sold.uuid]
    history.reject()
