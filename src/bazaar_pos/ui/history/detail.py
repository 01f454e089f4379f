"""A past sale written out as a small HTML page for the history's detail pane."""

from __future__ import annotations

from html import escape

from bazaar_pos.domain.payment import PaymentStatus
from bazaar_pos.domain.quantity import format_quantity
from bazaar_pos.i18n import _
from bazaar_pos.services.selling.sales_history import SaleDetail
from bazaar_pos.ui.common.formatting import MoneyText, local_time, method_label
from bazaar_pos.ui.history.model import sale_status

RIGHT = ' align="right"'


def _row(cells: list[str], *, right_from: int, tag: str = "td") -> str:
    return (
        "<tr>"
        + "".join(
            f"<{tag}{RIGHT if i >= right_from else ''}>{cell}</{tag}>"
            for i, cell in enumerate(cells)
        )
        + "</tr>"
    )


def sale_html(detail: SaleDetail, money: MoneyText, locale: str = "id_ID") -> str:
    """The sale's header, lines, totals, payments and refunds as HTML."""
    summary = detail.summary
    status = sale_status(summary, money)
    title = _("Sale {number}").format(number=summary.number)
    parts = [
        f"<h2>{escape(title)}</h2>",
        f"<p>{escape(local_time(summary.created_at))}"
        + (f" · {escape(detail.cashier)}" if detail.cashier else "")
        + (
            " · " + escape(_("Customer: {name}").format(name=detail.customer))
            if detail.customer
            else ""
        )
        + (f" · <b>{escape(status)}</b>" if status else "")
        + "</p>",
        '<table width="100%" cellspacing="0" cellpadding="3">',
        _row(
            [_("Item"), _("Qty"), _("Price"), _("Discount"), _("Total"), _("Refunded")],
            right_from=1,
            tag="th",
        ),
    ]
    for line in detail.lines:
        parts.append(
            _row(
                [
                    escape(line.name),
                    format_quantity(line.quantity_milli, line.unit, locale),
                    money(line.unit_price),
                    money(-line.discount) if line.discount else "",
                    money(line.total),
                    format_quantity(line.refunded, line.unit, locale) if line.refunded else "",
                ],
                right_from=1,
            )
        )
    parts.append("</table><br>")
    totals = [(_("Subtotal"), money(detail.subtotal))]
    if detail.discount:
        totals.append((_("Discount"), money(-detail.discount)))
    if detail.tax:
        caption = _("Tax included") if detail.tax_inclusive else _("Tax")
        totals.append((caption, money(detail.tax)))
    total = _("Total")
    totals.append((f"<b>{escape(total)}</b>", f"<b>{money(summary.total)}</b>"))
    if detail.rounding:
        totals.append((_("Cash rounding"), money(detail.rounding)))
    for payment in detail.payments:
        paid = money(payment.amount)
        if payment.change:
            paid = _("{amount} (given {tendered}, change {change})").format(
                amount=paid, tendered=money(payment.tendered), change=money(payment.change)
            )
        caption = method_label(payment.method)
        if payment.reference:
            caption = f"{caption} · {payment.reference}"
        if payment.status == PaymentStatus.AWAITING:
            caption = " · ".join((caption, _("awaiting confirmation")))
        elif payment.status == PaymentStatus.NOT_RECEIVED:
            caption = " · ".join((caption, _("NOT RECEIVED")))
        totals.append((escape(caption), escape(paid)))
    for refund in detail.refunds:
        kind = _("Void") if refund.kind == "void" else _("Refund")
        caption = f"{kind} {refund.number} · {local_time(refund.created_at)}"
        if refund.reason:
            caption = f"{caption} · {refund.reason}"
        if refund.paid_back != refund.total:
            rounded = _("paid out {paid} after cash rounding").format(paid=money(refund.paid_back))
            caption = f"{caption} · {rounded}"
        totals.append((escape(caption), money(-refund.total)))
    parts.append('<table width="100%" cellspacing="0" cellpadding="2">')
    parts.extend(_row([caption, value], right_from=1) for caption, value in totals)
    parts.append("</table>")
    return "".join(parts)
