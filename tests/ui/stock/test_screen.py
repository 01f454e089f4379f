from datetime import UTC, datetime

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QTableWidget

from bazaar_pos.domain.consignment import Commission
from bazaar_pos.domain.payment import PaymentMethod, Tender
from bazaar_pos.domain.quantity import whole
from bazaar_pos.domain.stock import StockReason
from bazaar_pos.i18n import set_language
from bazaar_pos.services.products.catalogue import ProductDraft
from bazaar_pos.services.stock.consignment.views import ConsignorDraft
from bazaar_pos.services.views import Changes
from bazaar_pos.ui.app import style
from bazaar_pos.ui.app.main_window import MainWindow
from bazaar_pos.ui.common import dialogs
from bazaar_pos.ui.stock.consignment import ConsignorDialog
from bazaar_pos.ui.stock.count import VarianceDialog
from bazaar_pos.ui.stock.dialogs import Move, StockMoveDialog
from bazaar_pos.ui.stock.screen import StockScreen


@pytest.fixture
def screen(qtbot, shop):
    widget = StockScreen(shop)
    qtbot.addWidget(widget)
    widget.resize(1200, 720)
    widget.show()
    return widget


def drive(qtbot, monkeypatch, fill):
    """Replace StockMoveDialog.ask with a real dialog filled by ``fill`` and saved."""

    def ask(parent, shop, product, move):
        dialog = StockMoveDialog(shop, product, move, parent)
        qtbot.addWidget(dialog)
        fill(dialog)
        dialog.save()
        return dialog.result_stock

    monkeypatch.setattr(StockMoveDialog, "ask", ask)


