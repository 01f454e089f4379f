from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from bazaar_pos.services.customers.views import CustomerDraft
from bazaar_pos.store.models import AccountEntry, Payment, Sale
from tests.helpers.audit import audit
from tests.helpers.qt import open_payment, owner_answers, scan
from tests.helpers.users import CASHIER, OWNER, OWNER_PIN, act_as


@pytest.fixture
def rina(shop):
    reseller = shop.customers.save_group(None, "Reseller", 1000)
    return shop.customers.add(
        CustomerDraft("Bu Rina", "0812 3456 7890", group_id=reseller.id, credit_limit=500_000)
    )


def press(qtbot, widget, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(widget, key, modifier)


def choose_customer(qtbot, till, typed):
    press(qtbot, till.scan, Qt.Key.Key_F1)
    picker = till.customer_bar.picker
    assert picker is not None
    qtbot.waitUntil(lambda: QApplication.activeWindow() is picker)
    qtbot.keyClicks(picker.search, typed)
    press(qtbot, picker.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not picker.isVisible())
    qtbot.waitUntil(till.scan.hasFocus)
    return picker


def test_f1_finds_a_customer_by_phone_and_their_group_prices_apply_until_cleared(
    qtbot, till, shop, rina
):
    scan(qtbot, till, "2*KOP-1")
    choose_customer(qtbot, till, "0812")
    assert till.cart.customer.name == "Bu Rina"
    assert till.customer_bar.label.text() == (
        "Customer: Bu Rina · Reseller prices, saving Rp19.000"
    )
    assert till.totals.total.text() == "Rp171.000"
    scan(qtbot, till, "KRM-1")  # added later: at the group's price too
    scan(qtbot, till, "KOP-1")  # scanned again: one more on its line
    assert [(line.quantity_milli, line.unit_price) for line in till.cart] == [
        (3000, 85_500),
        (1000, 49_500),
    ]
    press(qtbot, till.scan, Qt.Key.Key_F1, Qt.KeyboardModifier.ShiftModifier)
    assert till.cart.customer is None
    assert till.customer_bar.label.text() == "No customer chosen"
    assert [line.unit_price for line in till.cart] == [95_000, 55_000]
    assert till.totals.total.text() == "Rp340.000"


def test_a_new_customer_is_added_with_name_phone_and_group_and_enter(qtbot, till, shop, rina):
    press(qtbot, till.scan, Qt.Key.Key_F1)
    picker = till.customer_bar.picker
    qtbot.waitUntil(lambda: QApplication.activeWindow() is picker)
    qtbot.keyClicks(picker.search, "Pak Joko")
    assert picker.results.count() == 0
    assert "Ctrl+N" in picker.message.text()
    press(qtbot, picker.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert picker.name.text() == "Pak Joko"
    qtbot.waitUntil(picker.phone.hasFocus)
    qtbot.keyClicks(picker.phone, "0857-1111-2222")
    picker.group.setCurrentIndex(picker.group.findText("Reseller"))
    press(qtbot, picker.phone, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not picker.isVisible())
    (joko,) = shop.customers.find("joko")
    assert (joko.phone, joko.group_name) == ("6285711112222", "Reseller")
    assert till.cart.customer.id == joko.id


def test_a_kasbon_sale_part_cash_rest_on_account_through_the_payment_dialog(
    qtbot, till, shop, rina
):
    scan(qtbot, till, "2*KOP-1")
    choose_customer(qtbot, till, "rina")
    dialog = open_payment(qtbot, till)
    assert dialog.due.text() == "Rp171.000"
    qtbot.keyClicks(dialog.amount, "50rb")
    press(qtbot, dialog.amount, Qt.Key.Key_Return)
    press(qtbot, dialog.amount, Qt.Key.Key_F6)
    assert dialog.kasbon.isVisible()
    assert dialog.kasbon.account.text() == (
        "Bu Rina owes Rp0; room under the limit: Rp500.000 of Rp500.000"
    )
    dialog.kasbon.due.setDate(date(2027, 1, 15))
    with qtbot.waitSignal(till.sale_completed) as completed:
        press(qtbot, dialog.amount, Qt.Key.Key_Return)  # the rest, Rp121.000, on account
    assert till.cart.customer is None  # the next sale starts without one
    with shop.db.reading() as session:
        sale = session.scalars(select(Sale).where(Sale.uuid == completed.args[0])).one()
        assert sale.customer_id == rina.id
        paid = session.execute(select(Payment.method, Payment.amount_minor)).all()
        assert sorted(paid) == [("account", 121_000), ("cash", 50_000)]
        entry = session.scalars(select(AccountEntry)).one()
        assert (entry.amount_minor, entry.due_on, entry.sale_id) == (
            121_000,
            date(2027, 1, 15),
            sale.id,
        )
    assert shop.customers.get(rina.id).owed == 121_000


def test_kasbon_without_a_customer_says_so_and_ctrl_k_chooses_one(qtbot, till, shop, rina):
    scan(qtbot, till, "KRM-1")
    dialog = open_payment(qtbot, till)
    press(qtbot, dialog.amount, Qt.Key.Key_F6)
    assert dialog.message.text() == "Kasbon needs a customer: Ctrl+K chooses one."
    press(qtbot, dialog.amount, Qt.Key.Key_Return)
    assert dialog.tenders == []
    press(qtbot, dialog.amount, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    picker = till.paying_picker
    assert picker is not None
    qtbot.waitUntil(lambda: QApplication.activeWindow() is picker)
    qtbot.keyClicks(picker.search, "rina")
    press(qtbot, picker.search, Qt.Key.Key_Return)
    qtbot.waitUntil(dialog.amount.hasFocus)
    assert dialog.due.text() == "Rp49.500"  # now at the Reseller price
    assert till.customer_bar.label.text().startswith("Customer: Bu Rina")
    with qtbot.waitSignal(till.sale_completed):
        press(qtbot, dialog.amount, Qt.Key.Key_Return)
    assert shop.customers.get(rina.id).owed == 49_500


@pytest.mark.staffed
def test_beyond_the_limit_a_cashiers_kasbon_needs_the_owners_pin(qtbot, shop, products, open_till):
    act_as(shop, OWNER)
    rina = shop.customers.add(CustomerDraft("Bu Rina", credit_limit=100_000))
    act_as(shop, CASHIER)
    till = open_till(shop)
    scan(qtbot, till, "2*KOP-1")
    choose_customer(qtbot, till, "rina")
    dialog = open_payment(qtbot, till)
    press(qtbot, dialog.amount, Qt.Key.Key_F6)
    assert dialog.kasbon.warning.text() == (
        "Rp90.000 beyond the limit: an owner approves with their PIN when the sale is completed."
    )
    owner_answers(qtbot, OWNER_PIN)
    with qtbot.waitSignal(till.sale_completed, timeout=10_000):
        press(qtbot, dialog.amount, Qt.Key.Key_Return)
    assert shop.customers.get(rina.id).owed == 190_000
    ((actor, details),) = audit(shop, "kasbon.over_limit")
    assert (actor, details["approved_by"], details["over_by"]) == (CASHIER, OWNER, 90_000)


def test_refunding_a_kasbon_sale_says_it_comes_off_the_balance(
    qtbot, till, shop, rina, monkeypatch
):
    from bazaar_pos.domain.quantity import whole
    from bazaar_pos.services.selling.refunds import RefundItem
    from bazaar_pos.ui.common.formatting import money_text
    from bazaar_pos.ui.history.refund_dialog import RefundDialog, RefundRequest
    from tests.helpers.qt import open_history

    scan(qtbot, till, "2*KOP-1")
    choose_customer(qtbot, till, "rina")
    dialog = open_payment(qtbot, till)
    qtbot.keyClicks(dialog.amount, "50rb")
    press(qtbot, dialog.amount, Qt.Key.Key_Return)
    press(qtbot, dialog.amount, Qt.Key.Key_F6)
    with qtbot.waitSignal(till.sale_completed) as completed:
        press(qtbot, dialog.amount, Qt.Key.Key_Return)
    sale = completed.args[0]
    detail = shop.sales_history.detail(sale)
    asked = RefundDialog(
        till,
        detail,
        money_text(shop.settings.load()),
        lambda items, to_cash: shop.refunds.pay_back(sale, items, to_cash=to_cash),
    )
    qtbot.addWidget(asked)
    asked.quantities[0].setValue(whole(1))
    assert asked.total.text() == (
        "To pay back: Rp85.500, of which Rp85.500 comes off the customer's kasbon"
        " (no money paid out for it)"
    )
    asked.deleteLater()
    till.activateWindow()
    qtbot.waitUntil(till.scan.hasFocus)
    line = detail.lines[0]
    monkeypatch.setattr(
        RefundDialog,
        "ask",
        classmethod(lambda cls, *a, **k: RefundRequest([RefundItem(line.id, whole(2))], False, "")),
    )
    history = open_history(qtbot, till)
    with qtbot.waitSignal(history.stock_changed):
        press(qtbot, history.search, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert "Rp121.000 comes off the customer's kasbon; give back: Cash Rp50.000." in (
        history.message.text()
    )
    assert shop.customers.get(rina.id).owed == 0


def test_send_by_whatsapp_from_the_history_opens_a_chat_with_the_customer(
    qtbot, till, shop, rina, monkeypatch
):
    from urllib.parse import unquote

    from bazaar_pos.ui.common import whatsapp
    from tests.helpers.qt import open_history

    opened = []
    monkeypatch.setattr(whatsapp, "opener", lambda url: opened.append(url.toString()) or True)
    scan(qtbot, till, "KRM-1")
    choose_customer(qtbot, till, "rina")
    dialog = open_payment(qtbot, till)
    with qtbot.waitSignal(till.sale_completed):
        press(qtbot, dialog.amount, Qt.Key.Key_Return)
    qtbot.waitUntil(till.scan.hasFocus)
    history = open_history(qtbot, till)
    press(
        qtbot,
        history.search,
        Qt.Key.Key_W,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert "Customer: Bu Rina" in history.view.toPlainText()
    (link,) = opened
    assert link.startswith("https://wa.me/6281234567890?text=")
    text = unquote(link.split("text=", 1)[1])
    assert "Gelas Keramik: Rp49.500" in text
    assert text.endswith("Thank you, Bu Rina!")
    assert "WhatsApp opened with the receipt of A-000001" in history.message.text()


def test_a_parked_cart_keeps_its_customer_and_their_prices(qtbot, till, shop, rina, monkeypatch):
    from bazaar_pos.ui.common.dialogs import TextDialog
    from bazaar_pos.ui.till.small_dialogs import ParkedCartsDialog

    offered = []
    monkeypatch.setattr(
        TextDialog, "ask", classmethod(lambda cls, *a, **k: offered.append(a[3]) or a[3])
    )
    scan(qtbot, till, "KOP-1")
    choose_customer(qtbot, till, "rina")
    press(qtbot, till.scan, Qt.Key.Key_F7)
    assert offered == ["Bu Rina"]  # the label starts as the customer's name
    assert till.cart.customer is None
    assert till.customer_bar.label.text() == "No customer chosen"
    monkeypatch.setattr(
        ParkedCartsDialog, "ask", classmethod(lambda cls, parent, parked, money: parked[0].id)
    )
    press(qtbot, till.scan, Qt.Key.Key_F8)
    assert till.cart.customer.name == "Bu Rina"
    assert [line.unit_price for line in till.cart] == [85_500]
    assert till.customer_bar.label.text().startswith("Customer: Bu Rina")


def test_a_customer_chosen_before_the_first_scan_stays_when_the_till_shows_again(
    qtbot, till, shop, rina
):
    choose_customer(qtbot, till, "rina")
    till.hide()
    till.show()
    scan(qtbot, till, "KOP-1")
    assert till.cart.customer.name == "Bu Rina"
    assert [line.unit_price for line in till.cart] == [85_500]
