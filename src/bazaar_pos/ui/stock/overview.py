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
from bazaar_pos.services.people.access import PermissionDenied
from bazaar_pos.services.shop import Shop
from bazaar_pos.services.stock.service import StockValue
from bazaar_pos.ui.access.approval import Approvals
from bazaar_pos.ui.access.looking import LookingApproval
from bazaar_pos.ui.common import dialogs
from bazaar_pos.ui.common.formatting import Formats
from bazaar_pos.ui.common.jobs import Jobs

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
        self.online_button = QPushButton(_("Export &online stock…"))
        self.online_button.setObjectName("exportOnlineStock")
        self.online_button.setToolTip(
            _(
                "The stock to publish on Shopee, TikTok Shop or Tokopedia: on hand, less "
                "parked carts and the buffer kept back (Settings > Shop), never below zero."
            )
        )
        self.online_button.clicked.connect(self.export_online)
        self.jobs = Jobs(self)
        self.jobs.hold(self.online_button)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.online_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        hint = QLabel(_("Set a product's low-stock level in its product dialog to list it here."))
        hint.setObjectName("screenNote")
        layout.addWidget(hint)
        # The Stock screen reads this tab when it is shown.

    def export_online(self) -> None:
        """Ask where to write the online stock file, then write it off the GUI thread."""
        path = dialogs.save_file(
            self,
            _("Export the stock for online shops"),
            "stok-online.csv",
            "CSV (*.csv);;Excel (*.xlsx)",
            kind=dialogs.FileKind.PRODUCT_FILE,
        )
        if path is None:
            return
        self.jobs.run(
            lambda: self._shop.stock.export_online(path),
            lambda count: dialogs.show_message(
                self.summary,
                _("Wrote the online stock of {count} products to {file}.").format(
                    count=count, file=path
                ),
            ),
            lambda problem: dialogs.show_message(self.summary, problem, "error"),
        )

    def refresh(self) -> None:
        """Read the list again."""
        products = self._shop.stock.low_stock()
        self._ids = [p.id for p in products]
        fmt = Formats(self._shop.settings.load())
        _fill(
            self.table,
            [
                (
                    p.sku,
                    p.name,
                    p.category,
                    fmt.quantity(p.stock_milli, p.unit),
                    fmt.quantity(p.low_stock_milli or 0, p.unit),
                )
                for p in products
            ],
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
    """The stock the shop owns at cost and at price, by category; consigned goods apart.

    It shows costs: a cashier sees a short explanation and a button to show it
    with the owner's PIN; the approval is kept in ``looking`` while it lasts.
    """

    def __init__(
        self,
        shop: Shop,
        looking: LookingApproval,
        approvals: Approvals,
        parent: QWidget | None = None,
    ) -> None:
        """Value the stock of ``shop``; ``looking`` holds an owner's approval to see costs."""
        super().__init__(parent)
        self.setObjectName("stockValueTab")
        self.setAccessibleName(_("Stock value"))
        self._shop = shop
        self._looking = looking
        self._approvals = approvals
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
        self.figures = QWidget()
        self.figures.setObjectName("stockValueFigures")
        top = QHBoxLayout()
        top.addWidget(self.total, 1)
        top.addWidget(refresh)
        figures = QVBoxLayout(self.figures)
        figures.setContentsMargins(0, 0, 0, 0)
        figures.addLayout(top)
        figures.addWidget(self.detail)
        figures.addWidget(self.table, 1)
        self.explanation = QLabel(
            _(
                "The stock value shows what the goods cost, for the owner. "
                "An owner can show it here with their PIN."
            )
        )
        self.explanation.setObjectName("stockValueExplanation")
        self.explanation.setWordWrap(True)
        self.show_button = QPushButton(_("Show with the owner's &PIN…"))
        self.show_button.setObjectName("stockValueShow")
        self.show_button.setAccessibleName(_("Show the stock value with the owner's PIN"))
        self.show_button.clicked.connect(self.ask_owner)
        self.message = QLabel()
        self.message.setObjectName("stockValueMessage")
        self.message.setWordWrap(True)
        self.closed = QWidget()
        self.closed.setObjectName("stockValueClosed")
        closed = QVBoxLayout(self.closed)
        closed.setContentsMargins(0, 0, 0, 0)
        closed.addWidget(self.explanation)
        show_row = QHBoxLayout()
        show_row.addWidget(self.show_button)
        show_row.addStretch(1)
        closed.addLayout(show_row)
        closed.addWidget(self.message)
        closed.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.figures, 1)
        layout.addWidget(self.closed, 1)
        self._close()
        looking.changed.connect(self._sight_changed)
        # The Stock screen adds the stock up when this tab is shown: it reads every product.

    def refresh(self) -> None:
        """Add the stock up again; for a cashier only with the owner's approval kept."""
        if not self._looking.allowed():
            self._close()
            return
        try:
            value = self._shop.stock.value(approval=self._looking.approval)
        except PermissionDenied:
            self._close()
            return
        self._show(value)

    def ask_owner(self) -> None:
        """Ask the owner's PIN to see the stock value, keep the approval and show it."""
        if self._looking.ask(self._approvals, tell=self.message.setText):
            self.message.clear()

    def is_open(self) -> bool:
        """Whether the figures are shown (not the owner's explanation)."""
        return not self.figures.isHidden()

    def _sight_changed(self) -> None:
        if not self._looking.allowed():
            self._close()
        elif self.isVisible():
            self.refresh()

    def _close(self) -> None:
        self.total.clear()
        self.detail.clear()
        self.table.setRowCount(0)
        self.figures.hide()
        self.closed.show()

    def _show(self, value: StockValue) -> None:
        fmt = self._formats
        self.total.setText(_("Stock at cost: {cost}").format(cost=fmt.money(value.cost)))
        lines = [
            _("{units} items the shop owns, worth {retail} at selling price.").format(
                units=fmt.count(value.units), retail=fmt.money(value.retail)
            )
        ]
        if value.consigned_units:
            lines.append(
                _(
                    "Not counted: {units} consigned items (worth {retail} at price) "
                    "belong to their makers."
                ).format(
                    units=fmt.count(value.consigned_units),
                    retail=fmt.money(value.consigned_retail),
                )
            )
        self.detail.setText("\n".join(lines))
        _fill(
            self.table,
            [
                (
                    c.category or _("(no category)"),
                    fmt.count(c.units),
                    fmt.money(c.cost),
                    fmt.money(c.retail),
                )
                for c in value.categories
            ],
            1,
        )
        self.message.clear()
        self.closed.hide()
        self.figures.show()
