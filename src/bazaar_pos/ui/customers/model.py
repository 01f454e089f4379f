"""The Customers screen's tables: the customers, one customer's purchases and kasbon ledger."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from bazaar_pos.domain.money import MinorUnits
from bazaar_pos.domain.phone import display_phone
from bazaar_pos.domain.receivables import entry_label
from bazaar_pos.i18n import _
from bazaar_pos.services.customers.purchases import Purchase
from bazaar_pos.services.customers.views import CustomerView, EntryView
from bazaar_pos.ui.common.formatting import Formats, method_label
from bazaar_pos.ui.widgets.table_model import ListTableModel

OVERDUE_COLOUR = QColor("#b3261e")
OVERDUE_BACKGROUND = QColor("#fdecea")


@dataclass(frozen=True, slots=True)
class CustomerRow:
    """A customer as the list shows them: with what is overdue and the next due date."""

    customer: CustomerView
    overdue: MinorUnits = 0
    next_due: date | None = None


def owed_text(owed: MinorUnits, formats: Formats) -> str:
    """What a customer owes, ``Rp305.000``; a credit the shop owes them says so."""
    if owed < 0:
        return _("{amount} credit").format(amount=formats.money(-owed))
    return formats.money(owed) if owed else ""


class CustomerTableModel(ListTableModel[CustomerRow]):
    """One row per customer: name, phone, group, owed, limit, next due date; overdue in red."""

    numeric_columns = frozenset({3, 4})

    def __init__(self, formats: Formats) -> None:
        """An empty list, money and days written with ``formats``."""
        super().__init__(
            [_("Name"), _("Phone"), _("Group"), _("Owed"), _("Credit limit"), _("Next due")]
        )
        self._formats = formats

    def text(self, item: CustomerRow, row: int, column: int) -> str:
        """The customer's name, phone, group, owed, limit or next due date."""
        customer = item.customer
        if column == 0:
            return customer.name if customer.active else _("{name} (inactive)").format(
                name=customer.name
            )
        if column == 1:
            return display_phone(customer.phone)
        if column == 2:
            return customer.group_name
        if column == 3:
            return owed_text(customer.owed, self._formats)
        if column == 4:
            return self._formats.money(customer.credit_limit)
        if item.next_due is None:
            return ""
        day = self._formats.day(item.next_due)
        return _("{day} (overdue)").format(day=day) if item.overdue else day

    def item_data(self, item: CustomerRow, column: int, role: int) -> object:
        """Customers with overdue kasbon stand out in red."""
        if item.overdue and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(OVERDUE_COLOUR)
        if item.overdue and role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(OVERDUE_BACKGROUND)
        if item.overdue and role == Qt.ItemDataRole.ToolTipRole:
            return _("Overdue: {amount}").format(amount=self._formats.money(item.overdue))
        return None


class PurchaseTableModel(ListTableModel[Purchase]):
    """A customer's sales: number, date, total, and the part put on kasbon."""

    numeric_columns = frozenset({2, 3})

    def __init__(self, formats: Formats) -> None:
        """An empty history."""
        super().__init__([_("Sale"), _("Date"), _("Total"), _("On kasbon")])
        self._formats = formats

    def text(self, item: Purchase, row: int, column: int) -> str:
        """The sale's number, date, total or amount on account."""
        if column == 0:
            return item.number
        if column == 1:
            return self._formats.moment(item.sold_at)
        if column == 2:
            return self._formats.money(item.total)
        return self._formats.money(item.on_account) if item.on_account else ""


class LedgerTableModel(ListTableModel[EntryView]):
    """A customer's kasbon ledger, oldest first, with the balance after each line."""

    numeric_columns = frozenset({3, 4})

    def __init__(self, formats: Formats) -> None:
        """An empty ledger."""
        super().__init__([_("Date"), _("What"), _("Details"), _("Amount"), _("Balance")])
        self._formats = formats

    def text(self, item: EntryView, row: int, column: int) -> str:
        """The entry's date, kind, details, signed amount or the balance after it."""
        if column == 0:
            return self._formats.moment(item.created_at)
        if column == 1:
            return entry_label(item.kind)
        if column == 2:
            return self._details(item)
        if column == 3:
            sign = "+" if item.amount > 0 else "-"
            return sign + self._formats.money(abs(item.amount))
        return owed_text(item.balance_after, self._formats) or self._formats.money(0)

    def _details(self, item: EntryView) -> str:
        parts = []
        if item.sale_number:
            parts.append(item.sale_number)
        if item.method:
            parts.append(method_label(item.method))
        if item.due_on is not None:
            parts.append(_("due {day}").format(day=self._formats.day(item.due_on)))
        for text in (item.reference, item.note):
            if text:
                parts.append(text)
        return " · ".join(parts)
