"""The main window's screens and their navigation; all but the till built on first use."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QListWidget, QListWidgetItem, QStackedWidget, QWidget

from bazaar_pos.i18n import _
from bazaar_pos.services.shop import Shop
from bazaar_pos.services.views import Changes
from bazaar_pos.ui.till.screen import TillScreen

if TYPE_CHECKING:  # the other screens load when first opened
    from bazaar_pos.ui.customers.screen import CustomersScreen
    from bazaar_pos.ui.products.screen import ProductsScreen
    from bazaar_pos.ui.reports.screen import ReportsScreen
    from bazaar_pos.ui.settings.screen import SettingsScreen
    from bazaar_pos.ui.stock.screen import StockScreen

TILL, PRODUCTS, STOCK, REPORTS, SETTINGS, CUSTOMERS = range(6)
"""The screens' rows in the navigation and pages in the stack."""


class Screens:
    """The navigation list and the stack of screens beside it.

    Until a screen is built its page in ``stack`` is an empty placeholder; the
    ``built_*`` attributes hold each screen once built, and None before.
    ``settings_built`` is called with the Settings screen when it is built, for
    the window to connect it.
    """

    def __init__(
        self, shop: Shop, till: TillScreen, settings_built: Callable[[SettingsScreen], None]
    ) -> None:
        """The navigation and the stack, with ``till`` in place and placeholders for the rest."""
        self.shop = shop
        self.till = till
        self._settings_built = settings_built
        self.built_products: ProductsScreen | None = None
        self.built_stock: StockScreen | None = None
        self.built_reports: ReportsScreen | None = None
        self.built_settings: SettingsScreen | None = None
        self.built_customers: CustomersScreen | None = None
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName(_("Screens"))
        self.navigation.setFixedWidth(180)
        self.stack = QStackedWidget()
        self.stack.setObjectName("screens")
        labels = [
            _("Till"),
            _("Products"),
            _("Stock"),
            _("Reports"),
            _("Settings"),
            _("Customers"),
        ]
        for number, label in enumerate(labels, start=1):
            item = QListWidgetItem(f"{label}   Ctrl+{number}")
            self.navigation.addItem(item)
            self.stack.addWidget(till if number == 1 else QWidget())
        self.navigation.currentRowChanged.connect(self._show_row)

    def fit_navigation(self) -> None:
        """Make the navigation wide enough for its longest label."""
        self.navigation.setFixedWidth(
            max(180, self.navigation.sizeHintForColumn(0) + 2 * self.navigation.frameWidth() + 8)
        )

    def at(self, row: int) -> QWidget:
        """The screen at ``row`` in the navigation, built if it was not yet."""
        screens = (
            lambda: self.till,
            lambda: self.products,
            lambda: self.stock,
            lambda: self.reports,
            lambda: self.settings,
            lambda: self.customers,
        )
        return screens[row]()

    @property
    def products(self) -> ProductsScreen:
        """The Products screen, built on first use."""
        if self.built_products is None:
            from bazaar_pos.ui.products.screen import ProductsScreen

            self.built_products = ProductsScreen(self.shop)
            self.built_products.products_changed.connect(self.products_changed)
            self._put(PRODUCTS, self.built_products)
        return self.built_products

    @property
    def stock(self) -> StockScreen:
        """The Stock screen, built on first use."""
        if self.built_stock is None:
            from bazaar_pos.ui.stock.screen import StockScreen

            self.built_stock = StockScreen(self.shop)
            self.built_stock.stock_changed.connect(self.stock_changed)
            self._put(STOCK, self.built_stock)
        return self.built_stock

    @property
    def reports(self) -> ReportsScreen:
        """The Reports screen, built on first use."""
        if self.built_reports is None:
            from bazaar_pos.ui.reports.screen import ReportsScreen

            self.built_reports = ReportsScreen(self.shop)
            self._put(REPORTS, self.built_reports)
        return self.built_reports

    @property
    def settings(self) -> SettingsScreen:
        """The Settings screen, built on first use."""
        if self.built_settings is None:
            from bazaar_pos.ui.settings.screen import SettingsScreen

            self.built_settings = SettingsScreen(self.shop)
            self._settings_built(self.built_settings)
            self._put(SETTINGS, self.built_settings)
        return self.built_settings

    @property
    def customers(self) -> CustomersScreen:
        """The Customers screen, built on first use."""
        if self.built_customers is None:
            from bazaar_pos.ui.customers.screen import CustomersScreen

            self.built_customers = CustomersScreen(self.shop)
            self.built_customers.reprint_requested.connect(self.till.reprint_requested)
            self._put(CUSTOMERS, self.built_customers)
        return self.built_customers

    def _put(self, row: int, screen: QWidget) -> None:
        """Put a newly built screen in place of its placeholder in the stack."""
        placeholder = self.stack.widget(row)
        self.stack.insertWidget(row, screen)
        if placeholder is not None:
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()

    def _show_row(self, row: int) -> None:
        if row >= 0:
            self.at(row)
        self.stack.setCurrentIndex(row)

    def products_changed(self, changes: Changes) -> None:
        """Products changed: the Stock screen, if built, shows them again."""
        if self.built_stock is not None:
            self.built_stock.refresh(changes)

    def stock_changed(self, _changes: object) -> None:
        """Stock moved (or sales were merged): the products' stock figures changed."""
        if self.built_products is not None:
            self.built_products.refresh()

    def changes_made(self, changes: Changes) -> None:
        """An operation changed data: refresh the screens built so far that show it."""
        if changes.products or changes.stock:
            self.products_changed(changes)
            self.stock_changed(changes)
        if changes.sales:
            self.sales_changed(None)

    def sales_changed(self, _sale_uuid: object) -> None:
        """Sales were made or changed: the Reports screen, if built, is out of date."""
        if self.built_reports is not None:
            self.built_reports.mark_stale()

    def built(self) -> list[QWidget]:
        """The screens built so far, the till first."""
        screens = (
            self.till,
            self.built_products,
            self.built_stock,
            self.built_reports,
            self.built_settings,
            self.built_customers,
        )
        return [screen for screen in screens if screen is not None]
