"""The main window: navigation between the Till, Products, Stock, Reports and Settings."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from bazaar_pos import __version__
from bazaar_pos.i18n import _
from bazaar_pos.services.shop import Shop
from bazaar_pos.ui.placeholder import ComingScreen
from bazaar_pos.ui.products.screen import ProductsScreen
from bazaar_pos.ui.stock.screen import StockScreen


class MainWindow(QMainWindow):
    """The app's window; Ctrl+1 to Ctrl+5 switch screens."""

    def __init__(self, shop: Shop) -> None:
        """Build the screens over ``shop``."""
        super().__init__()
        self.setObjectName("mainWindow")
        self.shop = shop
        settings = shop.settings.load()
        self.setWindowTitle(f"{settings.shop_name} — Bazaar POS {__version__}")
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName(_("Screens"))
        self.navigation.setFixedWidth(180)
        self.stack = QStackedWidget()
        self.stack.setObjectName("screens")
        self.products = ProductsScreen(shop)
        self.stock = StockScreen(shop)
        self.products.products_changed.connect(self.stock.refresh)
        self.stock.stock_changed.connect(lambda _changes: self.products.refresh())
        screens: list[tuple[str, QWidget]] = [
            (
                _("Till"),
                ComingScreen(
                    "tillScreen",
                    _("Till"),
                    _(
                        "Ringing up sales with the scanner and keyboard comes next. "
                        "Sales can already be imported with: bazaar-pos sales import FILE.csv"
                    ),
                ),
            ),
            (_("Products"), self.products),
            (_("Stock"), self.stock),
            (
                _("Reports"),
                ComingScreen(
                    "reportsScreen",
                    _("Reports"),
                    _("Sales summaries, PDF exports and the Z report are coming."),
                ),
            ),
            (
                _("Settings"),
                ComingScreen(
                    "settingsScreen",
                    _("Settings"),
                    _("Shop details, tax, cash rounding and the printer are coming."),
                ),
            ),
        ]
        for number, (label, screen) in enumerate(screens, start=1):
            item = QListWidgetItem(f"{label}   Ctrl+{number}")
            self.navigation.addItem(item)
            self.stack.addWidget(screen)
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
            shortcut.activated.connect(lambda row=number - 1: self.show_screen(row))
        self.navigation.currentRowChanged.connect(self.stack.setCurrentIndex)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.statusBar().showMessage(
            _("Database: {path}").format(path=shop.db.path or shop.db.engine.url)
        )
        self.show_screen(0)

    def show_screen(self, row: int) -> None:
        """Switch to the screen at ``row`` in the navigation."""
        self.navigation.setCurrentRow(row)
