"""One customer below the list: a summary, their purchases and their kasbon ledger."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import QHeaderView, QLabel, QTabWidget, QVBoxLayout, QWidget

from bazaar_pos.domain.phone import display_phone
from bazaar_pos.domain.receivables import EntryKind
from bazaar_pos.i18n import _
from bazaar_pos.services.customers.views import CustomerView
from bazaar_pos.services.shop import Shop
from bazaar_pos.ui.common.formatting import Formats
from bazaar_pos.ui.customers.model import LedgerTableModel, PurchaseTableModel, owed_text
from bazaar_pos.ui.widgets.fields import named
from bazaar_pos.ui.widgets.tables import list_table


class CustomerDetails(QWidget):
    """What one customer bought and owes; their sales open in the sales history.

    Signals:
        receipt_requested(str): the UUID of a repayment whose receipt to show again.
        reprint_requested(str): the UUID of a sale to print again, from the sales history.
        sale_reversed(): a purchase was refunded or voided in the sales history.
    """

    receipt_requested = Signal(str)
    reprint_requested = Signal(str)
    sale_reversed = Signal()

    def __init__(self, shop: Shop, formats: Formats, parent: QWidget | None = None) -> None:
        """Show customers of ``shop``, money and days written with ``formats``."""
        super().__init__(parent)
        self.shop = shop
        self.formats = formats
        self.summary = named(QLabel(), "customerSummary", _("Customer"))
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.purchases_model = PurchaseTableModel(formats)
        self.purchases = list_table("customerPurchases", _("Purchases"), self.purchases_model)
        self.purchases.doubleClicked.connect(self._open_sale)
        self.purchases.activated.connect(self._open_sale)
        self.ledger_model = LedgerTableModel(formats)
        self.ledger = list_table("customerLedger", _("Kasbon ledger"), self.ledger_model)
        self.ledger.doubleClicked.connect(self._open_receipt)
        self.ledger.activated.connect(self._open_receipt)
        for table, wide in ((self.purchases, 0), (self.ledger, 2)):
            header = table.horizontalHeader()
            header.setStretchLastSection(False)
            header.setSectionResizeMode(wide, QHeaderView.ResizeMode.Stretch)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("customerDetails")
        self.tabs.addTab(self.purchases, _("Purchases"))
        self.tabs.addTab(self.ledger, _("Kasbon ledger"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)

    def show_customer(self, customer: CustomerView | None) -> None:
        """Show ``customer`` (None: nobody chosen)."""
        if customer is None:
            self.summary.setText(_("No customer chosen."))
            self.purchases_model.set_items([])
            self.ledger_model.set_items([])
            return
        self.summary.setText(self._summary(customer))
        self.purchases_model.set_items(self.shop.customers.history(customer.id))
        entries = self.shop.accounts.entries(customer.id)
        self.ledger_model.set_items(entries)
        if entries:
            self.ledger.scrollToBottom()

    def _summary(self, customer: CustomerView) -> str:
        money = self.formats.money
        parts = [customer.name]
        if customer.phone:
            parts.append(display_phone(customer.phone))
        if customer.owed > 0:
            parts.append(_("owes {amount}").format(amount=money(customer.owed)))
        elif customer.owed < 0:
            parts.append(owed_text(customer.owed, self.formats))
        else:
            parts.append(_("owes nothing"))
        parts.append(
            _("limit {limit}, room for {room}").format(
                limit=money(customer.credit_limit), room=money(customer.room)
            )
        )
        text = " · ".join(parts)
        extra = [part for part in (customer.address, customer.notes) if part]
        return "\n".join([text, *extra])

    def _open_sale(self) -> None:
        """The purchase in the sales history, on its day, found by its number."""
        row = self.purchases.currentIndex().row()
        if row < 0:
            return
        from bazaar_pos.ui.history.dialog import SalesHistoryDialog

        purchase = self.purchases_model.item(row)
        history = SalesHistoryDialog(self.shop, self.formats.money, self)
        day = purchase.sold_at.astimezone().date()
        for edit in (history.date_from, history.date_to):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)
        history.search.blockSignals(True)
        history.search.setText(purchase.number)
        history.search.blockSignals(False)
        history.reload(select=purchase.sale_uuid)
        history.reprint_requested.connect(self.reprint_requested)
        history.stock_changed.connect(self.sale_reversed)
        history.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        history.open()

    def _open_receipt(self) -> None:
        row = self.ledger.currentIndex().row()
        if row < 0:
            return
        entry = self.ledger_model.item(row)
        if entry.kind is EntryKind.REPAYMENT:
            self.receipt_requested.emit(entry.uuid)
