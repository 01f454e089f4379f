"""The Products screen: the catalogue with a filter as you type."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from bazaar_pos.domain.money import format_money
from bazaar_pos.i18n import _
from bazaar_pos.services.shop import Shop
from bazaar_pos.ui.products.model import ProductTableModel

SHOWN_AT_MOST = 500


class ProductsScreen(QWidget):
    """Lists products; typing in the filter narrows the list by name, SKU, barcode or category."""

    def __init__(self, shop: Shop, parent: QWidget | None = None) -> None:
        """Show the products of ``shop``."""
        super().__init__(parent)
        self.setObjectName("productsScreen")
        self.setAccessibleName(_("Products"))
        self._shop = shop
        settings = shop.settings.load()
        self.model = ProductTableModel(
            lambda minor: format_money(minor, settings.currency, settings.money_locale)
        )
        title = QLabel(_("Products"))
        title.setObjectName("screenTitle")
        self.filter = QLineEdit()
        self.filter.setObjectName("productFilter")
        self.filter.setAccessibleName(_("Filter products"))
        self.filter.setPlaceholderText(_("Filter by name, SKU, barcode or category"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.refresh)
        self.table = QTableView()
        self.table.setObjectName("productTable")
        self.table.setAccessibleName(_("Product list"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.note = QLabel(
            _("Adding and editing products here comes next; for now use products import.")
        )
        self.note.setObjectName("screenNote")
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.filter)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        self.refresh()

    def refresh(self) -> None:
        """Load the products matching the filter."""
        self.model.set_products(
            self._shop.catalogue.search(self.filter.text(), limit=SHOWN_AT_MOST)
        )
