from PySide6.QtCore import Qt
from sqlalchemy import select

from bazaar_pos.domain.quantity import whole
from bazaar_pos.domain.stock import StockReason
from bazaar_pos.store.models import Payment, Sale, SaleLine, StockMovement
from tests.helpers.qt import cart_rows, open_payment, scan


def test_scan_change_quantity_pay_cash_and_find_it_all_in_the_database(qtbot, till, shop, products):
    scan(qtbot, till, "8991234500164")
    scan(qtbot, till, "8991234500218")
    scan(qtbot, till, "8991234500164")
    assert cart_rows(till) == [("KOP-1", 2), ("KRM-1", 1)]
    assert till.model.rowCount() == 2
    assert till.model.index(1, 1).data() == "Gelas Keramik"

    assert till.editing.current_key() == till.cart.lines[0].key  # the line just scanned
    qtbot.keyClick(till.scan, Qt.Key.Key_Down)
    qtbot.keyClick(till.scan, Qt.Key.Key_Plus)
    qtbot.keyClick(till.scan, Qt.Key.Key_Up)
    scan(qtbot, till, "3*")  # 3 of the selected line
    assert cart_rows(till) == [("KOP-1", 3), ("KRM-1", 2)]
    assert till.totals.total.text() == "Rp395.000"

    dialog = open_payment(qtbot, till)
    assert dialog.due.text() == "Rp395.000"
    qtbot.keyClicks(dialog.amount, "500rb")
    assert dialog.change.text() == "Change Rp105.000"
    with qtbot.waitSignal(till.sale_completed) as completed:
        qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)

    assert till.last_sale.isVisible()
    assert till.last_sale.change.text() == "Rp105.000"
    assert len(till.cart) == 0
    qtbot.waitUntil(till.scan.hasFocus)
    with shop.db.reading() as session:
        sale = session.scalars(select(Sale)).one()
        assert sale.uuid == completed.args[0]
        assert sale.total_minor == 395_000
        lines = session.scalars(select(SaleLine).order_by(SaleLine.position)).all()
        assert [(line.sku, line.quantity_milli, line.line_total_minor) for line in lines] == [
            ("KOP-1", whole(3), 285_000),
            ("KRM-1", whole(2), 110_000),
        ]
        payment = session.scalars(select(Payment)).one()
        assert (payment.method, payment.amount_minor, payment.tendered_minor) == (
            "cash",
            395_000,
            500_000,
        )
        assert payment.change_minor == 105_000
        moves = session.execute(
            select(StockMovement.product_id, StockMovement.quantity_milli).where(
                StockMovement.reason == StockReason.SALE.value
            )
        ).all()
        assert sorted(moves) == sorted(
            [(products["coffee"].id, whole(-3)), (products["glass"].id, whole(-2))]
        )
    assert shop.catalogue.get(products["coffee"].id).stock_milli == whole(7)
    assert shop.check() == []

    scan(qtbot, till, "KOP-1")
    assert not till.last_sale.isVisible()


def test_enter_on_an_empty_field_pays_and_enter_again_accepts_exact_cash(qtbot, till, shop):
    scan(qtbot, till, "kop-1")
    qtbot.keyClick(till.scan, Qt.Key.Key_Return)
    dialog = till.payment_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.amount.hasFocus)
    with qtbot.waitSignal(till.sale_completed):
        qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    assert till.last_sale.caption.text() == "Sale A-000001 done. No change due."
    (summary,) = shop.sales_history.find()
    assert summary.total == 95_000


def test_esc_in_the_payment_dialog_goes_back_with_the_cart_intact(qtbot, till, shop):
    scan(qtbot, till, "KOP-1")
    dialog = open_payment(qtbot, till)
    qtbot.keyClicks(dialog.amount, "50000")
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)  # half paid: the dialog stays
    assert dialog.isVisible()
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: till.payment_dialog is None)
    assert cart_rows(till) == [("KOP-1", 1)]
    assert shop.sales_history.find() == []
    qtbot.waitUntil(till.scan.hasFocus)


