"""The Reports screen's breakdown tabs: a chart over a table for each dimension; UMKM turnover."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QProgressBar,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from bazaar_pos.domain.formats import Formats
from bazaar_pos.domain.report import Dimension, SalesReport
from bazaar_pos.domain.turnover import TurnoverYear
from bazaar_pos.i18n import _
from bazaar_pos.ui.reports.chart import BarChart
from bazaar_pos.ui.reports.models import (
    ColumnSpec,
    RowsModel,
    consignor_columns,
    line_columns,
    payment_columns,
    payment_total,
    sale_columns,
    total_row,
    turnover_columns,
)
from bazaar_pos.ui.reports.parts import label, table

CHART_BARS = 12
"""The most bars a chart shows of products, categories, cashiers and the like."""


@dataclass(slots=True)
class BreakdownTab:
    """One breakdown tab: its chart, its table and what fills them."""

    dimension: Dimension | None
    chart: BarChart
    model: RowsModel
    view: QTableView


def add_breakdown_tabs(
    tabs: QTabWidget,
    fmt: Formats,
    report: Callable[[], SalesReport | None],
    drill_down: Callable[[Dimension, QModelIndex], None],
) -> list[BreakdownTab]:
    """Add a tab to ``tabs`` for each dimension; ``report`` is the one on screen, if any.

    A row activated in a tab's table calls ``drill_down`` with the tab's dimension.
    """

    def net_total() -> int:
        shown = report()
        return shown.figures.net if shown else 0

    def paid_total() -> int:
        shown = report()
        return sum(p.kept for p in shown.payments) if shown else 0

    specs: list[tuple[Dimension, str, list[ColumnSpec], bool]] = [
        (
            Dimension.PRODUCT,
            _("Products"),
            line_columns(fmt, _("Product"), net_total, sku=True),
            False,
        ),
        (
            Dimension.CATEGORY,
            _("Categories"),
            line_columns(fmt, _("Category"), net_total, sku=False),
            False,
        ),
        (Dimension.PAYMENT, _("Payments"), payment_columns(fmt, paid_total), False),
        (Dimension.HOUR, _("Hours"), sale_columns(fmt, _("Hour"), net_total), True),
        (Dimension.DAY, _("Days"), sale_columns(fmt, _("Day"), net_total), True),
        (Dimension.CASHIER, _("Cashiers"), sale_columns(fmt, _("Cashier"), net_total), False),
        (Dimension.TILL, _("Tills"), sale_columns(fmt, _("Till"), net_total), False),
        (Dimension.CHANNEL, _("Channels"), sale_columns(fmt, _("Channel"), net_total), False),
        (
            Dimension.CONSIGNOR,
            _("Consignors"),
            consignor_columns(fmt, net_total),
            False,
        ),
    ]
    added = []
    for dimension, heading, columns, vertical in specs:
        page = QWidget()
        page.setObjectName(f"{dimension.value}Tab")
        page.setAccessibleName(heading)
        chart = BarChart(
            f"{dimension.value}Chart",
            _("Chart: {name}").format(name=heading),
            vertical=vertical,
        )
        chart.empty_text = _("No sales in this period.")
        chart.setFixedHeight(140)
        model = RowsModel(columns)
        view = table(f"{dimension.value}Table", heading, model)
        view.activated.connect(lambda index, d=dimension: drill_down(d, index))
        box = QVBoxLayout(page)
        box.addWidget(chart)
        box.addWidget(view, 1)
        hint = label(_("Double-click a row or press Enter to see its sales."), "screenNote")
        box.addWidget(hint)
        tabs.addTab(page, heading)
        added.append(BreakdownTab(dimension, chart, model, view))
    return added


def show_breakdown(tab: BreakdownTab, report: SalesReport, fmt: Formats) -> None:
    """Fill ``tab``'s table and chart from ``report``; cost and refund columns as it allows."""
    if tab.dimension is Dimension.PAYMENT:
        payments = report.payments
        tab.model.set_rows(payments, payment_total(payments) if payments else None)
        tab.chart.set_bars([(p.label, p.kept) for p in payments], fmt.money)
    else:
        assert tab.dimension is not None
        rows = report.rows(tab.dimension)
        tab.model.set_rows(rows, total_row(rows) if rows else None)
        if tab.dimension is Dimension.HOUR:
            hours = {int(row.key): row.amounts.net for row in rows}
            span = range(min(hours), max(hours) + 1) if hours else range(0)
            bars = [(f"{h:02d}", hours.get(h, 0)) for h in span]
        elif tab.dimension is Dimension.DAY:
            bars = [(row.key[-2:].lstrip("0"), row.amounts.net) for row in rows]
        else:
            bars = [(row.label, row.amounts.net) for row in rows[:CHART_BARS]]
        tab.chart.set_bars(bars if report.figures.lines.sales else [], fmt.compact)
    for column in tab.model.cost_columns():
        tab.view.setColumnHidden(column, not report.costs_shown)
    nothing_back = not (report.figures.refunds.count or report.figures.voids.count)
    for column in tab.model.refund_columns():
        tab.view.setColumnHidden(column, nothing_back)


