"""The import dialog: a product file previewed row by row, imported only when every row is good."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bazaar_pos.domain.access import Permission
from bazaar_pos.domain.money import format_money
from bazaar_pos.domain.quantity import plain_quantity
from bazaar_pos.i18n import N_, _
from bazaar_pos.services.products.files.service import ImportPreview, ProductImportSummary
from bazaar_pos.services.shop import Shop
from bazaar_pos.ui.access.approval import Approvals
from bazaar_pos.ui.common import dialogs
from bazaar_pos.ui.common.jobs import Jobs
from bazaar_pos.ui.widgets.tables import cell_table

FILE_FILTER = N_("Product files (*.csv *.xlsx);;CSV (*.csv);;Excel (*.xlsx)")
_BAD = QBrush(QColor("#fde8e7"))


class ImportDialog(QDialog):
    """Pick a CSV or XLSX file, see what each row would do and what is wrong, then import.

    An import sets prices and stock: a cashier imports with the owner's PIN.
    """

    def __init__(self, shop: Shop, parent: QWidget | None = None) -> None:
        """Import into ``shop``."""
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setAccessibleName(_("Import products"))
        self.setWindowTitle(_("Import products"))
        self._shop = shop
        self.approvals = Approvals(shop.access, self)
        self.path: Path | None = None
        self.preview: ImportPreview | None = None
        self.jobs = Jobs(self)
        self.result_summary: ProductImportSummary | None = None
        money = shop.settings.load()
        self._money = lambda minor: format_money(minor, money.currency, money.money_locale)

        self.file_label = QLabel(_("No file chosen."))
        self.file_label.setObjectName("importFile")
        choose = QPushButton(_("&Choose file…"))
        choose.setObjectName("importChoose")
        choose.clicked.connect(self.choose)
        top = QHBoxLayout()
        top.addWidget(self.file_label, 1)
        top.addWidget(choose)
        hint = QLabel(
            _(
                "Columns sku, name, price (or kode, nama, harga) are needed; barcode, category, "
                "cost, stock, unit and the others are optional. Rows update the product with "
                "the same SKU. A file with any bad row is not imported at all."
            )
        )
        hint.setWordWrap(True)
        self.table = cell_table(
            "importPreview",
            _("Rows of the file"),
            [_("Line"), _("SKU"), _("Name"), _("Price"), _("Stock"), _("What happens")],
            stretch=5,
        )
        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = buttons.addButton(_("&Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("importApply")
        self.import_button.setEnabled(False)
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.resize(860, 560)

    @classmethod
    def ask(
        cls, parent: QWidget | None, shop: Shop, path: Path | None = None
    ) -> ProductImportSummary | None:
        """Show the dialog (previewing ``path`` if given); the import done, or None."""
        dialog = cls(shop, parent)
        if path is not None:
            dialog.load(path)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.result_summary
        return None

    def choose(self) -> None:
        """Ask for a file and preview it."""
        path = dialogs.open_file(
            self, _("Import products"), _(FILE_FILTER), kind=dialogs.FileKind.PRODUCT_FILE
        )
        if path is not None:
            self.load(path)

    def load(self, path: Path) -> None:
        """Check ``path`` off the GUI thread and show each row."""
        self.path = path
        self.file_label.setText(str(path))
        self.import_button.setEnabled(False)
        self.summary.setText(_("Checking {file}…").format(file=path.name))
        self.jobs.run(lambda: self._shop.product_files.preview(path), self._show, self._failed)

    def apply(self) -> None:
        """Import the previewed file off the GUI thread; a cashier asks the owner first."""
        if self.path is None or self.preview is None or not self.preview.ok:
            return
        granted = self.approvals.granted(
            Permission.CHANGE_PRICE, Permission.ADJUST_STOCK, tell=self.summary.setText
        )
        if granted is None:
            return
        path = self.path
        self.import_button.setEnabled(False)
        self.summary.setText(_("Importing {file}…").format(file=path.name))
        self.jobs.run(
            lambda: self._shop.product_files.import_file(path, approval=granted.approval),
            self._imported,
            self._failed,
        )

    def _show(self, preview: ImportPreview) -> None:
        self.preview = preview
        self.table.setRowCount(len(preview.rows))
        for row, line in enumerate(preview.rows):
            action = {"create": _("new product"), "update": _("update")}.get(line.action, "")
            what = "; ".join(line.problems) if line.problems else action
            cells = (
                str(line.line),
                line.sku,
                line.name,
                "" if line.price is None else self._money(line.price),
                "" if line.stock is None else plain_quantity(line.stock),
                what,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if line.problems:
                    item.setBackground(_BAD)
                    item.setToolTip("\n".join(line.problems))
                self.table.setItem(row, column, item)
        if preview.ok:
            self.summary.setText(
                _(
                    "{created} new products, {updated} updates. "
                    "Nothing is changed until you import."
                ).format(created=preview.created, updated=preview.updated)
            )
        else:
            bad = sum(bool(r.problems) for r in preview.rows)
            general = [p for p in preview.problems if not p.startswith(_("Line"))]
            self.summary.setText(
                "\n".join(
                    [
                        _(
                            "{bad} rows have problems (shown in red). Fix the file and choose it "
                            "again: nothing is imported while any row is wrong."
                        ).format(bad=bad),
                        *general,
                    ]
                )
            )
        self.import_button.setEnabled(preview.ok)

    def _imported(self, summary: ProductImportSummary) -> None:
        self.result_summary = summary
        self.accept()

    def _failed(self, message: str) -> None:
        self.summary.setText(message)
        self.import_button.setEnabled(False)
