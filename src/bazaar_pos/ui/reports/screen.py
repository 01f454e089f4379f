"""The Reports screen: a period's key figures, breakdowns with charts, and files to hand over."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QModelIndex, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from bazaar_pos.domain.access import Permission
from bazaar_pos.domain.formats import Formats
from bazaar_pos.domain.periods import Period, PeriodKind
from bazaar_pos.domain.report import Dimension, SalesReport
from bazaar_pos.domain.turnover import TurnoverYear
from bazaar_pos.i18n import N_, _, current_language
from bazaar_pos.services.merging.bundles.service import BundleExportSummary
from bazaar_pos.services.people.access import Approval, PermissionDenied
from bazaar_pos.services.reports.files import FileFormat, WrittenFile
from bazaar_pos.services.reports.queries import shop_header
from bazaar_pos.services.shop import Shop
from bazaar_pos.ui.access.approval import Approvals
from bazaar_pos.ui.access.looking import LookingApproval
from bazaar_pos.ui.common import dialogs
from bazaar_pos.ui.common.jobs import Jobs
from bazaar_pos.ui.reports.chart import BarChart
from bazaar_pos.ui.reports.drilldown import DrillDownDialog
from bazaar_pos.ui.reports.merge_dialog import MergeTillsDialog
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
from bazaar_pos.ui.reports.zreport_dialog import ZReportDialog
from bazaar_pos.ui.shortcuts import bind
from bazaar_pos.ui.widgets.fields import date_edit, picked_day

PERIODS = (
    (PeriodKind.TODAY, N_("Today")),
    (PeriodKind.YESTERDAY, N_("Yesterday")),
    (PeriodKind.THIS_WEEK, N_("This week")),
    (PeriodKind.THIS_MONTH, N_("This month")),
    (PeriodKind.LAST_MONTH, N_("Last month")),
    (PeriodKind.THIS_YEAR, N_("This year")),
    (PeriodKind.CUSTOM, N_("Custom")),
)
CHART_BARS = 12
DATE_PAUSE_MS = 700
"""How long typing in a date field must pause before the report is counted again."""
COST_FIGURES = ("cost", "profit", "margin")
"""The key figures only someone who may see costs is shown."""


@dataclass(frozen=True, slots=True)
class Loaded:
    """A period's report and the UMKM turnover of its year, computed together."""

    report: SalesReport
    turnover: TurnoverYear


@dataclass(slots=True)
class _Tab:
    """One breakdown tab: its chart, its table and what fills them."""

    dimension: Dimension | None
    chart: BarChart
    model: RowsModel
    view: QTableView


class FigureCard(QFrame):
    """A key figure: a small label over a large value."""

    def __init__(self, key: str, label: str) -> None:
        """An empty card for the figure ``key``."""
        super().__init__()
        self.setObjectName(f"figure_{key}")
        self.setAccessibleName(label)
        self.setProperty("role", "figure")
        self.label = QLabel(label)
        self.label.setObjectName("figureLabel")
        self.value = QLabel("—")
        self.value.setObjectName("figureValue")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(0)
        layout.addWidget(self.label)
        layout.addWidget(self.value)

    def set_value(self, text: str) -> None:
        """Show ``text`` as the figure."""
        self.value.setText(text)
        self.setAccessibleDescription(text)


