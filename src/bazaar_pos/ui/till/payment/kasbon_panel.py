"""The payment screen's kasbon part: whose account, what they owe, room left, the due date."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from bazaar_pos.domain.money import MinorUnits
from bazaar_pos.domain.receivables import over_limit
from bazaar_pos.i18n import _
from bazaar_pos.services.customers.views import CustomerView
from bazaar_pos.ui.common.dialogs import show_message
from bazaar_pos.ui.common.formatting import MoneyText
from bazaar_pos.ui.widgets.fields import date_edit, picked_day


class KasbonPanel(QWidget):
    """Shown while kasbon is chosen: the customer's balance and limit, and when it falls due.

    Without a customer it says kasbon needs one and offers to choose one
    (``customer_wanted``).
    """

    customer_wanted = Signal()

    def __init__(self, money: MoneyText, due: date, parent: QWidget | None = None) -> None:
        """Write amounts with ``money``; the due date starts at ``due``."""
        super().__init__(parent)
        self.setObjectName("kasbonPanel")
        self._money = money
        self.customer: CustomerView | None = None
        self.account = QLabel()
        self.account.setObjectName("kasbonAccount")
        self.account.setAccessibleName(_("Customer's account"))
        self.account.setWordWrap(True)
        self.due = date_edit("kasbonDue", _("Kasbon due on"), due)
        self.due.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        due_label = QLabel(_("Due on"))
        due_label.setBuddy(self.due)
        self.choose = QPushButton(_("Choose the customer  Ctrl+K"))
        self.choose.setObjectName("kasbonChooseCustomer")
        self.choose.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.choose.clicked.connect(self.customer_wanted)
        self.warning = QLabel()
        self.warning.setObjectName("kasbonWarning")
        self.warning.setWordWrap(True)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(due_label)
        row.addWidget(self.due)
        row.addStretch(1)
        row.addWidget(self.choose)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.account)
        layout.addLayout(row)
        layout.addWidget(self.warning)

    @property
    def due_on(self) -> date:
        """The day the kasbon is due."""
        return picked_day(self.due)

    def set_customer(self, customer: CustomerView | None) -> None:
        """Show ``customer``'s account (None: say kasbon needs a customer)."""
        self.customer = customer
        self.show_charge(0)

    def show_charge(self, charge: MinorUnits) -> None:
        """Say what putting ``charge`` more on the account does to the limit."""
        customer = self.customer
        self.choose.setVisible(customer is None)
        self.due.setEnabled(customer is not None)
        if customer is None:
            self.account.setText(_("Kasbon needs a customer."))
            show_message(self.warning, "")
            self.warning.hide()
            return
        self.account.setText(
            _("{name} owes {owed}; room under the limit: {room} of {limit}").format(
                name=customer.name,
                owed=self._money(max(customer.owed, 0)),
                room=self._money(customer.room),
                limit=self._money(customer.credit_limit),
            )
        )
        beyond = over_limit(customer.owed, charge, customer.credit_limit) if charge else 0
        if beyond:
            show_message(
                self.warning,
                _(
                    "{amount} beyond the limit: an owner approves with their PIN "
                    "when the sale is completed."
                ).format(amount=self._money(beyond)),
                "warn",
            )
        self.warning.setVisible(bool(beyond))
