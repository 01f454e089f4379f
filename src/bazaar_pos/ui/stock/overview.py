"""The Low stock and Value tabs: what to reorder, and what the stock is worth."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bazaar_pos.i18n import _, ngettext
from bazaar_pos.services.shop import Shop
from bazaar_pos.ui.formatting import Formats, count_text

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _table(name: str, accessible: str, headers: list[str], stretch: int) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setAccessibleName(accessible)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def _fill(table: QTableWidget, rows: list[tuple[str, ...]], numeric_from: int) -> None:
    table.setRowCount(len(rows))
    for row, cells in enumerate(rows):
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if column >= numeric_from:
                item.setTextAlignment(_RIGHT)
            table.setItem(row, column, item)


class LowStockTab(QWidget):
    """Active products at or below their low-stock level, the emptiest first.

    Signals:
        open_product(int): the id of a product to show in the Stock tab (Enter or double-click).
    """

    open_product = Signal(int)

    def __init__(self, shop: Shop, parent: QWidget | None = None) -> None:
        """List the low stock of ``shop``."""
        super().__init__(parent)
        self.setObjectName("lowStockTab")
        self.setAccessibleName(_("Low stock"))
        self._shop = shop
        self._ids: list[int] = []
        self.table = _table(
            "lowStockTable",
            _("Products low on stock"),
            [_("SKU"), _("Name"), _("Category"), _("In stock"), _("Level")],
            1,
        )
        self.table.cellDoubleClicked.connect(lambda row, _column: self._open(row))
        self.table.cellActivated.connect(lambda row, _column: self._open(row))
        self.summary = QLabel()
        self.summary.setObjectName("lowStockSummary")
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        hint = QLabel(_("Set a product's low-stock level in its product dialog to list it here."))
        hint.setObjectName("screenNote")
        layout.addWidget(hint)
        # The Stock screen reads this tab when it is shown.

    def refresh(self) -> None:
        """Read the list again."""
        products = self._shop.stock.low_stock()
        self._ids = [p.id for p in products]
        _fill(
            self.table,
            [(p.sku, p.name, p.category, str(p.stock), str(p.low_stock_level)) for p in products],
            3,
        )
        self.summary.setText(
            ngettext(
                "{count} product is low on stock.",
                "{count} products are low on stock.",
                len(products),
            ).format(count=len(products))
            if products
            else _("Nothing is low on stock.")
        )

    def _open(self, row: int) -> None:
        self.open_product.emit(self._ids[row])


class ValueTab(QWidget):
    """The stock the shop owns at cost and at price, by category; consigned goods apart."""

    def __init__(self, shop: Shop, parent: QWidget | None = None) -> None:
        """Value the stock of ``shop``."""
        super().__init__(parent)
        self.setObjectName("stockValueTab")
        self.setAccessibleName(_("Stock value"))
        self._shop = shop
        self._formats = Formats(shop.settings.load())
        self.total = QLabel()
        self.total.setObjectName("stockValueTotal")
        self.detail = QLabel()
        self.detail.setObjectName("stockValueDetail")
        self.detail.setWordWrap(True)
        refresh = QPushButton(_("Re&fresh"))
        refresh.setObjectName("stockValueRefresh")
        refresh.clicked.connect(self.refresh)
        self.table = _table(
            "stockValueTable",
            _("Stock value by category"),
            [_("Category"), _("Items"), _("At cost"), _("At price")],
            0,
        )
        top = QHBoxLayout()
        top.addWidget(self.total, 1)
        top.addWidget(refresh)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.detail)
        layout.addWidget(self.table, 1)
        # The Stock screen adds the stock up when this tab is shown: it reads every product.

    def refresh(self) -> None:
        """Add the stock up again."""
        value = self._shop.stock.value()
        fmt = self._formats
        self.total.setText(_("Stock at cost: {cost}").format(cost=fmt.money(value.cost)))
        lines = [
            _("{units} items the shop owns, worth {retail} at selling price.").format(
                units=count_text(value.units), retail=fmt.money(value.retail)
            )
        ]
        if value.consigned_units:
            lines.append(
                _(
                    "Not counted: {units} consigned items (worth {retail} at price) "
                    "belong to their makers."
                ).format(
                    units=count_text(value.consigned_units),
                    retail=fmt.money(value.consigned_retail),
                )
            )
        self.detail.setText("\n".join(lines))
        _fill(
            self.table,
            [
                (
                    c.category or _("(no category)"),
                    count_text(c.units),
                    fmt.money(c.cost),
                    fmt.money(c.retail),
                )
                for c in value.categories
            ],
            1,
        )
