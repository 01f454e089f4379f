"""An amount of money and a reason: the float of a new shift, cash paid in or out."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from bazaar_pos.domain.money import Currency, MinorUnits, parse_money
from bazaar_pos.i18n import _
from bazaar_pos.ui.common.dialogs import ok_cancel


class AmountDialog(QDialog):
    """Asks for an amount (``100000``, ``100rb``) and a reason, required or not."""

    def __init__(
        self,
        parent: QWidget,
        title: str,
        amount_label: str,
        reason_label: str,
        currency: Currency,
        *,
        reason_required: bool,
        zero_allowed: bool = False,
    ) -> None:
        """Ask for an amount in ``currency`` and a reason."""
        super().__init__(parent)
        self.setObjectName("amountDialog")
        self.setAccessibleName(title)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self._currency = currency
        self._reason_required = reason_required
        self._zero_allowed = zero_allowed
        self.amount = QLineEdit()
        self.amount.setObjectName("amountField")
        self.amount.setAccessibleName(amount_label)
        self.amount.setPlaceholderText(_("e.g. 200000 or 200rb"))
        example = self.amount.fontMetrics().horizontalAdvance(self.amount.placeholderText())
        self.amount.setMinimumWidth(example + 32)  # the example whole, in either language
        self.reason = QLineEdit()
        self.reason.setObjectName("reasonField")
        self.reason.setAccessibleName(reason_label)
        self.problem = QLabel()
        self.problem.setObjectName("dialogProblem")
        self.problem.setWordWrap(True)
        form = QFormLayout()
        amount_caption = QLabel(amount_label)
        amount_caption.setBuddy(self.amount)
        reason_caption = QLabel(reason_label)
        reason_caption.setBuddy(self.reason)
        form.addRow(amount_caption, self.amount)
        form.addRow(reason_caption, self.reason)
        buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def value(self) -> MinorUnits:
        """The amount typed; ValueError when it cannot be read."""
        text = self.amount.text().strip()
        return parse_money(text, self._currency) if text else 0

    def accept(self) -> None:
        """Close only with an amount that can be read (and a reason when one is needed)."""
        try:
            amount = self.value()
        except ValueError:
            amount = -1
        if amount < 0 or (amount == 0 and not self._zero_allowed):
            self.problem.setText(_("Type an amount such as 50000 or 50rb."))
            return
        if self._reason_required and not self.reason.text().strip():
            self.problem.setText(_("Say why."))
            return
        super().accept()

    @classmethod
    def ask(
        cls,
        parent: QWidget,
        title: str,
        amount_label: str,
        reason_label: str,
        currency: Currency,
        *,
        reason_required: bool,
        zero_allowed: bool = False,
    ) -> tuple[MinorUnits, str] | None:
        """The amount and reason typed, or None when cancelled."""
        dialog = cls(
            parent,
            title,
            amount_label,
            reason_label,
            currency,
            reason_required=reason_required,
            zero_allowed=zero_allowed,
        )
        dialog.amount.setFocus()
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.value(), dialog.reason.text().strip()
