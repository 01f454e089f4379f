"""The new-order dialog: the customer, catalogue or made-to-order lines, pickup and the DP."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bazaar_pos.domain.money import MinorUnits
from bazaar_pos.domain.payment import MONEY_METHODS, PaymentMethod, Tender
from bazaar_pos.domain.phone import display_phone
from bazaar_pos.domain.quantity import PER_UNIT, QuantityError, Unit, line_amount, parse_quantity
from bazaar_pos.errors import UserError
from bazaar_pos.i18n import _
from bazaar_pos.services.customers.views import CustomerDraft, CustomerView
from bazaar_pos.services.orders.views import (
    OrderDraft,
    OrderLineDraft,
    OrderView,
    suggested_deposit,
)
from bazaar_pos.services.shop import Shop
from bazaar_pos.ui.common.dialogs import ok_cancel, show_message
from bazaar_pos.ui.common.formatting import Formats, method_label
from bazaar_pos.ui.shortcuts import bind
from bazaar_pos.ui.widgets.fields import button, combo, date_edit, line_edit, named, picked_day
from bazaar_pos.ui.widgets.money_edit import MoneyEdit

FOUND = 8
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
PICKUP_AFTER_DAYS = 7


@dataclass(frozen=True, slots=True)
class TypedLine:
    """A line as the dialog lists it, and the draft it becomes."""

    draft: OrderLineDraft
    name: str
    unit: Unit
    unit_price: MinorUnits

    @property
    def amount(self) -> MinorUnits:
        """Quantity times price, as the order will count it."""
        return line_amount(self.draft.quantity_milli, self.unit_price)


class NewOrderDialog(QDialog):
    """Take a pre-order: Enter in a search field adds what it found; Ctrl+S saves."""

    def __init__(self, shop: Shop, parent: QWidget | None = None) -> None:
        """A new order in ``shop``."""
        super().__init__(parent)
        self.setObjectName("newOrderDialog")
        self.setAccessibleName(_("New order"))
        self.setWindowTitle(_("New order"))
        self.resize(980, 680)
        self._shop = shop
        self._settings = shop.settings.load()
        self._formats = Formats(self._settings)
        self.lines: list[TypedLine] = []
        self.saved: OrderView | None = None
        self._deposit_typed = False
        self._build_customer()
        self._build_lines()
        self._build_money()
        self.message = QLabel()
        self.message.setObjectName("newOrderMessage")
        self.message.setWordWrap(True)
        buttons = ok_cancel(self, _("Save the order  Ctrl+S"))
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        for each in buttons.buttons():  # Enter in a search field adds; it never saves
            if isinstance(each, QPushButton):
                each.setAutoDefault(False)
                each.setDefault(False)
        bind("neworder.save", self, self.accept)
        left = QVBoxLayout()
        left.addWidget(self.customer_box)
        left.addWidget(self.money_box)
        left.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 2)
        columns.addWidget(self.lines_box, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.find_customers()
        self._lines_changed()

    # -- building --------------------------------------------------------------

    def _build_customer(self) -> None:
        self.customer_search = line_edit("orderCustomerSearch", _("Customer"))
        self.customer_search.setPlaceholderText(_("Name or phone"))
        self.customer_search.textChanged.connect(self.find_customers)
        self.customer_search.returnPressed.connect(self._customer_entered)
        self.customers = named(QListWidget(), "orderCustomers", _("Customers found"))
        self.customers.setMaximumHeight(120)
        self.customers.currentRowChanged.connect(lambda _row: self._show_customer_hint())
        self.new_phone = line_edit("orderCustomerPhone", _("Phone of a new customer"))
        self.new_phone.setPlaceholderText(_("for a new customer, e.g. 0812 3456 789"))
        self.customer_hint = QLabel()
        self.customer_hint.setObjectName("orderCustomerHint")
        self.customer_hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("C&ustomer:"), self.customer_search)
        form.addRow("", self.customers)
        form.addRow(_("P&hone:"), self.new_phone)
        form.addRow("", self.customer_hint)
        self.customer_box = QGroupBox(_("Customer"))
        self.customer_box.setLayout(form)

    def _build_lines(self) -> None:
        self.product_search = line_edit("orderProductSearch", _("Find a product"))
        self.product_search.setPlaceholderText(_("Name, SKU or barcode"))
        self.product_search.textChanged.connect(self.find_products)
        self.product_search.returnPressed.connect(self.add_product)
        self.products = named(QListWidget(), "orderProducts", _("Products found"))
        self.products.setMaximumHeight(110)
        self.products.hide()
        self.quantity = line_edit("orderQuantity", _("Quantity"))
        self.quantity.setText("1")
        self.quantity.setMaximumWidth(90)
        self.made_name = line_edit("orderMadeName", _("Made to order"))
        self.made_name.setPlaceholderText(_("e.g. batik tulis, 2 m"))
        self.made_price = named(
            MoneyEdit(self._settings.currency, self._settings.money_locale),
            "orderMadePrice",
            _("Price"),
        )
        self.made_price.setMaximumWidth(140)
        self.made_price.returnPressed.connect(self.add_made)
        self.made_name.returnPressed.connect(self.made_price.setFocus)
        add_made = button("addMadeLine", _("&Add line"), self.add_made)
        self.table = named(QTableWidget(0, 4), "orderLines", _("Lines of the order"))
        self.table.setHorizontalHeaderLabels([_("Item"), _("Qty"), _("Price"), _("Amount")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        remove = button("removeOrderLine", _("Re&move line"), self.remove_line)
        self.total = QLabel()
        self.total.setObjectName("orderTotal")
        self.total.setAlignment(Qt.AlignmentFlag.AlignRight)
        grid = QGridLayout()
        find_label = QLabel(_("&Product:"))
        find_label.setBuddy(self.product_search)
        quantity_label = QLabel(_("&Qty:"))
        quantity_label.setBuddy(self.quantity)
        grid.addWidget(find_label, 0, 0)
        grid.addWidget(self.product_search, 0, 1)
        grid.addWidget(quantity_label, 0, 2)
        grid.addWidget(self.quantity, 0, 3)
        grid.addWidget(self.products, 1, 1, 1, 3)
        made_label = QLabel(_("Ma&de to order:"))
        made_label.setBuddy(self.made_name)
        price_label = QLabel(_("Pr&ice:"))
        price_label.setBuddy(self.made_price)
        grid.addWidget(made_label, 2, 0)
        grid.addWidget(self.made_name, 2, 1, 1, 3)
        priced = QHBoxLayout()
        priced.addWidget(self.made_price)
        priced.addWidget(add_made)
        priced.addStretch(1)
        grid.addWidget(price_label, 3, 0)
        grid.addLayout(priced, 3, 1, 1, 3)
        grid.setColumnStretch(1, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(remove)
        bottom.addStretch(1)
        bottom.addWidget(self.total)
        box = QVBoxLayout()
        box.addLayout(grid)
        box.addWidget(self.table, 1)
        box.addLayout(bottom)
        self.lines_box = QGroupBox(_("What is ordered"))
        self.lines_box.setLayout(box)

    def _build_money(self) -> None:
        today = date.today()
        self.pickup = date_edit("orderPickup", _("Pickup"), today + timedelta(PICKUP_AFTER_DAYS))
        self.note = line_edit("orderNote", _("Note"))
        self.deposit = named(
            MoneyEdit(self._settings.currency, self._settings.money_locale),
            "orderDeposit",
            _("Down payment"),
        )
        self.deposit.textEdited.connect(lambda _text: self._typed_deposit())
        self.method = combo(
            "orderDepositMethod", _("Paid by"), [(method_label(m), m) for m in MONEY_METHODS]
        )
        self.suggestion = QLabel()
        self.suggestion.setObjectName("orderDepositSuggestion")
        form = QFormLayout()
        form.addRow(_("Pic&kup day:"), self.pickup)
        form.addRow(_("&Note:"), self.note)
        form.addRow(_("Down pa&yment:"), self.deposit)
        form.addRow("", self.suggestion)
        form.addRow(_("Paid &by:"), self.method)
        self.money_box = QGroupBox(_("Pickup and down payment"))
        self.money_box.setLayout(form)

    # -- the customer ----------------------------------------------------------

    def find_customers(self) -> None:
        """List the customers matching what is typed."""
        text = self.customer_search.text().strip()
        found = self._shop.customers.find(text)[:FOUND] if text else []
        self.customers.clear()
        for customer in found:
            phone = f"  ·  {display_phone(customer.phone)}" if customer.phone else ""
            item = QListWidgetItem(f"{customer.name}{phone}")
            item.setData(Qt.ItemDataRole.UserRole, customer)
            self.customers.addItem(item)
        if found:
            self.customers.setCurrentRow(0)
        self._show_customer_hint()

    def chosen_customer(self) -> CustomerView | None:
        """The customer selected in the list."""
        item = self.customers.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def _customer_entered(self) -> None:
        self.product_search.setFocus()

    def _show_customer_hint(self) -> None:
        text = self.customer_search.text().strip()
        chosen = self.chosen_customer()
        if chosen is not None:
            self.customer_hint.setText(_("For {name}.").format(name=chosen.name))
        elif text:
            self.customer_hint.setText(
                _("No customer found: “{name}” is added as a new customer.").format(name=text)
            )
        else:
            self.customer_hint.setText(_("Type the customer's name or phone."))
        self.new_phone.setEnabled(chosen is None)

    # -- the lines -------------------------------------------------------------

    def find_products(self) -> None:
        """Show the products matching what is typed."""
        found = self._shop.catalogue.quick_search(self.product_search.text(), limit=FOUND)
        self.products.clear()
        for product in found:
            price = self._formats.money(product.price)
            item = QListWidgetItem(f"{product.name}  ·  {product.sku}  ·  {price}")
            item.setData(Qt.ItemDataRole.UserRole, product)
            self.products.addItem(item)
        self.products.setVisible(bool(found))
        if found:
            self.products.setCurrentRow(0)

    def add_product(self) -> None:
        """Enter in the product search: add the product found (by code, or the first listed)."""
        text = self.product_search.text().strip()
        if not text:
            return
        product = self._shop.catalogue.find_by_code(text)
        if product is None and self.products.currentItem() is not None:
            product = self.products.currentItem().data(Qt.ItemDataRole.UserRole)
        if product is None:
            found = _("No product found for “{text}”.").format(text=text)
            show_message(self.message, found, "error")
            return
        milli = self._quantity(product.unit)
        if milli is None:
            return
        draft = OrderLineDraft(milli, product_id=product.id)
        self._add(TypedLine(draft, product.name, product.unit, product.price))
        self.product_search.clear()
        self.products.hide()

    def add_made(self) -> None:
        """Add the made-to-order line typed, with its price."""
        name = " ".join(self.made_name.text().split())
        price = self.made_price.value()
        if not name:
            show_message(self.message, _("Say what is made to order."), "error")
            self.made_name.setFocus()
            return
        if price is None or price <= 0:
            show_message(self.message, _("Give a price for “{name}”.").format(name=name), "error")
            self.made_price.setFocus()
            return
        milli = self._quantity(Unit.PCS)
        if milli is None:
            return
        draft = OrderLineDraft(milli, name=name, unit_price=price)
        self._add(TypedLine(draft, name, Unit.PCS, price))
        self.made_name.clear()
        self.made_price.clear()
        self.made_name.setFocus()

    def remove_line(self) -> None:
        """Take the selected line off the order."""
        row = self.table.currentRow()
        if 0 <= row < len(self.lines):
            del self.lines[row]
            self._lines_changed()

    def _quantity(self, unit: Unit) -> int | None:
        text = self.quantity.text().strip() or "1"
        try:
            milli = parse_quantity(text, unit)
        except QuantityError as problem:
            show_message(self.message, str(problem), "error")
            self.quantity.setFocus()
            return None
        if unit.counted and milli % PER_UNIT:
            show_message(self.message, _("Pieces are counted whole."), "error")
            return None
        return milli

    def _add(self, line: TypedLine) -> None:
        self.lines.append(line)
        self.quantity.setText("1")
        show_message(self.message, "")
        self._lines_changed()

    def order_total(self) -> MinorUnits:
        """What the lines come to, as the dialog shows it."""
        return sum(line.amount for line in self.lines)

    def _lines_changed(self) -> None:
        fmt = self._formats
        self.table.setRowCount(len(self.lines))
        for row, line in enumerate(self.lines):
            cells = (
                line.name,
                fmt.quantity(line.draft.quantity_milli, line.unit),
                fmt.money(line.unit_price),
                fmt.money(line.amount),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(RIGHT)
                self.table.setItem(row, column, item)
        total = self.order_total()
        self.total.setText(_("Total {amount}").format(amount=fmt.money(total)))
        percent = self._settings.order_deposit_percent
        suggested = suggested_deposit(total, percent)
        self.suggestion.setText(
            _("Suggested: {amount} ({percent} %)").format(
                amount=fmt.money(suggested), percent=percent
            )
        )
        if not self._deposit_typed:
            self.deposit.set_value(suggested or None)

    def _typed_deposit(self) -> None:
        self._deposit_typed = True

    # -- saving ----------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter belongs to the fields (it adds a line); only Ctrl+S saves the order."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)

    def accept(self) -> None:
        """Ctrl+S: save the order and its down payment; a new customer is added first."""
        if not self.lines:
            show_message(self.message, _("An order needs at least one line."), "error")
            self.product_search.setFocus()
            return
        amount = self.deposit.value()
        if not self.deposit.is_valid() or (amount is not None and amount < 0):
            show_message(self.message, _("Type the down payment as an amount."), "error")
            self.deposit.setFocus()
            return
        method = PaymentMethod(self.method.currentData())
        tender = Tender(method, amount, received=True) if amount else None
        try:
            customer = self._customer()
            self.saved = self._shop.orders.create(
                OrderDraft(
                    customer.id,
                    tuple(line.draft for line in self.lines),
                    picked_day(self.pickup),
                    self.note.text(),
                ),
                tender,
            )
        except UserError as exc:
            show_message(self.message, str(exc), "error")
            return
        super().accept()

    def _customer(self) -> CustomerView:
        chosen = self.chosen_customer()
        if chosen is not None:
            return chosen
        name = " ".join(self.customer_search.text().split())
        if not name:
            raise UserError(_("Choose the customer, or type a new customer's name."))
        customer = self._shop.customers.add(CustomerDraft(name, phone=self.new_phone.text()))
        self.find_customers()
        return customer

    @classmethod
    def ask(cls, shop: Shop, parent: QWidget | None) -> OrderView | None:
        """The order saved, or None when cancelled (tests patch this or drive the dialog)."""
        dialog = cls(shop, parent)
        dialog.customer_search.setFocus()
        return dialog.saved if dialog.exec() == QDialog.DialogCode.Accepted else None
