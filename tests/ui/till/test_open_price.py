"""A product priced Rp0 (an open price, as a Loyverse "variable" price imports): the till asks."""

import pytest
from PySide6.QtCore import Qt

from bazaar_pos.ui.common.dialogs import TextDialog
from tests.helpers.qt import scan
from tests.helpers.users import CASHIER, act_as


@pytest.fixture
def asked(monkeypatch):
    """Answer the price question with the next of ``asked.answers``; record each question."""

    class Asked:
        def __init__(self):
            self.answers: list[str | None] = []
            self.questions: list[str] = []

    answered = Asked()

    def ask(cls, parent, title, label, text="", *, required=False):
        answered.questions.append(label)
        return answered.answers.pop(0)

    monkeypatch.setattr(TextDialog, "ask", classmethod(ask))
    return answered


def test_scanning_a_product_without_a_price_asks_for_it_each_time(
    qtbot, shop, add_product, open_till, asked
):
    add_product("JAHIT", "Jasa Jahit", 0, barcode="2999000000017")
    till = open_till(shop)
    asked.answers = ["45rb", "60000"]
    scan(qtbot, till, "2999000000017")
    scan(qtbot, till, "JAHIT")
    assert asked.questions == ["Jasa Jahit has no fixed price. Its price in this sale:"] * 2
    assert [(line.sku, line.unit_price) for line in till.cart] == [
        ("JAHIT", 45_000),
        ("JAHIT", 60_000),
    ]
    assert till.cart.totals().total == 105_000


def test_a_cancelled_or_empty_price_adds_nothing(qtbot, shop, add_product, open_till, asked):
    add_product("JAHIT", "Jasa Jahit", 0)
    till = open_till(shop)
    asked.answers = [None, "0", "mahal"]
    for _ in range(3):
        scan(qtbot, till, "JAHIT")
    assert len(till.cart) == 0
    assert till.message.text() == "Type a price such as 85000 or 85rb."


def test_a_priced_product_is_not_asked(qtbot, till, asked):
    scan(qtbot, till, "KOP-1")
    assert asked.questions == []
    assert [line.unit_price for line in till.cart] == [95_000]


@pytest.mark.staffed
def test_a_cashier_sells_at_the_typed_price_without_the_owner(
    qtbot, shop, add_product, open_till, asked, never_asked
):
    add_product("JAHIT", "Jasa Jahit", 0)
    act_as(shop, CASHIER)
    till = open_till(shop)
    asked.answers = ["35000"]
    scan(qtbot, till, "JAHIT")
    assert till.editing.cart_needs() == frozenset()
    qtbot.keyClick(till.scan, Qt.Key.Key_F12)
    qtbot.waitUntil(lambda: till.payment_dialog is not None)
    till.payment_dialog.reject()
