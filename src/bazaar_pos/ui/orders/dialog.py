"""The Orders window (Ctrl+Shift+O): pre-orders due, their details, and what to do with them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from bazaar_pos.domain.payment import Tender
from bazaar_pos.errors import UserError
from bazaar_pos.i18n import _, ngettext
from bazaar_pos.services.orders.pickup import PickupResult
from bazaar_pos.services.orders.views import OrderStatus, OrderView
from bazaar_pos.services.shop import Shop
from bazaar_pos.ui.access.approval import Approvals
from bazaar_pos.ui.common import dialogs
from bazaar_pos.ui.common.dialogs import show_message
from bazaar_pos.ui.common.formatting import Formats, money_text
from bazaar_pos.ui.common.jobs import Jobs
from bazaar_pos.ui.common.whatsapp import send_by_whatsapp
from bazaar_pos.ui.orders.details import order_html, whatsapp_text
from bazaar_pos.ui.orders.money_dialogs import CancelDialog, DepositDialog
from bazaar_pos.ui.orders.new_order import NewOrderDialog
from bazaar_pos.ui.till.payment.dialog import PaymentDialog
from bazaar_pos.ui.widgets.fields import button, combo, named

WEEK = 7
OVERDUE = QColor("#fde2e1")
DUE_SOON = QColor("#fff4d6")
COLUMNS = 7


class OrdersDialog(QDialog):
    """Orders waiting (or as filtered) above; the one selected below, with its actions.

    Signals:
        sale_completed(str): the UUID of the sale an order became at pickup (to print).
        changed(object): the Changes of a pickup (stock and sales moved).
    """

    sale_completed = Signal(str)
    changed = Signal(object)

    def __init__(self, shop: Shop, approvals: Approvals, parent: QWidget | None = None) -> None:
        """Work on the pre-orders of ``shop``, asking an owner through ``approvals``."""
        super().__init__(parent)
        self.setObjectName("ordersDialog")
        self.setAccessibleName(_("Orders"))
        self.setWindowTitle(_("Orders"))
        self.resize(1200, 720)
        self._shop = shop
        self._approvals = approvals
        self._settings = shop.settings.load()
        self._formats = Formats(self._settings)
        self.jobs = Jobs(self)
        self.orders: list[OrderView] = []
        self.payment_dialog: PaymentDialog | None = None
        self.status = combo(
            "orderStatusFilter",
            _("Show"),
            [
                (_("Waiting for pickup"), None),
                (OrderStatus.OPEN.label, OrderStatus.OPEN),
                (OrderStatus.READY.label, OrderStatus.READY),
                (OrderStatus.PICKED_UP.label, OrderStatus.PICKED_UP),
                (OrderStatus.CANCELLED.label, OrderStatus.CANCELLED),
            ],
        )
        self.status.currentIndexChanged.connect(lambda _i: self.reload())
        self.this_week = named(
            QCheckBox(_("Due this &week only")), "ordersDueThisWeek", _("Due this week only")
        )
        self.this_week.toggled.connect(lambda _on: self.reload())
        self.count = QLabel()
        self.count.setObjectName("ordersCount")
        self.table = named(QTableWidget(0, COLUMNS), "ordersTable", _("Orders"))
        self.table.setHorizontalHeaderLabels(
            [
                _("No."),
                _("Customer"),
                _("Pickup"),
                _("Status"),
                _("Total"),
                _("DP"),
                _("Left to pay"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.currentCellChanged.connect(lambda *_cells: self._show_current())
        self.details = named(QTextBrowser(), "orderDetails", _("Order details"))
        self.details.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.message = QLabel()
        self.message.setObjectName("historyMessage")
        self.message.setWordWrap(True)
        self._build_buttons()
        self._lay_out()
        self.reload()

    def _build_buttons(self) -> None:
        def make(name: str, text: str, slot: Callable[[], object], key: str) -> QPushButton:
            return button(name, text, slot, shortcut=key, shortcuts_on=self)

        self.new_button = make("newOrder", _("New order  Ctrl+N"), self.new_order, "orders.new")
        self.deposit_button = make(
            "takeDeposit", _("Take more DP  Ctrl+D"), self.take_deposit, "orders.deposit"
        )
        self.ready_button = make(
            "markReady", _("Mark ready  Ctrl+R"), self.mark_ready, "orders.ready"
        )
        self.pickup_button = make("pickUp", _("Pick up  F12"), self.pick_up, "orders.pickUp")
        self.cancel_button = make(
            "cancelOrder", _("Cancel order  Ctrl+Del"), self.cancel_order, "orders.cancel"
        )
        self.print_button = make(
            "printSlip", _("Print slip  Ctrl+P"), self.print_slip, "orders.print"
        )
        self.pdf_button = make(
            "saveSlipPdf", _("Save slip as PDF  Ctrl+S"), self.save_pdf, "orders.pdf"
        )
        self.whatsapp_button = make(
            "orderWhatsApp", _("Send by WhatsApp  Ctrl+W"), self.send_whatsapp, "orders.whatsapp"
        )
        self.close_button = button("closeOrders", _("Close  Esc"), self.reject)
        self.jobs.hold(self.print_button, self.pdf_button)

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        show_label = QLabel(_("&Show:"))
        show_label.setBuddy(self.status)
        top.addWidget(show_label)
        top.addWidget(self.status)
        top.addWidget(self.this_week)
        top.addStretch(1)
        top.addWidget(self.count)
        actions = QGridLayout()
        row_one = (self.new_button, self.deposit_button, self.ready_button, self.pickup_button)
        row_two = (self.cancel_button, self.print_button, self.pdf_button, self.whatsapp_button)
        for column, widget in enumerate(row_one):
            actions.addWidget(widget, 0, column)
        for column, widget in enumerate(row_two):
            actions.addWidget(widget, 1, column)
        details = QVBoxLayout()
        details.addLayout(actions)
        details.addWidget(self.message)
        details.addWidget(self.details, 1)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(details, 1)
        layout.addLayout(bottom)

    # -- the list --------------------------------------------------------------

    def reload(self, select: int | None = None) -> None:
        """List the orders as filtered; select ``select`` (an id), or keep the one selected."""
        current = self.current()
        wanted = select if select is not None else (current.id if current else None)
        today = date.today()
        due_by = today + timedelta(WEEK - 1) if self.this_week.isChecked() else None
        self.orders = self._shop.orders.orders(self.status.currentData(), due_by=due_by)
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.orders))
        for row, order in enumerate(self.orders):
            self._fill_row(row, order, today)
        self.table.blockSignals(False)
        ids = [order.id for order in self.orders]
        self.count.setText(
            ngettext("{count} order", "{count} orders", len(ids)).format(count=len(ids))
        )
        if ids:
            self.table.selectRow(ids.index(wanted) if wanted in ids else 0)
        self._show_current()

    def _fill_row(self, row: int, order: OrderView, today: date) -> None:
        fmt = self._formats
        status = order.status.label
        shade = None
        if order.due_by(today - timedelta(1)):
            status = _("{status}, overdue").format(status=status)
            shade = OVERDUE
        elif order.due_by(today + timedelta(WEEK - 1)):
            shade = DUE_SOON
        cells = (
            order.number,
            order.customer_name,
            fmt.day(order.pickup_on) if order.pickup_on else "",
            status,
            fmt.money(order.total),
            fmt.money(order.deposit),
            fmt.money(order.balance),
        )
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if column >= 4:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if shade is not None:
                item.setBackground(QBrush(shade))
            self.table.setItem(row, column, item)

    def current(self) -> OrderView | None:
        """The order selected."""
        row = self.table.currentRow()
        return self.orders[row] if 0 <= row < len(self.orders) else None

    def _show_current(self) -> None:
        order = self.current()
        waiting = order is not None and order.status.waiting
        balance = order.balance if order is not None else 0
        self.deposit_button.setEnabled(waiting and balance > 0)
        self.ready_button.setEnabled(order is not None and order.status is OrderStatus.OPEN)
        self.pickup_button.setEnabled(waiting)
        self.cancel_button.setEnabled(waiting)
        for each in (self.print_button, self.pdf_button, self.whatsapp_button):
            each.setEnabled(order is not None and not self.jobs.busy)
        if order is None:
            self.details.setHtml("<p>" + _("No orders here. Ctrl+N takes a new one.") + "</p>")
            return
        self.details.setHtml(order_html(order, self._formats))

    # -- acting ----------------------------------------------------------------

    def new_order(self) -> None:
        """Ctrl+N: take a new order with its down payment; its slip can be printed at once."""
        saved = NewOrderDialog.ask(self._shop, self)
        if saved is None:
            return
        self.status.setCurrentIndex(0)
        self.this_week.setChecked(False)
        self.reload(saved.id)
        show_message(
            self.message,
            _("Order {number} saved. Ctrl+P prints its slip.").format(number=saved.number),
        )

    def take_deposit(self) -> None:
        """Ctrl+D: more down payment on the order selected."""
        order = self.current()
        if order is None or not order.status.waiting:
            return
        tender = DepositDialog.ask(self, self._settings, order.balance, order.balance)
        if tender is None:
            return
        self._act(lambda: self._shop.orders.add_deposit(order.id, tender), _("Down payment taken."))

    def mark_ready(self) -> None:
        """Ctrl+R: the goods are ready; Ctrl+W then tells the customer."""
        order = self.current()
        if order is None:
            return
        self._act(
            lambda: self._shop.orders.mark_ready(order.id),
            _("Ready. Ctrl+W tells the customer by WhatsApp."),
        )

    def pick_up(self) -> None:
        """F12: the customer takes the order and pays the rest (the payment screen)."""
        order = self.current()
        if order is None or not order.status.waiting:
            return
        if order.balance == 0:
            question = _("Order {number} is paid in full. Hand it over?").format(
                number=order.number
            )
            if dialogs.confirm(self, _("Pick up"), question):
                self._finish_pickup(order, [])
            return
        dialog = PaymentDialog(
            self,
            order.balance,
            currency=self._settings.currency,
            cash_rule=self._settings.cash_rule,
            money=money_text(self._settings),
            qris_payload=self._settings.qris_payload,
        )
        dialog.setWindowTitle(_("Pick up {number}: the rest to pay").format(number=order.number))
        dialog.accepted.connect(lambda: self._finish_pickup(order, dialog.tenders))
        dialog.finished.connect(lambda _result: self._payment_closed(dialog))
        self.payment_dialog = dialog
        dialog.open()
        dialog.amount.setFocus()

    def _payment_closed(self, dialog: PaymentDialog) -> None:
        if self.payment_dialog is dialog:
            self.payment_dialog = None
        dialog.deleteLater()

    def _finish_pickup(self, order: OrderView, tenders: list[Tender]) -> None:
        try:
            picked: PickupResult = self._approvals.run(
                lambda approval: self._shop.orders.pick_up(order.id, tenders, approval=approval)
            )
        except UserError as exc:
            show_message(self.message, str(exc), "error")
            return
        self.reload(order.id)
        sale = picked.sale
        text = _("Picked up: sale {number}.").format(number=sale.number)
        if sale.change:
            text = _("Picked up: sale {number}. Change {change}.").format(
                number=sale.number, change=self._formats.money(sale.change)
            )
        show_message(self.message, text)
        self.sale_completed.emit(sale.uuid)
        self.changed.emit(sale.changes)

    def cancel_order(self) -> None:
        """Ctrl+Del: cancel the order; the owner decides whether the DP is refunded or kept."""
        order = self.current()
        if order is None or not order.status.waiting:
            return
        choice = CancelDialog.ask(self, order.number, self._formats.money(order.deposit))
        if choice is None:
            return
        self._act(
            lambda: self._approvals.run(
                lambda approval: self._shop.orders.cancel(
                    order.id, refund=choice.refund, reason=choice.reason, approval=approval
                )
            ),
            _("Order cancelled, the DP refunded.")
            if choice.refund
            else _("Order cancelled, the DP kept."),
        )

    def print_slip(self) -> None:
        """Ctrl+P: print the order's slip (off the GUI thread)."""
        order = self.current()
        if order is None:
            return
        show_message(self.message, _("Printing the slip…"))
        self.jobs.run(
            lambda: self._shop.order_slips.print_slip(order.id),
            lambda _none: show_message(self.message, _("Slip printed.")),
            lambda words: show_message(self.message, words, "error"),
        )

    def save_pdf(self) -> None:
        """Ctrl+S: save the order's slip as a PDF to send or keep."""
        order = self.current()
        if order is None:
            return
        path = dialogs.save_file(
            self,
            _("Save the order slip"),
            _("order-{number}.pdf").format(number=order.number),
            "PDF (*.pdf)",
            kind=dialogs.FileKind.DOCUMENT,
        )
        if path is None:
            return
        self.jobs.run(
            lambda: self._shop.order_slips.write_pdf(order.id, path),
            lambda written: show_message(self.message, _("Saved {file}.").format(file=written)),
            lambda words: show_message(self.message, words, "error"),
        )

    def send_whatsapp(self) -> None:
        """Ctrl+W: a WhatsApp message to the customer: ready to pick up, or the order's state."""
        order = self.current()
        if order is None:
            return
        text = whatsapp_text(order, self._settings.shop_name, self._formats)
        if send_by_whatsapp(self, order.customer_phone, text) is not None:
            show_message(self.message, _("WhatsApp opened with the message."))

    def _act(self, work: Callable[[], OrderView], done: str) -> None:
        try:
            order = work()
        except UserError as exc:
            show_message(self.message, str(exc), "error")
            return
        self.reload(order.id)
        show_message(self.message, done)

    def done(self, result: int) -> None:
        """Wait for a slip being printed or saved before the window goes."""
        self.jobs.wait()
        super().done(result)
