"""Goods sold by weight and length at the till: typed quantities, lines, payment, refund."""

import pytest
from PySide6.QtCore import QPoint, Qt
from sqlalchemy import select

from bazaar_pos.domain.quantity import Unit
from bazaar_pos.services.products.catalogue import ProductDraft
from bazaar_pos.store.models import SaleLine
from bazaar_pos.ui.common.dialogs import TextDialog
from bazaar_pos.ui.common.formatting import money_text
from bazaar_pos.ui.history.refund_dialog import RefundDialog
from bazaar_pos.ui.stock.dialogs import Move, StockMoveDialog
from tests.helpers.qt import cart_rows, open_payment, scan


@pytest.fixture
def measured(shop):
    """Coffee beans by the kg and lurik cloth by the metre, both in stock."""
    beans = shop.catalogue.create(
        ProductDraft("BJI-1", "Kopi biji Gayo", 180_000, cost=110_000, unit=Unit.KG)
    )
    cloth = shop.catalogue.create(ProductDraft("LRK-1", "Kain lurik", 85_000, unit=Unit.M))
    shop.stock.receive(beans.id, 5_000)
    shop.stock.receive(cloth.id, 30_000)
    return {"beans": beans, "cloth": cloth}


def cells(till, row):
    return [till.model.index(row, column).data() for column in (1, 2, 3, 5)]


def test_a_weighed_product_asks_how_much_and_reads_grams_for_kilos(
    qtbot, till, measured, monkeypatch
):
    asked = []

    def answer(cls, parent, title, label, text=""):
        asked.append(label)
        return "250 g"

    monkeypatch.setattr(TextDialog, "ask", classmethod(answer))
    scan(qtbot, till, "BJI-1")
    assert asked == ["How much of Kopi biji Gayo? (kg; 0,25 or 250 g)"]
    assert cart_rows(till) == [("BJI-1", 250)]
    assert cells(till, 0) == ["Kopi biji Gayo", "0,25 kg", "Rp180.000/kg", "Rp45.000"]
    assert till.totals.total.text() == "Rp45.000"


def test_a_quantity_typed_before_the_scan_converts_to_the_products_unit(qtbot, till, measured):
    scan(qtbot, till, "1,5 m*LRK-1")
    scan(qtbot, till, "150 cm*LRK-1")
    scan(qtbot, till, "0.75*BJI-1")
    assert cart_rows(till) == [("LRK-1", 1_500), ("LRK-1", 1_500), ("BJI-1", 750)]
    assert cells(till, 2) == ["Kopi biji Gayo", "0,75 kg", "Rp180.000/kg", "Rp135.000"]
    scan(qtbot, till, "2 kg*LRK-1")
    assert "'2 kg' cannot be converted to m" in till.message.text()
    assert len(till.cart) == 3


def test_a_part_of_a_piece_is_refused_with_a_clear_message(qtbot, till, products, monkeypatch):
    scan(qtbot, till, "0,5*KOP-1")
    assert till.message.text() == "'0,5': this product is sold by the piece, not in parts"
    assert cart_rows(till) == []
    scan(qtbot, till, "KOP-1")
    monkeypatch.setattr(TextDialog, "ask", classmethod(lambda cls, *a, **k: "1,5"))
    qtbot.keyClick(till.scan, Qt.Key.Key_F4)
    assert cart_rows(till) == [("KOP-1", 1)]
    assert "sold by the piece" in till.message.text()


def test_plus_on_a_weighed_line_asks_for_the_weight(qtbot, till, measured, monkeypatch):
    monkeypatch.setattr(TextDialog, "ask", classmethod(lambda cls, *a, **k: "0,5"))
    scan(qtbot, till, "BJI-1")
    monkeypatch.setattr(TextDialog, "ask", classmethod(lambda cls, *a, **k: "1,25"))
    qtbot.keyClick(till.scan, Qt.Key.Key_Plus)
    assert cart_rows(till) == [("BJI-1", 1_250)]


