"""The small dialogs of an order's money: a down payment taken, and a cancelling decided."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from bazaar_pos.domain.money import MinorUnits
from bazaar_pos.domain.payment import MONEY_METHODS, PaymentMethod, Tender
from bazaar_pos.i18n import _
from bazaar_pos.services.settings import ShopSettings
from bazaar_pos.ui.common.dialogs import ok_cancel, show_message
from bazaar_pos.ui.common.formatting import method_label
from bazaar_pos.ui.widgets.fields import combo, line_edit, named
from bazaar_pos.ui.widgets.money_edit import MoneyEdit


class DepositDialog(QDialog):
    """How much down payment the customer pays now, and how."""

    def __init__(
        self, parent: QWidget | None, settings: ShopSettings, left: MinorUnits, suggested: int
    ) -> None:
        """Take at most ``left``; the amount starts at ``suggested``."""
        super().__init__(parent)
        self.setObjectName("depositDialog")
        self.setAccessibleName(_("Down payment"))
        self.setWindowTitle(_("Down payment"))
        self._left = left
        self.amount = named(
            MoneyEdit(settings.currency, settings.money_locale), "depositAmount", _("Amount")
        )
        self.amount.set_value(suggested or None)
        self.method = combo(
            "depositMethod", _("Paid by"), [(method_label(m), m) for m in MONEY_METHODS]
        )
        self.reference = line_edit("depositReference", _("Reference"))
        self.message = QLabel()
        self.message.setObjectName("depositMessage")
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("&Amount:"), self.amount)
        form.addRow(_("Paid &by:"), self.method)
        form.addRow(_("&Reference:"), self.reference)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(ok_cancel(self))
        self.tender: Tender | None = None

    def accept(self) -> None:
        """Keep the down payment typed, or say what is wrong with it."""
        amount = self.amount.value()
        if amount is None or amount <= 0:
            show_message(self.message, _("Type the amount of the down payment."), "error")
            return
        if amount > self._left:
            show_message(
                self.message, _("The down payment is more than what is left to pay."), "error"
            )
            return
        method = PaymentMethod(self.method.currentData())
        self.tender = Tender(method, amount, self.reference.text().strip(), received=True)
        super().accept()

    @classmethod
    def ask(
        cls, parent: QWidget | None, settings: ShopSettings, left: MinorUnits, suggested: int
    ) -> Tender | None:
        """The down payment taken, or None when cancelled (tests patch this)."""
        dialog = cls(parent, settings, left, suggested)
        dialog.amount.setFocus()
        dialog.amount.selectAll()
        return dialog.tender if dialog.exec() == QDialog.DialogCode.Accepted else None


@dataclass(frozen=True, slots=True)
class CancelChoice:
    """The owner's decision on cancelling: refund the down payment, or keep it; and why."""

    refund: bool
    reason: str


class CancelDialog(QDialog):
    """Cancel an order: the down payment refunded (money out of the drawer) or kept."""

    def __init__(self, parent: QWidget | None, number: str, deposit: str) -> None:
        """Cancel order ``number`` whose down payments come to ``deposit`` (as shown)."""
        super().__init__(parent)
        self.setObjectName("cancelOrderDialog")
        self.setAccessibleName(_("Cancel the order"))
        self.setWindowTitle(_("Cancel order {number}").format(number=number))
        intro = QLabel(
            _("The customer paid {amount} down. What happens to it?").format(amount=deposit)
        )
        intro.setWordWrap(True)
        self.refund = named(
            QRadioButton(_("&Refund it to the customer")), "refundDeposit", _("Refund it")
        )
        self.keep = named(QRadioButton(_("&Keep it (forfeited)")), "keepDeposit", _("Keep it"))
        self.refund.setChecked(True)
        self.reason = line_edit("cancelReason", _("Why"))
        self.reason.setPlaceholderText(_("e.g. the customer changed their mind"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("&Why:"), self.reason)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.refund)
        layout.addWidget(self.keep)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(ok_cancel(self, _("Cancel the order  Enter")))
        self.choice: CancelChoice | None = None

    def accept(self) -> None:
        """Keep the decision; a reason is asked for."""
        reason = self.reason.text().strip()
        if not reason:
            show_message(self.message, _("Say why the order is cancelled."), "error")
            self.reason.setFocus()
            return
        self.choice = CancelChoice(self.refund.isChecked(), reason)
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None, number: str, deposit: str) -> CancelChoice | None:
        """The decision, or None when the order stays (tests patch this)."""
        dialog = cls(parent, number, deposit)
        dialog.reason.setFocus()
        return dialog.choice if dialog.exec() == QDialog.DialogCode.Accepted else None
