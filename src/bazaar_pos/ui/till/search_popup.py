"""Search results shown under the scan field while a name is typed."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QAbstractItemView, QFrame, QListView, QWidget

from bazaar_pos.i18n import _
from bazaar_pos.services.views import ProductView
from bazaar_pos.ui.common.formatting import MoneyText, QuantityText

Index = QModelIndex | QPersistentModelIndex


class ProductListModel(QAbstractListModel):
    """Products as one line each: name, SKU, price and stock."""

    def __init__(self, money: MoneyText, quantity: QuantityText) -> None:
        """Show prices with ``money`` and stock with ``quantity``."""
        super().__init__()
        self._money = money
        self._quantity = quantity
        self._products: list[ProductView] = []

    def set_products(self, products: list[ProductView]) -> None:
        """Replace the products shown."""
        self.beginResetModel()
        self._products = list(products)
        self.endResetModel()

    def product(self, row: int) -> ProductView:
        """The product on ``row``."""
        return self._products[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        """One row per product."""
        return 0 if parent.isValid() else len(self._products)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """``Kopi Gayo 250 g · KOP-1 · Rp95.000 · 24 in stock``."""
        if not index.isValid():
            return None
        product = self._products[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return _("{name}   ·   {sku}   ·   {price}   ·   {stock} in stock").format(
                name=product.name,
                sku=product.sku,
                price=self._money(product.price),
                stock=self._quantity(product.stock_milli, product.unit),
            )
        if role == Qt.ItemDataRole.ToolTipRole:
            return product.barcode or product.sku
        return None


class SearchResults(QListView):
    """A list floating over the cart; the scan field keeps the focus and moves its selection."""

    chosen = Signal(object)
    """A product was chosen with a click (Enter is handled by the scan field)."""

    def __init__(self, money: MoneyText, quantity: QuantityText, parent: QWidget) -> None:
        """Float over ``parent``; hidden until there are results."""
        super().__init__(parent)
        self.setObjectName("searchResults")
        self.setAccessibleName(_("Search results"))
        self.results = ProductListModel(money, quantity)
        self.setModel(self.results)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setFrameShape(QFrame.Shape.Box)
        self.setUniformItemSizes(True)
        self.clicked.connect(lambda index: self.chosen.emit(self.results.product(index.row())))
        self.hide()

    def show_products(self, products: list[ProductView]) -> None:
        """Show ``products`` with the first one selected, or hide when there are none."""
        self.results.set_products(products)
        if not products:
            self.hide()
            return
        self.setCurrentIndex(self.results.index(0))
        rows = min(len(products), 8)
        self.setFixedHeight(rows * max(self.sizeHintForRow(0), 1) + 2 * self.frameWidth() + 2)
        self.show()
        self.raise_()

    def move_selection(self, step: int) -> None:
        """Select the next (``step`` 1) or previous (-1) result, stopping at the ends."""
        count = self.results.rowCount()
        if not count:
            return
        row = min(max(self.currentIndex().row() + step, 0), count - 1)
        self.setCurrentIndex(self.results.index(row))

    def current_product(self) -> ProductView | None:
        """The selected product while the list shows, else None."""
        if not self.isVisible() or not self.currentIndex().isValid():
            return None
        return self.results.product(self.currentIndex().row())
