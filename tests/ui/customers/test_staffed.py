"""A cashier on the Customers screen: a new credit limit only with the owner's PIN."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from bazaar_pos.services.customers.views import CustomerDraft
from tests.helpers.audit import audit
from tests.helpers.qt import NOT_APPROVED, owner_answers
from tests.helpers.users import CASHIER, OWNER_PIN, act_as
from tests.ui.customers.conftest import when_modal

pytestmark = pytest.mark.staffed


@pytest.fixture
def budi_cashier(shop):
    act_as(shop, CASHIER)


def change_limit(qtbot, screen, amount, *pins):
    """Type a new limit in the customer dialog and save; the approval's reasons and problem."""
    seen = {}

    def fill(dialog):
        dialog.limit.selectAll()
        qtbot.keyClicks(dialog.limit, amount)
        seen["reasons"] = owner_answers(qtbot, *pins)
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
        if dialog.isVisible():
            seen["problem"] = dialog.problem.text()
            dialog.reject()

    when_modal(qtbot, fill)
    qtbot.keyClick(screen, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    return seen


def test_a_new_credit_limit_needs_the_owners_pin(qtbot, shop, budi_cashier, screen):
    ani = shop.customers.add(CustomerDraft("Ani Lestari"))
    screen.refresh(select=ani.id)
    seen = change_limit(qtbot, screen, "1jt", OWNER_PIN)
    assert seen["reasons"][0].startswith("Only an owner may change a customer's credit limit.")
    assert "problem" not in seen
    assert shop.customers.get(ani.id).credit_limit == 1_000_000
    ((actor, details),) = audit(shop, "customer.changed")
    assert actor == "Budi"
    assert (details["credit_limit"], details["approved_by"]) == (1_000_000, "Sari")


def test_without_the_pin_the_limit_stays(qtbot, shop, budi_cashier, screen):
    ani = shop.customers.add(CustomerDraft("Ani Lestari"))
    screen.refresh(select=ani.id)
    seen = change_limit(qtbot, screen, "1jt")
    assert seen["problem"] == NOT_APPROVED
    assert shop.customers.get(ani.id).credit_limit == 0


def test_other_details_need_no_owner(qtbot, shop, budi_cashier, screen, never_asked):
    ani = shop.customers.add(CustomerDraft("Ani Lestari"))
    screen.refresh(select=ani.id)

    def fill(dialog):
        qtbot.keyClicks(dialog.address, "Jl. Kaliurang 5")
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)

    when_modal(qtbot, fill)
    screen.edit_selected()
    assert shop.customers.get(ani.id).address == "Jl. Kaliurang 5"