def test_receiving_goods_with_their_cost(qtbot, shop, add_product, screen, monkeypatch):
    product = add_product("KOP-1", "Kopi Gayo", cost=50_000, stock=0)
    screen.refresh()
    screen.show_product(product.id)

    def fill(dialog):
        dialog.quantity.setValue(whole(12))
        dialog.cost.setText("Rp48.000")
        dialog.note.setText("Koperasi Gayo")

    drive(qtbot, monkeypatch, fill)
    with qtbot.waitSignal(screen.stock_changed) as moved:
        qtbot.keyClick(screen.movements, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert moved.args == [Changes(stock=True, products=True)]
    assert shop.catalogue.get(product.id).stock_milli == whole(12)
    assert screen.movements.on_hand.text() == "12 pcs in stock"
    history = screen.movements.history
    assert [history.item(0, c).text() for c in (1, 2, 3, 4, 5)] == [
        "Received",
        "+12",
        "12",
        "Rp48.000",
        "Koperasi Gayo",
    ]


def test_adjusting_with_a_reason(qtbot, shop, add_product, screen, monkeypatch):
    product = add_product("KOP-1", stock=10)
    screen.show_product(product.id)

    def damaged(dialog):
        dialog.reason.setCurrentIndex(dialog.reason.findData(StockReason.DAMAGED))
        dialog.quantity.setValue(whole(2))
        dialog.note.setText("rain")

    drive(qtbot, monkeypatch, damaged)
    screen.movements.move_stock(Move.ADJUST)
    assert shop.catalogue.get(product.id).stock_milli == whole(8)

    def correction(dialog):
        dialog.reason.setCurrentIndex(dialog.reason.findData(StockReason.CORRECTION))
        assert dialog.quantity_label.text() == "&Stock should be"
        assert dialog.quantity.value() == whole(8)
        dialog.quantity.setValue(whole(9))

    drive(qtbot, monkeypatch, correction)
    screen.movements.move_stock(Move.ADJUST)
    assert [m.reason for m in shop.stock.history(product.id)][:2] == [
        StockReason.CORRECTION,
        StockReason.DAMAGED,
    ]
    assert screen.movements.history.item(0, 3).text() == "9"
    assert not screen.movements.buttons[Move.CONSIGN_IN].isEnabled()


def test_a_dialog_shows_what_the_ledger_refuses(qtbot, shop):
    piece = shop.catalogue.create(ProductDraft("GUC-1", "Guci", 850_000, one_of_a_kind=True))
    dialog = StockMoveDialog(shop, piece, Move.RECEIVE)
    qtbot.addWidget(dialog)
    dialog.save()
    assert "one of a kind" in dialog.problems.text()
    assert dialog.result_stock is None


def test_a_count_by_scanning_shows_variances_before_applying(
    qtbot, shop, add_product, screen, monkeypatch, qtmodeltester
):
    coffee = add_product("KOP-1", "Kopi Gayo", barcode="4006381333931", category="Kopi", stock=5)
    tea = add_product("TEH-1", "Teh Melati", category="Kopi", stock=4, cost=10_000)
    add_product("BTK-1", "Batik", category="Batik", stock=2)
    tab = screen.count
    tab.refresh()
    tab.scope.setCurrentIndex(tab.scope.findData("Kopi"))
    tab.start()
    assert tab.model.rowCount() == 2
    qtmodeltester.check(tab.model)
    for _ in range(3):
        qtbot.keyClicks(tab.scan, "4006381333931")
        qtbot.keyClick(tab.scan, Qt.Key.Key_Return)
    assert tab.model.index(0, 4).data() == "3"
    assert tab.model.index(0, 5).data() == "-2"
    qtbot.keyClicks(tab.scan, "BTK-1")
    qtbot.keyClick(tab.scan, Qt.Key.Key_Return)
    assert tab.message.text() == "BTK-1 is not on this count sheet."
    assert tab.model.setData(tab.model.index(1, 4), "4")
    assert not tab.model.setData(tab.model.index(1, 4), "four")
    shown = []

    def review(parent, variances, counted, formats, *, costs):
        assert costs  # the shop's owner sees the variances at cost
        dialog = VarianceDialog(variances, counted, formats, parent, costs=costs)
        qtbot.addWidget(dialog)
        table = dialog.findChild(QTableWidget, "varianceTable")
        assert table.rowCount() == len(variances)
        assert table.horizontalHeaderItem(5).text() == "At cost"
        shown.append(variances)
        return True

    monkeypatch.setattr(VarianceDialog, "ask", review)
    with qtbot.waitSignal(screen.stock_changed):
        tab.review.click()
    assert [(v.sku, v.difference) for v in shown[0]] == [("KOP-1", whole(-2))]
    assert shop.catalogue.get(coffee.id).stock_milli == whole(3)
    assert shop.catalogue.get(tea.id).stock_milli == whole(4)
    assert tab.message.text() == "Count applied: 1 products changed (-Rp100.000 at cost)."
    assert tab.model.rowCount() == 0


def test_low_stock_and_value(qtbot, shop, screen):
    maker = shop.consignment.add_consignor(ConsignorDraft("Ibu Sari"))
    low = shop.catalogue.create(
        ProductDraft(
            "KOP-1", "Kopi", 95_000, cost=50_000, category="Kopi", low_stock_milli=whole(5)
        )
    )
    shop.stock.receive(low.id, whole(3))
    bowl = shop.catalogue.create(ProductDraft("MGK-1", "Mangkuk", 60_000, consignor_id=maker.id))
    shop.consignment.receive(bowl.id, whole(2))
    screen.tabs.setCurrentWidget(screen.low_stock)
    assert screen.low_stock.table.rowCount() == 1
    assert screen.low_stock.summary.text() == "1 product is low on stock."
    with qtbot.waitSignal(screen.low_stock.open_product):
        screen.low_stock.table.cellDoubleClicked.emit(0, 0)
    assert screen.tabs.currentWidget() is screen.movements
    assert screen.movements.product.id == low.id
    screen.tabs.setCurrentWidget(screen.value)
    assert screen.value.total.text() == "Stock at cost: Rp150.000"
    assert "2 consigned items" in screen.value.detail.text()
    assert screen.value.table.item(0, 0).text() == "Kopi"


def test_consignment_from_maker_to_settled_slip(
    qtbot, shop, screen, monkeypatch, answers, tmp_path, cart_of
):
    def add(parent, shop_, consignor=None):
        dialog = ConsignorDialog(shop_, consignor, parent)
        qtbot.addWidget(dialog)
        qtbot.keyClicks(dialog.name, "Ibu Sari")
        dialog.commission.setText("25%")
        dialog.save()
        return dialog.result_consignor

    monkeypatch.setattr(ConsignorDialog, "ask", add)
    tab = screen.consignment
    tab.add_consignor()
    maker = tab.consignor()
    assert (maker.name, maker.commission) == ("Ibu Sari", Commission.percent(25))
    bowl = shop.catalogue.create(ProductDraft("MGK-1", "Mangkuk", 60_000, consignor_id=maker.id))
    shop.consignment.receive(bowl.id, whole(5))
    bowl = shop.catalogue.get(bowl.id)
    shop.checkout.complete_sale(cart_of((bowl, 2)), [Tender(PaymentMethod.CASH, 120_000)])
    today = datetime.now(UTC).astimezone().date()
    tab.first.setDate(QDate(today.year, today.month, 1))
    tab.last.setDate(QDate(today.year, today.month, today.day))
    screen.tabs.setCurrentWidget(tab)  # showing the tab reads the sales again
    assert tab.lines.rowCount() == 1
    assert tab.lines.item(0, 6).text() == "Rp90.000"
    assert tab.totals.text() == (
        "2 sold for Rp120.000; commission Rp30.000; owed to Ibu Sari: Rp90.000"
    )
    answers.save_path = tmp_path / "nota.pdf"
    tab.settle()
    assert "paid Rp90.000 for 2 items" in answers.asked[0]
    qtbot.waitUntil(lambda: answers.save_path.exists(), timeout=10_000)
    assert "TJ-A-0001" in PdfReader(answers.save_path).pages[0].extract_text()
    assert tab.history.rowCount() == 1
    assert tab.history.item(0, 0).text() == "TJ-A-0001"
    assert tab.lines.rowCount() == 0
    assert not tab.settle_button.isEnabled()


def test_settling_asks_first(qtbot, shop, screen, answers, cart_of):
    maker = shop.consignment.add_consignor(ConsignorDraft("Pak Wayan"))
    bowl = shop.catalogue.create(ProductDraft("MGK-1", "Mangkuk", 60_000, consignor_id=maker.id))
    shop.consignment.receive(bowl.id, whole(1))
    shop.checkout.complete_sale(
        cart_of((shop.catalogue.get(bowl.id), 1)), [Tender(PaymentMethod.CASH, 60_000)]
    )
    screen.consignment.refresh()
    answers.confirm = False
    screen.consignment.settle()
    assert shop.consignment.settlements() == []


def test_the_main_window_keeps_products_and_stock_in_step(qtbot, shop, add_product, monkeypatch):
    product = add_product("KOP-1", stock=1)
    window = MainWindow(shop)
    qtbot.addWidget(window)
    window.stock.show_product(product.id)

    def fill(dialog):
        dialog.quantity.setValue(whole(4))

    drive(qtbot, monkeypatch, fill)
    window.stock.movements.move_stock(Move.RECEIVE)
    assert window.products.model.product(0).stock_milli == whole(5)
    shop.catalogue.set_active(product.id, False)
    window.products.products_changed.emit(Changes(products=True))
    assert window.stock.movements.model.rowCount() == 0


def test_the_history_calls_a_stock_change_perubahan_not_cash_change(qtbot, shop, add_product):
    set_language("id")
    product = add_product("KOP-1", stock=3)
    widget = StockScreen(shop)
    qtbot.addWidget(widget)
    widget.show()
    widget.show_product(product.id)
    history = widget.movements.history
    headers = [history.horizontalHeaderItem(c).text() for c in range(history.columnCount())]
    assert headers[2] == "Perubahan"
    assert "Kembalian" not in headers
    assert history.item(0, 2).text() == "+3"


def test_a_slip_file_is_named_after_the_maker_number_and_day(
    qtbot, shop, screen, monkeypatch, tmp_path, cart_of
):
    suggested = []

    def save_file(parent, title, name, filters, **_kind):
        suggested.append(name)
        return None  # the person cancels: only the suggestion matters here

    monkeypatch.setattr(dialogs, "save_file", save_file)
    monkeypatch.setattr(dialogs, "confirm", lambda *args: True)
    maker = shop.consignment.add_consignor(ConsignorDraft("Bu Wayan Sari"))
    bowl = shop.catalogue.create(ProductDraft("MGK-1", "Mangkuk", 60_000, consignor_id=maker.id))
    shop.consignment.receive(bowl.id, whole(1))
    shop.checkout.complete_sale(
        cart_of((shop.catalogue.get(bowl.id), 1)), [Tender(PaymentMethod.CASH, 60_000)]
    )
    tab = screen.consignment
    screen.tabs.setCurrentWidget(tab)
    tab.refresh()
    today = datetime.now(UTC).astimezone().date()
    tab.last.setDate(QDate(today.year, today.month, today.day))
    qtbot.mouseClick(tab.slip_button, Qt.MouseButton.LeftButton)
    tab.settle()
    assert suggested == [
        f"consignment-slip-Bu-Wayan-Sari-{today.isoformat()}.pdf",
        f"consignment-slip-Bu-Wayan-Sari-TJ-A-0001-{today.isoformat()}.pdf",
    ]


def test_a_scan_off_the_count_sheet_stands_out_as_a_warning(qtbot, shop, add_product, screen):
    add_product("KOP-1", "Kopi Gayo", barcode="4006381333931", category="Kopi", stock=5)
    add_product("BTK-1", "Batik", category="Batik", stock=2)
    tab = screen.count
    tab.refresh()
    tab.scope.setCurrentIndex(tab.scope.findData("Kopi"))
    tab.start()
    qtbot.keyClicks(tab.scan, "BTK-1")
    qtbot.keyClick(tab.scan, Qt.Key.Key_Return)
    assert tab.message.text() == "BTK-1 is not on this count sheet."
    assert tab.message.property("tone") == "warn"
    assert 'QLabel#countMessage[tone="warn"]' in style.STYLE_SHEET
    qtbot.keyClicks(tab.scan, "4006381333931")
    qtbot.keyClick(tab.scan, Qt.Key.Key_Return)
    assert tab.message.text() == "Kopi Gayo: 1 counted."
    assert tab.message.property("tone") == "info"


def test_the_online_stock_is_exported_from_the_stock_screen_off_the_gui_thread(
    qtbot, shop, screen, answers, tmp_path
):
    coffee = shop.catalogue.create(ProductDraft("KOP-1", "Kopi", 95_000))
    shop.stock.receive(coffee.id, whole(6))
    shop.settings.update(online_buffer=1)
    answers.save_path = tmp_path / "stok-online.csv"
    screen.tabs.setCurrentWidget(screen.low_stock)
    qtbot.mouseClick(screen.low_stock.online_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Wrote the online stock" in screen.low_stock.summary.text())
    assert answers.asked == ["Export the stock for online shops"]
    assert answers.save_path.read_text(encoding="utf-8").splitlines()[1].startswith("KOP-1,Kopi,5,")
