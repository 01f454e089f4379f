"""The till's customer: find one by name or phone, or add one in a few keys."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bazaar_pos.domain.phone import display_phone
from bazaar_pos.errors import UserError
from bazaar_pos.i18n import _
from bazaar_pos.services.customers.directory import CustomerService
from bazaar_pos.services.customers.views import CustomerDraft, CustomerView
from bazaar_pos.ui.common.dialogs import describe, show_message
from bazaar_pos.ui.common.formatting import MoneyText
from bazaar_pos.ui.shortcuts import bind

SHOWN = 30
"""At most this many customers are listed for one search."""


def customer_text(customer: CustomerView, money: MoneyText) -> str:
    """One line about a customer: name, phone, group and what they owe."""
    parts = [customer.name]
    if customer.phone:
        parts.append(display_phone(customer.phone))
    if customer.group_name:
        parts.append(customer.group_name)
    if customer.owed > 0:
        parts.append(_("owes {amount}").format(amount=money(customer.owed)))
    return "   ·   ".join(parts)


class CustomerPicker(QDialog):
    """Type part of a name or a phone number, Enter chooses; Ctrl+N adds a new customer.

    The new customer's name, phone and group are typed in the same window and
    Enter adds and chooses them. ``chosen`` carries the customer picked.
    """

    chosen = Signal(object)

    def __init__(self, customers: CustomerService, money: MoneyText, parent: QWidget) -> None:
        """Find customers in ``customers``; amounts owed are written by ``money``."""
        super().__init__(parent)
        self.setObjectName("customerPicker")
        self.setAccessibleName(_("Customer"))
        self.setWindowTitle(_("Customer for this sale"))
        self.setMinimumSize(560, 420)
        self._customers = customers
        self._money = money
        self.customer: CustomerView | None = None

        self.search = QLineEdit()
        self.search.setObjectName("customerSearch")
        self.search.setAccessibleName(_("Find a customer"))
        self.search.setPlaceholderText(_("Name or phone number"))
        self.search.textEdited.connect(lambda _text: self.search_now())
        self.search.returnPressed.connect(self.choose_current)
        self.search.installEventFilter(self)
        self.results = QListWidget()
        self.results.setObjectName("customerResults")
        self.results.setAccessibleName(_("Customers found"))
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.results.itemActivated.connect(lambda _item: self.choose_current())
        self.new_button = QPushButton(_("New customer  Ctrl+N"))
        self.new_button.setObjectName("newCustomerButton")
        self.new_button.setAccessibleName(_("New customer"))
        self.new_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.new_button.clicked.connect(self.start_new)
        bind("customer.new", self, self.start_new)

        self.form = QWidget()
        self.form.setObjectName("newCustomerForm")
        self.name = QLineEdit()
        self.name.setObjectName("newCustomerName")
        self.name.setAccessibleName(_("Name"))
        self.phone = QLineEdit()
        self.phone.setObjectName("newCustomerPhone")
        self.phone.setAccessibleName(_("Phone (WhatsApp)"))
        self.phone.setPlaceholderText(_("e.g. 0812 3456 7890"))
        self.group = QComboBox()
        self.group.setObjectName("newCustomerGroup")
        self.group.setAccessibleName(_("Group"))
        for field in (self.name, self.phone):
            field.returnPressed.connect(self.add_new)
        self.add_button = QPushButton(_("Add and choose  Enter"))
        self.add_button.setObjectName("addCustomerButton")
        self.add_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.add_button.clicked.connect(self.add_new)
        form = QFormLayout(self.form)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(_("&Name"), self.name)
        form.addRow(_("&Phone"), self.phone)
        form.addRow(_("&Group"), self.group)
        form.addRow("", self.add_button)
        self.form.hide()

        self.message = QLabel()
        self.message.setObjectName("dialogProblem")
        self.message.setWordWrap(True)
        close = QPushButton(_("Back to the cart  Esc"))
        close.setObjectName("customerBack")
        close.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Find the customer by name or phone, or add a new one:")))
        layout.addWidget(self.search)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.new_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.form)
        layout.addWidget(self.message)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        self.search_now()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up and Down in the search field move through the customers found."""
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(Qt.Key(event.key()))
            if step is not None and self.results.count():
                row = min(max(self.results.currentRow() + step, 0), self.results.count() - 1)
                self.results.setCurrentRow(row)
                return True
        return super().eventFilter(watched, event)

    def search_now(self) -> None:
        """List the customers matching what is typed."""
        self.results.clear()
        for customer in self._customers.find(self.search.text())[:SHOWN]:
            item = QListWidgetItem(customer_text(customer, self._money))
            item.setData(Qt.ItemDataRole.UserRole, customer)
            self.results.addItem(item)
        self.results.setCurrentRow(0)
        if self.search.text().strip() and not self.results.count():
            show_message(
                self.message, _("Nobody found. Ctrl+N adds them as a new customer."), "info"
            )
        else:
            show_message(self.message, "")

    def choose_current(self) -> None:
        """Enter: the customer selected is the sale's."""
        item = self.results.currentItem()
        if item is None:
            self.start_new()
            return
        self._choose(item.data(Qt.ItemDataRole.UserRole))

    def start_new(self) -> None:
        """Ctrl+N: type a new customer's name, phone and group (what was searched is kept)."""
        typed = self.search.text().strip()
        looks_like_phone = bool(typed) and typed.replace(" ", "").lstrip("+").isdigit()
        if not self.name.text() and not self.phone.text():
            (self.phone if looks_like_phone else self.name).setText(typed)
        if not self.group.count():
            self.group.addItem(_("No group"), None)
            for group in self._customers.groups():
                self.group.addItem(group.name, group.id)
        self.form.show()
        (self.phone if self.name.text() and not self.phone.text() else self.name).setFocus()

    def add_new(self) -> None:
        """Enter in the new customer's fields: add them and choose them."""
        group = self.group.currentData()
        draft = CustomerDraft(self.name.text(), self.phone.text(), group_id=group)
        try:
            customer = self._customers.add(draft)
        except UserError as exc:
            show_message(self.message, describe(exc), "error")
            return
        self._choose(customer)

    def _choose(self, customer: CustomerView) -> None:
        self.customer = customer
        self.chosen.emit(customer)
        self.accept()
