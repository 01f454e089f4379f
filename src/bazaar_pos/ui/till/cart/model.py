"""The cart's lines as a table: item, quantity, price, discount and line total."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from bazaar_pos.domain.cart import CartLine, CartTotals, LineTotals
from bazaar_pos.i18n import _
from bazaar_pos.ui.common.formatting import MoneyText, QuantityText
from bazaar_pos.ui.widgets.table_model import RIGHT, ListTableModel

SHORT_OF_STOCK = QColor("#b45309")
NUMBER_COLUMNS = (0, 2, 3, 4, 5)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)


class CartTableModel(ListTableModel[LineTotals]):
    """One row per cart line; lines selling beyond stock are shown in amber."""

    numeric_columns = frozenset(NUMBER_COLUMNS)

    def __init__(self, money: MoneyText, quantity: QuantityText) -> None:
        """Show amounts with ``money`` and quantities with ``quantity``."""
        super().__init__(["#", _("Item"), _("Qty"), _("Price"), _("Discount"), _("Total")])
        self._money = money
        self._quantity = quantity
        self._short: frozenset[str] = frozenset()
        self._texts: list[tuple[str, ...]] = []

    def set_totals(self, totals: CartTotals, short: frozenset[str] = frozenset()) -> None:
        """Show the lines of ``totals``; ``short`` holds the keys of lines beyond stock.

        Each cell's text is worked out here, once, not at every paint.
        """
        self._short = short
        self._texts = [
            tuple(self._cell(item, row, column) for column in range(len(NUMBER_COLUMNS) + 1))
            for row, item in enumerate(totals.lines)
        ]
        self.set_items(totals.lines)

    def widest_texts(self, totals: CartTotals) -> dict[int, str]:
        """The longest text each number column shows for ``totals``, read from the amounts."""
        lines = totals.lines
        discount = max((t.discount for t in lines), default=0)
        return {
            0: str(len(lines)),
            2: max((self._quantity_text(t.line) for t in lines), key=len, default=""),
            3: max((self._price_text(t.line) for t in lines), key=len, default=""),
            4: self._money(-discount) if discount else "",
            5: self._money(max((abs(t.net) for t in lines), default=0)),
        }

    def key(self, row: int) -> str:
        """The cart line key shown on ``row``."""
        return self.item(row).line.key

    def row_of(self, key: str) -> int:
        """The row showing the line with ``key``, or -1."""
        return self.row_where(lambda totals: totals.line.key == key)

    def item_data(self, item: LineTotals, column: int, role: int) -> object:
        """The SKU as a tooltip; lines beyond stock in amber."""
        line = item.line
        if role == TOOLTIP:
            sku = line.sku or _("item without a code")
            if line.key in self._short:
                return _("{sku}: more than there is in stock").format(sku=sku)
            return sku
        if role == FOREGROUND and line.key in self._short:
            return QBrush(SHORT_OF_STOCK)
        return None

    def text(self, item: LineTotals, row: int, column: int) -> str:
        """Number, item, quantity, price, discount and total of a line."""
        return self._texts[row][column]

    def _cell(self, item: LineTotals, row: int, column: int) -> str:
        line = item.line
        if column == 0:
            return str(row + 1)
        if column == 1:
            return f"⚠ {line.name}" if line.key in self._short else line.name
        if column == 2:
            return self._quantity_text(line)
        if column == 3:
            return self._price_text(line)
        if column == 4:
            return self._money(-item.discount) if item.discount else ""
        return self._money(item.net)

    def _quantity_text(self, line: CartLine) -> str:
        """``3``, or ``0,25 kg`` for goods sold by weight or length."""
        return self._quantity(line.quantity_milli, line.unit)

    def _price_text(self, line: CartLine) -> str:
        """``Rp15.000``, or ``Rp180.000/kg`` for goods sold by weight or length."""
        price = self._money(line.unit_price)
        return price if line.unit.counted else f"{price}/{line.unit.value}"

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        """Column titles, those over numbers right-aligned."""
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.TextAlignmentRole
            and section in NUMBER_COLUMNS
        ):
            return RIGHT
        return super().headerData(section, orientation, role)
