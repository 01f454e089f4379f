"""A sale's receipt as a short WhatsApp message: shop, date, lines, total, paid, thanks."""

from __future__ import annotations

from bazaar_pos.domain.money import MinorUnits, format_money
from bazaar_pos.domain.quantity import PER_UNIT, quantity_times_price
from bazaar_pos.domain.receipt import Receipt
from bazaar_pos.domain.receipt_layout import DATE_FORMAT, DAY_FORMAT, METHOD_LABELS
from bazaar_pos.i18n import _


def whatsapp_receipt_text(receipt: Receipt) -> str:
    """The receipt as plain text lines for a chat (``*bold*`` as WhatsApp writes it)."""

    def money(minor: MinorUnits) -> str:
        return format_money(minor, receipt.currency, receipt.money_locale)

    lines = [
        f"*{receipt.shop.name}*",
        _("Receipt {number}, {moment}").format(
            number=receipt.number, moment=receipt.sold_at.strftime(DATE_FORMAT)
        ),
        "",
    ]
    for item in receipt.items:
        if item.unit.counted and item.quantity_milli == PER_UNIT and item.priced is None:
            lines.append(f"{item.name}: {money(item.amount)}")
            continue
        each = quantity_times_price(
            item.quantity_milli, item.unit, money(item.unit_price), receipt.money_locale
        )
        lines.append(f"{item.name}, {each}: {money(item.amount)}")
    lines.append("")
    if receipt.discount:
        lines.append(_("Discount: {amount}").format(amount=money(-receipt.discount)))
    if receipt.member_saving:
        lines.append(
            _("{group} prices, you save {amount}").format(
                group=receipt.member_group, amount=money(receipt.member_saving)
            )
        )
    lines.append(_("*Total: {amount}*").format(amount=money(receipt.due)))
    for payment in receipt.payments:
        lines.append(
            _("Paid by {method}: {amount}").format(
                method=_(METHOD_LABELS[payment.method]), amount=money(payment.tendered)
            )
        )
    if receipt.change:
        lines.append(_("Change: {amount}").format(amount=money(receipt.change)))
    if receipt.kasbon_due is not None:
        lines.append(
            _("Kasbon due on {day}").format(day=receipt.kasbon_due.strftime(DAY_FORMAT))
        )
    lines.append("")
    if receipt.customer:
        lines.append(_("Thank you, {name}!").format(name=receipt.customer))
    else:
        lines.append(_("Thank you!"))
    return "\n".join(lines)
