"""The Reports screen: a period's key figures, breakdowns with charts, and files to hand over."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import partial

from PySide6.QtCore import QDate, QModelIndex, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
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
from bazaar_pos.services.people.access import PermissionDenied
from bazaar_pos.services.reports.queries import shop_header
from bazaar_pos.services.shop import Shop
from bazaar_pos.ui.access.approval import Approvals
from bazaar_pos.ui.access.looking import LookingApproval
from bazaar_pos.ui.common.jobs import Jobs
from bazaar_pos.ui.reports.breakdowns import (
    CHART_BARS,
    BreakdownTab,
    TurnoverPage,
    add_breakdown_tabs,
    show_breakdown,
)
from bazaar_pos.ui.reports.drilldown import DrillDownDialog
from bazaar_pos.ui.reports.exports import ReportFiles
from bazaar_pos.ui.reports.figures import (
    COST_FIGURES,
    FigureCard,
    figure_cards,
    figures_grid,
    show_figures,
)
from bazaar_pos.ui.reports.merge_dialog import MergeTillsDialog
from bazaar_pos.ui.reports.orders_dialog import OrderImportDialog
from bazaar_pos.ui.reports.parts import label
from bazaar_pos.ui.reports.receivables import ReceivablesPage
from bazaar_pos.ui.reports.sales_file import SalesFileImport
from bazaar_pos.ui.reports.zreport_dialog import ZReportDialog
from bazaar_pos.ui.shortcuts import bind
from bazaar_pos.ui.widgets.fields import date_edit, picked_day

__all__ = [
    "CHART_BARS",
    "COST_FIGURES",
    "DATE_PAUSE_MS",
    "PERIODS",
    "BreakdownTab",
    "FigureCard",
    "Loaded",
    "ReportsScreen",
]

PERIODS = (
    (PeriodKind.TODAY, N_("Today")),
    (PeriodKind.YESTERDAY, N_("Yesterday")),
    (PeriodKind.THIS_WEEK, N_("This week")),
    (PeriodKind.THIS_MONTH, N_("This month")),
    (PeriodKind.LAST_MONTH, N_("Last month")),
    (PeriodKind.THIS_YEAR, N_("This year")),
    (PeriodKind.CUSTOM, N_("Custom")),
)
DATE_PAUSE_MS = 700
"""How long typing in a date field must pause before the report is counted again."""


@dataclass(frozen=True, slots=True)
class Loaded:
    """A period's report and the UMKM turnover of its year, computed together."""

    report: SalesReport
    turnover: TurnoverYear


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
        for widget in (
            self.zreport_button,
            self.pdf_button,
            self.export_button,
            self.orders_button,
            self.sales_file_button,
            self.merge_button,
        ):
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
        self.cards: dict[str, FigureCard] = figure_cards()
        layout.addLayout(figures_grid(self.cards))
        self.tabs = QTabWidget()
        self.tabs.setObjectName("reportTabs")
        self.tabs.setAccessibleName(_("Breakdowns"))
        self._tabs: list[BreakdownTab] = add_breakdown_tabs(
            self.tabs,
            self._fmt,
            lambda: self.loaded.report if self.loaded else None,
            self.drill_down,
        )
        self.turnover = TurnoverPage(
            self._fmt, lambda: self.loaded.turnover.year if self.loaded else 2000
        )
        self.turnover_summary = self.turnover.summary
        self.exempt_bar = self.turnover.exempt_bar
        self.cap_bar = self.turnover.cap_bar
        self.turnover_model = self.turnover.model
        self.turnover_view = self.turnover.view
        self.tabs.addTab(self.turnover, _("UMKM turnover"))
        self.receivables = ReceivablesPage(self._fmt)
        self.receivables.statementAsked.connect(self.save_statement)
        self.tabs.addTab(self.receivables, _("Kasbon"))
        layout.addWidget(self.tabs, 1)
        self.files = ReportFiles(
            self,
            shop,
            self.approvals,
            self.background,
            tell=self.status.setText,
            written=self.fileWritten.emit,
            failed=self._fail,
        )
        self.sales_file = SalesFileImport(self, shop, self.background, self.mark_stale)
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
        menu.addSeparator()
        for file_kind, text in (
            ("csv", _("Kasbon receivables as C&SV…")),
            ("xlsx", _("Kasbon receivables as Exce&l…")),
            ("pdf", _("Kasbon receivables as &PDF…")),
        ):
            self.export_actions[f"receivables_{file_kind}"] = menu.addAction(
                text, partial(self.export_receivables, file_kind)
            )
        self.export_button.setMenu(menu)
        self.merge_button = QPushButton(_("&Merge tills…"))
        self.merge_button.setObjectName("mergeTillsButton")
        self.merge_button.clicked.connect(self.merge_tills)
        self.orders_button = QPushButton(_("Online o&rders…"))
        self.orders_button.setObjectName("importOrdersButton")
        self.orders_button.setToolTip(
            _("Import a Shopee, TikTok Shop, Tokopedia or Lazada order export")
        )
        self.orders_button.clicked.connect(self.import_orders)
        self.sales_file_button = QPushButton(_("Sa&les file…"))
        self.sales_file_button.setObjectName("importSalesFileButton")
        self.sales_file_button.setToolTip(
            _("Import sales written down elsewhere: a CSV of order_ref, date, sku and qty")
        )
        self.sales_file_button.clicked.connect(self.import_sales_file)
        row = QHBoxLayout()
        choosers: tuple[QWidget, ...] = (
            period_label, self.period, from_label, self.first, to_label, self.last
        )
        for widget in choosers:
            row.addWidget(widget)
        row.addStretch(1)
        return row

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
        accounts = self._shop.accounts
        today = self._shop.reports.today()
        self.background.run(
            lambda: accounts.receivables(today),
            lambda found: self.receivables.show_receivables(found, today),
            self._fail,
        )

    def _show(self, request: int, loaded: Loaded) -> None:
        if request != self._request:
            return
        self.loaded = loaded
        report, fmt = loaded.report, self._fmt
        f = report.figures
        show_figures(self.cards, report, fmt)
        self.show_costs_button.setVisible(not report.costs_shown)
        for tab in self._tabs:
            show_breakdown(tab, report, fmt)
        self.turnover.show_turnover(loaded.turnover)
        self.status.setText(
            _("{period}: {count} sales, {net} net.").format(
                period=fmt.period(report.period),
                count=fmt.count(f.sale_count),
                net=fmt.money(f.net),
            )
        )
        self.reportLoaded.emit(loaded)

    def _fail(self, message: str) -> None:
        self.status.setText(message)
        self.failed.emit(message)

    def _busy(self, busy: bool) -> None:
        for button in (self.pdf_button, self.export_button, self.orders_button, self.merge_button):
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
        self.files.save_pdf(self.selected_period())

    def export_lines(self, kind: str) -> None:
        """Ask where, then write the period's sale lines as CSV or XLSX."""
        self.files.export_lines(self.selected_period(), kind)

    def export_turnover(self) -> None:
        """Ask where, then write the year's UMKM turnover as CSV."""
        self.files.export_turnover(self.selected_period().last.year)

    def export_bundle(self) -> None:
        """Ask where, then write this till's bundle of the selected period for merging."""
        self.files.export_bundle(self.selected_period())

    def save_statement(self, customer_id: int, name: str) -> None:
        """Ask where, then write the customer's kasbon statement PDF (the owner approves)."""
        self.files.save_statement(customer_id, name)

    def export_receivables(self, kind: str) -> None:
        """Ask where, then write what customers owe by age (with phones: the owner approves)."""
        self.files.export_receivables(kind)

    # -- dialogs -------------------------------------------------------------------------

    def show_zreport(self) -> None:
        """Show today's Z report at this till."""
        ZReportDialog.ask(self, self._shop)

    def import_orders(self) -> None:
        """Import a marketplace's order export, then show the figures with its sales."""
        summary = OrderImportDialog.ask(self, self._shop)
        if summary is not None and summary.changes.sales:
            self.mark_stale()

    def import_sales_file(self) -> None:
        """Import a sales CSV (checked first, then written with progress)."""
        self.sales_file.start()

    def merge_tills(self) -> None:
        """Merge bundles from other tills, then show the merged figures."""
        summary = MergeTillsDialog.ask(self, self._shop)
        if summary is not None and summary.sales_added + summary.movements_added:
            self.salesMerged.emit(summary)
            self.mark_stale()
