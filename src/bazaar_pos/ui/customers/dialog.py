"""Adding or changing a customer: name, phone, group, notes, address and credit limit."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from bazaar_pos.domain.money import MinorUnits
from bazaar_pos.domain.phone import display_phone
from bazaar_pos.errors import UserError
from bazaar_pos.i18n import _
from bazaar_pos.services.customers.views import CustomerDraft, CustomerView, GroupView
from bazaar_pos.services.settings import ShopSettings
from bazaar_pos.ui.common.dialogs import describe, ok_cancel, show_message
from bazaar_pos.ui.widgets.fields import combo, line_edit, named
from bazaar_pos.ui.widgets.money_edit import MoneyEdit

Save = Callable[[CustomerDraft], CustomerView]
"""Stores the draft (asking the owner when the limit changed) and returns the customer."""


class CustomerDialog(QDialog):
    """The customer's details; OK saves them through ``save`` and stays open on a problem.

    ``saved`` holds the customer once stored.
    """

    def __init__(
        self,
        parent: QWidget | None,
        settings: ShopSettings,
        groups: list[GroupView],
        save: Save,
        customer: CustomerView | None = None,
    ) -> None:
        """A new customer, or ``customer`` to change; ``groups`` to choose from."""
        super().__init__(parent)
        self.setObjectName("customerDialog")
        title = _("New customer") if customer is None else _("Change customer")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setMinimumWidth(460)
        self._save = save
        self._customer = customer
        self.saved: CustomerView | None = None
        self.name = line_edit("customerName", _("Name"))
        self.phone = line_edit("customerPhone", _("Phone (WhatsApp)"))
        self.phone.setPlaceholderText("0812-3456-7890")
        self.group = combo("customerGroup", _("Group"), [(_("No group"), None)])
        for group in groups:
            self.group.addItem(group.name, group.id)
        self.address = line_edit("customerAddress", _("Address"))
        self.notes = named(QPlainTextEdit(), "customerNotes", _("Notes"))
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(64)
        self.limit = named(
            MoneyEdit(settings.currency, settings.money_locale), "customerLimit", _("Credit limit")
        )
        self.limit.setToolTip(_("Changing a customer's credit limit needs the owner."))
        if customer is None:
            self.limit.set_value(settings.credit_limit)
        else:
            self.name.setText(customer.name)
            self.phone.setText(display_phone(customer.phone))
            index = self.group.findData(customer.group_id)
            self.group.setCurrentIndex(max(index, 0))
            self.address.setText(customer.address)
            self.notes.setPlainText(customer.notes)
            self.limit.set_value(customer.credit_limit)
        form = QFormLayout()
        for text, field in (
            (_("&Name:"), self.name),
            (_("&Phone:"), self.phone),
            (_("&Group:"), self.group),
            (_("A&ddress:"), self.address),
            (_("No&tes:"), self.notes),
            (_("Credit &limit:"), self.limit),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
        self.problem = named(QLabel(), "dialogProblem", _("Problem"))
        self.problem.setWordWrap(True)
        self.buttons = ok_cancel(self, _("Save  Enter"))
        self.buttons.accepted.disconnect()
        self.buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.name.setFocus()

    def draft(self) -> CustomerDraft:
        """What the fields say."""
        return CustomerDraft(
            name=self.name.text(),
            phone=self.phone.text(),
            group_id=self.group.currentData(),
            notes=self.notes.toPlainText(),
            address=self.address.text(),
            credit_limit=self._limit(),
            active=True if self._customer is None else self._customer.active,
        )

    def _limit(self) -> MinorUnits | None:
        value = self.limit.value()
        if value is None and self._customer is not None:
            return self._customer.credit_limit
        return value if value is not None else 0

    def accept(self) -> None:
        """Save; on a problem say it and stay open."""
        if not self.limit.is_valid():
            show_message(self.problem, _("The credit limit is not an amount."), "error")
            self.limit.setFocus()
            return
        try:
            self.saved = self._save(self.draft())
        except UserError as exc:
            show_message(self.problem, describe(exc), "error")
            return
        super().accept()
