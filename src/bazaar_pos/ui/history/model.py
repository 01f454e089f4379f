"""Past sales as a table: number, time, items, total, how it was paid, and what became of it."""

from __future__ import annotations

from bazaar_pos.domain.money import MinorUnits
from bazaar_pos.i18n import _
from bazaar_pos.services.selling.sales_history import SaleSummary
from bazaar_pos.ui.common.formatting import MoneyText, local_time, method_label
from bazaar_pos.ui.widgets.table_model import ListTableModel

NUMBER_COLUMNS = (2, 3)


def refund_amount_text(amount: MinorUnits, paid_out: MinorUnits, money: MoneyText) -> str:
    """A refund's amount, and what is paid out when cash rounding makes that differ."""
    if paid_out == amount:
        return money(amount)
    return _("{amount}, paid out {paid} after cash rounding").format(
        amount=money(amount), paid=money(paid_out)
    )


def sale_status(sale: SaleSummary, money: MoneyText) -> str:
    """``Voided``, ``Refunded Rp45.000`` or nothing."""
    if sale.voided:
        return _("Voided")
    if sale.refunded:
        return _("Refunded {amount}").format(amount=money(sale.refunded))
    return ""


class SalesListModel(ListTableModel[SaleSummary]):
    """One row per sale, newest first as the service returns them."""

    numeric_columns = frozenset(NUMBER_COLUMNS)

    def __init__(self, money: MoneyText) -> None:
        """Show amounts with ``money``."""
        super().__init__([_("Sale"), _("Time"), _("Items"), _("Total"), _("Paid by"), _("Status")])
        self._money = money

    def set_sales(self, sales: list[SaleSummary]) -> None:
        """Replace the sales shown."""
        self.set_items(sales)

    def sale(self, row: int) -> SaleSummary:
        """The sale on ``row``."""
        return self.item(row)

    def row_of(self, sale_uuid: str) -> int:
        """The row of the sale with ``sale_uuid``, or -1."""
        return self.row_where(lambda sale: sale.uuid == sale_uuid)

    def text(self, item: SaleSummary, row: int, column: int) -> str:
        """Number, time, items, total, how it was paid, and what became of it."""
        values = (
            item.number,
            local_time(item.created_at),
            str(item.item_count),
            self._money(item.total),
            ", ".join(method_label(m) for m in item.methods),
            sale_status(item, self._money),
        )
        return values[column]
