"""The cart's lines as a table: item, quantity, price, discount and line total."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from bazaar_pos.domain.cart import CartTotals, LineTotals
from bazaar_pos.i18n import _
from bazaar_pos.ui.formatting import MoneyText

Index = QModelIndex | QPersistentModelIndex
SHORT_OF_STOCK = QColor("#b45309")
NUMBER_COLUMNS = (0, 2, 3, 4, 5)
_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.ForegroundRole,
    }
)
"""The roles the cart answers; the view asks for many more as it sizes the columns."""


class CartTableModel(QAbstractTableModel):
    """One row per cart line; lines selling beyond stock are shown in amber."""

    def __init__(self, money: MoneyText) -> None:
        """Show amounts with ``money``."""
        super().__init__()
        self._money = money
        self._lines: tuple[LineTotals, ...] = ()
        self._texts: list[tuple[str, ...]] = []
        self._short: frozenset[str] = frozenset()
        self._headers = ["#", _("Item"), _("Qty"), _("Price"), _("Discount"), _("Total")]

    def set_totals(self, totals: CartTotals, short: frozenset[str] = frozenset()) -> None:
        """Show the lines of ``totals``; ``short`` holds the keys of lines beyond stock."""
        self.beginResetModel()
        self._lines = totals.lines
        self._short = short
        # The view asks for each cell many times as it sizes its columns: write them once.
        self._texts = [
            tuple(self._text(row, line, column) for column in range(len(self._headers)))
            for row, line in enumerate(self._lines)
        ]
        self.endResetModel()

    def key(self, row: int) -> str:
        """The cart line key shown on ``row``."""
        return self._lines[row].line.key

    def row_of(self, key: str) -> int:
        """The row showing the line with ``key``, or -1."""
        for row, totals in enumerate(self._lines):
            if totals.line.key == key:
                return row
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        """One row per line."""
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        """Six columns."""
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Cell text, numbers right-aligned, lines beyond stock in amber."""
        if role not in _ROLES or not index.isValid():
            return None
        totals = self._lines[index.row()]
        line, column = totals.line, index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts[index.row()][column]
        if role == Qt.ItemDataRole.ToolTipRole:
            sku = line.sku or _("item without a code")
            if line.key in self._short:
                return _("{sku}: more than there is in stock").format(sku=sku)
            return sku
        if role == Qt.ItemDataRole.TextAlignmentRole and column in NUMBER_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and line.key in self._short:
            return QBrush(SHORT_OF_STOCK)
        return None

    def _text(self, row: int, totals: LineTotals, column: int) -> str:
        line = totals.line
        if column == 0:
            return str(row + 1)
        if column == 1:
            return f"⚠ {line.name}" if line.key in self._short else line.name
        if column == 2:
            return str(line.quantity)
        if column == 3:
            return self._money(line.unit_price)
        if column == 4:
            return self._money(-totals.discount) if totals.discount else ""
        return self._money(totals.net)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        """Column titles."""
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section in NUMBER_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
