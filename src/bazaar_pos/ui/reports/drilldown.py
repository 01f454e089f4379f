"""The sales behind one row of a report, and the lines of the sale picked."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from bazaar_pos.domain.formats import Formats
from bazaar_pos.domain.periods import Period
from bazaar_pos.domain.report import Dimension
from bazaar_pos.i18n import _, current_language, ngettext
from bazaar_pos.services.reports.drilldown import SaleList, SaleSummary
from bazaar_pos.services.reports.queries import shop_header
from bazaar_pos.services.shop import Shop
from bazaar_pos.ui.common.jobs import Jobs
from bazaar_pos.ui.reports.models import RowsModel, sale_line_columns, sale_list_columns
from bazaar_pos.ui.reports.parts import label, table


class DrillDownDialog(QDialog):
    """Lists the sales behind a report row; the lines of the selected sale show below.

    Signals:
        loaded(int): the sales arrived; how many match in all.
    """

    loaded = Signal(int)

    def __init__(
        self,
        shop: Shop,
        period: Period,
        dimension: Dimension | None,
        key: str,
        title: str,
        parent: QWidget | None = None,
    ) -> None:
        """Show the sales of ``period`` in the row ``key`` of ``dimension``."""
        super().__init__(parent)
        self.setObjectName("drillDownDialog")
        self.setAccessibleName(_("Sales in this row"))
        self._shop = shop
        fmt = Formats(shop_header(shop.settings.load()), current_language())
        self.setWindowTitle(_("Sales: {title}").format(title=title))
        heading = label(
            _("{title} · {period}").format(title=title, period=fmt.period(period)), "screenTitle"
        )
        self.count = label(_("Loading…"), "drillDownCount")
        self.sales = RowsModel(sale_list_columns(fmt))
        self.lines = RowsModel(sale_line_columns(fmt))
        self.sales_view = table("drillDownSales", _("Sales"), self.sales)
        self.lines_view = table("drillDownLines", _("Lines of the selected sale"), self.lines)
        self.sales_view.selectionModel().selectionChanged.connect(self._show_lines)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.sales_view)
        split.addWidget(self.lines_view)
        split.setSizes([320, 160])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.count)
        layout.addWidget(split, 1)
        layout.addWidget(buttons)
        self.resize(900, 560)
        self.background = Jobs(self)
        self.background.run(
            lambda: shop.reports.sales(period, dimension, key, title), self._fill, self._failed
        )

    @classmethod
    def ask(
        cls,
        parent: QWidget,
        shop: Shop,
        period: Period,
        dimension: Dimension | None,
        key: str,
        title: str,
    ) -> None:
        """Show the dialog until it is closed."""
        dialog = cls(shop, period, dimension, key, title, parent)
        dialog.exec()
        dialog.background.wait()

    def _fill(self, found: SaleList) -> None:
        self.sales.set_rows(found.sales)
        if found.count > len(found.sales):
            text = _("The newest {shown} of {count} sales.").format(
                shown=len(found.sales), count=found.count
            )
        else:
            text = ngettext("{count} sale.", "{count} sales.", found.count).format(
                count=found.count
            )
        self.count.setText(text)
        if found.sales:
            self.sales_view.selectRow(0)
        self.sales_view.setFocus()
        self.loaded.emit(found.count)

    def _failed(self, message: str) -> None:
        self.count.setText(message)
        self.loaded.emit(-1)

    def _show_lines(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = selected.indexes()
        sale = self.sales.row_object(rows[0].row()) if rows else None
        if isinstance(sale, SaleSummary):
            self.lines.set_rows(self._shop.reports.sale_lines(sale.id))
        else:
            self.lines.set_rows([])
