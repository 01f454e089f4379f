"""A table model over the product list that reads it a page at a time (fine at 100,000)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from bazaar_pos.domain.quantity import format_quantity
from bazaar_pos.i18n import N_, _
from bazaar_pos.services.products.catalogue import CatalogueService
from bazaar_pos.services.products.search import PAGE_SIZE, ProductQuery, ProductSort
from bazaar_pos.services.views import ProductView
from bazaar_pos.ui.common.formatting import QuantityText
from bazaar_pos.ui.widgets.table_model import ListTableModel
from bazaar_pos.ui.widgets.thumbnails import thumbnail

Index = QModelIndex | QPersistentModelIndex
Fetch = Callable[[ProductQuery, ProductView | None, int], list[ProductView]]
Count = Callable[[ProductQuery], int]

COLUMNS: tuple[tuple[ProductSort, str], ...] = (
    (ProductSort.SKU, N_("SKU")),
    (ProductSort.NAME, N_("Name")),
    (ProductSort.CATEGORY, N_("Category")),
    (ProductSort.BARCODE, N_("Barcode")),
    (ProductSort.PRICE, N_("Price")),
    (ProductSort.STOCK, N_("Stock")),
)
PRICE_COLUMN, STOCK_COLUMN, NAME_COLUMN = 4, 5, 1
PRODUCT_ROLE = Qt.ItemDataRole.UserRole + 1
THUMB_SIZE = 28
_GREY = QBrush(QColor("#5f6870"))
_LOW = QBrush(QColor("#b42318"))


class ProductTableModel(ListTableModel[ProductView]):
    """Rows of ProductView, read from the catalogue by pages as the view scrolls.

    Only the rows scrolled to are ever loaded; sorting and filtering ask the
    catalogue again rather than sorting here.
    """

    def __init__(
        self,
        format_money: Callable[[int], str],
        fetch: Fetch | None = None,
        count: Count | None = None,
        photo_for: Callable[[ProductView], Path | None] | None = None,
        page_size: int = PAGE_SIZE,
        quantity: QuantityText | None = None,
    ) -> None:
        """Show products from ``fetch`` (pages) and ``count``; without them, rows set by hand.

        Stock is written by ``quantity`` (Indonesian style when not given).
        """
        super().__init__([_(title) for _sort, title in COLUMNS])
        self._format_money = format_money
        self._quantity = quantity or (lambda milli, unit: format_quantity(milli, unit, "id_ID"))
        self._fetch = fetch
        self._count = count
        self._photo_for = photo_for
        self._page_size = page_size
        self._query = ProductQuery()
        self._total: int | None = 0
        """How many match; None until counted (a full first page read without counting)."""
        self._last_page_full = False
        self._busy = False
        """True while resetting or inserting: a fetchMore asked for then is ignored."""

    @classmethod
    def over_catalogue(
        cls,
        catalogue: CatalogueService,
        format_money: Callable[[int], str],
        *,
        photos: bool = False,
        page_size: int = PAGE_SIZE,
        quantity: QuantityText | None = None,
    ) -> ProductTableModel:
        """Products read a page at a time from ``catalogue``; with ``photos``, their thumbnails."""
        return cls(
            format_money,
            fetch=lambda query, after, limit: catalogue.browse(query, after=after, limit=limit),
            count=catalogue.count_matching,
            photo_for=catalogue.photo_path if photos else None,
            page_size=page_size,
            quantity=quantity,
        )

    # Loading

    @property
    def query(self) -> ProductQuery:
        """What the model shows."""
        return self._query

    @property
    def total(self) -> int:
        """How many products match, loaded or not (the rows loaded while not yet counted)."""
        return len(self._items) if self._total is None else self._total

    @property
    def counted(self) -> bool:
        """True once ``total`` is the number of matching products, not just those loaded."""
        return self._total is not None

    def set_query(self, query: ProductQuery, *, count: bool = True) -> None:
        """Show the first page of what ``query`` matches.

        Without ``count`` a full first page leaves the total uncounted (typing
        in the filter: counting every match would cost as much again as the
        page); :meth:`count_all` counts it later.
        """
        assert self._fetch is not None
        self._busy = True
        try:
            self.beginResetModel()
            self._query = query
            self._items = self._fetch(query, None, self._page_size)
            self._last_page_full = len(self._items) == self._page_size
            self._total = None if self._last_page_full else len(self._items)
            self.endResetModel()
        finally:
            self._busy = False
        if count:
            self.count_all()

    def count_all(self) -> int:
        """Count every product the query matches, if not yet counted; the total."""
        if self._total is None:
            assert self._count is not None
            self._total = self._count(self._query)
        return self._total

    def refresh(self) -> None:
        """Read the rows again (after a change), keeping the query."""
        self.set_query(self._query)

    def set_products(self, products: list[ProductView]) -> None:
        """Show exactly ``products`` (no paging)."""
        self._busy = True
        try:
            self.beginResetModel()
            self._items = list(products)
            self._total = len(self._items)
            self.endResetModel()
        finally:
            self._busy = False

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008 - Qt API
        """True while more matching products wait to be read."""
        if parent.isValid():
            return False
        return self._last_page_full if self._total is None else len(self._items) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008 - Qt API
        """Read the next page after the last row shown."""
        if parent.isValid() or self._fetch is None or not self._items or self._busy:
            return
        page = self._fetch(self._query, self._items[-1], self._page_size)
        self._last_page_full = len(page) == self._page_size
        if not page:
            self._total = len(self._items)
            return
        start = len(self._items)
        self._busy = True
        try:
            self.beginInsertRows(QModelIndex(), start, start + len(page) - 1)
            self._items.extend(page)
            self.endInsertRows()
        finally:
            self._busy = False
        if self._total is None and not self._last_page_full:
            self._total = len(self._items)  # the last page: every match is loaded

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Ask the catalogue for the products in a column's order."""
        if self._fetch is None or not 0 <= column < len(COLUMNS):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        self.set_query(replace(self._query, sort=COLUMNS[column][0], descending=descending))

    # Reading

    def product(self, row: int) -> ProductView:
        """The product shown on ``row``."""
        return self.item(row)

    def row_of(self, product_id: int) -> int | None:
        """The row showing the product with ``product_id``, if it is loaded."""
        return next((i for i, p in enumerate(self._items) if p.id == product_id), None)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Cell text, alignment, archived rows in grey, low stock in red, photos by the name."""
        if not index.isValid():
            return None
        product = self._items[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(product, column)
        if role == PRODUCT_ROLE:
            return product
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= PRICE_COLUMN:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if not product.active:
                return _GREY
            if column == STOCK_COLUMN and product.is_low:
                return _LOW
        if role == Qt.ItemDataRole.FontRole and not product.active:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.DecorationRole and column == NAME_COLUMN and self._photo_for:
            return thumbnail(self._photo_for(product), THUMB_SIZE)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(product)
        return None

    def _text(self, product: ProductView, column: int) -> str:
        if column == NAME_COLUMN:
            name = f"★ {product.name}" if product.favourite else product.name
            return name if product.active else _("{name} (archived)").format(name=name)
        if column == STOCK_COLUMN:
            if product.has_variants:
                return "—"
            return self._quantity(product.stock_milli, product.unit)
        values = (
            product.sku,
            "",
            product.category,
            product.barcode or "",
            self._format_money(product.price),
        )
        return values[column]

    def _tooltip(self, product: ProductView) -> str:
        notes = []
        if product.has_variants:
            notes.append(
                _("Sold as its variants: {options}").format(
                    options="; ".join(
                        f"{a.name}: {', '.join(a.values)}" for a in product.option_axes
                    )
                )
            )
        if product.one_of_a_kind:
            notes.append(_("One of a kind"))
        if product.is_low:
            level = self._quantity(product.low_stock_milli or 0, product.unit)
            notes.append(_("Low stock (level {level})").format(level=level))
        if product.consignor_id is not None:
            notes.append(_("Consigned goods"))
        return "\n".join(notes)
