from datetime import UTC, datetime
from decimal import Decimal

import pytest
from PySide6.QtWidgets import QWidget

from bazaar_pos.domain.money import currency
from bazaar_pos.domain.pricing import Discount
from bazaar_pos.services.settings import ShopSettings
from bazaar_pos.services.views import ParkedCartView
from bazaar_pos.ui.common.formatting import money_text
from bazaar_pos.ui.till.small_dialogs import (
    DiscountDialog,
    OpenItemDialog,
    ParkedCartsDialog,
    parse_discount,
)

IDR = currency("IDR")


def test_discounts_are_typed_as_amounts_or_percentages():
    assert parse_discount("10%", IDR) == Discount.percent(10)
    assert parse_discount(" 12,5 % ", IDR) == Discount.percent(Decimal("12.5"))
    assert parse_discount("5rb", IDR) == Discount.amount(5_000)
    assert parse_discount("", IDR) is None
    assert parse_discount("0%", IDR) is None
    for bad in ("abc%", "lima"):
        with pytest.raises(ValueError):  # noqa: PT011
            parse_discount(bad, IDR)


@pytest.fixture
def parent(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def test_the_open_item_dialog_needs_a_name_and_a_price(parent):
    dialog = OpenItemDialog(parent, IDR)
    dialog.price.setText("0")
    dialog.accept()
    assert dialog.problem.text() == "Type a name and a price above zero."
    assert dialog.result() == 0
    dialog.price.setText("25rb")
    dialog.accept()
    assert dialog.result() == 1


def test_the_discount_dialog_explains_what_it_reads(parent):
    dialog = DiscountDialog(parent, "Cart discount", IDR, "")
    dialog.field.setText("sepuluh")
    dialog.accept()
    assert "percentage such as 10%" in dialog.problem.text()
    dialog.field.setText("10%")
    dialog.accept()
    assert dialog.discount == Discount.percent(10)


def test_the_parked_carts_list(parent):
    parked = [
        ParkedCartView(7, "Ibu baju merah", 3, 250_000, datetime(2026, 1, 1, 5, tzinfo=UTC)),
        ParkedCartView(9, "", 1, 15_000, datetime(2026, 1, 1, 6, tzinfo=UTC)),
    ]
    dialog = ParkedCartsDialog(parent, parked, money_text(ShopSettings()))
    texts = [dialog.list.item(row).text() for row in range(dialog.list.count())]
    assert "Ibu baju merah   ·   3 items   ·   Rp250.000" in texts[0]
    assert "Parked cart   ·   1 item   ·   Rp15.000" in texts[1]
    assert dialog.list.currentRow() == 0
