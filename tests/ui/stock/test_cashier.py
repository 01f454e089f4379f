"""A cashier on the Stock screen: adjusting and applying counts with the owner's PIN, no costs."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QTableWidget

from bazaar_pos.domain.quantity import whole
from bazaar_pos.domain.stock import StockReason
from bazaar_pos.store.types import utcnow
from bazaar_pos.ui.stock.count import VarianceDialog
from bazaar_pos.ui.stock.dialogs import Move, StockMoveDialog
from bazaar_pos.ui.stock.screen import StockScreen
from tests.helpers.audit import audit
from tests.helpers.qt import NOT_APPROVED, owner_answers
from tests.helpers.users import CASHIER, OWNER, OWNER_PIN, act_as

ADJUST_REFUSED = "Only an owner may adjust stock. An owner can approve it here with their PIN."


pytestmark = pytest.mark.staffed
"""Every test here runs on the shop with an owner and a cashier."""


@pytest.fixture
def clock(shop):
    """Let a test move the shop's clock on."""
    now = [utcnow()]
    shop.access.clock = lambda: now[0]

    def move(**delta):
        now[0] += timedelta(**delta)

    return move


@pytest.fixture
def stock_screen(qtbot, shop):
    widget = StockScreen(shop)
    qtbot.addWidget(widget)
    widget.resize(1200, 720)
    widget.show()
    return widget


# Moving stock


def test_a_cashier_adjusts_stock_with_the_owners_pin(qtbot, shop, coffee):
    act_as(shop, CASHIER)
    dialog = StockMoveDialog(shop, coffee, Move.ADJUST)
    qtbot.addWidget(dialog)
    dialog.reason.setCurrentIndex(dialog.reason.findData(StockReason.DAMAGED))
    dialog.quantity.setValue(whole(2))
    dialog.note.setText("rain")

    reasons = owner_answers(qtbot, "0000")
    dialog.save()
    assert reasons == [ADJUST_REFUSED]
    assert dialog.problems.text() == NOT_APPROVED
    assert shop.catalogue.get(coffee.id).stock_milli == whole(10)
    assert audit(shop, "stock.adjusted") == []

    owner_answers(qtbot, OWNER_PIN)
    dialog.save()
    assert dialog.result_stock == whole(8)
    ((actor, details),) = audit(shop, "stock.adjusted")
    assert (actor, details["quantity"], details["approved_by"]) == (CASHIER, "-2", OWNER)
    assert shop.check() == []


def test_an_owner_adjusts_stock_without_being_asked(qtbot, shop, coffee, never_asked):
    act_as(shop, OWNER)
    dialog = StockMoveDialog(shop, coffee, Move.ADJUST)
    qtbot.addWidget(dialog)
    dialog.quantity.setValue(whole(1))
    dialog.save()
    assert dialog.result_stock == whole(9)


def test_a_cashier_receives_goods_without_seeing_or_changing_the_cost(
    qtbot, shop, coffee, never_asked
):
    act_as(shop, CASHIER)
    dialog = StockMoveDialog(shop, coffee, Move.RECEIVE)
    qtbot.addWidget(dialog)
    assert dialog.cost.text() == ""
    assert dialog.cost.placeholderText() == "empty: the cost stays as it is"
    dialog.quantity.setValue(whole(5))
    dialog.save()
    assert dialog.result_stock == whole(15)
    assert shop.catalogue.get(coffee.id).cost == 50_000
    assert shop.stock.history(coffee.id)[0].unit_cost is None

    act_as(shop, OWNER)
    dialog = StockMoveDialog(shop, coffee, Move.RECEIVE)
    qtbot.addWidget(dialog)
    assert dialog.cost.value() == 50_000  # the owner's is filled in


# The Stock screen


def cost_shown(stock_screen):
    tab = stock_screen.movements
    history = tab.history
    cells = [history.item(row, 4).text() for row in range(history.rowCount())]
    return "Cost " in tab.details.text(), not history.isColumnHidden(4), any(cells)


def test_a_cashier_sees_no_cost_in_a_products_stock_history(qtbot, shop, coffee, stock_screen):
    shop.stock.receive(coffee.id, whole(2), unit_cost=50_000)
    act_as(shop, CASHIER)
    stock_screen.refresh()
    stock_screen.show_product(coffee.id)
    assert stock_screen.movements.history.rowCount() == 2
    assert cost_shown(stock_screen) == (False, False, False)
    assert "Price Rp95.000" in stock_screen.movements.details.text()

    act_as(shop, OWNER)
    stock_screen.access_changed()
    assert cost_shown(stock_screen) == (True, True, True)
    assert "Cost Rp50.000 each, Rp600.000 in all" in stock_screen.movements.details.text()