def test_split_payment_by_qris_with_a_reference_and_cash(qtbot, till, shop):
    scan(qtbot, till, "KOP-1")
    dialog = open_payment(qtbot, till)
    qtbot.keyClick(dialog.amount, Qt.Key.Key_F2)
    qtbot.keyClicks(dialog.amount, "60.000")
    qtbot.keyClicks(dialog.reference, "QR-778")
    qtbot.keyClick(dialog.reference, Qt.Key.Key_Return)
    assert dialog.left_label.text() == "Left to pay: Rp35.000"
    qtbot.keyClick(dialog.amount, Qt.Key.Key_F1)
    with qtbot.waitSignal(till.sale_completed) as completed:
        dialog.note_buttons[0].click()  # Rp40.000, the next note up
    detail = shop.sales_history.detail(completed.args[0])
    assert [(p.method, p.amount, p.tendered, p.reference) for p in detail.payments] == [
        ("qris", 60_000, 60_000, "QR-778"),
        ("cash", 35_000, 40_000, ""),
    ]
    assert till.last_sale.change.text() == "Rp5.000"


def test_an_unknown_code_says_so_and_the_field_is_ready_at_once(qtbot, till):
    scan(qtbot, till, "1234567890123")
    assert till.message.isVisible()
    assert "1234567890123" in till.message.text()
    assert till.message.property("tone") == "error"
    assert till.scan.text() == ""
    qtbot.waitUntil(till.scan.hasFocus)
    scan(qtbot, till, "8991234500164")
    assert cart_rows(till) == [("KOP-1", 1)]
    assert not till.message.isVisible()


def test_a_quantity_typed_before_a_scan_adds_that_many(qtbot, till):
    scan(qtbot, till, "4*8991234500164")
    scan(qtbot, till, "8991234500164")
    assert cart_rows(till) == [("KOP-1", 5)]


def test_search_as_you_type_then_arrows_and_enter_add(qtbot, till):
    qtbot.keyClicks(till.scan, "GELAS")
    qtbot.waitUntil(till.results.isVisible)
    assert till.results.results.rowCount() == 1
    qtbot.keyClick(till.scan, Qt.Key.Key_Return)
    assert cart_rows(till) == [("KRM-1", 1)]
    assert not till.results.isVisible()

    qtbot.keyClicks(till.scan, "o")  # one letter does not search
    qtbot.wait(100)
    assert not till.results.isVisible()
    qtbot.keyClick(till.scan, Qt.Key.Key_Escape)
    assert till.scan.text() == ""

    qtbot.keyClicks(till.scan, "zq")  # nothing matches
    qtbot.wait(100)
    assert not till.results.isVisible()
    qtbot.keyClick(till.scan, Qt.Key.Key_Escape)

    qtbot.keyClicks(till.scan, "AY")  # Gayo and Wayang
    qtbot.waitUntil(lambda: till.results.isVisible() and till.results.results.rowCount() == 2)
    assert till.results.current_product().sku == "AKS-1"  # by name: Bros before Kopi
    qtbot.keyClick(till.scan, Qt.Key.Key_Down)
    qtbot.keyClick(till.scan, Qt.Key.Key_Down)  # stops at the last
    assert till.results.current_product().sku == "KOP-1"
    qtbot.keyClick(till.scan, Qt.Key.Key_Return)
    assert cart_rows(till) == [("KRM-1", 1), ("KOP-1", 1)]
    assert not till.results.isVisible()


def test_enter_never_adds_a_search_result_for_text_it_was_not_found_for(qtbot, till):
    qtbot.keyClicks(till.scan, "gelas")
    qtbot.waitUntil(till.results.isVisible)
    qtbot.keyClicks(till.scan, "xyz")  # Enter comes before the list is searched again
    qtbot.keyClick(till.scan, Qt.Key.Key_Return)
    assert cart_rows(till) == []
    assert "gelasxyz" in till.message.text()
