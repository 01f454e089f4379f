"""The Settings screen: shop, receipt printer, users and devices, with a receipt preview."""

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
from bazaar_pos.ui.access.approval import Approvals
from bazaar_pos.ui.printing.preview import ReceiptPreview
from bazaar_pos.ui.settings.customers_section import CustomersSection
from bazaar_pos.ui.settings.devices_section import DevicesSection
from bazaar_pos.ui.settings.hub_section import HubSection
from bazaar_pos.ui.settings.printer_section import PrinterSection
from bazaar_pos.ui.settings.scale_codes_section import ScaleCodesSection
from bazaar_pos.ui.settings.shop_section import ShopSection
from bazaar_pos.ui.settings.users_section import UsersSection


class SettingsScreen(QWidget):
    """Settings in tabs (Shop, Receipt printer, Users, Devices) beside a preview of the receipt.

    Changing settings is the owner's: a cashier is asked for an owner's PIN.

    Signals:
        users_changed(): users or the owner's rules changed.
        setup_requested(): the person asked to run the first-time setup again.
    """

    users_changed = Signal()
    setup_requested = Signal()

    def __init__(self, shop: Shop, parent: QWidget | None = None) -> None:
        """Edit the settings of ``shop``."""
        super().__init__(parent)
        self.setObjectName("settingsScreen")
        self.setAccessibleName(_("Settings"))
        self._shop = shop
        self.approvals = Approvals(shop.access, self)
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
        self.shop_section = ShopSection(shop.settings, self.approvals)
        self.printer = PrinterSection(shop.printer, self.approvals)
        self.users = UsersSection(shop, self.approvals)
        self.devices = DevicesSection(
            shop.devices, self.approvals, shop.settings.load().shop_name
        )
        self.scale_codes = ScaleCodesSection(shop.settings, self.approvals)
        self.users.changed.connect(self.users_changed)
        shop_scroll = QScrollArea()
        shop_scroll.setObjectName("shopSettingsScroll")
        shop_scroll.setWidgetResizable(True)
        shop_scroll.setWidget(self.shop_section)
        shop_page = QWidget()
        shop_layout = QVBoxLayout(shop_page)
        shop_layout.addWidget(shop_scroll, 1)
        shop_layout.addWidget(self.shop_section.footer)  # Save stays in view
        self.tabs = QTabWidget()
        self.tabs.setObjectName("settingsTabs")
        self.tabs.addTab(shop_page, _("Shop"))
        self.tabs.addTab(self.printer, _("Receipt printer"))
        self.tabs.addTab(self.users, _("Users"))
        self.devices_page = QScrollArea()
        self.devices_page.setObjectName("devicesSettingsScroll")
        self.devices_page.setWidgetResizable(True)
        devices_column = QWidget()
        devices_layout = QVBoxLayout(devices_column)
        devices_layout.setContentsMargins(0, 0, 0, 0)
        devices_layout.addWidget(self.devices)
        devices_layout.addWidget(self.scale_codes)
        devices_layout.addStretch(1)
        self.devices_page.setWidget(devices_column)
        self.tabs.addTab(self.devices_page, _("Devices"))
        self.hub = HubSection(shop.hub, self.approvals)
        self.tabs.addTab(self.hub, _("Shop hub"))
        self.customers = CustomersSection(shop.settings, self.approvals)
        customers_page = QWidget()
        customers_layout = QVBoxLayout(customers_page)
        customers_layout.addWidget(self.customers)
        customers_layout.addStretch(1)
        self.tabs.addTab(customers_page, _("Customers"))
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

    def refresh_access(self) -> None:
        """Show the users again (someone else signed in, or a user was locked out)."""
        self.users.load()

    def refresh(self) -> None:
        """Show the settings as stored now (after a restore or the first-time setup)."""
        self.shop_section.load()
        self.printer.load()
        self.users.load()
        self.devices.load()
        self.scale_codes.load()
        self.hub.load()
        self.customers.load()
        self.refresh_preview()

    def refresh_preview(self) -> None:
        """Show a sample receipt as the saved settings print it, on the paper chosen."""
        columns = self.printer.paper.currentData() or self._shop.printer.settings().columns
        self.preview.show_receipt(self._shop.receipts.sample(), columns)
