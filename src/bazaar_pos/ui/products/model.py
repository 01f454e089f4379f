"""A table model over the product list for the Products screen."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from bazaar_pos.i18n import _
from bazaar_pos.services.views import ProductView

Index = QModelIndex | QPersistentModelIndex


class ProductTableModel(QAbstractTableModel):
    """Rows of ProductView: SKU, name, category, barcode, price, stock."""

    def __init__(self, format_money: Callable[[int], str]) -> None:
        """Show products, formatting prices with ``format_money``."""
        super().__init__()
        self._format_money = format_money
        self._products: list[ProductView] = []
        self._headers = [_("SKU"), _("Name"), _("Category"), _("Barcode"), _("Price"), _("Stock")]

    def set_products(self, products: list[ProductView]) -> None:
        """Replace the rows shown."""
        self.beginResetModel()
        self._products = list(products)
        self.endResetModel()

    def product(self, row: int) -> ProductView:
        """The product shown on ``row``."""
        return self._products[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        """One row per product."""
        return 0 if parent.isValid() else len(self._products)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        """Six columns."""
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Cell text, with numbers right-aligned."""
        if not index.isValid():
            return None
        product = self._products[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            values = (
                product.sku,
                product.name,
                product.category,
                product.barcode or "",
                self._format_money(product.price),
                str(product.stock),
            )
            return values[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 4:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        """Column titles."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None
