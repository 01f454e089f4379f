"""The Settings screen: the shop and the receipt printer, with a preview of the receipt."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from bazaar_pos.i18n import _
from bazaar_pos.services.shop import Shop
from bazaar_pos.ui.printing.preview import ReceiptPreview
from bazaar_pos.ui.settings.printer_section import PrinterSection
from bazaar_pos.ui.settings.shop_section import ShopSection


class SettingsScreen(QWidget):
    """Settings in tabs (Shop, Receipt printer) beside a preview of the receipt they give.

    Signals:
        setup_requested(): the person asked to run the first-time setup again.
    """

    setup_requested = Signal()

    def __init__(self, shop: Shop, parent: QWidget | None = None) -> None:
        """Edit the settings of ``shop``."""
        super().__init__(parent)
        self.setObjectName("settingsScreen")
        self.setAccessibleName(_("Settings"))
        self._shop = shop
        title = QLabel(_("Settings"))
        title.setObjectName("screenTitle")
        self.setup_button = QPushButton(_("Run first-time setup a&gain…"))
        self.setup_button.setObjectName("runSetupAgain")
        self.setup_button.setAccessibleName(_("Run first-time setup again"))
        self.setup_button.setToolTip(
            _("The questions asked on the first start: language, shop, tax, printer")
        )
        self.setup_button.clicked.connect(self.setup_requested)
        heading = QHBoxLayout()
        heading.addWidget(title)
        heading.addStretch(1)
        heading.addWidget(self.setup_button)
        self.shop_section = ShopSection(shop.settings)
        self.printer = PrinterSection(shop.printer)
        shop_page = QScrollArea()
        shop_page.setWidgetResizable(True)
        shop_page.setWidget(self.shop_section)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("settingsTabs")
        self.tabs.addTab(shop_page, _("Shop"))
        self.tabs.addTab(self.printer, _("Receipt printer"))
        self.preview = ReceiptPreview()
        preview_label = QLabel(_("Receipt preview"))
        preview_label.setObjectName("previewTitle")
        self.printer.saved.connect(self.refresh_preview)
        self.shop_section.saved.connect(self.refresh_preview)
        self.printer.paper.currentIndexChanged.connect(self.refresh_preview)
        left = QVBoxLayout()
        left.addWidget(self.tabs)
        right = QVBoxLayout()
        right.addWidget(preview_label)
        right.addWidget(self.preview, 1)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addLayout(columns, 1)
        self.refresh_preview()

    def refresh(self) -> None:
        """Show the settings as stored now (after a restore or the first-time setup)."""
        self.shop_section.load()
        self.printer.load()
        self.refresh_preview()

    def refresh_preview(self) -> None:
        """Show a sample receipt as the saved settings print it, on the paper chosen."""
        paper = self.printer.paper.currentData() or self._shop.printer.settings().paper_mm
        self.preview.show_receipt(self._shop.receipts.sample(), 32 if paper == 58 else 48)
