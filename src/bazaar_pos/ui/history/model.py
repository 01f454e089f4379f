"""Past sales as a table: number, time, items, total, how it was paid, and what became of it."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from bazaar_pos.i18n import _
from bazaar_pos.services.sales_history import SaleSummary
from bazaar_pos.ui.formatting import MoneyText, local_time, method_label

Index = QModelIndex | QPersistentModelIndex
NUMBER_COLUMNS = (2, 3)


def sale_status(sale: SaleSummary, money: MoneyText) -> str:
    """``Voided``, ``Refunded Rp45.000`` or nothing."""
    if sale.voided:
        return _("Voided")
    if sale.refunded:
        return _("Refunded {amount}").format(amount=money(sale.refunded))
    return ""


class SalesListModel(QAbstractTableModel):
    """One row per sale, newest first as the service returns them."""

    def __init__(self, money: MoneyText) -> None:
        """Show amounts with ``money``."""
        super().__init__()
        self._money = money
        self._sales: list[SaleSummary] = []
        self._headers = [_("Sale"), _("Time"), _("Items"), _("Total"), _("Paid by"), _("Status")]

    def set_sales(self, sales: list[SaleSummary]) -> None:
        """Replace the sales shown."""
        self.beginResetModel()
        self._sales = list(sales)
        self.endResetModel()

    def sale(self, row: int) -> SaleSummary:
        """The sale on ``row``."""
        return self._sales[row]

    def row_of(self, sale_uuid: str) -> int:
        """The row of the sale with ``sale_uuid``, or -1."""
        for row, sale in enumerate(self._sales):
            if sale.uuid == sale_uuid:
                return row
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        """One row per sale."""
        return 0 if parent.isValid() else len(self._sales)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        """Six columns."""
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Cell text, amounts right-aligned."""
        if not index.isValid():
            return None
        sale = self._sales[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            values = (
                sale.number,
                local_time(sale.created_at),
                str(sale.item_count),
                self._money(sale.total),
                ", ".join(method_label(m) for m in sale.methods),
                sale_status(sale, self._money),
            )
            return values[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in NUMBER_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        """Column titles."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None
