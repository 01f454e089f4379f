"""The main window: navigation between the Till, Products, Stock, Reports and Settings."""

from __future__ import annotations

from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
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
from bazaar_pos.ui.printing.dispatcher import PrintDispatcher
from bazaar_pos.ui.printing.status import PrintStatus
from bazaar_pos.ui.products.screen import ProductsScreen
from bazaar_pos.ui.settings.screen import SettingsScreen
from bazaar_pos.ui.till.screen import TillScreen


class MainWindow(QMainWindow):
    """The app's window; Ctrl+1 to Ctrl+5 switch screens.

    Sales completed or reprinted at the till (``till``) go to the print queue
    through ``printing``.
    """

    def __init__(self, shop: Shop) -> None:
        """Build the screens over ``shop``."""
        super().__init__()
        self.setObjectName("mainWindow")
        self.shop = shop
        settings = shop.settings.load()
        self.printing = PrintDispatcher(shop.print_queue, self)
        self.setWindowTitle(f"{settings.shop_name} — Bazaar POS {__version__}")
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName(_("Screens"))
        self.navigation.setFixedWidth(180)
        self.stack = QStackedWidget()
        self.stack.setObjectName("screens")
        self.till = TillScreen(shop)
        self.till.sale_completed.connect(self.printing.print_sale)
        self.till.reprint_requested.connect(self.printing.reprint_sale)
        screens: list[tuple[str, QWidget]] = [
            (_("Till"), self.till),
            (_("Products"), ProductsScreen(shop)),
            (
                _("Stock"),
                ComingScreen(
                    "stockScreen",
                    _("Stock"),
                    _("Receiving goods, adjustments and stock counts are coming."),
                ),
            ),
            (
                _("Reports"),
                ComingScreen(
                    "reportsScreen",
                    _("Reports"),
                    _("Sales summaries, PDF exports and the Z report are coming."),
                ),
            ),
            (_("Settings"), SettingsScreen(shop)),
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
        self.print_status = PrintStatus(self.printing)
        self.statusBar().addPermanentWidget(self.print_status, 1)
        self.show_screen(0)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Let a receipt being printed finish before the window closes."""
        self.printing.wait()
        super().closeEvent(event)

    def show_screen(self, row: int) -> None:
        """Switch to the screen at ``row`` in the navigation."""
        self.navigation.setCurrentRow(row)
