"""The Z report as plain text lines for a 32-, 42- or 48-column receipt printer."""

from __future__ import annotations

from unidecode import unidecode

from bazaar_pos.domain.formats import Formats
from bazaar_pos.domain.money_in import other_label
from bazaar_pos.domain.payment import method_label
from bazaar_pos.domain.receipt_layout import LINE_DOTS
from bazaar_pos.domain.zreport import ZReport
from bazaar_pos.i18n import _

WIDTHS = tuple(sorted(LINE_DOTS))
"""The line widths a receipt printer can be set to."""


def zreport_lines(z: ZReport, width: int, language: str) -> list[str]:
    """The Z report laid out in ``width`` columns, ASCII only (cheap printers' code pages)."""
    if width not in WIDTHS:
        raise ValueError(f"a receipt is 32, 42 or 48 columns wide, not {width}")
    fmt = Formats(z.shop, language)
    f = z.figures
    rule, double = "-" * width, "=" * width

    def pair(label: str, value: str) -> str:
        room = width - len(value) - 1
        return f"{label[:room]:<{room}} {value}"

    lines = [z.shop.name.center(width).rstrip()]
    if z.shop.address:
        lines.append(z.shop.address.center(width).rstrip())
    lines += [
        double,
        _("Z REPORT").center(width).rstrip(),
        pair(_("Day"), fmt.date(z.day)),
        pair(_("Till"), z.till_code),
        pair(_("Printed"), fmt.datetime(z.generated_at)),
    ]
    if z.first_sale:
        lines.append(pair(_("Sales"), f"{z.first_sale} - {z.last_sale}"))
    lines += [
        rule,
        pair(_("Number of sales"), fmt.count(f.sale_count)),
        pair(_("Items sold"), fmt.count(f.items)),
        pair(_("Gross sales"), fmt.money(f.gross)),
        pair(_("Discounts"), fmt.money(-f.discounts)),
        pair(_("Refunds"), fmt.money(-f.refunded)),
        pair(_("Net sales"), fmt.money(f.net)),
        pair(_("Tax"), fmt.money(f.tax)),
        pair(_("Cash rounding"), fmt.money(f.rounding)),
        rule,
        _("PAYMENTS"),
    ]
    for payment in z.payments:
        lines.append(
            pair(f"{payment.label} ({fmt.count(payment.sales)})", fmt.money(payment.amount))
        )
    if not z.payments:
        lines.append(_("No payments"))
    lines.append(pair(_("Total received"), fmt.money(f.collected)))
    if z.not_yet_paid:
        lines.append(pair(_("of which not yet paid (kasbon)"), fmt.money(z.not_yet_paid)))
    if z.paid_earlier:
        lines.append(pair(_("of which paid earlier (down payments)"), fmt.money(z.paid_earlier)))
    if z.other_money:
        lines += [rule, _("MONEY IN BESIDES SALES")]
        lines += [
            pair(other_label(item, method_label), fmt.money(item.signed))
            for item in z.other_money
        ]
    lines += [
        rule,
        pair(_("Refunds ({count})").format(count=f.refunds.count), fmt.money(f.refunds.amount)),
        pair(_("Voids ({count})").format(count=f.voids.count), fmt.money(f.voids.amount)),
        rule,
        pair(_("Cash sales"), fmt.money(z.cash_sales)),
        pair(_("Cash paid out"), fmt.money(-z.cash_paid_out)),
    ]
    if z.other_cash:
        lines.append(pair(_("Kasbon repaid and down payments"), fmt.money(z.other_cash)))
    lines += [
        pair(_("CASH EXPECTED"), fmt.money(z.cash_expected)),
        pair(_("Cash counted"), "__________"),
        double,
    ]
    return [unidecode(line)[:width] for line in lines]
