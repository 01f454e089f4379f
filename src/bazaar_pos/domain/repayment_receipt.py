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

    def plain(lines: list[str], style: LineStyle = LineStyle.PLAIN) -> list[LaidLine]:
        return [LaidLine(line, style) for line in lines]

    shop = receipt.shop
    out = plain(centred(shop.name, columns), LineStyle.TITLE)
    for detail in (shop.address, shop.phone):
        if detail.strip():
            out += plain(centred(detail, columns))
    out.append(rule(columns))
    out += plain(centred(_("KASBON REPAYMENT"), columns), LineStyle.STRONG)
    out += plain(pair(_("No."), receipt.number, columns))
    out += plain(pair(_("Date"), receipt.paid_at.strftime(DATE_FORMAT), columns))
    if receipt.cashier.strip():
        out += plain(pair(_("Cashier"), receipt.cashier, columns))
    out += plain(pair(_("Customer"), receipt.customer, columns))
    if receipt.phone:
        out += plain(pair(_("Phone"), receipt.phone, columns))
    out.append(rule(columns))
    out += plain(pair(_("Owed before"), money(receipt.owed_before), columns))
    out += plain(pair(_("PAID"), money(receipt.amount), columns), LineStyle.STRONG)
    out += plain(pair(_("Paid with"), _(METHOD_LABELS[receipt.method]), columns))
    if receipt.reference.strip():
        out += plain(pair(_("Reference"), receipt.reference, columns))
    out.append(rule(columns))
    if receipt.owed_after > 0:
        out += plain(pair(_("STILL OWED"), money(receipt.owed_after), columns), LineStyle.STRONG)
    else:
        out += plain(centred(_("PAID IN FULL"), columns), LineStyle.STRONG)
    if receipt.footer.strip():
        out.append(LaidLine(""))
        for paragraph in receipt.footer.splitlines():
            out += plain(centred(paragraph, columns))
    return tuple(out)
