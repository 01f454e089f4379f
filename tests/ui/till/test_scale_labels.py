"""Label-scale barcodes scanned at the till: a weight or a price, found by the product's PLU."""

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from bazaar_pos.domain.quantity import Unit
from bazaar_pos.domain.receipt_layout import layout_receipt
from bazaar_pos.services.products.catalogue import ProductDraft
from bazaar_pos.store.models import SaleLine
from tests.helpers.qt import cart_rows, open_payment, scan

BEANS_250_G = "2100042002500"
"""Prefix 21, PLU 00042, 250 g."""
SUGAR_RP28_850 = "2300007288509"
"""Prefix 23, PLU 00007, Rp28.850."""


@pytest.fixture
def weighed(shop):
    """Coffee beans (PLU 42) and palm sugar (PLU 7) by the kg, sachets (PLU 9) by the piece."""
    made = {
        "beans": shop.catalogue.create(
            ProductDraft("BJI-1", "Kopi biji Gayo", 180_000, unit=Unit.KG, plu="42")
        ),
        "sugar": shop.catalogue.create(
            ProductDraft("GUL-1", "Gula aren", 60_000, unit=Unit.KG, plu="7")
        ),
        "sachet": shop.catalogue.create(ProductDraft("SCH-1", "Kopi sachet", 15_000, plu="9")),
    }
    shop.stock.receive(made["beans"].id, 5_000)
    shop.stock.receive(made["sugar"].id, 5_000)
    return made


@pytest.fixture
def scale_till(shop, weighed, open_till):
    return open_till(shop)


def cells(till, row):
    return [till.model.index(row, column).data() for column in (1, 2, 3, 5)]


def test_a_weight_label_and_a_price_label_are_sold_paid_and_printed(qtbot, scale_till, shop):
    till = scale_till
    scan(qtbot, till, BEANS_250_G)
    scan(qtbot, till, SUGAR_RP28_850)
    assert cart_rows(till) == [("BJI-1", 250), ("GUL-1", 481)]
    assert cells(till, 0) == ["Kopi biji Gayo", "0,25 kg", "Rp180.000/kg", "Rp45.000"]
    assert cells(till, 1) == ["Gula aren", "0,481 kg", "Rp60.000/kg", "Rp28.850"]
    assert till.totals.total.text() == "Rp73.850"
    assert till.message.text() == ""
    dialog = open_payment(qtbot, till)
    qtbot.keyClicks(dialog.amount, "100rb")
    with qtbot.waitSignal(till.sale_completed) as completed:
        qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    with shop.db.reading() as session:
        lines = session.scalars(select(SaleLine).order_by(SaleLine.position)).all()
        assert [(line.quantity_milli, line.line_total_minor) for line in lines] == [
            (250, 45_000),
            (481, 28_850),
        ]
    assert shop.check() == []
    printed = [line.text for line in layout_receipt(shop.receipts.for_sale(completed.args[0]), 32)]
    start = printed.index("Gula aren")
    assert printed[start : start + 3] == [
        "Gula aren",
        "  0,481 kg x Rp60.000/kg",
        "                        Rp28.850",
    ]


def test_two_bags_of_one_product_stay_two_lines_at_their_prices(qtbot, scale_till):
    scan(qtbot, scale_till, SUGAR_RP28_850)
    scan(qtbot, scale_till, "2300007300003")  # Rp30.000 of the same sugar
    assert cart_rows(scale_till) == [("GUL-1", 481), ("GUL-1", 500)]
    assert scale_till.totals.total.text() == "Rp58.850"


def test_a_price_label_on_goods_sold_by_the_piece_needs_whole_pieces(qtbot, scale_till):
    scan(qtbot, scale_till, "2300009450003")  # Rp45.000: three sachets
    assert cart_rows(scale_till) == [("SCH-1", 3)]
    scan(qtbot, scale_till, "2300009200004")  # Rp20.000
    assert scale_till.message.text() == (
        "The label prices Kopi sachet at Rp20.000, which is not a whole number of pieces "
        "at Rp15.000 each."
    )
    assert cart_rows(scale_till) == [("SCH-1", 3)]
    assert scale_till.scan.text() == ""


def test_labels_that_cannot_be_sold_say_why_and_add_nothing(qtbot, scale_till):
    scan(qtbot, scale_till, "2100077002506")
    assert scale_till.message.text() == (
        "No product has the PLU 77 (scale code 2100077002506)."
    )
    scan(qtbot, scale_till, "2100009002505")
    assert scale_till.message.text() == (
        "The label gives 250 g of Kopi sachet, but Kopi sachet is not sold by weight."
    )
    scan(qtbot, scale_till, "2*" + BEANS_250_G)
    assert scale_till.message.text() == (
        "A scale label carries its own weight or price: scan it without a quantity."
    )
    scan(qtbot, scale_till, "2100042002501")  # a misread: the check digit is wrong
    assert scale_till.message.text().startswith("No product with the code “2100042002501”")
    assert cart_rows(scale_till) == []


def test_a_products_own_barcode_wins_over_a_scale_layout(qtbot, shop, weighed, open_till):
    shop.catalogue.update(
        weighed["sachet"].id,
        replace(ProductDraft.from_view(weighed["sachet"]), barcode=BEANS_250_G),
    )
    till = open_till(shop)
    scan(qtbot, till, BEANS_250_G)
    assert cart_rows(till) == [("SCH-1", 1)]


def test_the_layouts_in_the_settings_are_the_ones_read(qtbot, shop, weighed, open_till):
    shop.settings.change(replace(shop.settings.load(), scale_codes=("27:price:4:6",)))
    till = open_till(shop)
    scan(qtbot, till, "2700420450000")  # PLU 0042, Rp45.000 of beans: 0,25 kg
    assert cart_rows(till) == [("BJI-1", 250)]
    scan(qtbot, till, BEANS_250_G)  # prefix 21 is no scale code any more
    assert till.message.text().startswith("No product with the code")
    assert cart_rows(till) == [("BJI-1", 250)]
