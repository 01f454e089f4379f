"""Payments awaiting confirmation as a table: sale, time, method, amount, status, reference."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from bazaar_pos.domain.payment import PaymentStatus
from bazaar_pos.i18n import _
from bazaar_pos.services.payment_confirmation import AwaitingPayment
from bazaar_pos.ui.formatting import MoneyText, local_time, method_label

Index = QModelIndex | QPersistentModelIndex
AMOUNT_COLUMN = 3


def status_text(status: str) -> str:
    """``Awaiting``, ``Not received`` or ``Confirmed`` in the person's language."""
    return {
        PaymentStatus.AWAITING.value: _("Awaiting"),
        PaymentStatus.NOT_RECEIVED.value: _("Not received"),
        PaymentStatus.CONFIRMED.value: _("Confirmed"),
    }.get(status, status)


class UnconfirmedPaymentsModel(QAbstractTableModel):
    """One row per payment, oldest first as the service returns them."""

    def __init__(self, money: MoneyText) -> None:
        """Show amounts with ``money``."""
        super().__init__()
        self._money = money
        self._payments: list[AwaitingPayment] = []
        self._headers = [
            _("Sale"),
            _("Time"),
            _("Method"),
            _("Amount"),
            _("Status"),
            _("Reference"),
        ]

    def set_payments(self, payments: list[AwaitingPayment]) -> None:
        """Replace the payments shown."""
        self.beginResetModel()
        self._payments = list(payments)
        self.endResetModel()

    def payment(self, row: int) -> AwaitingPayment:
        """The payment on ``row``."""
        return self._payments[row]

    def row_of(self, payment_id: int) -> int:
        """The row of the payment with ``payment_id``, or -1."""
        for row, payment in enumerate(self._payments):
            if payment.id == payment_id:
                return row
        return -1

    def total(self) -> int:
        """What the payments shown that still await confirmation come to."""
        return sum(p.amount for p in self._payments if p.status == PaymentStatus.AWAITING.value)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        """One row per payment."""
        return 0 if parent.isValid() else len(self._payments)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        """Six columns."""
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Cell text; amounts right-aligned."""
        if not index.isValid():
            return None
        payment = self._payments[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            values = (
                payment.sale_number,
                local_time(payment.sold_at),
                method_label(payment.method),
                self._money(payment.amount),
                status_text(payment.status),
                payment.reference,
            )
            return values[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column == AMOUNT_COLUMN:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        """Column titles."""
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None
