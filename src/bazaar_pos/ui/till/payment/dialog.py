"""The payment screen: cash with quick tenders, other methods with a reference, split payments.

The quick tenders (exact cash, likely notes) are shown and answer their keys only while cash
is the chosen method.

Choosing QRIS shows the customer the shop's QRIS carrying the amount, full screen.

Kasbon (F6) puts what is left, or the amount typed, on the chosen customer's account.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bazaar_pos.domain.cash_notes import suggested_tenders
from bazaar_pos.domain.money import Currency, MinorUnits, parse_money
from bazaar_pos.domain.payment import (
    TILL_METHODS,
    CashRule,
    PaymentMethod,
    PaymentProgress,
    Tender,
    needs_confirmation,
)
from bazaar_pos.domain.qris import MAX_AMOUNT_IDR, QrisError, merchant_of, with_amount
from bazaar_pos.i18n import _
from bazaar_pos.services.customers.views import CustomerView
from bazaar_pos.ui.common.dialogs import show_message
from bazaar_pos.ui.common.formatting import MoneyText, method_label
from bazaar_pos.ui.shortcuts import bind, bind_each
from bazaar_pos.ui.till.payment.kasbon_panel import KasbonPanel
from bazaar_pos.ui.till.payment.qris_window import QrisCustomerWindow

NOTE_BUTTONS = 3


class PaymentDialog(QDialog):
    """Takes the tenders for ``total``; ``tenders`` holds them once the dialog is accepted.

    Enter with nothing typed pays what is left by the chosen method (exact cash
    at first); a typed amount is added as a payment, and the dialog closes as
    soon as the payments cover the total. Esc goes back to the cart.

    With a QRIS ``qris_payload`` set up, choosing QRIS (F2) shows the customer
    that QRIS carrying the amount in a full-screen window (F11 shows it again).
    A QRIS or e-wallet payment awaits confirmation unless "Money received" is
    ticked.

    Kasbon (F6) needs the sale's ``customer``: it shows what they owe and the
    room under their limit, and the due date (``kasbon_due`` at first). Without
    a customer it says so; Ctrl+K asks the till to choose one (``customer_wanted``).

    Signals:
        qris_changed(str, object): the QRIS text shown to the customer and its amount,
            or "" once the QRIS window closed (a customer screen shows it too).
        customer_wanted(): the person asked to choose the sale's customer.
    """

    qris_changed = Signal(str, object)
    customer_wanted = Signal()

    def __init__(
        self,
        parent: QWidget,
        total: MinorUnits,
        *,
        currency: Currency,
        cash_rule: CashRule,
        money: MoneyText,
        qris_payload: str = "",
        customer: CustomerView | None = None,
        kasbon_due: date | None = None,
    ) -> None:
        """Ask for payment of ``total`` in ``currency``, rounding cash by ``cash_rule``."""
        super().__init__(parent)
        self.setObjectName("paymentDialog")
        self.setAccessibleName(_("Payment"))
        self.setWindowTitle(_("Payment"))
        self.setMinimumWidth(760)
        self.resize(760, 560)  # taller when split payments need it: its layout sets the least
        self.total = total
        self.tenders: list[Tender] = []
        self._currency = currency
        self._rule = cash_rule
        self._money = money
        self._method = PaymentMethod.CASH
        self._qris_payload = qris_payload
        self.qris_window: QrisCustomerWindow | None = None
        self.kasbon = KasbonPanel(money, kasbon_due or date.today(), self)
        self.kasbon.set_customer(customer)
        self.kasbon.customer_wanted.connect(self.customer_wanted)
        bind("payment.customer", self, self.customer_wanted.emit)
        self._build()
        self._refresh()

    def _build(self) -> None:
        due_caption = QLabel(_("Total to pay"))
        due_caption.setObjectName("payCaption")
        self.due = QLabel(self._money(self.total))
        self.due.setObjectName("payTotal")
        self.due.setAccessibleName(_("Total to pay"))
        self.due.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.rounding_note = QLabel()
        self.rounding_note.setObjectName("payNote")
        self.rounding_note.setAlignment(Qt.AlignmentFlag.AlignRight)

        methods = QHBoxLayout()
        self.method_buttons: dict[PaymentMethod, QPushButton] = {}
        group = QButtonGroup(self)
        for number, method in enumerate(TILL_METHODS, start=1):
            name = _("Kasbon") if method is PaymentMethod.ACCOUNT else method_label(method)
            button = QPushButton(f"{name}\nF{number}")
            button.setObjectName(f"method_{method.value}")
            button.setAccessibleName(method_label(method))
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumHeight(52)
            group.addButton(button)
            button.clicked.connect(lambda _checked=False, m=method: self.choose_method(m))
            methods.addWidget(button)
            self.method_buttons[method] = button
        methods_in_order = list(TILL_METHODS)
        bind_each("payment.method", self, lambda i: self.choose_method(methods_in_order[i]))

        self.amount = QLineEdit()
        self.amount.setObjectName("tenderedAmount")
        self.amount.setAccessibleName(_("Amount received"))
        self.amount.setPlaceholderText(_("Amount received, e.g. 100000, 100.000 or 100rb"))
        self.amount.textChanged.connect(lambda _text: self._refresh())
        self.amount.returnPressed.connect(self.enter)
        amount_label = QLabel(_("&Amount"))
        amount_label.setBuddy(self.amount)
        self.reference = QLineEdit()
        self.reference.setObjectName("paymentReference")
        self.reference.setAccessibleName(_("Reference"))
        self.reference.setPlaceholderText(_("Reference (optional)"))
        self.reference.returnPressed.connect(self.enter)
        reference_label = QLabel(_("&Reference"))
        reference_label.setBuddy(self.reference)
        self.received = QCheckBox(
            _("&Money received (seen in the provider's app or soundbox)  Ctrl+M")
        )
        self.received.setObjectName("moneyReceived")
        self.received.setAccessibleName(_("Money received"))
        self.received.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        bind("payment.received", self, self.toggle_received)
        self.qris_note = QLabel()
        self.qris_note.setObjectName("qrisNote")
        self.qris_note.setAccessibleName(_("QRIS"))
        self.qris_note.setWordWrap(True)
        bind("payment.qris", self, self.show_qris)
        fields = QGridLayout()
        fields.addWidget(amount_label, 0, 0)
        fields.addWidget(self.amount, 0, 1)
        fields.addWidget(reference_label, 1, 0)
        fields.addWidget(self.reference, 1, 1)
        fields.addWidget(self.received, 2, 1)
        fields.addWidget(self.qris_note, 3, 1)

        quick = QHBoxLayout()
        self.exact = QPushButton()
        self.exact.setObjectName("exactCash")
        self.exact.setAccessibleName(_("Exact cash"))
        self.exact.clicked.connect(self.pay_exact)
        self.note_buttons = []
        quick.addWidget(self.exact)
        self.quick_keys = bind("payment.exact", self, self.pay_exact)
        for number in range(NOTE_BUTTONS):
            button = QPushButton()
            button.setObjectName(f"noteButton{number + 1}")
            button.clicked.connect(lambda _checked=False, n=number: self.pay_note(n))
            quick.addWidget(button)
            self.note_buttons.append(button)
        self.quick_keys += bind_each("payment.note", self, self.pay_note)
        for button in (self.exact, *self.note_buttons):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumHeight(48)

        self.taken = QListWidget()
        self.taken.setObjectName("paymentsTaken")
        self.taken.setAccessibleName(_("Payments taken"))
        self.taken.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.taken.setMaximumHeight(96)
        self.remove_last = QPushButton(_("Remove last payment  Ctrl+Backspace"))
        self.remove_last.setObjectName("removeLastPayment")
        self.remove_last.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.remove_last.clicked.connect(self.undo_tender)
        bind("payment.undo", self, self.undo_tender)

        self.left_label = QLabel()
        self.left_label.setObjectName("payLeft")
        self.change = QLabel()
        self.change.setObjectName("changeDue")
        self.change.setAccessibleName(_("Change"))
        self.change.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.message = QLabel()
        self.message.setObjectName("payMessage")
        self.message.setWordWrap(True)

        back = QPushButton(_("Back to the cart  Esc"))
        back.setObjectName("payBack")
        back.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        back.clicked.connect(self.reject)
        self.complete = QPushButton(_("Complete sale  Enter"))
        self.complete.setObjectName("payComplete")
        self.complete.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.complete.setMinimumHeight(52)
        self.complete.clicked.connect(self.enter)

        header = QGridLayout()
        header.addWidget(due_caption, 0, 0)
        header.addWidget(self.due, 0, 1)
        header.addWidget(self.rounding_note, 1, 0, 1, 2)
        status = QHBoxLayout()
        status.addWidget(self.left_label, 1)
        status.addWidget(self.change)
        buttons = QHBoxLayout()
        buttons.addWidget(back)
        buttons.addStretch(1)
        buttons.addWidget(self.complete)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(methods)
        layout.addLayout(fields)
        layout.addWidget(self.kasbon)
        layout.addLayout(quick)
        layout.addWidget(self.taken)
        layout.addWidget(self.remove_last, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(status)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.choose_method(PaymentMethod.CASH)

    def showEvent(self, event: QShowEvent) -> None:
        """Keep the typing fields at full height (styled now): split payments grow the dialog."""
        for field in (self.amount, self.reference):
            field.setMinimumHeight(field.sizeHint().height())
        super().showEvent(event)

    # -- what the person does ------------------------------------------------

    def choose_method(self, method: PaymentMethod, *, show_qris: bool = True) -> None:
        """Take the next payment by ``method``; for QRIS, show the customer the code."""
        self._method = method
        self.method_buttons[method].setChecked(True)
        self.reference.setEnabled(method not in (PaymentMethod.CASH, PaymentMethod.ACCOUNT))
        self.received.setChecked(False)
        self.received.setVisible(needs_confirmation(method))
        self.amount.setFocus()
        self._refresh()
        if method is PaymentMethod.ACCOUNT and self.kasbon.customer is None:
            self._say(_("Kasbon needs a customer: Ctrl+K chooses one."))
        if method is PaymentMethod.QRIS and show_qris:
            self.show_qris()
        else:
            self.close_qris()
            self.qris_note.hide()

    @property
    def due_on(self) -> date:
        """The day the part on account (kasbon) is due."""
        return self.kasbon.due_on

    def set_customer(self, customer: CustomerView | None, total: MinorUnits) -> None:
        """The sale's customer was chosen (or cleared) while paying; ``total`` at their prices."""
        self.kasbon.set_customer(customer)
        if customer is None:
            self.tenders = [t for t in self.tenders if t.method is not PaymentMethod.ACCOUNT]
        if total != self.total:
            self.total = total
            self.due.setText(self._money(total))
            self.tenders.clear()  # taken against another total: take them again
        self._say("")
        self._refresh()
        self.amount.setFocus()

    def toggle_received(self) -> None:
        """Ctrl+M: tick (or untick) that the QRIS or e-wallet money was seen arriving."""
        if self.received.isVisible():
            self.received.toggle()

    def qris_amount(self) -> MinorUnits:
        """What the QRIS payment will be: the amount typed, or all that is left."""
        left = self.progress().left
        typed = self._typed()
        return typed if 0 < typed <= left else left

    def show_qris(self) -> None:
        """F11: show the customer, full screen, the shop's QRIS with the amount to pay by it."""
        if self._method is not PaymentMethod.QRIS:
            self.choose_method(PaymentMethod.QRIS)
            return
        amount = self.qris_amount()
        payload, problem = self._qris_with_amount(amount)
        if not payload:
            self.close_qris()
            show_message(self.qris_note, problem, "warn")
            self.qris_note.setVisible(bool(problem))
            return
        if self.qris_window is None:
            self.qris_window = QrisCustomerWindow(self, self._money)
            self.qris_window.closed.connect(self._qris_closed)
        self.qris_window.show_payment(payload, amount, merchant_of(payload))
        self.qris_changed.emit(payload, amount)
        if not self.qris_window.isVisible():
            self.qris_window.present()
        show_message(
            self.qris_note,
            _("The customer sees the QRIS for {amount}. F11 shows it again.").format(
                amount=self._money(amount)
            ),
        )
        self.qris_note.show()

    def close_qris(self) -> None:
        """Take the customer's QRIS window away."""
        if self.qris_window is not None and self.qris_window.isVisible():
            self.qris_window.close()

    def done(self, result: int) -> None:
        """Close the customer's QRIS window with the payment screen."""
        self.close_qris()
        super().done(result)

    def enter(self) -> None:
        """Add the typed amount, or pay what is left when nothing is typed; finish when paid."""
        text = self.amount.text().strip()
        progress = self.progress()
        if not text:
            if progress.covered:
                self.accept()
                return
            self._take(self._what_is_left(progress))
            return
        try:
            amount = parse_money(text, self._currency)
        except ValueError:
            self._say(_("“{text}” is not an amount.").format(text=text))
            return
        self._take(amount)

    def pay_exact(self) -> None:
        """Cash chosen: the customer hands over exactly the cash that is left."""
        if self._method is PaymentMethod.CASH:
            self._take(self._what_is_left(self.progress()))

    def pay_note(self, number: int) -> None:
        """Cash chosen: the customer hands over the ``number``-th suggested round amount."""
        notes = suggested_tenders(self.progress().cash_left, self._currency.code)
        if self._method is PaymentMethod.CASH and number < len(notes):
            self._take(notes[number])

    def undo_tender(self) -> None:
        """Take back the last payment added."""
        if self.tenders:
            self.tenders.pop()
            self._refresh()

    def progress(self) -> PaymentProgress:
        """The payments taken so far against the total."""
        return PaymentProgress.of(self.total, self.tenders, self._rule)

    # -- inner workings ------------------------------------------------------

    def _what_is_left(self, progress: PaymentProgress) -> MinorUnits:
        if self._method is PaymentMethod.CASH:
            return progress.cash_left or progress.left
        return progress.left

    def _take(self, amount: MinorUnits) -> None:
        progress = self.progress()
        if amount <= 0:
            self._say(_("A payment must be more than zero."))
            return
        if self._method is PaymentMethod.ACCOUNT and self.kasbon.customer is None:
            self._say(_("Kasbon needs a customer: Ctrl+K chooses one."))
            return
        if self._method is not PaymentMethod.CASH and amount > progress.left:
            self._say(
                _("A {method} payment cannot be more than what is left: {left}.").format(
                    method=method_label(self._method), left=self._money(progress.left)
                )
            )
            return
        reference = "" if self._method is PaymentMethod.CASH else self.reference.text().strip()
        received = needs_confirmation(self._method) and self.received.isChecked()
        self.tenders.append(Tender(self._method, amount, reference, received))
        self.close_qris()
        self.amount.clear()
        self.reference.clear()
        self._say("")
        if self.progress().covered:
            self.accept()
            return
        self.choose_method(self._method, show_qris=False)

    def _say(self, text: str) -> None:
        self.message.setText(text)

    def _qris_with_amount(self, amount: MinorUnits) -> tuple[str, str]:
        """The QRIS text carrying ``amount``, or why none can be shown."""
        if not self._qris_payload:
            return "", _(
                "No QRIS code is set up (Settings > Shop): the customer scans your printed "
                "QRIS sticker and types {amount}."
            ).format(amount=self._money(amount))
        if self._currency.code != "IDR":
            return "", _("QRIS is paid in rupiah: the customer scans your printed sticker.")
        if amount <= 0:
            return "", ""
        if amount > MAX_AMOUNT_IDR:
            return "", _("QRIS takes at most {limit} a payment: split the payment.").format(
                limit=self._money(MAX_AMOUNT_IDR)
            )
        try:
            return with_amount(self._qris_payload, amount), ""
        except QrisError as exc:
            return "", _("The shop's QRIS code cannot be used: {reason}").format(reason=exc)

    def _qris_closed(self) -> None:
        self.qris_changed.emit("", 0)
        if self.isVisible():
            show_message(
                self.qris_note,
                _("F11 shows the customer the QRIS for {amount} again.").format(
                    amount=self._money(self.qris_amount())
                ),
            )
            self.activateWindow()
            self.amount.setFocus()

    def _update_qris(self) -> None:
        """Keep the customer's QRIS in step with the amount typed."""
        window = self.qris_window
        if window is None or not window.isVisible() or self._method is not PaymentMethod.QRIS:
            return
        amount = self.qris_amount()
        payload, _problem = self._qris_with_amount(amount)
        if payload and amount != window.amount:
            window.show_payment(payload, amount, merchant_of(payload))
            self.qris_changed.emit(payload, amount)

    def _typed(self) -> MinorUnits:
        try:
            return max(parse_money(self.amount.text(), self._currency), 0)
        except ValueError:
            return 0

    def _refresh(self) -> None:
        progress = self.progress()
        cash = self._method is PaymentMethod.CASH
        rounded = progress.cash_due != progress.rest and progress.rest > 0
        self.rounding_note.setText(
            _("Cash rounded to {due}").format(due=self._money(progress.cash_due)) if rounded else ""
        )
        self.taken.clear()
        for tender in self.tenders:
            text = f"{method_label(tender.method)}   {self._money(tender.amount)}"
            text = f"{text}   {tender.reference}".rstrip()
            if needs_confirmation(tender.method) and not tender.received:
                text = _("{payment}   (awaiting confirmation)").format(payment=text)
            self.taken.addItem(text)
        self.taken.setVisible(bool(self.tenders))
        on_account = sum(t.amount for t in self.tenders if t.method is PaymentMethod.ACCOUNT)
        kasbon = self._method is PaymentMethod.ACCOUNT
        self.kasbon.show_charge(on_account + (self._typed() or progress.left if kasbon else 0))
        self.kasbon.setVisible(kasbon or bool(on_account))
        self.remove_last.setVisible(bool(self.tenders))
        left = progress.cash_left if cash else progress.left
        self.left_label.setText(_("Left to pay: {left}").format(left=self._money(left)))
        typed = self._typed() if cash else 0
        change = max(progress.cash_given + typed - progress.cash_due, 0) if typed else 0
        self.change.setText(
            _("Change {amount}").format(amount=self._money(change)) if change else ""
        )
        exact = progress.cash_left or progress.left
        self.exact.setText(_("Exact  {amount}\nCtrl+1").format(amount=self._money(exact)))
        self.exact.setVisible(cash)
        notes = suggested_tenders(progress.cash_left, self._currency.code) if cash else []
        for number, button in enumerate(self.note_buttons):
            if number < len(notes):
                button.setText(f"{self._money(notes[number])}\nCtrl+{number + 2}")
                button.setAccessibleName(self._money(notes[number]))
            button.setVisible(number < len(notes))
        for shortcut in self.quick_keys:
            shortcut.setEnabled(cash)  # notes are cash: never a QRIS or card payment
        self._update_qris()
