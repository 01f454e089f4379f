"""An owner's approval on the spot, through the real dialogs, for a cashier at the till."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from bazaar_pos.domain.access import Permission
from bazaar_pos.domain.payment import PaymentMethod, Tender
from bazaar_pos.domain.pricing import Discount
from bazaar_pos.domain.quantity import whole
from bazaar_pos.services.selling.refunds import RefundItem
from bazaar_pos.store.models import Refund
from bazaar_pos.ui.access.approval import ApprovalDialog
from bazaar_pos.ui.common.dialogs import TextDialog
from bazaar_pos.ui.history.refund_dialog import RefundDialog, RefundRequest
from bazaar_pos.ui.till.small_dialogs import DiscountDialog
from tests.helpers.audit import audit
from tests.helpers.qt import open_history, owner_answers, ring_up, scan
from tests.helpers.users import CASHIER, OWNER, OWNER_PIN, act_as

pytestmark = pytest.mark.staffed
"""Every test here runs on the shop with an owner and a cashier."""


@pytest.fixture
def cashier_till(shop, products, open_till):
    act_as(shop, CASHIER)
    return open_till(shop)


def test_the_dialog_refuses_a_wrong_pin_and_approves_the_right_one(qtbot, shop):
    act_as(shop, CASHIER)
    dialog = ApprovalDialog(None, shop.access, frozenset({Permission.VOID}))
    qtbot.addWidget(dialog)
    dialog.open()
    assert not dialog.owner.isVisibleTo(dialog)  # one owner: nobody to choose
    reason = dialog.findChild(type(dialog.problem), "approvalReason")
    assert reason.text() == "Only an owner may void a sale."
    qtbot.keyClicks(dialog.pin, "0000")
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(dialog.pin.isEnabled, timeout=10_000)
    assert dialog.problem.text() == "Wrong PIN. 4 more tries before a lockout."
    assert dialog.isVisible()
    assert dialog.approval is None
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.keyClicks(dialog.pin, OWNER_PIN)
        qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    assert dialog.approval.owner == OWNER
    assert dialog.approval.permissions == {Permission.VOID}


def test_a_cashiers_refund_is_refused_without_the_owner_and_done_with_them(
    qtbot, shop, cashier_till, monkeypatch
):
    sale = ring_up(qtbot, cashier_till, "2*KOP-1")
    history = open_history(qtbot, cashier_till)
    (line,) = history.detail.lines
    monkeypatch.setattr(
        RefundDialog,
        "ask",
        classmethod(
            lambda cls, *a, **k: RefundRequest([RefundItem(line.id, whole(1))], True, "too dark")
        ),
    )
    monkeypatch.setattr(ApprovalDialog, "ask", classmethod(lambda cls, *a: None))
    qtbot.keyClick(history.search, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert history.message.text() == "Not approved: nothing was done."
    with shop.db.reading() as session:
        assert session.scalar(select(func.count(Refund.id))) == 0

    monkeypatch.undo()
    monkeypatch.setattr(
        RefundDialog,
        "ask",
        classmethod(
            lambda cls, *a, **k: RefundRequest([RefundItem(line.id, whole(1))], True, "too dark")
        ),
    )
    owner_answers(qtbot, OWNER_PIN)
    with qtbot.waitSignal(history.stock_changed, timeout=10_000):
        qtbot.keyClick(history.search, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert "Give back: Cash Rp95.000" in history.message.text()
    assert shop.sales_history.detail(sale).summary.refunded == 95_000
    ((actor, details),) = audit(shop, "sale.refunded")
    assert (actor, details["approved_by"]) == (CASHIER, OWNER)


def test_a_discount_above_the_limit_asks_the_owner_at_once(qtbot, shop, cashier_till, monkeypatch):
    till = cashier_till
    scan(qtbot, till, "KOP-1")
    monkeypatch.setattr(DiscountDialog, "ask", classmethod(lambda cls, *a: (Discount.percent(25),)))
    monkeypatch.setattr(ApprovalDialog, "ask", classmethod(lambda cls, *a: None))
    qtbot.keyClick(till.scan, Qt.Key.Key_F5)
    assert till.cart.lines[0].discount is None  # not approved: put back
    assert till.message.text() == "Not approved: the cart is as it was."

    monkeypatch.setattr(DiscountDialog, "ask", classmethod(lambda cls, *a: (Discount.percent(10),)))
    qtbot.keyClick(till.scan, Qt.Key.Key_F5)
    assert till.cart.lines[0].discount == Discount.percent(10)  # within the limit

    monkeypatch.setattr(DiscountDialog, "ask", classmethod(lambda cls, *a: (Discount.percent(25),)))
    asked = []

    def ask(cls, parent, access, needed, reason=""):
        asked.append((needed, reason))
        return shop.access.approve(OWNER_PIN, needed)

    monkeypatch.setattr(ApprovalDialog, "ask", classmethod(ask))
    qtbot.keyClick(till.scan, Qt.Key.Key_F5)
    assert asked[0][0] == {Permission.DISCOUNT_ABOVE_LIMIT}
    assert "a cashier may give up to 10% off" in asked[0][1]
    assert till.cart.totals().total == 71_250
    with qtbot.waitSignal(till.sale_completed):
        till.complete_sale([Tender(PaymentMethod.CASH, 71_250)])
    assert len(asked) == 1  # the approval given with the discount was used at payment
    ((actor, details),) = audit(shop, "discount.above_limit")
    assert (actor, details["approved_by"], details["largest_percent"]) == (CASHIER, OWNER, "25.0")


def test_a_price_changed_with_f2_needs_the_owner_and_is_logged(
    qtbot, shop, cashier_till, monkeypatch
):
    till = cashier_till
    scan(qtbot, till, "KRM-1")
    monkeypatch.setattr(TextDialog, "ask", classmethod(lambda cls, *a, **k: "50rb"))
    owner_answers(qtbot, OWNER_PIN)
    qtbot.keyClick(till.scan, Qt.Key.Key_F2)
    assert till.cart.lines[0].unit_price == 50_000
    assert "Gelas Keramik sold at Rp50.000 in this sale." in till.message.text()
    with qtbot.waitSignal(till.sale_completed):
        till.complete_sale([Tender(PaymentMethod.CASH, 50_000)])
    ((actor, details),) = audit(shop, "price.override")
    assert (actor, details["catalogue_price"], details["sold_price"]) == (CASHIER, 55_000, 50_000)
    assert details["approved_by"] == OWNER


def test_a_sale_refused_at_payment_is_approved_then_and_there(
    qtbot, shop, cashier_till, monkeypatch
):
    till = cashier_till
    scan(qtbot, till, "KOP-1")
    till.cart.set_line_discount(till.cart.lines[0].key, Discount.percent(50))  # slipped past
    owner_answers(qtbot, OWNER_PIN)
    with qtbot.waitSignal(till.sale_completed, timeout=10_000):
        till.complete_sale([Tender(PaymentMethod.CASH, 47_500)])
    assert len(audit(shop, "discount.above_limit")) == 1
