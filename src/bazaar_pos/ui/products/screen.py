"""The Products screen: the catalogue filtered as you type; editing, variants, labels, files."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bazaar_pos.domain.access import Permission
from bazaar_pos.i18n import _, ngettext
from bazaar_pos.services.products.files.columns import HeaderLanguage
from bazaar_pos.services.products.files.service import ProductImportSummary
from bazaar_pos.services.products.search import ProductQuery
from bazaar_pos.services.shop import Shop
from bazaar_pos.services.views import Changes, ProductView
from bazaar_pos.ui.access.approval import Approvals
from bazaar_pos.ui.common import dialogs
from bazaar_pos.ui.common.formatting import Formats, money_text
from bazaar_pos.ui.common.jobs import Jobs
from bazaar_pos.ui.products.dialog import ProductDialog
from bazaar_pos.ui.products.import_dialog import ImportDialog
from bazaar_pos.ui.products.labels_dialog import LabelsDialog
from bazaar_pos.ui.products.model import NAME_COLUMN, ProductTableModel
from bazaar_pos.ui.products.variants_dialog import VariantsDialog
from bazaar_pos.ui.shortcuts import bind, key_text

COUNT_AFTER_MS = 300
"""Typing in the filter shows the first page at once; the matches are counted after this pause."""

EXPORT_FILTER = "CSV (*.csv);;Excel (*.xlsx)"


class ProductsScreen(QWidget):
    """Lists products; typing in the filter narrows the list by name, SKU, barcode or category.

    What only an owner may do (a new price, an import, an export) a cashier
    does with the owner's PIN, asked on the spot.

    Signals:
        products_changed(object): a Changes after anything here changed products or stock.
    """

    products_changed = Signal(object)

    def __init__(self, shop: Shop, parent: QWidget | None = None) -> None:
        """Show the products of ``shop``."""
        super().__init__(parent)
        self.setObjectName("productsScreen")
        self.setAccessibleName(_("Products"))
        self._shop = shop
        self.approvals = Approvals(shop.access, self)
        self.jobs = Jobs(self)
        settings = shop.settings.load()
        self.model = ProductTableModel.over_catalogue(
            shop.catalogue, money_text(settings), photos=True, quantity=Formats(settings).quantity
        )
        title = QLabel(_("Products"))
        title.setObjectName("screenTitle")
        self.filter = QLineEdit()
        self.filter.setObjectName("productFilter")
        self.filter.setAccessibleName(_("Filter products"))
        self.filter.setPlaceholderText(_("Filter by name, SKU, barcode or category  (Ctrl+F)"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._typed)
        self._counting = QTimer(self)
        self._counting.setObjectName("productCounting")
        self._counting.setSingleShot(True)
        self._counting.setInterval(COUNT_AFTER_MS)
        self._counting.timeout.connect(self._count_all)
        self.filter.returnPressed.connect(self._focus_table)
        self.show_archived = QCheckBox(_("Show &archived"))
        self.show_archived.setObjectName("showArchived")
        self.show_archived.toggled.connect(self.refresh)
        filter_row = QHBoxLayout()
        filter_row.addWidget(self.filter, 1)
        filter_row.addWidget(self.show_archived)

        self.buttons: dict[str, QPushButton] = {}
        actions = QHBoxLayout()
        for key, text, slot in (
            ("new", _("&New"), self.new_product),
            ("edit", _("E&dit"), self.edit_selected),
            ("archive", _("Archive"), self.toggle_archived),
            ("favourite", _("Favourite"), self.toggle_favourite),
            ("variants", _("&Variants…"), self.edit_variants),
            ("labels", _("&Labels…"), self.print_labels),
            ("import", _("&Import…"), self.import_file),
            ("export", _("E&xport…"), self.export_file),
        ):
            button = QPushButton(text)
            button.setObjectName(f"products{key.title()}")
            button.setAccessibleName(text.replace("&", "").rstrip("…"))
            button.setToolTip(key_text(f"products.{key}"))
            button.clicked.connect(slot)
            bind(f"products.{key}", self, slot)
            self.buttons[key] = button
            actions.addWidget(button)
            if key == "favourite":
                actions.addStretch(1)
        bind("products.find", self, self.filter.setFocus)
        bind(
            "products.table",
            self.filter,
            self._focus_table,
            context=Qt.ShortcutContext.WidgetShortcut,
        )

        self.table = QTableView()
        self.table.setObjectName("productTable")
        self.table.setAccessibleName(_("Product list"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        # The indicator first: turning sorting on then loads the list once, by name.
        self.table.horizontalHeader().setSortIndicator(NAME_COLUMN, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(32)
        self.table.setWordWrap(False)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.activated.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(NAME_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        for column, width in ((0, 170), (2, 130), (3, 150), (4, 110), (5, 70)):
            header.resizeSection(column, width)
        self.count = QLabel()
        self.count.setObjectName("productCount")
        self.message = QLabel()
        self.message.setObjectName("screenMessage")
        self.message.setAccessibleName(_("Message"))
        self.message.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count)
        bottom.addWidget(self.message, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(filter_row)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.refresh()

    # Reading

    def query(self) -> ProductQuery:
        """What the list shows: the filter, archived or not, in the table's order."""
        return replace(
            self.model.query,
            text=self.filter.text(),
            include_inactive=self.show_archived.isChecked(),
        )

    def refresh(self, *, count: bool = True) -> None:
        """Load the products matching the filter (a page at a time); count them unless told not."""
        if count:
            self._counting.stop()
        self.model.set_query(self.query(), count=count)
        self._show_count()
        self._update_buttons()

    def _typed(self) -> None:
        """The filter changed: show the first page now, count the matches once typing pauses."""
        self.refresh(count=False)
        if self.model.counted:
            self._counting.stop()
        else:
            self._counting.start()

    def _count_all(self) -> None:
        self.model.count_all()
        self._show_count()

    def _show_count(self) -> None:
        total = f"{self.model.total:,}".replace(",", ".")
        if self.model.counted:
            text = ngettext("{count} product", "{count} products", self.model.total)
        else:
            text = _("{count}+ products")
        self.count.setText(text.format(count=total))

    def selected(self) -> list[ProductView]:
        """The products selected in the table, top to bottom."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.product(r) for r in rows]

    def current(self) -> ProductView | None:
        """The product at the table's current row."""
        index = self.table.currentIndex()
        return self.model.product(index.row()) if index.isValid() else None

    def select_product(self, product_id: int) -> None:
        """Make ``product_id`` the current row, if it is in the list."""
        row = self.model.row_of(product_id)
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, NAME_COLUMN))

    # Actions

    def new_product(self) -> None:
        """Open the product dialog for a new product."""
        product = ProductDialog.ask(self, self._shop)
        if product is not None:
            self._changed(_("Added {name}.").format(name=product.name), product.id, stock=True)

    def edit_selected(self) -> None:
        """Open the product dialog for the current product."""
        product = self.current()
        if product is None:
            return
        saved = ProductDialog.ask(self, self._shop, product)
        if saved is not None:
            self._changed(_("Saved {name}.").format(name=saved.name), saved.id)

    def toggle_archived(self) -> None:
        """Archive the current product (or bring an archived one back). Nothing is deleted."""
        product = self.current()
        if product is None:
            return
        changed = self._shop.catalogue.set_active(product.id, not product.active)
        text = _("Archived {name}: it is off the till; its sales and stock history stay.")
        if changed.active:
            text = _("{name} is back on the till.")
        self._changed(text.format(name=changed.name), changed.id)

    def toggle_favourite(self) -> None:
        """Mark or unmark the current product as a favourite for the till's quick picks."""
        product = self.current()
        if product is None:
            return
        changed = self._shop.catalogue.set_favourite(product.id, not product.favourite)
        text = _("{name} is a favourite.") if changed.favourite else _("{name} is no favourite.")
        self._changed(text.format(name=changed.name), changed.id)

    def edit_variants(self) -> None:
        """Open the variants dialog for the current product (or its parent)."""
        product = self.current()
        if product is None:
            return
        if product.parent_id is not None:
            product = self._shop.catalogue.get(product.parent_id)
        variants = VariantsDialog.ask(self, self._shop, product)
        if variants is not None:
            text = ngettext(
                "{name} has {count} variant.", "{name} has {count} variants.", len(variants)
            )
            self._changed(text.format(name=product.name, count=len(variants)), product.id)

    def print_labels(self) -> None:
        """Open the labels dialog for the selected products."""
        result = LabelsDialog.ask(self, self._shop, [p.id for p in self.selected()])
        if result is not None:
            self.message.setText(
                _("Saved {labels} labels to {file}.").format(labels=result.labels, file=result.path)
            )
            if result.barcodes_assigned:
                self._changed(self.message.text(), None)

    def import_file(self) -> None:
        """Open the import dialog."""
        summary = ImportDialog.ask(self, self._shop)
        if summary is not None:
            self._imported(summary)

    def export_file(self) -> None:
        """Save every product as CSV or XLSX (off the GUI thread); a cashier asks the owner."""
        granted = self.approvals.granted(Permission.EXPORT, tell=self.message.setText)
        if granted is None:
            return
        path = dialogs.save_file(
            self,
            _("Export products"),
            _("products.csv"),
            EXPORT_FILTER,
            kind=dialogs.FileKind.PRODUCT_FILE,
        )
        if path is None:
            return
        if path.suffix.lower() not in (".csv", ".xlsx"):
            path = path.with_suffix(".csv")
        self.message.setText(_("Exporting to {file}…").format(file=path))
        self.jobs.run(
            lambda: self._shop.product_files.export_file(
                path, headers=HeaderLanguage.ENGLISH, approval=granted.approval
            ),
            lambda count: self.message.setText(
                ngettext(
                    "Exported {count} product to {file}.",
                    "Exported {count} products to {file}.",
                    count,
                ).format(count=count, file=path)
            ),
            self.message.setText,
        )

    def access_changed(self) -> None:
        """The person signed in changed: clear what the last message told the one before.

        The list shows no costs, and every owner's approval here is asked for
        one action and spent on it, so nothing else is kept.
        """
        self.message.clear()

    # Helpers

    def _imported(self, summary: ProductImportSummary) -> None:
        self._changed(
            _("{created} products added, {updated} updated, stock set for {stock}.").format(
                created=summary.created, updated=summary.updated, stock=summary.stock_set
            ),
            None,
            stock=bool(summary.stock_set),
        )

    def _changed(self, text: str, product_id: int | None, *, stock: bool = False) -> None:
        self.refresh()
        if product_id is not None:
            self.select_product(product_id)
        self.message.setText(text)
        self.products_changed.emit(Changes(products=True, stock=stock))

    def _focus_table(self) -> None:
        if self.model.rowCount():
            self.table.setFocus()
            if not self.table.currentIndex().isValid():
                self.table.selectRow(0)

    def _update_buttons(self, *_args: object) -> None:
        product = self.current()
        for key in ("edit", "archive", "favourite", "variants"):
            self.buttons[key].setEnabled(product is not None)
        if product is not None:
            self.buttons["archive"].setText(_("Restore") if not product.active else _("Archive"))
