"""The customer of the sale at the till: shown above the cart, chosen, cleared, and their prices."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from bazaar_pos.domain.cart import CartCustomer
from bazaar_pos.errors import UserError
from bazaar_pos.i18n import _
from bazaar_pos.services.customers.views import CustomerView
from bazaar_pos.ui.till.customer_picker import CustomerPicker
from bazaar_pos.ui.till.host import TillHost


class CustomerBar(QWidget):
    """Who the sale is for (F1 to choose, Shift+F1 to sell to nobody in particular).

    A customer in a group gets the group's prices on every line, those in the
    cart and those added later; clearing the customer goes back to the shop's prices.
    """

    def __init__(self, till: TillHost, parent: QWidget) -> None:
        """Serve ``till``; the picker opens over ``parent``."""
        super().__init__(parent)
        self.setObjectName("customerBar")
        self._till = till
        self._parent = parent
        self.picker: CustomerPicker | None = None
        self._prices: dict[int, int] = {}
        self._priced: set[int] = set()
        self._prices_for: int | None = None
        self.label = QLabel()
        self.label.setObjectName("customerLabel")
        self.label.setAccessibleName(_("Customer"))
        self.label.setWordWrap(True)
        self.choose_button = QPushButton(_("Customer  F1"))
        self.choose_button.setObjectName("customerButton")
        self.choose_button.setAccessibleName(_("Choose the customer"))
        self.choose_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.choose_button.clicked.connect(self.open_picker)
        self.clear_button = QPushButton(_("No customer  Shift+F1"))
        self.clear_button.setObjectName("noCustomerButton")
        self.clear_button.setAccessibleName(_("No customer"))
        self.clear_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.clear_button.clicked.connect(self.clear)
        for button in (self.choose_button, self.clear_button):
            button.setMinimumHeight(44)  # big enough to touch, as every till button
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.clear_button)
        layout.addWidget(self.choose_button)

    def open_picker(self) -> CustomerPicker:
        """F1: find or add the customer of this sale."""
        if self.picker is None:
            picker = CustomerPicker(self._till.shop.customers, self._till._money, self._parent)
            picker.chosen.connect(self.choose)
            picker.finished.connect(lambda _result: self._till._focus_scan())
            self.picker = picker
        self.picker.search.clear()
        self.picker.form.hide()
        for field in (self.picker.name, self.picker.phone):
            field.clear()
        self.picker.search_now()
        self.picker.open()
        self.picker.activateWindow()
        self.picker.search.setFocus()
        return self.picker

    def choose(self, customer: CustomerView) -> None:
        """Sell to ``customer``, at their group's prices."""
        self._till.cart.customer = CartCustomer(customer.id, customer.name, customer.group_name)
        self._till._cart_changed()
        self._till.say(_("The sale is for {name}.").format(name=customer.name))

    def clear(self) -> None:
        """Shift+F1: the sale is for nobody in particular; the shop's prices again."""
        if self._till.cart.customer is None:
            return
        self._till.cart.customer = None
        self._till._cart_changed()
        self._till.say(_("No customer: the shop's prices."))

    def reprice(self) -> None:
        """Put the cart's lines at the customer's group prices (or back at the shop's)."""
        cart = self._till.cart
        customer_id = cart.customer.id if cart.customer else None
        if customer_id != self._prices_for:
            self._prices, self._priced, self._prices_for = {}, set(), customer_id
        if customer_id is not None:
            wanted = {line.product_id for line in cart if line.product_id is not None}
            missing = sorted(wanted - self._priced)
            if missing:
                try:
                    self._prices |= self._till.shop.customers.prices_for(customer_id, missing)
                except UserError as exc:
                    self._till.say(exc.message, "error")
                self._priced |= set(missing)
        cart.reprice(self._prices)
        self.show_customer()

    def show_customer(self) -> None:
        """Write who the sale is for, their group and what its prices save."""
        cart = self._till.cart
        customer = cart.customer
        self.clear_button.setVisible(customer is not None)
        font = self.label.font()
        font.setBold(customer is not None)
        self.label.setFont(font)
        if customer is None:
            self.label.setText(_("No customer chosen"))
            return
        if customer.group and cart.member_saving:
            text = _("Customer: {name} · {group} prices, saving {saving}").format(
                name=customer.name,
                group=customer.group,
                saving=self._till._money(cart.member_saving),
            )
        elif customer.group:
            text = _("Customer: {name} · {group}").format(name=customer.name, group=customer.group)
        else:
            text = _("Customer: {name}").format(name=customer.name)
        self.label.setText(text)
