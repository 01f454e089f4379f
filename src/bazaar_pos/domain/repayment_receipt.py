"""The repayment receipt: kasbon paid back, with the balance before and after, laid out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bazaar_pos.domain.money import Currency, MinorUnits, format_money
from bazaar_pos.domain.payment import PaymentMethod
from bazaar_pos.domain.receipt import ShopHeader
from bazaar_pos.domain.receipt_layout import (
    DATE_FORMAT,
    METHOD_LABELS,
    LaidLine,
    LineStyle,
    centred,
    heading,
    laid,
    pair,
    rule,
)
from bazaar_pos.i18n import _


@dataclass(frozen=True, slots=True)
class RepaymentReceipt:
    """Money a customer paid back on their kasbon, and what they owe after it."""

    shop: ShopHeader
    number: str
    paid_at: datetime
    cashier: str
    customer: str
    phone: str
    currency: Currency
    amount: MinorUnits
    method: PaymentMethod
    reference: str
    owed_before: MinorUnits
    money_locale: str = "id_ID"
    footer: str = ""

    @property
    def owed_after(self) -> MinorUnits:
        """What the customer still owes."""
        return self.owed_before - self.amount


def layout_repayment(receipt: RepaymentReceipt, columns: int) -> tuple[LaidLine, ...]:
    """The repayment receipt as lines for a paper ``columns`` characters wide."""

    def money(minor: MinorUnits) -> str:
        return format_money(minor, receipt.currency, receipt.money_locale)

    out = heading(receipt.shop, columns)
    out += laid(centred(_("KASBON REPAYMENT"), columns), LineStyle.STRONG)
    out += laid(pair(_("No."), receipt.number, columns))
    out += laid(pair(_("Date"), receipt.paid_at.strftime(DATE_FORMAT), columns))
    if receipt.cashier.strip():
        out += laid(pair(_("Cashier"), receipt.cashier, columns))
    out += laid(pair(_("Customer"), receipt.customer, columns))
    if receipt.phone:
        out += laid(pair(_("Phone"), receipt.phone, columns))
    out.append(rule(columns))
    out += laid(pair(_("Owed before"), money(receipt.owed_before), columns))
    out += laid(pair(_("PAID"), money(receipt.amount), columns), LineStyle.STRONG)
    out += laid(pair(_("Paid with"), _(METHOD_LABELS[receipt.method]), columns))
    if receipt.reference.strip():
        out += laid(pair(_("Reference"), receipt.reference, columns))
    out.append(rule(columns))
    if receipt.owed_after > 0:
        out += laid(pair(_("STILL OWED"), money(receipt.owed_after), columns), LineStyle.STRONG)
    else:
        out += laid(centred(_("PAID IN FULL"), columns), LineStyle.STRONG)
    if receipt.footer.strip():
        out.append(LaidLine(""))
        for paragraph in receipt.footer.splitlines():
            out += laid(centred(paragraph, columns))
    return tuple(out)
