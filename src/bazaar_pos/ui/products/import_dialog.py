"""The import dialog: a product file previewed row by row, imported only when every row is good."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
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
from bazaar_pos.domain.quantity import Unit, format_quantity
from bazaar_pos.i18n import N_, _, ngettext
from bazaar_pos.services.products.files.presets import FIELD_LABELS, PRESET_KIND
from bazaar_pos.services.products.files.service import ImportPreview, ProductImportSummary
from bazaar_pos.services.products.files.sources import FileShape
from bazaar_pos.services.shop import Shop
from bazaar_pos.ui.access.approval import Approvals
from bazaar_pos.ui.common import dialogs
from bazaar_pos.ui.common.jobs import Jobs
from bazaar_pos.ui.common.progress import run_with_progress
from bazaar_pos.ui.products.column_mapping import ColumnMappingPanel
from bazaar_pos.ui.widgets.fields import named
from bazaar_pos.ui.widgets.tables import cell_table

FILE_FILTER = N_("Product files (*.csv *.xlsx);;CSV (*.csv);;Excel (*.xlsx)")
_BAD = QBrush(QColor("#fde8e7"))


class ImportDialog(QDialog):
    """Pick a CSV or XLSX file, see what each row would do and what is wrong, then import.

    A Loyverse export is read as it is, with a store chooser when it has several
    stores; a file of other columns shows the column mapping, with presets.
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
        self.store: str | None = None
        self.mapping: dict[str, str] | None = None
        self.preset_name: str | None = None
        self._checks = 0
        """How many previews were asked for: only the latest one is shown."""
        self.jobs = Jobs(self)
        self.result_summary: ProductImportSummary | None = None
        money = shop.settings.load()
        self._money = lambda minor: format_money(minor, money.currency, money.money_locale)
        self._quantity = lambda milli, unit: format_quantity(milli, unit, money.money_locale)

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
                "cost, stock, unit and the others are optional. A Loyverse items export is read "
                "as it is; for other files, choose which column holds what. Rows update the "
                "product with the same SKU. A file with any bad row is not imported at all."
            )
        )
        hint.setWordWrap(True)
        self.stores = named(QComboBox(), "importStore", _("Store"))
        self.stores.activated.connect(self._store_picked)
        self.store_label = QLabel(_("&Store in the file:"))
        self.store_label.setBuddy(self.stores)
        store_row = QHBoxLayout()
        store_row.addWidget(self.store_label)
        store_row.addWidget(self.stores)
        store_row.addStretch(1)
        self.shape_label = QLabel()
        self.shape_label.setObjectName("importShape")
        store_row.addWidget(self.shape_label)
        self.columns = ColumnMappingPanel({f: _(label) for f, label in FIELD_LABELS.items()})
        self.columns.mapping_changed.connect(self._mapped)
        self.columns.preset_chosen.connect(self._preset_picked)
        self.columns.save_requested.connect(self.save_preset)
        self.columns.hide()
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
        layout.addLayout(store_row)
        middle = QHBoxLayout()
        middle.addWidget(self.columns, 2)
        middle.addWidget(self.table, 3)
        layout.addLayout(middle, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self._show_stores(())
        self.resize(980, 600)

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
        self.store = self.mapping = self.preset_name = None
        self.file_label.setText(str(path))
        self._check()

    def _check(self) -> None:
        """Preview the file with the store and mapping chosen so far."""
        path, store, mapping = self.path, self.store, self.mapping
        if path is None:
            return
        self._checks += 1
        check = self._checks
        self.import_button.setEnabled(False)
        self.summary.setText(_("Checking {file}…").format(file=path.name))
        self.jobs.run(
            lambda: self._shop.product_files.preview(path, store=store, mapping=mapping),
            lambda preview: self._show(preview) if check == self._checks else None,
            lambda message: self._failed(message) if check == self._checks else None,
        )

    def _store_picked(self, index: int) -> None:
        self.store = self.stores.itemText(index)
        self._check()

    def _mapped(self, mapping: dict[str, str]) -> None:
        self.mapping = mapping
        self.preset_name = None
        self._check()

    def _preset_picked(self, name: str) -> None:
        self.preset_name = name
        self.mapping = self._shop.product_files.presets.get(PRESET_KIND, name)
        self._check()

    def save_preset(self) -> None:
        """Keep the mapping shown as a preset under a name the person types."""
        name = dialogs.TextDialog.ask(
            self, _("Save preset"), _("Name of the preset:"), self.preset_name or "", required=True
        )
        if not name:
            return
        mapping = self.columns.mapping()
        presets = self._shop.product_files.presets
        self.jobs.run(
            lambda: presets.save(PRESET_KIND, name, mapping),
            lambda _done: self._saved(name),
            self._failed,
        )

    def _saved(self, name: str) -> None:
        self.preset_name = name
        self._show_columns()
        self.summary.setText(_("Saved the preset {name}.").format(name=name))

    def apply(self) -> None:
        """Import the previewed file off the GUI thread; a cashier asks the owner first."""
        if self.path is None or self.preview is None or not self.preview.ok:
            return
        granted = self.approvals.granted(
            Permission.CHANGE_PRICE, Permission.ADJUST_STOCK, tell=self.summary.setText
        )
        if granted is None:
            return
        path, store, mapping = self.path, self.preview.store, self.mapping
        self.import_button.setEnabled(False)
        self.summary.setText(_("Importing {file}…").format(file=path.name))
        run_with_progress(  # a big file gets a window saying the import is under way
            self.jobs,
            self,
            _("Importing {file}…").format(file=path.name),
            lambda _progress: self._shop.product_files.import_file(
                path, approval=granted.approval, store=store, mapping=mapping
            ),
            self._imported,
            self._failed,
            cancellable=False,
        )

    def _show(self, preview: ImportPreview) -> None:
        self.preview = preview
        self._show_stores(preview.stores if len(preview.stores) > 1 else ())
        self.stores.setCurrentIndex(max(0, self.stores.findText(preview.store or "")))
        self.shape_label.setText(_shape_text(preview))
        if preview.preset is not None and self.mapping is None:
            self.preset_name = preview.preset
        self._show_columns()
        self.table.setRowCount(len(preview.rows))
        for row, line in enumerate(preview.rows):
            action = {"create": _("new product"), "update": _("update")}.get(line.action, "")
            if line.action == "update":
                changed = ", ".join(_(FIELD_LABELS[f]) for f in line.changes)
                action = _("update: {fields}").format(fields=changed) if changed else _("no change")
            if line.notes and action:
                action = _("{action} ({notes})").format(action=action, notes="; ".join(line.notes))
            what = "; ".join(line.problems) if line.problems else action
            cells = (
                str(line.line),
                line.sku,
                line.name,
                "" if line.price is None else self._money(line.price),
                "" if line.stock is None else self._quantity(line.stock, line.unit or Unit.PCS),
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
            lead = (
                ngettext(
                    "{bad} row has problems (shown in red). Fix the file and choose it again: "
                    "nothing is imported while any row is wrong.",
                    "{bad} rows have problems (shown in red). Fix the file and choose it again: "
                    "nothing is imported while any row is wrong.",
                    bad,
                ).format(bad=bad)
                if bad
                else _("The file cannot be imported yet:")
            )
            self.summary.setText("\n".join([lead, *general]))
        self.import_button.setEnabled(preview.ok)

    def _show_stores(self, stores: tuple[str, ...]) -> None:
        """The store chooser, shown only when the file has several stores."""
        if tuple(self.stores.itemText(i) for i in range(self.stores.count())) != stores:
            self.stores.clear()
            self.stores.addItems(list(stores))
        self.stores.setVisible(bool(stores))
        self.store_label.setVisible(bool(stores))

    def _show_columns(self) -> None:
        """The mapping panel, for a file read through a mapping or not recognised."""
        preview = self.preview
        if preview is None or preview.shape not in (FileShape.UNKNOWN, FileShape.MAPPED):
            self.columns.hide()
            return
        names = self._shop.product_files.presets.names(PRESET_KIND)
        self.columns.show_file(preview.headers, preview.mapping, names, self.preset_name)
        self.columns.show()

    def _imported(self, summary: ProductImportSummary) -> None:
        self.result_summary = summary
        self.accept()

    def _failed(self, message: str) -> None:
        self.summary.setText(message)
        self.import_button.setEnabled(False)


def _shape_text(preview: ImportPreview) -> str:
    """How the file was read, in a few words."""
    if preview.shape is FileShape.LOYVERSE:
        return _("Loyverse items export")
    if preview.preset is not None:
        return _("Read with the preset {name}").format(name=preview.preset)
    return ""
