"""Table models for the Reports screen: breakdowns, payments, turnover and drill-down lists."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from bazaar_pos.domain.formats import Formats
from bazaar_pos.domain.pricing import round_half_up
from bazaar_pos.domain.report import Amounts, BreakdownRow, PaymentRow, ratio
from bazaar_pos.domain.turnover import MonthEstimate
from bazaar_pos.i18n import _
from bazaar_pos.services.reports.drilldown import SaleLineSummary, SaleSummary

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    """A column: its heading, how a row shows in it, whether it holds numbers or costs."""

    heading: str
    value: Callable[[Any], str]
    numeric: bool = True
    cost: bool = False
    """Shows cost, profit or margin: hidden from someone who may not see costs."""
    refunds: bool = False
    """Shows refunds: hidden while the period has none, to leave names their room."""


class RowsModel(QAbstractTableModel):
    """Rows of any report type, shown through column specs, with an optional totals row."""

    def __init__(self, columns: Sequence[ColumnSpec]) -> None:
        """Show rows through ``columns``."""
        super().__init__()
        self._columns = list(columns)
        self._rows: list[Any] = []
        self._totals: Any | None = None
        self._bold = QFont()
        self._bold.setBold(True)

    def set_columns(self, columns: Sequence[ColumnSpec]) -> None:
        """Show the same rows through other columns."""
        self.beginResetModel()
        self._columns = list(columns)
        self.endResetModel()

    def cost_columns(self) -> list[int]:
        """The columns that show cost, profit or margin."""
        return [number for number, column in enumerate(self._columns) if column.cost]

    def refund_columns(self) -> list[int]:
        """The columns that show refunds."""
        return [number for number, column in enumerate(self._columns) if column.refunds]

    def set_rows(self, rows: Sequence[Any], totals: Any | None = None) -> None:
        """Replace the rows; ``totals`` (if any) shows last, in bold."""
        self.beginResetModel()
        self._rows = list(rows)
        self._totals = totals
        self.endResetModel()

    def row_object(self, row: int) -> Any | None:
        """The row shown at ``row``; None for the totals row."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    @property
    def rows(self) -> list[Any]:
        """Every row but the totals."""
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        """The rows, and the totals row if there is one."""
        if parent.isValid():
            return 0
        return len(self._rows) + (1 if self._totals is not None else 0)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        """One per column spec."""
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Cell text; numbers right-aligned; the totals row bold."""
        if not index.isValid():
            return None
        is_total = index.row() >= len(self._rows)
        column = self._columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            item = self._totals if is_total else self._rows[index.row()]
            return column.value(item)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = (
                Qt.AlignmentFlag.AlignRight if column.numeric else Qt.AlignmentFlag.AlignLeft
            )
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and is_total:
            return self._bold
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        """Column headings."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].heading
        return None


def total_row(rows: Sequence[BreakdownRow]) -> BreakdownRow:
    """A totals row for a breakdown."""
    return BreakdownRow("", _("Total"), sum((row.amounts for row in rows), Amounts()))


def average(amounts: Amounts) -> int:
    """Net sales per sale, rounded half up."""
    return round_half_up(Fraction(amounts.net, amounts.sales)) if amounts.sales else 0


def line_columns(
    fmt: Formats, first: str, total: Callable[[], int], *, sku: bool
) -> list[ColumnSpec]:
    """Columns for breakdowns over lines (products, categories, consignors)."""
    columns = [ColumnSpec(first, lambda r: r.label, numeric=False)]
    if sku:
        columns.append(ColumnSpec(_("SKU"), lambda r: r.code, numeric=False))
    return [
        *columns,
        ColumnSpec(_("Items"), fmt.items_sold),
        ColumnSpec(_("Discounts"), lambda r: fmt.money(r.amounts.discount)),
        ColumnSpec(_("Refunds"), lambda r: fmt.money(r.amounts.refunds), refunds=True),
        ColumnSpec(_("Net sales"), lambda r: fmt.money(r.amounts.net)),
        ColumnSpec(_("Cost"), lambda r: fmt.money(r.amounts.cost), cost=True),
        ColumnSpec(_("Gross profit"), lambda r: fmt.money(r.amounts.profit), cost=True),
        ColumnSpec(_("Margin"), lambda r: fmt.percent(r.amounts.margin), cost=True),
        ColumnSpec(_("Share"), lambda r: fmt.percent(ratio(r.amounts.net, total()))),
    ]


def sale_columns(fmt: Formats, first: str, total: Callable[[], int]) -> list[ColumnSpec]:
    """Columns for breakdowns of whole sales (hours, days, cashiers, tills, channels)."""
    return [
        ColumnSpec(first, lambda r: r.label, numeric=False),
        ColumnSpec(_("Sales"), lambda r: fmt.count(r.amounts.sales)),
        ColumnSpec(_("Gross sales"), lambda r: fmt.money(r.amounts.gross)),
        ColumnSpec(_("Discounts"), lambda r: fmt.money(r.amounts.discount)),
        ColumnSpec(_("Refunds"), lambda r: fmt.money(r.amounts.refunds), refunds=True),
        ColumnSpec(_("Net sales"), lambda r: fmt.money(r.amounts.net)),
        ColumnSpec(_("Average sale"), lambda r: fmt.money(average(r.amounts))),
        ColumnSpec(_("Share"), lambda r: fmt.percent(ratio(r.amounts.net, total()))),
    ]