class ReportsScreen(QWidget):
    """Shows the sales of a period; every file and the Z report are one click away.

    Signals:
        reportLoaded(object): a Loaded report is on screen.
        fileWritten(str): a report file was written to this path.
        failed(str): loading or writing failed; the message says why.
        salesMerged(object): bundles were merged (a BundleImportSummary); the merge
            itself told other screens through the change hub (ui/common/operations.py).
    """

    reportLoaded = Signal(object)
    fileWritten = Signal(str)
    failed = Signal(str)
    salesMerged = Signal(object)

    def __init__(self, shop: Shop, parent: QWidget | None = None) -> None:
        """Report on ``shop``; nothing is computed until the screen is first shown."""
        super().__init__(parent)
        self.setObjectName("reportsScreen")
        self.setAccessibleName(_("Reports"))
        self._shop = shop
        self._fmt = Formats(shop_header(shop.settings.load()), current_language())
        self.approvals = Approvals(shop.access, self)
        self.cost_view = LookingApproval(shop.access, Permission.VIEW_COST, self)
        self.cost_view.changed.connect(self._costs_changed)
        self._stale = True
        self._selecting = False
        self._request = 0
        self.loaded: Loaded | None = None
        self.background = Jobs(self)
        self.background.busy_changed.connect(self._busy)
        title = QLabel(_("Reports"))
        title.setObjectName("screenTitle")
        choosers = self._controls()
        # The actions sit beside the title, so the screen fits a 1366-pixel laptop.
        title_row = QHBoxLayout()
        title_row.addWidget(title)
        title_row.addStretch(1)
        for widget in (self.zreport_button, self.pdf_button, self.export_button, self.merge_button):
            title_row.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addLayout(title_row)
        layout.addLayout(choosers)
        self.status = QLabel("")
        self.status.setObjectName("reportStatus")
        self.status.setAccessibleName(_("Report status"))
        self.show_costs_button = QPushButton(_("Show c&ost and profit…"))
        self.show_costs_button.setObjectName("showCostsButton")
        self.show_costs_button.setToolTip(_("Only an owner sees costs and profit."))
        self.show_costs_button.clicked.connect(self.show_costs)
        self.show_costs_button.hide()
        status_row = QHBoxLayout()
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.show_costs_button)
        layout.addLayout(status_row)
        layout.addLayout(self._figures())
        self.tabs = QTabWidget()
        self.tabs.setObjectName("reportTabs")
        self.tabs.setAccessibleName(_("Breakdowns"))
        self._tabs: list[_Tab] = []
        self._build_tabs()
        layout.addWidget(self.tabs, 1)
        self._shortcuts()
        self.set_period(PeriodKind.THIS_MONTH)

    # -- building ------------------------------------------------------------------------

    def _controls(self) -> QHBoxLayout:
        self.period = QComboBox()
        self.period.setObjectName("reportPeriod")
        self.period.setAccessibleName(_("Period"))
        for kind, name in PERIODS:
            self.period.addItem(_(name), kind)
        self.first = date_edit("reportFrom", _("From"))
        self.last = date_edit("reportTo", _("To"))
        # Typing a date changes it digit by digit: count again once the date is left
        # (Enter, Tab) or after a short pause, not at every keystroke.
        self._date_pause = QTimer(self)
        self._date_pause.setObjectName("datePause")
        self._date_pause.setSingleShot(True)
        self._date_pause.setInterval(DATE_PAUSE_MS)
        self._date_pause.timeout.connect(self._custom_dates)
        for edit in (self.first, self.last):
            edit.dateChanged.connect(self._date_typed)
            edit.editingFinished.connect(self._date_done)
        self.period.currentIndexChanged.connect(self._preset_chosen)
        period_label = label(_("&Period"), "periodLabel", self.period)
        from_label = label(_("&From"), "fromLabel", self.first)
        to_label = label(_("&To"), "toLabel", self.last)
        self.zreport_button = QPushButton(_("&Z report…"))
        self.zreport_button.setObjectName("zReportButton")
        self.zreport_button.clicked.connect(self.show_zreport)
        self.pdf_button = QPushButton(_("Save P&DF…"))
        self.pdf_button.setObjectName("savePdfButton")
        self.pdf_button.clicked.connect(self.save_pdf)
        self.export_button = QPushButton(_("E&xport"))
        self.export_button.setObjectName("exportButton")
        menu = QMenu(self.export_button)
        menu.setObjectName("exportMenu")
        self.export_actions = {
            "csv": menu.addAction(_("Sale lines as &CSV…"), lambda: self.export_lines("csv")),
            "xlsx": menu.addAction(_("Sale lines as &Excel…"), lambda: self.export_lines("xlsx")),
            "turnover": menu.addAction(_("UMKM &turnover as CSV…"), self.export_turnover),
            "bundle": menu.addAction(_("Till &bundle for merging…"), self.export_bundle),
        }
        self.export_button.setMenu(menu)
        self.merge_button = QPushButton(_("&Merge tills…"))
        self.merge_button.setObjectName("mergeTillsButton")
        self.merge_button.clicked.connect(self.merge_tills)
        row = QHBoxLayout()
        choosers: tuple[QWidget, ...] = (
            period_label, self.period, from_label, self.first, to_label, self.last
        )
        for widget in choosers:
            row.addWidget(widget)
        row.addStretch(1)
        return row

    def _figures(self) -> QGridLayout:
        names = [
            ("gross", _("Gross sales")),
            ("discounts", _("Discounts")),
            ("refunds", _("Refunds")),
            ("net", _("Net sales")),
            ("tax", _("Tax")),
            ("sales", _("Number of sales")),
            ("average", _("Average sale")),
            ("items", _("Items sold")),
            ("cost", _("Cost of goods")),
            ("profit", _("Gross profit")),
            ("margin", _("Margin")),
            ("received", _("Payments received")),
        ]
        self.cards = {key: FigureCard(key, label) for key, label in names}
        grid = QGridLayout()
        grid.setSpacing(6)
        for index, card in enumerate(self.cards.values()):
            grid.addWidget(card, index // 6, index % 6)
        return grid

    def _build_tabs(self) -> None:
        fmt = self._fmt

        def net_total() -> int:
            return self.loaded.report.figures.net if self.loaded else 0

        def paid_total() -> int:
            return sum(p.kept for p in self.loaded.report.payments) if self.loaded else 0

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
            view.activated.connect(lambda index, d=dimension: self.drill_down(d, index))
            box = QVBoxLayout(page)
            box.addWidget(chart)
            box.addWidget(view, 1)
            hint = label(_("Double-click a row or press Enter to see its sales."), "screenNote")
            box.addWidget(hint)
            self.tabs.addTab(page, heading)
            self._tabs.append(_Tab(dimension, chart, model, view))
        self.tabs.addTab(self._turnover_tab(), _("UMKM turnover"))

    def _turnover_tab(self) -> QWidget:
        page = QWidget()
        page.setObjectName("turnoverTab")
        page.setAccessibleName(_("UMKM turnover"))
        self.turnover_summary = QLabel("")
        self.turnover_summary.setObjectName("turnoverSummary")
        self.turnover_summary.setWordWrap(True)
        self.exempt_bar = QProgressBar()
        self.exempt_bar.setObjectName("exemptionUsed")
        self.exempt_bar.setAccessibleName(_("Individual exemption used"))
        self.cap_bar = QProgressBar()
        self.cap_bar.setObjectName("capReached")
        self.cap_bar.setAccessibleName(_("Scheme limit reached"))
        for bar in (self.exempt_bar, self.cap_bar):
            bar.setRange(0, 1000)
            bar.setTextVisible(True)
        self.turnover_model = RowsModel(
            turnover_columns(self._fmt, lambda: self.loaded.turnover.year if self.loaded else 2000)
        )
        self.turnover_view = table("turnoverTable", _("Turnover by month"), self.turnover_model)
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
        box = QVBoxLayout(page)
        box.addWidget(self.turnover_summary)
        box.addLayout(bars)
        box.addWidget(self.turnover_view, 1)
        box.addWidget(note)
        return page

    def _shortcuts(self) -> None:
        bind("reports.refresh", self, self.refresh)
        bind("reports.drill", self, self._drill_current)

    # -- period --------------------------------------------------------------------------

    def set_period(
        self, kind: PeriodKind, first: date | None = None, last: date | None = None
    ) -> None:
        """Choose a period; a custom one takes ``first`` and ``last``."""
        today = self._shop.reports.today()
        period = (
            Period(first or today, last or first or today, kind)
            if kind is PeriodKind.CUSTOM
            else Period.preset(kind, today)
        )
        self._selecting = True
        self.period.setCurrentIndex(self.period.findData(kind))
        self.first.setDate(QDate(period.first.year, period.first.month, period.first.day))
        self.last.setDate(QDate(period.last.year, period.last.month, period.last.day))
        self._selecting = False
        self._period_changed()

    def selected_period(self) -> Period:
        """The period the controls show."""
        first = picked_day(self.first)
        last = max(first, picked_day(self.last))
        return Period(first, last, PeriodKind(self.period.currentData()))

    def _preset_chosen(self) -> None:
        if not self._selecting:
            self.set_period(PeriodKind(self.period.currentData()))

    def _date_typed(self) -> None:
        if not self._selecting:
            self._date_pause.start()

    def _date_done(self) -> None:
        if self._date_pause.isActive():
            self._date_pause.stop()
            self._custom_dates()

    def _custom_dates(self) -> None:
        if self._selecting:
            return
        self._selecting = True
        self.period.setCurrentIndex(self.period.findData(PeriodKind.CUSTOM))
        self._selecting = False
        self._period_changed()

    def _period_changed(self) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    # -- loading -------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        """Compute the report the first time the screen shows, and after sales changed."""
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def mark_stale(self) -> None:
        """Sales changed elsewhere: refresh now if showing, else when next shown."""
        self._stale = True
        if self.isVisible():
            self.refresh()

    def access_changed(self) -> None:
        """Someone else signed in: forget the approval to see costs, and hide what it showed."""
        self.cost_view.drop()

    def show_costs(self) -> None:
        """Show cost, profit and margin to a cashier once an owner approves with their PIN."""
        self.cost_view.ask(self.approvals, tell=self.status.setText)

    def _costs_changed(self) -> None:
        self._request += 1  # a report still being counted was for what was allowed before
        loaded = self.loaded
        if loaded is not None and loaded.report.costs_shown and not self.cost_view.allowed():
            self._show(self._request, Loaded(loaded.report.without_costs(), loaded.turnover))
        else:
            self.mark_stale()

    def refresh(self) -> None:
        """Compute the selected period's report off the GUI thread."""
        self._stale = False
        self._request += 1
        request = self._request
        period = self.selected_period()
        self.status.setText(
            _("Counting the sales of {period}…").format(period=self._fmt.period(period))
        )

        reports, approval = self._shop.reports, self.cost_view.approval
        costs = self.cost_view.allowed()

        def work() -> Loaded:
            try:
                report = reports.summary(period, costs=costs, approval=approval)
            except PermissionDenied:  # the owner's approval to look has run out
                report = reports.summary(period, costs=False)
            return Loaded(report, self._shop.turnover.year(period.last.year, period.last))

        self.background.run(work, lambda loaded: self._show(request, loaded), self._fail)

    def _show(self, request: int, loaded: Loaded) -> None:
        if request != self._request:
            return
        self.loaded = loaded
        report, fmt = loaded.report, self._fmt
        f = report.figures
        values = {
            "gross": fmt.money(f.gross),
            "discounts": fmt.money(f.discounts),
            "refunds": fmt.money(f.refunded),
            "net": fmt.money(f.net),
            "tax": fmt.money(f.tax),
            "sales": fmt.count(f.sale_count),
            "average": fmt.money(f.average_sale),
            "items": fmt.count(f.items),
            "cost": fmt.money(f.cost),
            "profit": fmt.money(f.profit),
            "margin": fmt.percent(f.margin),
            "received": fmt.money(f.collected),
        }
        shown = report.costs_shown
        if not shown:
            for key in COST_FIGURES:
                values[key] = "—"
        for key, card in self.cards.items():
            card.set_value(values[key])
            if key in COST_FIGURES:
                card.setToolTip("" if shown else _("Only an owner sees costs and profit."))
        self.show_costs_button.setVisible(not shown)
        for tab in self._tabs:
            self._fill(tab, report)
            for column in tab.model.cost_columns():
                tab.view.setColumnHidden(column, not shown)
            nothing_back = not (f.refunds.count or f.voids.count)
            for column in tab.model.refund_columns():
                tab.view.setColumnHidden(column, nothing_back)
        self._show_turnover(loaded.turnover)
        self.status.setText(
            _("{period}: {count} sales, {net} net.").format(
                period=fmt.period(report.period),
                count=fmt.count(f.sale_count),
                net=fmt.money(f.net),
            )
        )
        self.reportLoaded.emit(loaded)

    def _fill(self, tab: _Tab, report: SalesReport) -> None:
        fmt = self._fmt
        if tab.dimension is Dimension.PAYMENT:
            payments = report.payments
            tab.model.set_rows(payments, payment_total(payments) if payments else None)
            tab.chart.set_bars([(p.label, p.kept) for p in payments], fmt.money)
            return
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

    def _show_turnover(self, turnover: TurnoverYear) -> None:
        fmt = self._fmt
        self.turnover_model.set_rows(turnover.estimates())
        self.turnover_view.scrollToBottom()
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
        self.turnover_summary.setText(text)
        for bar, share in (
            (self.exempt_bar, turnover.exempt_used),
            (self.cap_bar, turnover.cap_used),
        ):
            bar.setValue(min(1000, int(share * 1000)))
            bar.setFormat(fmt.percent(share))
            bar.setEnabled(turnover.thresholds_apply)

    def _fail(self, message: str) -> None:
        self.status.setText(message)
        self.failed.emit(message)

    def _busy(self, busy: bool) -> None:
        for button in (self.pdf_button, self.export_button, self.merge_button):
            button.setEnabled(not busy)

    # -- drill-down ----------------------------------------------------------------------

    def drill_down(self, dimension: Dimension, index: QModelIndex) -> None:
        """Show the sales behind the row at ``index`` of ``dimension``'s table."""
        tab = next(t for t in self._tabs if t.dimension is dimension)
        item = tab.model.row_object(index.row())
        if item is None:
            key, title = "", _("All sales")
            dimension_or_all: Dimension | None = None
        else:
            key = item.method if dimension is Dimension.PAYMENT else item.key
            title, dimension_or_all = item.label, dimension
        DrillDownDialog.ask(self, self._shop, self.selected_period(), dimension_or_all, key, title)

    def _drill_current(self) -> None:
        index = self.tabs.currentIndex()
        if index < len(self._tabs):
            tab = self._tabs[index]
            current = tab.view.currentIndex()
            if current.isValid():
                self.drill_down(tab.dimension or Dimension.PRODUCT, current)

    # -- files ---------------------------------------------------------------------------

    def save_pdf(self) -> None:
        """Ask where, then write the period's sales summary PDF off the GUI thread."""
        period, files = self.selected_period(), self._shop.report_files
        self._export(
            _("Save the sales summary"),
            _("sales-summary-{first}-{last}.pdf").format(first=period.first, last=period.last),
            _("PDF (*.pdf)"),
            lambda path, approval: files.write(period, path, FileFormat.PDF, approval=approval),
            needs=(Permission.EXPORT, Permission.VIEW_COST),
            doing=_("Writing the PDF…"),
        )

    def export_lines(self, kind: str) -> None:
        """Ask where, then write the period's sale lines as CSV or XLSX."""
        period, files = self.selected_period(), self._shop.report_files
        file_format = FileFormat(kind)
        self._export(
            _("Export the sale lines"),
            _("sale-lines-{first}-{last}.{kind}").format(
                first=period.first, last=period.last, kind=kind
            ),
            _("CSV (*.csv)") if file_format is FileFormat.CSV else _("Excel (*.xlsx)"),
            lambda path, approval: files.write(period, path, file_format, approval=approval),
        )

    def export_turnover(self) -> None:
        """Ask where, then write the year's UMKM turnover as CSV."""
        year, files = self.selected_period().last.year, self._shop.report_files
        self._export(
            _("Export the UMKM turnover"),
            _("turnover-{year}.csv").format(year=year),
            _("CSV (*.csv)"),
            lambda path, approval: files.write_turnover_csv(year, path, approval=approval),
        )

    def export_bundle(self) -> None:
        """Ask where, then write this till's bundle of the selected period for merging."""
        period, bundles = self.selected_period(), self._shop.bundles
        code = self._shop.settings.load().till_code
        self._export(
            _("Export this till's bundle"),
            _("till-{code}-{first}-{last}.zip").format(
                code=code, first=period.first, last=period.last
            ),
            _("Till bundles (*.zip)"),
            lambda path, approval: bundles.export(
                path, period.first, period.last, approval=approval
            ),
        )

    def _export(
        self,
        title: str,
        name: str,
        filters: str,
        write: Callable[[Path, Approval | None], WrittenFile | BundleExportSummary],
        *,
        needs: tuple[Permission, ...] = (Permission.EXPORT,),
        doing: str = "",
    ) -> None:
        """Get the owner's approval if needed, ask where, then ``write`` off the GUI thread."""
        granted = self.approvals.granted(*needs, tell=self.status.setText)
        if granted is None:
            return
        path = dialogs.save_file(self, title, name, filters, kind=dialogs.FileKind.DOCUMENT)
        if path is None:
            return
        self.status.setText(doing or _("Exporting…"))
        self.background.run(lambda: write(path, granted.approval), self._written, self._fail)

    def _written(self, written: WrittenFile | BundleExportSummary) -> None:
        self.status.setText(_("Saved {path}").format(path=written.path))
        self.fileWritten.emit(str(written.path))

    # -- dialogs -------------------------------------------------------------------------

    def show_zreport(self) -> None:
        """Show today's Z report at this till."""
        ZReportDialog.ask(self, self._shop)

    def merge_tills(self) -> None:
        """Merge bundles from other tills, then show the merged figures."""
        summary = MergeTillsDialog.ask(self, self._shop)
        if summary is not None and summary.sales_added + summary.movements_added:
            self.salesMerged.emit(summary)
            self.mark_stale()
