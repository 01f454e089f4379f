"""Customers with kasbon for the Customers screen's tests, and driving its modal dialogs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

from bazaar_pos.domain.receivables import EntryKind
from bazaar_pos.services.customers.accounts import add_entry
from bazaar_pos.services.customers.views import CustomerDraft
from bazaar_pos.ui.customers.screen import CustomersScreen


def charge(shop, customer_id: int, amount: int, *, on: datetime, due: date | None) -> None:
    """Put ``amount`` on the customer's kasbon as a sale on account would."""
    till_id = shop.settings.load().till_id
    with shop.db.writing() as session:
        entry = add_entry(
            session, customer_id, EntryKind.CHARGE, amount, till_id=till_id, due_on=due
        )
        entry.created_at = on


@pytest.fixture
def ani(shop):
    """Ani, 0812-3456-7890, owing Rp305.000 since 1 November, due 1 December (overdue)."""
    customer = shop.customers.add(CustomerDraft("Ani Lestari", phone="0812 3456 7890"))
    on = datetime(2026, 11, 1, 3, tzinfo=UTC)
    charge(shop, customer.id, 305_000, on=on, due=date(2026, 12, 1))
    return shop.customers.get(customer.id)


@pytest.fixture
def screen(qtbot, shop):
    """The Customers screen, shown."""
    widget = CustomersScreen(shop)
    qtbot.addWidget(widget)
    widget.resize(1200, 720)
    widget.show()
    return widget


def when_modal(qtbot, act: Callable[[QDialog], None]) -> list[QDialog]:
    """Call ``act`` with the next modal dialog once it is open; the dialogs seen.

    A failure inside ``act`` closes the dialog (so the test goes on) and fails the test.
    """
    seen: list[QDialog] = []

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, run)
            return
        seen.append(dialog)
        try:
            act(dialog)
        except BaseException as exc:
            dialog.reject()
            pytest.fail(f"driving {dialog.objectName()} failed: {exc!r}")

    QTimer.singleShot(0, run)
    return seen
