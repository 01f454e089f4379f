"""Payments awaiting confirmation as a table: sale, time, method, amount, status, reference."""

from __future__ import annotations

from bazaar_pos.domain.payment import PaymentStatus
from bazaar_pos.i18n import _
from bazaar_pos.services.selling.payment_confirmation import AwaitingPayment
from bazaar_pos.ui.common.formatting import MoneyText, local_time, method_label
from bazaar_pos.ui.widgets.table_model import ListTableModel

AMOUNT_COLUMN = 3


def status_text(status: str) -> str:
    """``Awaiting``, ``Not received`` or ``Confirmed`` in the person's language."""
    return {
        PaymentStatus.AWAITING.value: _("Awaiting"),
        PaymentStatus.NOT_RECEIVED.value: _("Not received"),
        PaymentStatus.CONFIRMED.value: _("Confirmed"),
    }.get(status, status)


class UnconfirmedPaymentsModel(ListTableModel[AwaitingPayment]):
    """One row per payment, oldest first as the service returns them."""

    numeric_columns = frozenset({AMOUNT_COLUMN})

    def __init__(self, money: MoneyText) -> None:
        """Show amounts with ``money``."""
        super().__init__(
            [_("Sale"), _("Time"), _("Method"), _("Amount"), _("Status"), _("Reference")]
        )
        self._money = money

    def set_payments(self, payments: list[AwaitingPayment]) -> None:
        """Replace the payments shown."""
        self.set_items(payments)

    def payment(self, row: int) -> AwaitingPayment:
        """The payment on ``row``."""
        return self.item(row)

    def row_of(self, payment_id: int) -> int:
        """The row of the payment with ``payment_id``, or -1."""
        return self.row_where(lambda payment: payment.id == payment_id)

    def total(self) -> int:
        """What the payments shown that still await confirmation come to."""
        return sum(p.amount for p in self._items if p.status == PaymentStatus.AWAITING.value)

    def text(self, item: AwaitingPayment, row: int, column: int) -> str:
        """Sale, time, method, amount, status and reference."""
        values = (
            item.sale_number,
            local_time(item.sold_at),
            method_label(item.method),
            self._money(item.amount),
            status_text(item.status),
            item.reference,
        )
        return values[column]
