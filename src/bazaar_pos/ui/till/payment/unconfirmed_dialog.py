"""Ctrl+Q at the till: confirm QRIS and e-wallet payments, or mark them as not received."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bazaar_pos.domain.payment import PaymentStatus
from bazaar_pos.errors import UserError
from bazaar_pos.i18n import _, ngettext
from bazaar_pos.services.merging.settlement import SettlementService
from bazaar_pos.services.selling.payment_confirmation import (
    AwaitingPayment,
    PaymentConfirmationService,
)
from bazaar_pos.ui.common.dialogs import TextDialog, show_message
from bazaar_pos.ui.common.formatting import MoneyText, method_label
from bazaar_pos.ui.till.payment.unconfirmed_model import UnconfirmedPaymentsModel
from bazaar_pos.ui.widgets.fields import button
from bazaar_pos.ui.widgets.tables import list_table


class UnconfirmedPaymentsDialog(QDialog):
    """QRIS and e-wallet payments whose money has not been seen yet, oldest first.

    Enter confirms the selected payment (the money shows in the provider's app);
    Ctrl+N marks it as not received, which leaves the sale for the owner to void
    or refund. Esc closes.

    Signals:
        payments_changed(): a payment was confirmed or marked not received.
    """

    payments_changed = Signal()

    def __init__(
        self,
        confirmations: PaymentConfirmationService,
        money: MoneyText,
        parent: QWidget | None = None,
        *,
        cashier: str = "",
        settlement: Callable[[], SettlementService] | None = None,
    ) -> None:
        """List the payments ``confirmations`` holds; confirm them as ``cashier``.

        With ``settlement`` (made when first asked for), a settlement report can
        be imported from here to confirm many payments at once.
        """
        super().__init__(parent)
        self.setObjectName("unconfirmedPayments")
        self.setAccessibleName(_("Unconfirmed payments"))
        self.setWindowTitle(_("Unconfirmed payments"))
        self.resize(900, 520)
        self._service = confirmations
        self._money = money
        self.cashier = cashier

        intro = QLabel(
            _(
                "Check each payment in your QRIS or e-wallet app (or on the soundbox) before "
                "confirming it. A customer's screenshot is not proof."
            )
        )
        intro.setObjectName("unconfirmedIntro")
        intro.setWordWrap(True)
        self.model = UnconfirmedPaymentsModel(money)
        self.table = list_table(
            "unconfirmedTable", _("Unconfirmed payments"), self.model, alternating=True
        )
        self.table.selectionModel().currentRowChanged.connect(lambda *_args: self._enable())
        self.empty = QLabel(_("No payments are waiting for confirmation."))
        self.empty.setObjectName("unconfirmedEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.summary = QLabel()
        self.summary.setObjectName("unconfirmedSummary")
        self.show_missing = QCheckBox(_("&Show payments marked not received"))
        self.show_missing.setObjectName("showNotReceived")
        self.show_missing.setAccessibleName(_("Show payments marked not received"))
        self.show_missing.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.show_missing.toggled.connect(lambda _on: self.reload())
        self.message = QLabel()
        self.message.setObjectName("unconfirmedMessage")
        self.message.setWordWrap(True)

        self.confirm_button = self._button(
            "confirmPayment",
            _("Money received  Enter"),
            "unconfirmed.confirm",
            self.confirm_current,
        )
        self.missing_button = self._button(
            "paymentNotReceived",
            _("Not received  Ctrl+N"),
            "unconfirmed.missing",
            self.not_received_current,
        )
        close = self._button("closeUnconfirmed", _("Close  Esc"), "", self.reject)
        self._settlement = settlement
        self.settle_button = self._button(
            "importSettlement", _("&Import settlement report…"), "", self.import_settlement
        )
        self.settle_button.setVisible(settlement is not None)

        options = QHBoxLayout()
        options.addWidget(self.summary, 1)
        options.addWidget(self.show_missing)
        buttons = QHBoxLayout()
        buttons.addWidget(self.confirm_button)
        buttons.addWidget(self.missing_button)
        buttons.addStretch(1)
        buttons.addWidget(self.settle_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(options)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    def _button(
        self, name: str, text: str, shortcut: str, slot: Callable[[], object]
    ) -> QPushButton:
        made = button(name, text, slot, shortcut=shortcut, shortcuts_on=self, focus=False)
        made.setAutoDefault(False)
        made.setMinimumHeight(44)
        return made

    def reload(self, select: int | None = None) -> None:
        """Read the payments again; keep the selection (or select ``select``) where it can."""
        current = self.current()
        keep = select if select is not None else (current.id if current else None)
        self.model.set_payments(
            self._service.awaiting(include_not_received=self.show_missing.isChecked())
        )
        rows = self.model.rowCount()
        if rows:
            row = self.model.row_of(keep) if keep is not None else -1
            self.table.selectRow(row if row >= 0 else 0)
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        awaiting = sum(
            1 for row in range(rows) if self.model.payment(row).status == PaymentStatus.AWAITING
        )
        self.summary.setText(
            _("{count} awaiting, {amount} in all.").format(
                count=awaiting, amount=self._money(self.model.total())
            )
        )
        self._enable()

    def current(self) -> AwaitingPayment | None:
        """The payment selected, if any."""
        row = self.table.currentIndex().row()
        if row < 0 or row >= self.model.rowCount():
            return None
        return self.model.payment(row)

    def confirm_current(self) -> None:
        """Record that the selected payment's money arrived."""
        payment = self.current()
        if payment is None:
            return
        try:
            result = self._service.confirm(payment.id, self.cashier)
        except UserError as exc:
            self._say(str(exc), "error")
            self.reload()
            return
        self.reload()
        self._say(
            _("{method} {amount} of {number} confirmed.").format(
                method=method_label(result.method),
                amount=self._money(result.amount),
                number=result.sale_number,
            )
        )
        self.payments_changed.emit()

    def not_received_current(self) -> None:
        """Record that the selected payment's money never arrived, with an optional note."""
        payment = self.current()
        if payment is None or payment.status != PaymentStatus.AWAITING:
            return
        note = TextDialog.ask(
            self,
            _("Not received: {number}").format(number=payment.sale_number),
            _(
                "The {method} payment of {amount} never arrived. The sale stays recorded for "
                "the owner to void or refund. What happened? (optional)"
            ).format(method=method_label(payment.method), amount=self._money(payment.amount)),
        )
        if note is None:
            return
        try:
            result = self._service.not_received(payment.id, self.cashier, note=note)
        except UserError as exc:
            self._say(str(exc), "error")
            self.reload()
            return
        self.reload()
        self._say(
            _("{number} marked as not received: the owner should void or refund it.").format(
                number=result.sale_number
            ),
            "warn",
        )
        self.payments_changed.emit()

    def import_settlement(self) -> None:
        """Confirm payments from the QRIS, e-wallet or bank report, after a preview."""
        if self._settlement is None:
            return
        from bazaar_pos.ui.till.payment.settlement_dialog import SettlementDialog

        summary = SettlementDialog.ask(self, self._settlement(), self._money, by=self.cashier)
        self.reload()
        if summary is not None and summary.confirmed:
            self._say(
                ngettext(
                    "{count} payment confirmed from the settlement report.",
                    "{count} payments confirmed from the settlement report.",
                    len(summary.confirmed),
                ).format(count=len(summary.confirmed))
            )
            self.payments_changed.emit()

    def _enable(self) -> None:
        payment = self.current()
        self.confirm_button.setEnabled(payment is not None)
        self.missing_button.setEnabled(
            payment is not None and payment.status == PaymentStatus.AWAITING
        )

    def _say(self, text: str, tone: str = "info") -> None:
        show_message(self.message, text, tone)
