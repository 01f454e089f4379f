"""Marketplace orders: a Shopee, TikTok Shop, Tokopedia or Lazada export previewed and imported."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bazaar_pos.domain.money import format_money
from bazaar_pos.i18n import N_, _, ngettext
from bazaar_pos.progress import Progress
from bazaar_pos.services.merging.orders.plan import (
    OrderImportPlan,
    OrderImportSummary,
    describe,
)
from bazaar_pos.services.reports.queries import channel_label
from bazaar_pos.services.shop import Shop
from bazaar_pos.ui.common import dialogs
from bazaar_pos.ui.common.formatting import problem_line
from bazaar_pos.ui.common.jobs import Jobs
from bazaar_pos.ui.common.operations import run_operation
from bazaar_pos.ui.reports.returns_dialog import ReturnsDialog
from bazaar_pos.ui.widgets.tables import cell_table

ORDER_FILES = N_("Marketplace orders (*.xlsx *.csv);;Excel (*.xlsx);;CSV (*.csv)")
MAPPING_FILES = N_("SKU mappings (*.csv)")
_BAD = QBrush(QColor("#fde8e7"))


class _Progress(QObject):
    """Carries the import's progress from the worker thread to the GUI thread."""

    moved = Signal(str, int, int)


class OrderImportDialog(QDialog):
    """Choose an order export, see every order it changes and every problem, then import it.

    Signals:
        previewed(object): the file was read and planned (an OrderImportPlan).
        imported(object): the OrderImportSummary of a finished import.
    """

    previewed = Signal(object)
    imported = Signal(object)

    def __init__(self, shop: Shop, parent: QWidget | None = None) -> None:
        """Import orders into ``shop``."""
        super().__init__(parent)
        self.setObjectName("orderImportDialog")
        self.setAccessibleName(_("Import marketplace orders"))
        self.setWindowTitle(_("Import marketplace orders"))
        self._shop = shop
        self.jobs = Jobs(self)
        self.path: Path | None = None
        self.map_file: Path | None = None
        self.mapped: dict[str, str] = {}
        """Marketplace codes mapped in this dialog to the shop's SKU or barcode."""
        self._row_codes: dict[int, str] = {}
        self.plan: OrderImportPlan | None = None
        self.result_summary: OrderImportSummary | None = None
        settings = shop.settings.load()
        self._money = lambda minor: format_money(minor, settings.currency, settings.money_locale)

        self.file_label = QLabel(_("No file chosen."))
        self.file_label.setObjectName("orderFile")
        choose = QPushButton(_("&Choose file…"))
        choose.setObjectName("orderChoose")
        choose.clicked.connect(self.choose)
        self.map_button = QPushButton(_("SKU &mapping file…"))
        self.map_button.setObjectName("orderMapping")
        self.map_button.clicked.connect(self.choose_mapping)
        top = QHBoxLayout()
        top.addWidget(self.file_label, 1)
        top.addWidget(choose)
        top.addWidget(self.map_button)
        hint = QLabel(
            _(
                "Choose the file exactly as Shopee (Order.all), TikTok Shop (OrderSKUList, "
                "with Tokopedia's orders), Tokopedia (Laporan Penjualan) or Lazada gave it. Paid "
                "orders become sales, cancelled ones move no stock, and an order already "
                "imported is put right only if its status changed. Nothing is written until "
                "you import; a file with any problem is not imported at all."
            )
        )
        hint.setWordWrap(True)
        self.table = cell_table(
            "orderPreview",
            _("What the import changes"),
            [_("Line"), _("Channel"), _("Order"), _("Amount"), _("What happens")],
            stretch=4,
        )
        self.summary = QLabel()
        self.summary.setObjectName("orderSummary")
        self.summary.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setObjectName("orderProgress")
        self.progress.setAccessibleName(_("Import progress"))
        self.progress.hide()
        self._progress = _Progress(self)
        self._progress.moved.connect(self._moved)
        self._running: Progress | None = None
        self.import_button = QPushButton(_("&Import"))
        self.import_button.setObjectName("orderApply")
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.apply)
        self.close_button = QPushButton(_("Cancel"))
        self.close_button.setObjectName("orderClose")
        self.close_button.clicked.connect(self._close)
        self.map_row_button = QPushButton(_("Map to a pro&duct…"))
        self.map_row_button.setObjectName("orderMapRow")
        self.map_row_button.setEnabled(False)
        self.map_row_button.clicked.connect(self.map_selected)
        self.table.itemSelectionChanged.connect(self._selection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.returns_button = QPushButton(_("&Returns to confirm…"))
        self.returns_button.setObjectName("orderReturns")
        self.returns_button.clicked.connect(self.show_returns)
        buttons = QHBoxLayout()
        buttons.addWidget(self.returns_button)
        buttons.addWidget(self.map_row_button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)
        self.resize(900, 560)

    @classmethod
    def ask(
        cls, parent: QWidget | None, shop: Shop, path: Path | None = None
    ) -> OrderImportSummary | None:
        """Show the dialog (previewing ``path`` if given); the import done, or None."""
        dialog = cls(shop, parent)
        if path is not None:
            dialog.load(path)
        dialog.exec()
        return dialog.result_summary

    def choose(self) -> None:
        """Ask for an order export and preview it."""
        path = dialogs.open_file(
            self, _("Import marketplace orders"), _(ORDER_FILES), kind=dialogs.FileKind.DOCUMENT
        )
        if path is not None:
            self.load(path)

    def choose_mapping(self) -> None:
        """Ask for a CSV of marketplace SKU -> shop SKU and preview the file again with it."""
        path = dialogs.open_file(
            self, _("SKU mapping file"), _(MAPPING_FILES), kind=dialogs.FileKind.DOCUMENT
        )
        if path is not None:
            self.map_file = path
            if self.path is not None:
                self.load(self.path)

    def show_returns(self) -> None:
        """List the returns waiting for their parcel, to confirm those that came back."""
        ReturnsDialog.ask(self, self._shop)

    def load(self, path: Path) -> None:
        """Read and plan ``path`` off the GUI thread, then show what would change."""
        self.path = path
        self.plan = None
        self.file_label.setText(str(path))
        self.import_button.setEnabled(False)
        self.summary.setText(_("Checking {file}…").format(file=path.name))
        map_file, mapped = self.map_file, dict(self.mapped)
        self.jobs.run(
            lambda: self._shop.order_import.plan(path, map_file=map_file, mapped=mapped),
            self._show,
            self._failed,
        )

    def map_selected(self) -> None:
        """Ask which of the shop's products the selected unknown SKU is, and preview again."""
        code = self._row_codes.get(self.table.currentRow())
        if code is None or self.path is None:
            return
        answer = dialogs.TextDialog.ask(
            self,
            _("Map to a product"),
            _("The SKU or barcode of the shop's product sold as {code!r}:").format(code=code),
            required=True,
        )
        if answer:
            self.mapped[code] = answer
            self.load(self.path)

    def apply(self) -> None:
        """Write the previewed plan off the GUI thread, with a progress bar."""
        plan = self.plan
        if plan is None or not plan.ready or self.result_summary is not None:
            return
        self.import_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.summary.setText(_("Importing {file}…").format(file=plan.path.name))
        progress = self._running = Progress(self._progress.moved.emit)
        self.close_button.setText(_("Stop"))
        run_operation(
            self.jobs,
            lambda: self._shop.order_import.write(plan, progress=progress),
            self._imported,
            self._failed,
        )

    def _show(self, plan: OrderImportPlan) -> None:
        self.plan = plan
        rows: list[tuple[str, str, str, str, str, bool]] = []
        unknown = {text: code for code, text in plan.unknown_problems().items()}
        problems = sorted(
            ((problem_line(p), p) for p in plan.all_problems()),
            key=lambda found: int(found[0] or 0),
        )
        self._row_codes = {}
        for line, problem in problems:
            if problem in unknown:
                self._row_codes[len(rows)] = unknown[problem]
            rows.append((line, "", "", "", problem, True))
        for note in plan.attention:
            rows.append(("", "", "", "", note, False))
        for sale in plan.sales:
            rows.append(
                (
                    str(sale.lines[0][0].line),
                    channel_label(sale.channel),
                    sale.order_id,
                    self._money(sale.total),
                    ngettext(
                        "new sale of {count} line", "new sale of {count} lines", len(sale.lines)
                    ).format(count=len(sale.lines)),
                    False,
                )
            )
        for reversal in plan.reversals:
            rows.append(
                (
                    "",
                    channel_label(reversal.channel),
                    reversal.order_id,
                    "",
                    _("cancelled: sale {number} is reversed, its goods back in stock").format(
                        number=reversal.sale_number
                    ),
                    False,
                )
            )
        for ret in plan.returns:
            rows.append(
                (
                    "",
                    channel_label(ret.channel),
                    ret.order_id,
                    "",
                    _("{sku} came back: listed until you confirm the parcel").format(sku=ret.sku),
                    False,
                )
            )
        self.table.setRowCount(len(rows))
        for row, (*cells, bad) in enumerate(rows):
            for column, text in enumerate(cells):
                item = QTableWidgetItem(str(text))
                if bad:
                    item.setBackground(_BAD)
                self.table.setItem(row, column, item)
        if plan.ready:
            self.summary.setText("\n".join(describe(plan.summary(written=False), self._money)))
        else:
            self.summary.setText(
                ngettext(
                    "{count} problem (in red). Fix the file, or choose a SKU mapping file, and "
                    "try again: nothing is imported while any line is wrong.",
                    "{count} problems (in red). Fix the file, or choose a SKU mapping file, and "
                    "try again: nothing is imported while any line is wrong.",
                    len(plan.all_problems()),
                ).format(count=len(plan.all_problems()))
            )
        self.import_button.setEnabled(
            plan.ready and bool(plan.sales or plan.reversals or plan.returns or plan.mappings)
        )
        self.previewed.emit(plan)

    def _selection(self) -> None:
        self.map_row_button.setEnabled(self.table.currentRow() in self._row_codes)

    @Slot(str, int, int)
    def _moved(self, what: str, done: int, steps: int) -> None:
        if steps > 0:
            self.progress.setRange(0, steps)
            self.progress.setValue(min(done, steps))
        if what and self._running is not None and not self._running.cancelled:
            self.summary.setText(f"{what}… {done:,}/{steps:,}")

    def _imported(self, summary: OrderImportSummary) -> None:
        self._running = None
        self.close_button.setEnabled(True)
        self.result_summary = summary
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.summary.setText("\n".join(describe(summary, self._money)))
        self.close_button.setText(_("Close"))
        self.imported.emit(summary)

    def _failed(self, message: str) -> None:
        self._running = None
        self.close_button.setEnabled(True)
        self.close_button.setText(_("Close"))
        self.progress.hide()
        self.summary.setText(message)
        self.import_button.setEnabled(False)

    def _close(self) -> None:
        if self._running is not None:  # importing: stop after the sales being written
            self._running.cancel()
            self.close_button.setEnabled(False)
            self.summary.setText(_("Stopping…"))
            return
        if self.result_summary is not None:
            self.accept()
        else:
            self.reject()

    def reject(self) -> None:
        """Escape while importing stops the import (as Stop does) rather than leaving."""
        if self._running is not None:
            self._close()
            return
        super().reject()

    def done(self, result: int) -> None:
        """Close only once no read or import is running."""
        self.jobs.wait()
        super().done(result)
