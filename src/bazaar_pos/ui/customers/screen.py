"""The Customers screen: find a customer, see what they bought and owe, take kasbon back."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from bazaar_pos.domain.payment import PaymentMethod
from bazaar_pos.domain.reminders import ReminderFacts, reminder_text
from bazaar_pos.errors import UserError
from bazaar_pos.i18n import _, ngettext
from bazaar_pos.services.customers.views import CustomerDraft, CustomerView, EntryView
from bazaar_pos.services.shop import Shop
from bazaar_pos.services.views import Changes
from bazaar_pos.ui.access.approval import Approvals
from bazaar_pos.ui.common import dialogs
from bazaar_pos.ui.common.dialogs import describe, show_message
from bazaar_pos.ui.common.formatting import Formats
from bazaar_pos.ui.common.operations import change_hub
from bazaar_pos.ui.common.whatsapp import send_by_whatsapp
from bazaar_pos.ui.customers.details import CustomerDetails
from bazaar_pos.ui.customers.dialog import CustomerDialog
from bazaar_pos.ui.customers.model import CustomerRow, CustomerTableModel
from bazaar_pos.ui.customers.receipt_dialog import RepaymentReceiptDialog
from bazaar_pos.ui.customers.repay_dialog import RepayDialog
from bazaar_pos.ui.customers.write_off_dialog import WriteOffDialog
from bazaar_pos.ui.shortcuts import bind
from bazaar_pos.ui.widgets.fields import button, named
from bazaar_pos.ui.widgets.tables import list_table

FILTER_DELAY_MS = 200
"""The list is found again this long after typing pauses."""


class CustomersScreen(QWidget):
    """The shop's customers, what each bought and owes; repayments, write-offs and reminders.

    Owner-only work (a new credit limit, a write-off) a cashier does with the
    owner's PIN, asked on the spot.

    Signals:
        reprint_requested(str): the UUID of a sale to print again, asked for in the
            sales history opened from a customer's purchases.
    """

    reprint_requested = Signal(str)

    def __init__(self, shop: Shop, parent: QWidget | None = None) -> None:
        """Show the customers of ``shop``."""
        super().__init__(parent)
        self.setObjectName("customersScreen")
        self.setAccessibleName(_("Customers"))
        self.shop = shop
        self.approvals = Approvals(shop.access, self)
        self.formats = Formats(shop.settings.load())
        self.receipt_dialog: RepaymentReceiptDialog | None = None
        """The repayment receipt shown last, while it is open."""
        title = named(QLabel(_("Customers")), "screenTitle", _("Customers"))
        self.filter = named(QLineEdit(), "customerFilter", _("Find customers"))
        self.filter.setPlaceholderText(_("Find by name or phone  (Ctrl+F)"))
        self.filter.setClearButtonEnabled(True)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(FILTER_DELAY_MS)
        self._typing.timeout.connect(self.refresh)
        self.filter.textChanged.connect(lambda _text: self._typing.start())
        self.filter.returnPressed.connect(self._focus_table)
        self.show_inactive = QCheckBox(_("Show inactive"))
        self.show_inactive.setObjectName("showInactiveCustomers")
        self.show_inactive.toggled.connect(lambda _on: self.refresh())
        filter_row = QHBoxLayout()
        filter_row.addWidget(self.filter, 1)
        filter_row.addWidget(self.show_inactive)

        self.buttons = {
            key: button(
                f"customers{key[0].upper()}{key[1:]}",
                text,
                slot,
                shortcut=f"customers.{key}",
                shortcuts_on=self,
            )
            for key, text, slot in (
                ("new", _("New…"), self.new_customer),
                ("edit", _("Change…"), self.edit_selected),
                ("deactivate", _("Deactivate"), self.toggle_active),
                ("repay", _("Receive payment…"), self.receive_payment),
                ("writeOff", _("Write off…"), self.write_off),
                ("remind", _("Send reminder by WhatsApp"), self.send_reminder),
                ("groups", _("Groups…"), self.edit_groups),
            )
        }
        actions = QHBoxLayout()
        for key, widget in self.buttons.items():
            actions.addWidget(widget)
            if key == "deactivate":
                actions.addStretch(1)
        bind("customers.find", self, self._find)
        bind(
            "customers.table",
            self.filter,
            self._focus_table,
            context=Qt.ShortcutContext.WidgetShortcut,
        )

        self.model = CustomerTableModel(self.formats)
        self.table = list_table("customerTable", _("Customer list"), self.model)
        self.table.setWordWrap(False)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._show_current())
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.detail = CustomerDetails(shop, self.formats)
        self.detail.receipt_requested.connect(self.show_receipt)
        self.detail.reprint_requested.connect(self.reprint_requested)
        self.detail.sale_reversed.connect(self._sale_reversed)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.count = named(QLabel(), "customerCount", _("Customers found"))
        self.message = named(QLabel(), "screenMessage", _("Message"))
        self.message.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count)
        bottom.addWidget(self.message, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(filter_row)
        layout.addLayout(actions)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        self.refresh()

    # -- reading ---------------------------------------------------------------

    def refresh(self, _changes: object = None, *, select: int | None = None) -> None:
        """Find the customers matching the filter again, keeping the one selected."""
        self._typing.stop()
        current = self.current()
        keep = select if select is not None else (current.id if current else None)
        self.formats = Formats(self.shop.settings.load())
        standing = {r.customer.id: r for r in self.shop.accounts.receivables()}
        customers = self.shop.customers.find(
            self.filter.text(), include_inactive=self.show_inactive.isChecked()
        )
        rows = []
        for customer in customers:
            owing = standing.get(customer.id)
            if owing is None:
                rows.append(CustomerRow(customer))
            else:
                rows.append(CustomerRow(customer, owing.overdue, owing.next_due))
        self.model.set_items(rows)
        self.count.setText(
            ngettext("{count} customer", "{count} customers", len(rows)).format(count=len(rows))
        )
        row = self.model.row_where(lambda r: r.customer.id == keep) if keep is not None else -1
        if rows:
            self.table.selectRow(max(row, 0))
        self._show_current()

    def current(self) -> CustomerView | None:
        """The customer selected in the list."""
        row = self.table.currentIndex().row()
        if row < 0 or row >= self.model.rowCount():
            return None
        return self.model.item(row).customer

    def _current_row(self) -> CustomerRow | None:
        row = self.table.currentIndex().row()
        return self.model.item(row) if 0 <= row < self.model.rowCount() else None

    def _show_current(self) -> None:
        self.detail.show_customer(self.current())
        self._update_buttons()

    def _update_buttons(self) -> None:
        customer = self.current()
        chosen = customer is not None
        owes = customer is not None and customer.owed > 0
        for key in ("edit", "deactivate", "groups"):
            self.buttons[key].setEnabled(chosen or key == "groups")
        self.buttons["repay"].setEnabled(owes)
        self.buttons["writeOff"].setEnabled(owes)
        self.buttons["remind"].setEnabled(owes and bool(customer and customer.phone))
        self.buttons["deactivate"].setText(
            _("Activate") if customer is not None and not customer.active else _("Deactivate")
        )

    def showEvent(self, event: QShowEvent) -> None:
        """Read the list again: sales at the till change what customers owe."""
        super().showEvent(event)
        self.refresh()

    def access_changed(self) -> None:
        """The person signed in changed: nothing kept here depends on who it is."""
        self.message.clear()

    # -- changing customers ------------------------------------------------------

    def new_customer(self) -> None:
        """Add a customer."""
        self._edit(None)

    def edit_selected(self) -> None:
        """Change the selected customer's details."""
        customer = self.current()
        if customer is not None:
            self._edit(customer)

    def _edit(self, customer: CustomerView | None) -> None:
        def save(draft: CustomerDraft) -> CustomerView:
            if customer is None:
                return self.approvals.run(lambda a: self.shop.customers.add(draft, approval=a))
            return self.approvals.run(
                lambda a: self.shop.customers.update(customer.id, draft, approval=a)
            )

        dialog = CustomerDialog(
            self, self.shop.settings.load(), self.shop.customers.groups(), save, customer
        )
        if dialog.exec() and dialog.saved is not None:
            self._changed(dialog.saved.id, _("{name} saved.").format(name=dialog.saved.name))

    def toggle_active(self) -> None:
        """Deactivate the selected customer (kept with their history), or make them active."""
        customer = self.current()
        if customer is None:
            return
        if customer.active and customer.owed > 0:
            question = _(
                "{name} still owes {amount}. Deactivate them anyway? Their kasbon stays."
            ).format(name=customer.name, amount=self.formats.money(customer.owed))
            if not dialogs.confirm(self, _("Deactivate"), question):
                return
        draft = CustomerDraft(
            name=customer.name,
            phone=customer.phone,
            group_id=customer.group_id,
            notes=customer.notes,
            address=customer.address,
            active=not customer.active,
        )
        try:
            saved = self.shop.customers.update(customer.id, draft)
        except UserError as exc:
            self._say(describe(exc), error=True)
            return
        if saved.active:
            text = _("{name} is active again.").format(name=saved.name)
        else:
            text = _("{name} was deactivated; their history and kasbon are kept.").format(
                name=saved.name
            )
        self._changed(saved.id, text)

    # -- kasbon ---------------------------------------------------------------------

    def receive_payment(self) -> None:
        """Take kasbon back from the selected customer and show (and print) the receipt."""
        customer = self.current()
        if customer is None or customer.owed <= 0:
            return

        def repay(amount: int, method: PaymentMethod, reference: str) -> EntryView:
            return self.shop.accounts.repay(customer.id, amount, method, reference=reference)

        dialog = RepayDialog(self, self.shop.settings.load(), customer, repay)
        if not dialog.exec() or dialog.entry is None:
            return
        entry = dialog.entry
        text = _("{amount} received from {name}; still owed {owed}.").format(
            amount=self.formats.money(-entry.amount),
            name=customer.name,
            owed=self.formats.money(entry.balance_after),
        )
        self._changed(customer.id, text, money=True)
        self.show_receipt(entry.uuid, print_it=True)

    def show_receipt(self, entry_uuid: str, *, print_it: bool = False) -> RepaymentReceiptDialog:
        """Show a repayment's receipt; ``print_it`` prints it too when a printer is set up."""
        printer = self.shop.printer.settings()
        receipt = RepaymentReceiptDialog(
            self, self.shop.repayment_receipts, entry_uuid, printer.columns
        )
        if print_it and printer.set_up:
            receipt.print_receipt()
        receipt.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        receipt.destroyed.connect(self._receipt_closed)
        self.receipt_dialog = receipt
        receipt.open()
        return receipt

    def _receipt_closed(self) -> None:
        self.receipt_dialog = None

    def write_off(self) -> None:
        """Write off some or all of the selected customer's debt: the owner approves."""
        customer = self.current()
        if customer is None or customer.owed <= 0:
            return

        def write_off(amount: int, reason: str) -> EntryView:
            return self.approvals.run(
                lambda a: self.shop.accounts.write_off(
                    customer.id, amount, reason=reason, approval=a
                )
            )

        dialog = WriteOffDialog(self, self.shop.settings.load(), customer, write_off)
        if dialog.exec() and dialog.entry is not None:
            text = _("{amount} of {name}'s debt written off.").format(
                amount=self.formats.money(-dialog.entry.amount), name=customer.name
            )
            self._changed(customer.id, text, money=True)

    def reminder(self) -> str:
        """The WhatsApp reminder for the selected customer, from the shop's template."""
        row = self._current_row()
        if row is None:
            return ""
        settings = self.shop.settings.load()
        facts = ReminderFacts(
            name=row.customer.name,
            amount=self.formats.money(max(row.customer.owed, 0)),
            due=row.next_due,
            due_text=self.formats.day(row.next_due) if row.next_due else "",
            shop=settings.shop_name,
            today=datetime.now().date(),
        )
        return reminder_text(settings.reminder_template, facts)

    def send_reminder(self) -> None:
        """Open WhatsApp with the reminder typed in for the selected customer."""
        customer = self.current()
        if customer is None:
            return
        if send_by_whatsapp(self, customer.phone, self.reminder()) is not None:
            self._say(_("Reminder opened in WhatsApp for {name}.").format(name=customer.name))

    def edit_groups(self) -> None:
        """Customer groups: their names, percentage off and own prices."""
        from bazaar_pos.ui.customers.groups_dialog import GroupsDialog

        dialog = GroupsDialog(self.shop, self.approvals, self)
        dialog.exec()
        if dialog.changed:
            self.refresh()

    # -- helpers ----------------------------------------------------------------------

    def _sale_reversed(self) -> None:
        """A purchase was refunded or voided from the history: balances and stock changed."""
        self.refresh()
        change_hub().changed.emit(Changes(stock=True, sales=True))

    def _find(self) -> None:
        self.filter.setFocus()
        self.filter.selectAll()

    def _focus_table(self) -> None:
        self.table.setFocus()
        if self.model.rowCount() and self.table.currentIndex().row() < 0:
            self.table.selectRow(0)

    def _changed(self, customer_id: int, text: str, *, money: bool = False) -> None:
        """Show the change; ``money`` taken or given up also changes the shift and reports."""
        self.refresh(select=customer_id)
        self._say(text)
        if money:
            change_hub().changed.emit(Changes(sales=True))

    def _say(self, text: str, *, error: bool = False) -> None:
        show_message(self.message, text, "error" if error else "info")
