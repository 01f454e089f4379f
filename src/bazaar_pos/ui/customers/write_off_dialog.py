"""Writing off a debt the customer will not pay: the amount and the reason, the owner's call."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QVBoxLayout, QWidget

from bazaar_pos.errors import UserError
from bazaar_pos.i18n import _
from bazaar_pos.services.customers.views import CustomerView, EntryView
from bazaar_pos.services.settings import ShopSettings
from bazaar_pos.ui.common.dialogs import describe, ok_cancel, show_message
from bazaar_pos.ui.common.formatting import Formats
from bazaar_pos.ui.widgets.fields import line_edit, named
from bazaar_pos.ui.widgets.money_edit import MoneyEdit

WriteOff = Callable[[int, str], EntryView]
"""Writes off an amount for a reason (asking the owner); returns the ledger entry."""


class WriteOffDialog(QDialog):
    """The amount given up (what is owed, unless typed) and why; ``entry`` once written off."""

    def __init__(
        self,
        parent: QWidget | None,
        settings: ShopSettings,
        customer: CustomerView,
        write_off: WriteOff,
    ) -> None:
        """Write off some or all of what ``customer`` owes through ``write_off``."""
        super().__init__(parent)
        self.setObjectName("writeOffDialog")
        title = _("Write off debt")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setMinimumWidth(420)
        self._write_off = write_off
        self.entry: EntryView | None = None
        owed = max(customer.owed, 0)
        intro = QLabel(
            _(
                "{name} owes {amount}. Writing it off is the owner's decision and is kept "
                "in the audit log."
            ).format(name=customer.name, amount=Formats(settings).money(owed))
        )
        intro.setWordWrap(True)
        self.amount = named(
            MoneyEdit(settings.currency, settings.money_locale), "writeOffAmount", _("Amount")
        )
        self.amount.set_value(owed)
        self.reason = line_edit("writeOffReason", _("Reason"))
        self.reason.setPlaceholderText(_("e.g. moved away, cannot be reached"))
        form = QFormLayout()
        for text, field in ((_("&Amount:"), self.amount), (_("&Reason:"), self.reason)):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
        self.problem = named(QLabel(), "dialogProblem", _("Problem"))
        self.problem.setWordWrap(True)
        buttons = ok_cancel(self, _("Write off  Enter"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.reason.setFocus()

    def accept(self) -> None:
        """Write the debt off; on a problem (no reason, too much, not approved) stay open."""
        amount = self.amount.value()
        if amount is None or amount <= 0:
            show_message(self.problem, _("Type the amount to write off."), "error")
            return
        if not self.reason.text().strip():
            show_message(self.problem, _("Say why the debt is written off."), "error")
            self.reason.setFocus()
            return
        try:
            self.entry = self._write_off(amount, self.reason.text())
        except UserError as exc:
            show_message(self.problem, describe(exc), "error")
            return
        super().accept()