def test_a_weighed_sale_is_paid_stored_and_partly_refunded(qtbot, till, shop, measured):
    scan(qtbot, till, "0,25*BJI-1")
    scan(qtbot, till, "1,5*LRK-1")
    dialog = open_payment(qtbot, till)
    assert dialog.due.text() == "Rp172.500"
    qtbot.keyClicks(dialog.amount, "200rb")
    assert dialog.change.text() == "Change Rp27.500"
    with qtbot.waitSignal(till.sale_completed):
        qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    with shop.db.reading() as session:
        lines = session.scalars(select(SaleLine).order_by(SaleLine.position)).all()
        assert [(line.quantity_milli, line.unit, line.line_total_minor) for line in lines] == [
            (250, "kg", 45_000),
            (1_500, "m", 127_500),
        ]
    assert shop.catalogue.get(measured["beans"].id).stock_milli == 4_750

    sale = shop.sales_history.last_sale()
    detail = shop.sales_history.detail(sale)
    refund = RefundDialog(till, detail, money_text(shop.settings.load()))
    qtbot.addWidget(refund)
    assert refund.table.item(0, 1).text() == "0,25 kg"
    box = refund.quantities[0]
    box.setFocus()
    box.lineEdit().selectAll()
    qtbot.keyClicks(box, "0,1")
    assert box.value() == 100
    assert refund.total.text() == "To pay back: Rp18.000"
    (item,) = refund.request().items
    shop.refunds.refund(sale, [item])
    assert shop.catalogue.get(measured["beans"].id).stock_milli == 4_850
    assert shop.check() == []


def test_the_refund_dialog_shows_whole_names_with_the_damaged_box_clear_of_the_quantity(
    qtbot, till, shop
):
    cloth = shop.catalogue.create(
        ProductDraft("KAI-LRK-M", "Kain Lurik Yogyakarta (per meter)", 85_000, unit=Unit.M)
    )
    beans = shop.catalogue.create(
        ProductDraft("KOP-BJI-KG", "Kopi Arabika Gayo Biji (per kg)", 180_000, unit=Unit.KG)
    )
    shop.stock.receive(cloth.id, 30_000)
    shop.stock.receive(beans.id, 5_000)
    scan(qtbot, till, "0,25*KOP-BJI-KG")
    scan(qtbot, till, "1,5 m*KAI-LRK-M")
    dialog = open_payment(qtbot, till)
    with qtbot.waitSignal(till.sale_completed):
        qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    detail = shop.sales_history.detail(shop.sales_history.last_sale())
    refund = RefundDialog(till, detail, money_text(shop.settings.load()))
    qtbot.addWidget(refund)
    refund.show()
    qtbot.waitExposed(refund)
    table = refund.table
    assert [table.item(row, 0).text() for row in range(2)] == [
        "Kopi Arabika Gayo Biji (per kg)",
        "Kain Lurik Yogyakarta (per meter)",
    ]
    assert table.columnWidth(0) >= table.sizeHintForColumn(0)  # no name cut to "Kain Lurik…"
    for spin, box in zip(refund.quantities, refund.damaged, strict=True):
        spin_right = spin.mapTo(table.viewport(), QPoint(spin.width(), 0)).x()
        assert box.mapTo(table.viewport(), QPoint(0, 0)).x() > spin_right + 8


def test_receiving_a_sack_of_beans_asks_the_cost_per_kg(qtbot, shop, measured):
    beans = shop.catalogue.get(measured["beans"].id)
    dialog = StockMoveDialog(shop, beans, Move.RECEIVE)
    qtbot.addWidget(dialog)
    label = dialog.layout().itemAt(1).layout().labelForField(dialog.cost)
    assert label.text().replace("&", "") == "Cost per kg"
    assert dialog.cost.accessibleName() == "Cost per kg"
    dialog.quantity.setFocus()
    dialog.quantity.lineEdit().selectAll()
    qtbot.keyClicks(dialog.quantity, "12,5")
    dialog.cost.clear()
    qtbot.keyClicks(dialog.cost, "100000")
    dialog.save()
    assert dialog.result_stock == 17_500
    # (5 kg at Rp110.000 + 12,5 kg at Rp100.000) / 17,5 kg
    assert shop.catalogue.get(beans.id).cost == 102_857