def payment_columns(fmt: Formats, total: Callable[[], int]) -> list[ColumnSpec]:
    """Columns for payment methods: taken, paid back on refunds and voids, and kept."""
    return [
        ColumnSpec(_("Payment method"), lambda p: p.label, numeric=False),
        ColumnSpec(_("Sales"), lambda p: fmt.count(p.sales) if p.sales else ""),
        ColumnSpec(_("Received"), lambda p: fmt.money(p.amount)),
        ColumnSpec(_("Paid back"), lambda p: fmt.money(p.paid_back), refunds=True),
        ColumnSpec(_("Net received"), lambda p: fmt.money(p.kept)),
        ColumnSpec(_("Share"), lambda p: fmt.percent(ratio(p.kept, total()))),
    ]


def payment_total(rows: Sequence[PaymentRow]) -> PaymentRow:
    """A totals row for payment methods."""
    return PaymentRow(
        "",
        _("Total"),
        0,
        sum(p.amount for p in rows),
        paid_back=sum(p.paid_back for p in rows),
    )


def consignor_columns(fmt: Formats, total: Callable[[], int]) -> list[ColumnSpec]:
    """Columns for consignors: what sold of each maker's goods, the shop's part and theirs."""
    return [
        ColumnSpec(_("Consignor"), lambda r: r.label, numeric=False),
        ColumnSpec(_("Items"), lambda r: fmt.count(r.amounts.items)),
        ColumnSpec(_("Refunds"), lambda r: fmt.money(r.amounts.refunds), refunds=True),
        ColumnSpec(_("Net sales"), lambda r: fmt.money(r.amounts.net)),
        ColumnSpec(
            _("Shop's earnings"),
            lambda r: fmt.money(r.amounts.profit),
            cost=True,
        ),
        ColumnSpec(
            _("Owed to consignor"),
            lambda r: fmt.money(r.amounts.consigned) if r.key or r.amounts.consigned else "",
            cost=True,
        ),
        ColumnSpec(_("Share"), lambda r: fmt.percent(ratio(r.amounts.net, total()))),
    ]


def turnover_columns(fmt: Formats, year: Callable[[], int]) -> list[ColumnSpec]:
    """Columns for the UMKM turnover months."""

    def month(e: MonthEstimate) -> str:
        return fmt.month_name(year(), e.month.month)

    return [
        ColumnSpec(_("Month"), month, numeric=False),
        ColumnSpec(_("Gross sales"), lambda e: fmt.money(e.month.gross)),
        ColumnSpec(_("Discounts"), lambda e: fmt.money(e.month.discounts)),
        ColumnSpec(_("Refunds"), lambda e: fmt.money(e.month.refunds)),
        ColumnSpec(_("Gross turnover"), lambda e: fmt.money(e.month.turnover)),
        ColumnSpec(_("Year to date"), lambda e: fmt.money(e.year_to_date)),
        ColumnSpec(_("Est. 0.5% (individual)"), lambda e: fmt.money(e.tax_individual)),
        ColumnSpec(_("Est. 0.5% (business)"), lambda e: fmt.money(e.tax_business)),
    ]


def sale_list_columns(fmt: Formats) -> list[ColumnSpec]:
    """Columns for the sales behind a report row."""

    def when(s: SaleSummary) -> str:
        return fmt.datetime(s.created_at)

    return [
        ColumnSpec(_("Sale"), lambda s: s.number, numeric=False),
        ColumnSpec(_("Time"), when, numeric=False),
        ColumnSpec(_("Till"), lambda s: s.till, numeric=False),
        ColumnSpec(_("Cashier"), lambda s: s.cashier, numeric=False),
        ColumnSpec(_("Channel"), lambda s: s.channel, numeric=False),
        ColumnSpec(_("Payment"), lambda s: s.methods, numeric=False),
        ColumnSpec(_("Items"), lambda s: fmt.count(s.items)),
        ColumnSpec(_("Total"), lambda s: fmt.money(s.total)),
    ]


def sale_line_columns(fmt: Formats) -> list[ColumnSpec]:
    """Columns for the lines of one sale."""

    def line(get: Callable[[SaleLineSummary], int]) -> Callable[[SaleLineSummary], str]:
        return lambda item: fmt.money(get(item))

    return [
        ColumnSpec(_("SKU"), lambda item: item.sku, numeric=False),
        ColumnSpec(_("Name"), lambda item: item.name, numeric=False),
        ColumnSpec(_("Quantity"), lambda item: fmt.quantity(item.quantity_milli, item.unit)),
        ColumnSpec(_("Price"), line(lambda item: item.unit_price)),
        ColumnSpec(_("Discount"), line(lambda item: item.discount)),
        ColumnSpec(_("Total"), line(lambda item: item.total)),
    ]
