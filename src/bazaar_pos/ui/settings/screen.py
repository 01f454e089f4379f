"""The Settings screen: the receipt printer, with a preview of the receipt it prints."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from bazaar_pos.i18n import _
from bazaar_pos.services.shop import Shop
from bazaar_pos.ui.printing.preview import ReceiptPreview
from bazaar_pos.ui.settings.printer_section import PrinterSection


class SettingsScreen(QWidget):
    """Settings; the printer section is first, shop details and tax come later."""

    def __init__(self, shop: Shop, parent: QWidget | None = None) -> None:
        """Edit the settings of ``shop``."""
        super().__init__(parent)
        self.setObjectName("settingsScreen")
        self.setAccessibleName(_("Settings"))
        self._shop = shop
        title = QLabel(_("Settings"))
        title.setObjectName("screenTitle")
        self.printer = PrinterSection(shop.printer)
        self.preview = ReceiptPreview()
        preview_label = QLabel(_("Receipt preview"))
        preview_label.setObjectName("previewTitle")
        self.printer.saved.connect(self.refresh_preview)
        self.printer.paper.currentIndexChanged.connect(self.refresh_preview)
        left = QVBoxLayout()
        left.addWidget(self.printer)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(preview_label)
        right.addWidget(self.preview, 1)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(columns, 1)
        self.refresh_preview()

    def refresh_preview(self) -> None:
        """Show a sample receipt as the saved settings print it, on the paper chosen."""
        paper = self.printer.paper.currentData() or self._shop.printer.settings().paper_mm
        self.preview.show_receipt(self._shop.receipts.sample(), 32 if paper == 58 else 48)