def test_a_cashier_sees_the_stock_value_with_the_owners_pin_for_its_minutes(
    qtbot, shop, coffee, stock_screen, clock
):
    act_as(shop, CASHIER)
    stock_screen.access_changed()
    value = stock_screen.value
    stock_screen.tabs.setCurrentWidget(value)
    assert not value.is_open()
    assert "for the owner" in value.explanation.text()
    assert value.total.text() == ""
    assert value.table.rowCount() == 0

    reasons = owner_answers(qtbot, "0000")
    value.show_button.click()
    assert reasons == ["Only an owner may see costs and profit."]
    assert value.message.text() == NOT_APPROVED
    assert not value.is_open()

    owner_answers(qtbot, OWNER_PIN)
    value.show_button.click()
    assert value.is_open()
    assert value.total.text() == "Stock at cost: Rp500.000"
    stock_screen.show_product(coffee.id)  # the approval shows costs in the other tabs too
    assert cost_shown(stock_screen) == (True, True, False)

    clock(minutes=9)
    stock_screen.tabs.setCurrentWidget(stock_screen.low_stock)
    stock_screen.tabs.setCurrentWidget(value)  # read again with the approval kept
    assert value.total.text() == "Stock at cost: Rp500.000"

    clock(minutes=2)
    value.refresh()
    assert not value.is_open()
    assert value.total.text() == ""
    stock_screen.movements.refresh()
    assert cost_shown(stock_screen) == (False, False, False)


def test_an_approval_running_out_hides_the_costs_by_itself(
    qtbot, shop, coffee, stock_screen, clock
):
    act_as(shop, CASHIER)
    value = stock_screen.value
    stock_screen.tabs.setCurrentWidget(value)
    owner_answers(qtbot, OWNER_PIN)
    value.show_button.click()
    assert value.is_open()
    clock(minutes=11)
    timer = stock_screen.cost_sight.findChild(QTimer, "lookingApprovalTimer")
    assert timer.isActive()
    with qtbot.waitSignal(stock_screen.cost_sight.changed, timeout=10_000):
        timer.start(0)
    assert not value.is_open()
    assert stock_screen.cost_sight.approval is None


def test_signing_in_as_someone_else_drops_the_approval_kept(qtbot, shop, coffee, stock_screen):
    act_as(shop, CASHIER)
    value = stock_screen.value
    stock_screen.tabs.setCurrentWidget(value)
    owner_answers(qtbot, OWNER_PIN)
    value.show_button.click()
    assert value.is_open()
    shop.access.sign_out()
    act_as(shop, CASHIER)  # the next cashier
    stock_screen.access_changed()
    assert stock_screen.cost_sight.approval is None
    assert not value.is_open()
    assert cost_shown(stock_screen)[:2] == (False, False)
    act_as(shop, OWNER)
    stock_screen.access_changed()
    assert value.is_open()
    assert value.total.text() == "Stock at cost: Rp500.000"


def test_a_cashier_counts_sees_no_cost_and_applies_with_the_owners_pin(
    qtbot, shop, coffee, stock_screen, monkeypatch
):
    act_as(shop, CASHIER)
    stock_screen.access_changed()
    tab = stock_screen.count
    tab.refresh()
    tab.start()
    tab.model.set_count(tab.model.row_of(coffee.id), whole(7))
    shown = []

    def review(parent, variances, counted, formats, *, costs):
        dialog = VarianceDialog(variances, counted, formats, parent, costs=costs)
        qtbot.addWidget(dialog)
        table = dialog.findChild(QTableWidget, "varianceTable")
        headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
        summary = dialog.findChild(QLabel, "varianceSummary").text()
        shown.append((headers, summary))
        return True

    monkeypatch.setattr(VarianceDialog, "ask", review)
    reasons = owner_answers(qtbot, "0000")
    tab.review.click()
    headers, summary = shown[0]
    assert headers == ["SKU", "Name", "Expected", "Counted", "Difference"]
    assert summary.startswith("1 product counted; 1 differs from the stock on record. Applying")
    assert reasons == [ADJUST_REFUSED]
    assert tab.message.text() == NOT_APPROVED
    assert shop.catalogue.get(coffee.id).stock_milli == whole(10)
    assert tab.model.counted == {coffee.id: whole(7)}  # the count is kept for the owner

    owner_answers(qtbot, OWNER_PIN)
    with qtbot.waitSignal(stock_screen.stock_changed, timeout=10_000):
        tab.review.click()
    assert shop.catalogue.get(coffee.id).stock_milli == whole(7)
    assert tab.message.text() == "Count applied: 1 product changed."
    ((actor, details),) = audit(shop, "stock.counted")
    assert (actor, details["approved_by"]) == (CASHIER, OWNER)


def test_an_owner_counts_sees_the_cost_and_is_never_asked(
    qtbot, shop, coffee, stock_screen, monkeypatch, never_asked
):
    act_as(shop, OWNER)
    stock_screen.access_changed()
    tab = stock_screen.count
    tab.start()
    tab.model.set_count(tab.model.row_of(coffee.id), whole(9))
    monkeypatch.setattr(VarianceDialog, "ask", lambda *a, costs: costs)
    with qtbot.waitSignal(stock_screen.stock_changed):
        tab.review.click()
    assert tab.message.text() == "Count applied: 1 products changed (-Rp50.000 at cost)."
    stock_screen.tabs.setCurrentWidget(stock_screen.value)
    assert stock_screen.value.is_open()