class TurnoverPage(QWidget):
    """The UMKM turnover tab: the year so far, how much of the thresholds it used, by month."""

    def __init__(self, fmt: Formats, year: Callable[[], int]) -> None:
        """An empty page; ``year`` is the year of the turnover on screen."""
        super().__init__()
        self._fmt = fmt
        self.setObjectName("turnoverTab")
        self.setAccessibleName(_("UMKM turnover"))
        self.summary = QLabel("")
        self.summary.setObjectName("turnoverSummary")
        self.summary.setWordWrap(True)
        self.exempt_bar = QProgressBar()
        self.exempt_bar.setObjectName("exemptionUsed")
        self.exempt_bar.setAccessibleName(_("Individual exemption used"))
        self.cap_bar = QProgressBar()
        self.cap_bar.setObjectName("capReached")
        self.cap_bar.setAccessibleName(_("Scheme limit reached"))
        for bar in (self.exempt_bar, self.cap_bar):
            bar.setRange(0, 1000)
            bar.setTextVisible(True)
        self.model = RowsModel(turnover_columns(fmt, year))
        self.view = table("turnoverTable", _("Turnover by month"), self.model)
        note = label(
            _(
                "PP 55/2022: small businesses may pay a final 0.5% of each month's gross "
                "turnover (sales before discounts) while their yearly turnover stays within "
                "Rp4.800.000.000; individuals pay nothing on the first Rp500.000.000 of a year. "
                "These are estimates to discuss with your accountant."
            ),
            "screenNote",
            wrap=True,
        )
        bars = QGridLayout()
        bars.addWidget(
            label(_("Individual exemption (Rp500.000.000)"), "exemptionLabel", self.exempt_bar),
            0,
            0,
        )
        bars.addWidget(self.exempt_bar, 0, 1)
        bars.addWidget(
            label(_("Scheme limit (Rp4.800.000.000 a year)"), "capLabel", self.cap_bar), 1, 0
        )
        bars.addWidget(self.cap_bar, 1, 1)
        box = QVBoxLayout(self)
        box.addWidget(self.summary)
        box.addLayout(bars)
        box.addWidget(self.view, 1)
        box.addWidget(note)

    def show_turnover(self, turnover: TurnoverYear) -> None:
        """Show ``turnover``: the total so far, what is left of the thresholds, each month."""
        fmt = self._fmt
        self.model.set_rows(turnover.estimates())
        self.view.scrollToBottom()
        text = _("Gross turnover from 1 January to {day}: {amount}.").format(
            day=fmt.date(turnover.through), amount=fmt.money(turnover.total)
        )
        if turnover.thresholds_apply:
            text += " " + _("Exemption left for individuals: {left}.").format(
                left=fmt.money(turnover.exempt_left)
            )
            if turnover.over_cap:
                text += " " + _(
                    "Above the scheme limit: from next year the 0.5% final tax no longer applies."
                )
        self.summary.setText(text)
        for bar, share in (
            (self.exempt_bar, turnover.exempt_used),
            (self.cap_bar, turnover.cap_used),
        ):
            bar.setValue(min(1000, int(share * 1000)))
            bar.setFormat(fmt.percent(share))
            bar.setEnabled(turnover.thresholds_apply)
