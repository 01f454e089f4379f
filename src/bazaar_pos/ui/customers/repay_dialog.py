"""Receiving kasbon back: the amount (what is owed, unless typed), the method and a reference."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QVBoxLayout, QWidget

from bazaar_pos.domain.payment import PaymentMethod, method_label
from bazaar_pos.errors import UserError
from bazaar_pos.i18n import _
from bazaar_pos.services.customers.accounts import REPAYMENT_METHODS
from bazaar_pos.services.customers.views import CustomerView, EntryView
from bazaar_pos.services.settings import ShopSettings
from bazaar_pos.ui.common.dialogs import describe, ok_cancel, show_message
from bazaar_pos.ui.common.formatting import Formats
from bazaar_pos.ui.widgets.fields import combo, line_edit, named
from bazaar_pos.ui.widgets.money_edit import MoneyEdit

Repay = Callable[[int, PaymentMethod, str], EntryView]
"""Records a repayment of an amount by a method with a reference; returns the ledger entry."""


class RepayDialog(QDialog):
    """Money a customer pays back; more than they owe is refused and the dialog stays open.

    ``entry`` holds the repayment once recorded.
    """

    def __init__(
        self,
        parent: QWidget | None,
        settings: ShopSettings,
        customer: CustomerView,
        repay: Repay,
    ) -> None:
        """Take a repayment from ``customer`` through ``repay``."""
        super().__init__(parent)
        self.setObjectName("repayDialog")
        title = _("Receive payment")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setMinimumWidth(420)
        self._repay = repay
        self._owed = max(customer.owed, 0)
        self.entry: EntryView | None = None
        formats = Formats(settings)
        owed = QLabel(
            _("{name} owes {amount}.").format(
                name=customer.name, amount=formats.money(self._owed)
            )
        )
        owed.setObjectName("repayOwed")
        owed.setWordWrap(True)
        self.amount = named(
            MoneyEdit(settings.currency, settings.money_locale), "repayAmount", _("Amount")
        )
        self.amount.set_value(self._owed)
        self.method = combo(
            "repayMethod",
            _("Payment method"),
            [(method_label(method), method) for method in REPAYMENT_METHODS],
        )
        self.reference = line_edit("repayReference", _("Reference"))
        self.reference.setPlaceholderText(_("Transfer or QRIS reference (optional)"))
        form = QFormLayout()
        for text, field in (
            (_("&Amount:"), self.amount),
            (_("Paid &by:"), self.method),
            (_("&Reference:"), self.reference),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
        self.problem = named(QLabel(), "dialogProblem", _("Problem"))
        self.problem.setWordWrap(True)
        buttons = ok_cancel(self, _("Receive  Enter"))
        layout = QVBoxLayout(self)
        layout.addWidget(owed)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.amount.setFocus()
        self.amount.selectAll()

    def accept(self) -> None:
        """Record the repayment; on a problem say it and stay open."""
        amount = self.amount.value()
        if amount is None or amount <= 0:
            self._refuse(_("Type the amount received."))
            return
        if amount > self._owed:
            self._refuse(_("That is more than the customer owes."))
            return
        try:
            method = PaymentMethod(self.method.currentData())
            self.entry = self._repay(amount, method, self.reference.text())
        except UserError as exc:
            self._refuse(describe(exc))
            return
        super().accept()

    def _refuse(self, text: str) -> None:
        show_message(self.problem, text, "error")
        self.amount.setFocus()
        self.amount.selectAll()
